"""Citations readers take away: the article's citation and its reference list as BibTeX, RIS
and CSL-JSON files, read back with pybtex, rispy and the CSL-JSON schema (tests/data)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pybtex.database
import pytest
import rispy

from conftest import ROOTS, sphinx_build

SCHEMA = json.loads((Path(__file__).parent / "data" / "csl-data.json").read_text(encoding="utf-8"))
REFERENCE_KEYS = ["kdi2025", "oecd2025", "lee2024", "etnews2025"]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):
    tmp = tmp_path_factory.mktemp("citefiles")
    shutil.copytree(ROOTS / "test-takeaway", tmp / "src")
    build = sphinx_build(tmp / "src", tmp / "out" / "html")
    assert build.returncode == 0, build.output
    return build


def test_pages_link_the_files(built) -> None:
    page = built.page("articles/budgets")
    (cite,) = page.xpath(
        "//div[contains(@class, 'kwelle-cite-this')]//p[contains(@class, 'kwelle-cite-files')]"
    )
    assert [a.get("href") for a in cite.xpath(".//a")] == ["budgets.bib", "budgets.ris", "budgets.csl.json"]
    assert [a.text_content() for a in cite.xpath(".//a")] == ["BibTeX", "RIS", "CSL-JSON"]
    (refs,) = page.xpath("//details//p[contains(@class, 'kwelle-cite-files')]")
    assert refs.text_content().startswith("Download these references:")
    hrefs = [a.get("href") for a in cite.xpath(".//a") + refs.xpath(".//a")]
    for href in hrefs:
        assert (built.outdir / "articles" / href).is_file(), href


def test_article_citation_imports(built) -> None:
    folder = built.outdir / "articles"
    bib = pybtex.database.parse_file(str(folder / "budgets.bib"), bib_format="bibtex")
    (entry,) = bib.entries.values()
    assert entry.key == "tj-budgets"
    assert entry.fields["title"] == "{Budgets & Growth: <What> Korea Spends}"
    assert entry.fields["journal"] == "Test Journal"
    (ris,) = rispy.load(folder / "budgets.ris", encoding="utf-8")
    assert ris["type_of_reference"] == "JOUR"
    assert ris["title"] == "Budgets & Growth: <What> Korea Spends"
    assert ris["authors"] == ["Ada Kim", "Test Journal editors"]
    assert ris["date"] == "2026/03/05/"
    assert ris["journal_name"] == "Test Journal"
    assert ris["urls"] == ["https://journal.example/articles/budgets.html"]
    assert ris["keywords"] == ["budgets", "Korea"]
    records = json.loads((folder / "budgets.csl.json").read_text(encoding="utf-8"))
    jsonschema.validate(records, SCHEMA)
    (record,) = records
    assert record["id"] == "tj-budgets"
    assert record["type"] == "article-journal"
    assert record["issued"] == {"date-parts": [[2026, 3, 5]]}
    assert record["container-title"] == "Test Journal"
    assert record["author"] == [{"literal": "Ada Kim"}, {"literal": "Test Journal editors"}]


def test_reference_list_imports(built) -> None:
    folder = built.outdir / "articles"
    bib = pybtex.database.parse_file(str(folder / "budgets.references.bib"), bib_format="bibtex")
    assert list(bib.entries) == REFERENCE_KEYS
    lee = bib.entries["lee2024"]
    assert [str(person) for person in lee.persons["author"]] == ["Lee, Ji-woo", "Schmidt, Anna"]
    assert lee.fields["doi"] == "10.1234/jte.2024.12"
    assert all("keywords" not in entry.fields for entry in bib.entries.values())  # the journal's filing
    assert bib.entries["etnews2025"].fields["title"] == "고성능 {GPU} 확보에 1.5조"

    ris = rispy.load(folder / "budgets.references.ris", encoding="utf-8")
    assert [record["id"] for record in ris] == REFERENCE_KEYS
    assert [record["type_of_reference"] for record in ris] == ["RPRT", "ELEC", "JOUR", "ELEC"]
    assert ris[0]["authors"] == ["Korea Development Institute"]
    assert ris[0]["publisher"] == "Korea Development Institute"
    assert ris[1]["notes"] == ["12 June 2025"]
    assert ris[2]["authors"] == ["Lee, Ji-woo", "Schmidt, Anna"]
    assert (ris[2]["start_page"], ris[2]["end_page"], ris[2]["volume"]) == ("45", "67", "12")
    assert ris[3]["title"] == "고성능 GPU 확보에 1.5조"

    records = json.loads((folder / "budgets.references.csl.json").read_text(encoding="utf-8"))
    jsonschema.validate(records, SCHEMA)
    assert [record["id"] for record in records] == REFERENCE_KEYS
    assert records[0]["author"] == [{"literal": "Korea Development Institute"}]
    assert records[2]["author"][0] == {"family": "Lee", "given": "Ji-woo"}
    assert records[2]["page"] == "45-67"
    assert records[2]["container-title"] == "Journal of Test Economics"


def test_rebuild_keeps_the_files(built) -> None:
    """Written once: a build that changes nothing leaves every file as it was, byte and time."""
    files = sorted((built.outdir / "articles").glob("budgets*.[bjr]*"))
    assert len(files) == 6
    before = {path: (path.read_bytes(), path.stat().st_mtime_ns) for path in files}
    again = sphinx_build(built.srcdir, built.outdir)
    assert again.returncode == 0, again.output
    assert {path: (path.read_bytes(), path.stat().st_mtime_ns) for path in files} == before
