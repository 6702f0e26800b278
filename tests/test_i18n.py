"""The extension's own words in the edition's language (kwelle.i18n): German, Korean and English
builds of one small journal, the catalogs kept in step with the code, and the formats."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import shutil
import subprocess
import sys
import zipfile

import pytest
from babel.messages.pofile import read_po
from docutils import nodes
from lxml import etree

from conftest import REPO, ROOTS, Build, needs_rsvg, sphinx_build
from kwelle.cli import catalog
from kwelle.i18n import format_date, format_list, format_month, month_name, with_nodes

ROOT = ROOTS / "test-ui-language"
ARTICLE = "articles/words"
KOREAN_ARTICLE = "articles/hangul"


def text(node: etree._Element) -> str:
    return " ".join(node.text_content().split())


def one(page: etree._Element, css_class: str) -> str:
    (found,) = page.xpath(f"//*[contains(concat(' ', @class, ' '), ' {css_class} ')]")
    return text(found)


@pytest.fixture(scope="module", params=["en", "de", "ko"])
def edition(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Build]:
    language = request.param
    build = sphinx_build(
        ROOT, tmp_path_factory.mktemp(f"ui-{language}") / "html", "-D", f"language={language}"
    )
    assert build.returncode == 0, build.output
    assert "WARNING" not in build.output, build.output
    return language, build


#: what a reader sees, edition by edition
WORDS = {
    "en": {
        "byline": "By Anna Berg and Min-jun Kim",
        "dates": "Published 29 November 2026 · Updated 30 November 2026 · 3 min read",
        "credit": "Image: UI Journal",
        "correction": "30 November 2026",
        "cite": "Cite this article",
        "cited": "Anna Berg and Min-jun Kim (2026). Words of the Journal. UI Journal, 29 November 2026.",
        "data": "Show the data",
        "sources": "Sources:",
        "csv": "Download the data (CSV)",
        "chart cite": "Cite this chart:",
        "alt": "Bar chart: AI share of budgets.",
        "chapter": "In Kim, M.-j. (ed.), Public Finance Today, pp. 12–34.",
        "undated": "(n.d.)",
        "tag page": "Articles tagged “policy”",
        "topics": "Topics",
        "archive": "Archive",
        "month": "October 2026",
        "korean dates": "Published 5 October 2026 · 1 min read",
        "corrected": "Corrected 30 November 2026",
    },
    "de": {
        "byline": "Von Anna Berg und Min-jun Kim",
        "dates": "Veröffentlicht am 29. November 2026 · Aktualisiert am 30. November 2026 · 3 Min. Lesezeit",
        "credit": "Bild: UI Journal",
        "correction": "30. November 2026",
        "cite": "Diesen Artikel zitieren",
        "cited": "Anna Berg und Min-jun Kim (2026). Words of the Journal. UI Journal, 29. November 2026.",
        "data": "Daten anzeigen",
        "sources": "Quellen:",
        "csv": "Daten herunterladen (CSV)",
        "chart cite": "Diese Grafik zitieren:",
        "alt": "Balkendiagramm: AI share of budgets.",
        "chapter": "In: Kim, M.-j. (Hrsg.), Public Finance Today, S. 12–34.",
        "undated": "(o. J.)",
        "tag page": "Artikel zum Thema „policy“",
        "topics": "Themen",
        "archive": "Archiv",
        "month": "Oktober 2026",
        "korean dates": "Veröffentlicht am 5. Oktober 2026 · 1 Min. Lesezeit",
        "corrected": "Korrigiert am 30. November 2026",
    },
    "ko": {
        "byline": "글: Anna Berg 및 Min-jun Kim",
        "dates": "2026년 11월 29일 게시 · 2026년 11월 30일 수정 · 읽는 데 3분",
        "credit": "이미지: UI Journal",
        "correction": "2026년 11월 30일",
        "cite": "이 기사 인용하기",
        "cited": "Anna Berg 및 Min-jun Kim (2026). Words of the Journal. UI Journal, 2026년 11월 29일.",
        "data": "데이터 보기",
        "sources": "출처:",
        "csv": "데이터 내려받기(CSV)",
        "chart cite": "이 차트 인용하기:",
        "alt": "막대 차트: AI share of budgets.",
        "chapter": "수록: Kim, M.-j. (편), Public Finance Today, 12–34쪽.",
        "undated": "(연도 미상)",
        "tag page": "‘policy’ 주제의 기사",
        "topics": "주제",
        "archive": "지난 기사",
        "month": "2026년 10월",
        "korean dates": "2026년 10월 5일 게시 · 읽는 데 1분",
        "corrected": "2026년 11월 30일 정정",
    },
}


def test_article_header(edition: tuple[str, Build]) -> None:
    language, build = edition
    words, page = WORDS[language], build.page(ARTICLE)
    assert page.get("lang") == language
    assert one(page, "kwelle-byline") == words["byline"]
    assert one(page, "kwelle-dates") == words["dates"]
    assert one(page, "kwelle-image-credit") == words["credit"]
    assert one(page, "kwelle-correction-date") == words["correction"]


def test_cite_this_article(edition: tuple[str, Build]) -> None:
    language, build = edition
    words, page = WORDS[language], build.page(ARTICLE)
    box = one(page, "kwelle-cite-this")
    assert box.startswith(words["cite"])
    assert words["cited"] in box


def test_copy_buttons(edition: tuple[str, Build]) -> None:
    language, build = edition
    script = (build.outdir / "_static" / "kwelle-copy.js").read_text(encoding="utf-8")
    copy = {"en": "Copy the reference", "de": "Zitierangabe kopieren", "ko": "인용문 복사"}[language]
    (words,) = re.findall(r"^const kwelleCopyWords = (.*);$", script, re.MULTILINE)
    assert json.loads(words)["reference"] == copy


def test_chart_words(edition: tuple[str, Build]) -> None:
    language, build = edition
    words, page = WORDS[language], build.page(ARTICLE)
    assert one(page, "kwelle-chart-data").startswith(words["data"])
    assert one(page, "kwelle-chart-sources").startswith(words["sources"])
    assert one(page, "kwelle-chart-download").startswith(words["csv"])
    assert one(page, "kwelle-chart-cite").startswith(words["chart cite"])
    (alt,) = page.xpath("//figure[contains(@class, 'kwelle-chart')]//img/@alt")
    assert alt.startswith(words["alt"])


def test_reference_list_words(edition: tuple[str, Build]) -> None:
    language, build = edition
    words, page = WORDS[language], build.page(ARTICLE)
    entries = [text(li) for li in page.xpath("//ol[contains(@class, 'kwelle-references')]/li")]
    assert any(words["chapter"] in entry for entry in entries), entries
    assert any(words["undated"] in entry for entry in entries), entries


def test_listing_pages(edition: tuple[str, Build]) -> None:
    language, build = edition
    words = WORDS[language]
    tag_page = build.page("tags/policy")
    assert text(tag_page.xpath("//h1")[0]) == words["tag page"]
    assert words["tag page"] in text(tag_page.xpath("//title")[0])
    front = build.page("index")
    assert (
        text(front.xpath("//*[contains(@class, 'kwelle-topics')]//p[contains(@class, 'rubric')]")[0])
        == (words["topics"])
    )
    assert one(front, "kwelle-corrected") == words["corrected"]
    archive = build.page("archive")
    assert text(archive.xpath("//h1")[0]) == words["archive"]
    assert words["month"] in [text(h3) for h3 in archive.xpath("//h3")]


def test_a_page_in_another_language_keeps_the_editions_words(edition: tuple[str, Build]) -> None:
    """A Korean article in the German edition: German words, and German dates inside them."""
    language, build = edition
    page = build.page(KOREAN_ARTICLE)
    assert page.get("lang") == "ko"
    assert one(page, "kwelle-dates") == WORDS[language]["korean dates"]


def test_feed_language(edition: tuple[str, Build]) -> None:
    language, build = edition
    feed = etree.parse(build.outdir / "feed.xml").getroot()
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == language
    languages = {
        entry.findtext("{http://www.w3.org/2005/Atom}title"): entry.get(
            "{http://www.w3.org/XML/1998/namespace}lang"
        )
        for entry in feed.iter("{http://www.w3.org/2005/Atom}entry")
    }
    assert languages["한국어 기사"] == (None if language == "ko" else "ko")


def test_sphinx_templates_keep_their_own_catalog(edition: tuple[str, Build]) -> None:
    """The theme's words come from Sphinx's catalog; kwelle's does not reach its templates."""
    language, build = edition
    documentation = {"en": "documentation", "de": "Dokumentation", "ko": "문서"}[language]
    assert text(build.page("index").xpath("//title")[0]).endswith(f"UI Journal {documentation}")


@pytest.fixture(scope="module")
def german_latex(tmp_path_factory: pytest.TempPathFactory) -> str:
    build = sphinx_build(
        ROOT, tmp_path_factory.mktemp("ui-latex") / "latex", "-D", "language=de", builder="latex"
    )
    assert build.returncode == 0, build.output
    return (build.outdir / "ui.tex").read_text(encoding="utf-8")


@needs_rsvg
def test_latex_words_in_german(german_latex: str) -> None:
    flat = " ".join(german_latex.split())
    assert r"\renewcommand{\kwelleContentsName}{In dieser Ausgabe}" in flat
    assert "Veröffentlicht am 29. November 2026" in flat
    assert "Diesen Artikel zitieren" in flat
    assert "Daten anzeigen" in flat


# -- the catalogs ------------------------------------------------------------------


def test_catalogs_are_current_and_complete() -> None:
    """Every message of the code is in kwelle.pot, translated in de and ko, none obsolete,
    and each shipped .mo is its .po compiled (``python -m kwelle.cli.catalog`` fixes it)."""
    assert catalog.problems() == []


def test_every_message_is_extracted() -> None:
    """The extractor sees the plural form and the words of every module that prints."""
    ids = {message.id for message in catalog.extract() if message.id}
    assert ("%(minutes)s min read", "%(minutes)s min read") in ids
    assert ("(ed.)", "(eds.)") in ids
    assert {"Cite this article", "Show the data", "Sources: ", "n.d.", "In this issue", "Draft"} <= ids


@pytest.mark.parametrize("language", catalog.LANGUAGES)
def test_translations_keep_their_placeholders(language: str) -> None:
    with catalog.po_path(language).open("rb") as file:
        translated = read_po(file, locale=language)
    placeholder = re.compile(r"%\(\w+\)s|%\w")
    for message in translated:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = sorted(placeholder.findall(ids[-1]))
        for string in strings:
            assert sorted(placeholder.findall(string)) == wanted, (message.id, string)


def test_catalogs_ship_in_the_wheel(tmp_path) -> None:
    """hatch puts the whole package folder in the wheel, .mo files included."""
    uv = shutil.which("uv")
    # nox makes its venvs with uv when there is one, else with virtualenv, which has pip
    build = (
        [uv, "build", "--wheel", "-q", "-o", str(tmp_path), str(REPO)]
        if uv
        else [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(REPO)]
    )
    subprocess.run(build, check=True, timeout=300)
    (wheel,) = tmp_path.glob("kwelle-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for language in catalog.LANGUAGES:
        assert f"kwelle/locale/{language}/LC_MESSAGES/kwelle.mo" in names
        assert f"kwelle/theme/locale/{language}/LC_MESSAGES/sphinx.mo" in names  # furo's words
    assert "kwelle/locale/kwelle.pot" in names


# -- formats -------------------------------------------------------------------------

DAY = dt.date(2026, 11, 29)


@pytest.mark.parametrize(
    ("language", "day", "month", "name"),
    [
        ("en", "29 November 2026", "November 2026", "November"),
        ("en-US", "November 29, 2026", "November 2026", "November"),
        ("de", "29. November 2026", "November 2026", "November"),
        ("ko", "2026년 11월 29일", "2026년 11월", "11월"),
        ("xx-unknown", "29 November 2026", "November 2026", "November"),
    ],
)
def test_dates(language: str, day: str, month: str, name: str) -> None:
    assert (format_date(DAY, language), format_month(DAY, language), month_name(DAY, language)) == (
        day,
        month,
        name,
    )


@pytest.mark.parametrize(
    ("language", "names", "joined"),
    [("en", ["A", "B", "C"], "A, B and C"), ("de", ["A", "B"], "A und B"), ("ko", ["A", "B"], "A 및 B")],
)
def test_lists(language: str, names: list[str], joined: str) -> None:
    assert format_list(names, language) == joined


def test_mo_compiles_from_po() -> None:
    for language in catalog.LANGUAGES:
        po = catalog.po_path(language).read_bytes()
        assert catalog.mo_bytes(po, language) == catalog.po_path(language).with_suffix(".mo").read_bytes()
        assert read_po(io.BytesIO(po)).locale.language == language


def test_links_go_where_the_translation_puts_them() -> None:
    pdf, epub = nodes.reference("", "PDF", refuri="a.pdf"), nodes.reference("", "ePub", refuri="a.epub")
    formats = format_list(["%(pdf)s", "%(epub)s"], "ko", style="or")
    found = with_nodes("이 기사 내려받기: %(formats)s".replace("%(formats)s", formats), pdf=pdf, epub=epub)
    assert [node.astext() for node in found] == ["이 기사 내려받기: ", "PDF", " 또는 ", "ePub"]
    assert found[1] is pdf
