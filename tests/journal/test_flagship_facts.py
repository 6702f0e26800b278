"""The flagship's facts, checked against its sources: not its wording.

A figure must stand beside a citation, a chart's number must be in what its sources say
(the entry's title or note records what was read), and a correction must cite both what
it corrects and what corrects it. Edit the article freely; these fail only when a figure
loses its source.
"""

from __future__ import annotations

import csv
import datetime as dt
import re

import pytest
from pybtex.database import parse_file, parse_string

from conftest import DOCS, Build
from kwelle.articles.frontmatter import parse_article_meta, read_front_matter
from kwelle.infographics.data import read_chart
from kwelle.sources.groups import is_report
from kwelle.sources.style import plain_text

ARTICLE = "articles/why-korea-leads-ai-now"
SOURCE = (DOCS / f"{ARTICLE}.md").read_text(encoding="utf-8")
BIB = parse_file(DOCS / "refs.bib").entries

#: an amount of money or a percentage, as the journal writes them
FIGURE = re.compile(r"[₩$¥€]\s?\d|\d(?:[\d,.]*\d)?\s?(?:%|per cent)")
AMOUNT = re.compile(r"[₩$¥€]\s?(\d[\d,]*(?:\.\d+)?)|(\d[\d,]*(?:\.\d+)?)\s?(?:%|per cent)")
CITE = re.compile(r"\{cite:[a-z]+\}`([^`]+)`")
CORRECTION = re.compile(r"^:::\{correction\} (\S+)\n(.*?)\n:::$", re.MULTILINE | re.DOTALL)
NOT_FIGURES = {"sources", "basis", "lever", "country", "reading", "ai_unit", "total_unit"}


def what_it_says(key: str) -> str:
    """An entry's title and note: what the journal read in it."""
    fields = BIB[key].fields
    return " ".join(plain_text(fields.get(name, "")) for name in ("title", "note"))


def says(number: str, key: str) -> bool:
    return re.search(rf"(?<![\d.,]){re.escape(number)}(?![\d]|[.,]\d)", what_it_says(key)) is not None


def chart_rows():
    for data in sorted((DOCS / "data").glob("*.csv")):
        with data.open(encoding="utf-8-sig", newline="") as handle:
            for line, row in enumerate(csv.DictReader(handle), start=2):
                yield pytest.param(row, id=f"{data.stem}:{line}")


@pytest.mark.parametrize("row", list(chart_rows()))
def test_each_chart_number_is_in_a_source_of_its_row(row: dict[str, str]) -> None:
    sources = row["sources"].split()
    assert sources, "a row without sources"
    assert set(sources) <= set(BIB), f"not in refs.bib: {set(sources) - set(BIB)}"
    numbers = [cell for name, cell in row.items() if name not in NOT_FIGURES and cell.strip()]
    assert numbers, "a row without a number"
    for number in numbers:
        assert any(says(number, key) for key in sources), f"{number} is in none of {sources}"


def test_chart_numbers_are_found_by_value_not_by_accident() -> None:
    """The matcher itself: 0.9 is not found in 10.9 or 0.95, 7,028 is found as written."""
    BIB["_probe"] = BIB["cbo2025outlook"]
    try:
        assert says("7,028", "_probe")
        assert not says("7,02", "_probe")
        assert not says("028", "_probe")
    finally:
        del BIB["_probe"]


def paragraphs(page) -> list:
    """The article's own paragraphs, corrections included; not chart notes or reference lists."""
    return page.xpath(
        "//article//section//p[not(ancestor::details)][not(ancestor::div[starts-with(@id, 'infographic-')])]"
        "[not(contains(@class, 'kwelle-correction-date'))]"
    )


def test_every_figure_in_the_text_stands_beside_a_citation(site: Build) -> None:
    page = site.page(ARTICLE)
    with_figures = [p for p in paragraphs(page) if FIGURE.search(p.text_content())]
    assert len(with_figures) >= 15  # the article is about figures: the check reads them
    for paragraph in with_figures:
        text = " ".join(paragraph.text_content().split())
        assert paragraph.xpath(".//span[contains(@class, 'bibtex-citation')]"), f"no citation: {text[:120]}"


def derived_shares() -> set[str]:
    """The shares the charts derive, as their notes print them ("… = 1.39 %")."""
    shares = set()
    for data in (DOCS / "data").glob("*.csv"):
        for row in read_chart(data, BIB).rows:
            shares.update(re.findall(r"= ([\d.]+) %", row.arithmetic))
    return shares


def test_every_figure_in_the_text_is_in_a_source_it_cites() -> None:
    """A paragraph's amounts and percentages are what its cited entries record, or a chart's derived share."""
    derived = derived_shares()
    assert {"1.39", "0.047"} <= derived
    checked = 0
    text = SOURCE.split("\n---\n", 1)[1]  # after the front matter
    for paragraph in re.split(r"\n\s*\n", text):
        keys = {key for keys in cited(paragraph) for key in keys}
        for match in AMOUNT.finditer(paragraph):
            number = match[1] or match[2]
            checked += 1
            assert number in derived or any(says(number, key) for key in keys), (
                f"{match[0]!r} is in none of {sorted(keys)}: {paragraph[:80]}"
            )
    assert checked >= 40


def corrections() -> list[tuple[dt.date, str]]:
    return [(dt.date.fromisoformat(day), text) for day, text in CORRECTION.findall(SOURCE)]


def cited(text: str) -> list[set[str]]:
    return [{key.strip() for key in keys.split(",")} for keys in CITE.findall(text)]


def test_every_correction_cites_the_original_and_a_correcting_source() -> None:
    essay = parse_article_meta(*read_front_matter(SOURCE)).based_on
    body = CORRECTION.sub("", SOURCE)
    relied_on = {key for keys in cited(body) for key in keys}
    found = corrections()
    assert len(found) >= 4
    for day, text in found:
        citations = cited(text)
        assert citations, f"{day}: cites nothing"
        original, *later = citations
        # the original: the essay, or the source this edition's earlier text relied on
        assert original == {essay} or original <= relied_on, f"{day}: {original} is not what was corrected"
        correcting = set().union(*later) - original - {essay}
        assert correcting, f"{day}: no correcting source after {original}"
        assert correcting <= set(BIB)


def test_a_correction_of_a_correction_is_dated_after_it() -> None:
    amending = [(day, text) for day, text in corrections() if "correction of " in text]
    assert amending
    for day, text in amending:
        for earlier in re.findall(r"correction of (\d{1,2} \w+ \d{4})", text):
            assert dt.datetime.strptime(earlier, "%d %B %Y").date() < day, (day, earlier)


def test_references_page_tells_official_documents_from_reports(site: Build) -> None:
    page = site.page("references")
    title = " ".join(page.xpath("//article//h1")[0].text_content().split())
    assert "official" not in title.lower()  # the page lists press reports too
    checked = 0
    for dropdown in page.xpath("//section[starts-with(@id, 'sources-')]//details"):
        kinds = [
            " ".join(r.text_content().split()) for r in dropdown.xpath(".//p[contains(@class, 'rubric')]")
        ]
        lists = dropdown.xpath(".//ul")
        assert len(kinds) == len(lists)
        for kind, items in zip(kinds, lists, strict=True):
            for item in items.xpath("./li"):
                key = next(key for key in BIB if plain_text(BIB[key].fields["title"]) in item.text_content())
                assert kind == ("Press and other sources" if is_report(BIB[key]) else "Official documents"), (
                    key
                )
                checked += 1
    assert checked == len(BIB)


@pytest.mark.parametrize(
    ("bibtex", "report"),
    [
        ("@online{k, title={T}}", True),
        ("@Article{k, title={T}, journal={The Korea Herald}}", True),
        ("@misc{k, title={T}}", False),
        ("@report{k, title={T}}", False),
        ("@TechReport{k, title={T}}", False),
    ],
)
def test_entry_type_says_report_or_official_document(bibtex: str, report: bool) -> None:
    (entry,) = parse_string(bibtex, "bibtex").entries.values()
    assert is_report(entry) is report
