"""The PDF edition, read back with poppler as a reader's viewer would."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from pybtex.database import parse_file
from pybtex.richtext import Text

from conftest import DOCS, REPO, ROOTS, sphinx_build
from kwelle.articles.frontmatter import parse_article_meta, read_front_matter
from kwelle.cli import pdf

SOURCE_DATE_EPOCH = 1795910400  # 29 November 2026, 00:00 UTC: no article may be published later
ARTICLE = DOCS / "articles" / "why-korea-leads-ai-now.md"

needs_tex = pytest.mark.skipif(
    bool(pdf.missing_requirements()) or shutil.which("pdftotext") is None,
    reason=f"the PDF tests need TeX, fonts and poppler: {pdf.APT_LINE} poppler-utils",
)


def run_pdf_build(srcdir: Path, builddir: Path, path: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(SOURCE_DATE_EPOCH), "PYTHONWARNINGS": "ignore"}
    if path is not None:
        env["PATH"] = path
    return subprocess.run(
        [sys.executable, "-m", "kwelle.cli.pdf", str(srcdir), str(builddir)],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )


def squeeze(text: str) -> str:
    """Text without whitespace or hyphens, so line breaks and hyphenation do not matter."""
    return re.sub(r"[\s\-‐]", "", text)


def poppler(tool: str, path: Path, *options: str) -> str:
    """What one of poppler's tools (pdftotext, pdfinfo, pdffonts) prints for a PDF."""
    args = [tool, *options, str(path), *(["-"] if tool == "pdftotext" else [])]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def pdftotext(path: Path) -> str:
    return poppler("pdftotext", path, "-enc", "UTF-8")


def pdfinfo(path: Path) -> dict[str, str]:
    out = poppler("pdfinfo", path, "-isodates")
    return dict(line.split(":", 1) for line in out.splitlines() if ":" in line)


@pytest.fixture(scope="module")
def pdf_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    builddir = tmp_path_factory.mktemp("pdf")
    result = run_pdf_build(DOCS, builddir)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return builddir


@pytest.fixture(scope="module")
def meta():
    return parse_article_meta(*read_front_matter(ARTICLE.read_text(encoding="utf-8")))


@needs_tex
def test_every_article_and_the_journal_get_a_pdf(pdf_build: Path) -> None:
    names = sorted(p.name for p in (pdf_build / "pdf").glob("*.pdf"))
    expected = [f"{p.stem}.pdf" for p in (DOCS / "articles").glob("*.md")]
    assert names == sorted([*expected, "k-welle-journal.pdf"])


@needs_tex
def test_article_pdf_text(pdf_build: Path, meta) -> None:
    text = pdftotext(pdf_build / "pdf" / "why-korea-leads-ai-now.pdf")
    flat = squeeze(text)
    assert squeeze(meta.title) in flat
    assert squeeze(meta.deck) in flat
    assert "₩10.1" in text
    assert "??" not in text
    assert squeeze("고성능 GPU 확보에 1.5조") in flat  # Hangul from the references


def cited_titles() -> list[str]:
    source = ARTICLE.read_text(encoding="utf-8")
    keys = {k.strip() for group in re.findall(r"\{cite:[a-z]+\}`([^`]+)`", source) for k in group.split(",")}
    entries = parse_file(DOCS / "refs.bib").entries
    return [Text.from_latex(entries[key].fields["title"]).render_as("text") for key in sorted(keys)]


@needs_tex
def test_article_pdf_prints_every_cited_reference_at_its_end(pdf_build: Path) -> None:
    text = pdftotext(pdf_build / "pdf" / "why-korea-leads-ai-now.pdf")
    references = squeeze(text[text.rindex("References") :])
    for title in cited_titles():
        assert squeeze(title) in references, title
    assert "Bibliography" not in text


@needs_tex
@pytest.mark.parametrize("name", ["why-korea-leads-ai-now.pdf", "k-welle-journal.pdf"])
def test_spaces_around_dashes_dots_and_quotes_survive(pdf_build: Path, name: str) -> None:
    """xeCJK's Chinese and Japanese rules ate them: "Author —Title", "AI policy ·public budgets"."""
    text = " ".join(pdftotext(pdf_build / "pdf" / name).split())
    assert "AI policy · public budgets · Korea · low growth" in text  # the tag line
    assert "essay “Why Korea Leads AI Now” by Dawn Chang" in text  # the "Based on" line
    assert text.count(" — ") > 10  # "Organisation — Title" in the references
    for lopsided in (r"\S—\s", r"\s—\S", r"\S·\s", r"\s·\S", r"”\w", r"\w“"):
        assert not re.search(lopsided, text), re.search(lopsided, text)


@needs_tex
def test_journal_pdf_keeps_references_with_their_article(pdf_build: Path) -> None:
    text = pdftotext(pdf_build / "pdf" / "k-welle-journal.pdf")
    assert "Bibliography" not in text
    # everything before the next chapter (the References page, which lists the sources again)
    between = squeeze(text[: text.rindex("References: sources")])
    for title in cited_titles():
        assert squeeze(title) in between, title


@needs_tex
def test_pdf_metadata(pdf_build: Path, meta) -> None:
    info = {
        key: value.strip() for key, value in pdfinfo(pdf_build / "pdf" / "why-korea-leads-ai-now.pdf").items()
    }
    assert info["Title"] == meta.title
    assert info["Author"] == ", ".join(author.name for author in meta.authors)
    assert info["Subject"] == meta.deck
    assert info["Keywords"] == ", ".join(meta.tags)
    created = dt.datetime.fromisoformat(info["CreationDate"])
    assert created == dt.datetime.fromtimestamp(SOURCE_DATE_EPOCH, dt.UTC)
    journal = pdfinfo(pdf_build / "pdf" / "k-welle-journal.pdf")
    assert journal["Title"].strip() == "K-Welle Journal"
    assert "Europe" in journal["Subject"]


@needs_tex
@pytest.mark.parametrize("name", ["why-korea-leads-ai-now.pdf", "k-welle-journal.pdf"])
def test_every_font_embedded(pdf_build: Path, name: str) -> None:
    rows = poppler("pdffonts", pdf_build / "pdf" / name).splitlines()[2:]
    assert rows
    for row in rows:
        emb = re.search(r"\s(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$", row)
        assert emb, row
        assert emb[1] == "yes", f"not embedded: {row}"


@needs_tex
def test_no_missing_characters_in_any_log(pdf_build: Path) -> None:
    logs = list((pdf_build / "latex").glob("*.log"))
    assert logs
    for log in logs:
        assert "Missing character" not in log.read_text(encoding="utf-8", errors="replace"), log.name


@needs_tex
def test_hangul_font_setup(tmp_path: Path) -> None:
    result = run_pdf_build(ROOTS / "test-hangul", tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    text = pdftotext(tmp_path / "pdf" / "hangul.pdf")
    assert "케이팝과 인공지능: 2026년 예산은 ₩10.1조 원입니다." in text  # word spaces kept, no glue
    assert "NotoSerifCJK" in poppler("pdffonts", tmp_path / "pdf" / "hangul.pdf")


@needs_tex
def test_a_character_no_font_has_fails_the_build(copy_root, tmp_path: Path) -> None:
    srcdir = copy_root("hangul")
    index = srcdir / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + "\nA grinning face: 😀\n", encoding="utf-8")
    result = run_pdf_build(srcdir, tmp_path)
    assert result.returncode == 1
    assert "1 missing character(s)" in result.stderr
    assert "U+1F600" in result.stderr


@needs_tex
def test_html_links_the_pdfs_when_built(pdf_build: Path, tmp_path: Path) -> None:
    html = sphinx_build(DOCS, tmp_path / "html", "-D", f"kwelle_pdf_dir={pdf_build / 'pdf'}")
    assert html.returncode == 0, html.output
    (link,) = html.page("articles/why-korea-leads-ai-now").xpath("//a[contains(@class, 'kwelle-pdf-link')]")
    assert link.get("href") == "../pdf/why-korea-leads-ai-now.pdf"
    assert (html.outdir / "pdf" / "why-korea-leads-ai-now.pdf").is_file()
    (journal,) = html.page("index").xpath("//a[contains(@class, 'kwelle-pdf-link')]")
    assert (html.outdir / journal.get("href")).is_file()


def test_no_pdf_link_when_no_pdf_was_built(site) -> None:
    for page in ("index", "articles/why-korea-leads-ai-now"):
        assert not site.page(page).xpath("//a[contains(@class, 'kwelle-pdf-link')]")


def test_missing_tex_gives_the_apt_line(tmp_path: Path) -> None:
    """Without TeX on PATH, the PDF build stops at once with the packages to install."""
    bare = tmp_path / "bin"
    bare.mkdir()
    result = run_pdf_build(DOCS, tmp_path / "out", path=str(bare))
    assert result.returncode == 1
    assert pdf.APT_LINE in result.stderr
    assert "xelatex" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()  # stopped before writing anything


def test_readme_names_the_same_apt_line() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert pdf.APT_LINE in readme


def test_read_the_docs_builds_the_same_pdfs() -> None:
    config = yaml.safe_load((REPO / ".readthedocs.yaml").read_text(encoding="utf-8"))
    assert config["build"]["tools"]["python"] == "3.13"
    assert config["build"]["apt_packages"] == list(pdf.APT_PACKAGES)
    # each Read the Docs project (the English parent, each translation) builds its own edition
    assert config["build"]["jobs"]["pre_build"] == [
        'python -m kwelle.cli.pdf docs build --language "${READTHEDOCS_LANGUAGE:-en}"'
    ]
    assert config["sphinx"]["fail_on_warning"] is True
    assert {"pdf", "epub"} <= set(config["formats"])
