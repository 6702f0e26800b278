"""Translated editions: the German build of a small root with its catalog (kwelle.articles.translation,
kwelle.infographics.translation, kwelle.catalogs, kwelle.articles.languages)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import ROOTS, sphinx_build
from kwelle.articles.frontmatter import FrontMatterError, parse_article_meta, read_front_matter
from kwelle.catalogs import problems, read_catalog, references, tags
from kwelle.cli import translations

ARTICLE = "articles/budget"
CATALOG = Path("locale/de/LC_MESSAGES/articles/budget.po")


@pytest.fixture(scope="module")
def german(tmp_path_factory: pytest.TempPathFactory):

    root = tmp_path_factory.mktemp("de") / "root"
    shutil.copytree(ROOTS / "test-translation", root)
    build = sphinx_build(root, root.parent / "html", "-D", "language=de")
    assert build.returncode == 0, build.output
    return build


def text(element) -> str:
    return " ".join(element.text_content().split())


def test_the_article_is_german_where_its_catalog_is(german) -> None:
    page = german.page(ARTICLE)
    assert page.get("lang") == "de"
    assert text(page.xpath("//h1")[0]).startswith("Der Haushaltsartikel")
    header = page.xpath("//*[contains(@class, 'kwelle-article-header')]")[0]
    assert (
        text(header.xpath(".//*[contains(@class, 'kwelle-deck')]")[0])
        == "Korea finanziert KI aus dem regulären Haushalt."
    )
    assert "Autorin des Essays" in text(header.xpath(".//*[contains(@class, 'kwelle-byline')]")[0])
    assert "Erika Mustermann" in text(header.xpath(".//*[contains(@class, 'kwelle-translators')]")[0])
    assert header.xpath(".//img/@alt") == ["Ein blaues Quadrat."]
    tags = header.xpath(".//a[contains(@class, 'kwelle-tag')]")
    assert [text(tag) for tag in tags] == ["KI-Politik", "Staatshaushalte"]
    # a tag's page keeps the source's name, so links stay the same in every edition
    assert [tag.get("href") for tag in tags] == ["../tags/ai-policy.html", "../tags/public-budgets.html"]
    assert (german.outdir / "tags" / "ai-policy.html").is_file()


def test_feed_and_json_ld_carry_the_translation(german) -> None:
    feed = (german.outdir / "feed.xml").read_text(encoding="utf-8")
    assert "<title>Der Haushaltsartikel</title>" in feed
    assert "Korea finanziert KI" in feed
    (script,) = german.page(ARTICLE).xpath("//script[@type='application/ld+json']/text()")
    data = json.loads(script)
    assert (data["headline"], data["inLanguage"]) == ("Der Haushaltsartikel", "de")
    assert data["keywords"] == ["KI-Politik", "Staatshaushalte"]
    assert data["translator"] == [{"@type": "Person", "name": "Erika Mustermann"}]


def test_the_chart_is_drawn_in_the_edition_words(german) -> None:
    page = german.page(ARTICLE)
    chart = page.xpath("//*[contains(@class, 'kwelle-infographic')]")[0]
    assert text(chart.xpath(".//figcaption")[0]).startswith("Wachstumsprognosen")
    assert "Deutschland" in chart.xpath(".//img/@alt")[0]
    svg = (german.outdir / chart.xpath(".//img/@src")[0].replace("../", "")).read_text(encoding="utf-8")
    assert "Deutschland" in svg
    assert "Reform der Schuldenbremse" in svg
    assert "Germany" not in svg


def test_the_charts_numbers_take_the_editions_decimal_sign(german) -> None:
    """growth.csv writes 0.9 and 1.8: the German table, alt text and bars read 0,9 and 1,8."""
    chart = german.page(ARTICLE).xpath("//*[contains(@class, 'kwelle-infographic')]")[0]
    table = [text(cell) for cell in chart.xpath(".//table//td")]
    assert {"0,9", "1,8"} <= set(table)
    assert "0.9" not in table
    assert "1,8 %" in chart.xpath(".//img/@alt")[0]
    svg = (german.outdir / chart.xpath(".//img/@src")[0].replace("../", "")).read_text(encoding="utf-8")
    assert "0,9" in svg


def test_the_articles_epub_is_titled_in_the_edition(tmp_path: Path) -> None:
    root = tmp_path / "root"
    shutil.copytree(ROOTS / "test-translation", root)
    book = sphinx_build(root, tmp_path / "epub", "-D", "language=de", "-D", "kwelle_epub_article=budget", "-D", "copyright=2026",
                        builder="epub")  # fmt: skip
    assert book.returncode == 0, book.output
    package = (tmp_path / "epub" / "content.opf").read_text(encoding="utf-8")
    assert "<dc:title>Der Haushaltsartikel</dc:title>" in package
    assert "<dc:description>Korea finanziert KI aus dem regulären Haushalt.</dc:description>" in package
    assert "<dc:language>de</dc:language>" in package


def test_an_untranslated_paragraph_says_so_in_english(german) -> None:
    page = german.page(ARTICLE)
    (paragraph,) = page.xpath("//p[contains(., 'left untranslated on purpose')]")
    assert paragraph.get("lang") == "en"
    assert "untranslated" in paragraph.get("class")
    badge = paragraph.xpath("./abbr[contains(@class, 'kwelle-untranslated-badge')]")[0]
    assert (text(badge), badge.get("lang")) == ("EN", "de")
    assert badge.get("title")
    # translated paragraphs carry no mark, nor does a credit in the source's words (a name)
    (translated,) = page.xpath("//p[contains(., 'Der IWF erwartet')]")
    assert translated.get("lang") is None
    assert not translated.xpath("./abbr")


def test_the_front_page_card_shows_the_translation(german) -> None:
    front = german.page("index")
    assert front.get("lang") == "en"  # the front page has no catalog: it stays English...
    card = front.xpath("//li[contains(@class, 'kwelle-article-card')]")[0]
    assert card.get("lang") == "de"  # ...and says that the card of the German article is German
    assert "Der Haushaltsartikel" in text(card)
    assert "Korea finanziert KI" in text(card)


def test_the_english_edition_is_unchanged(copy_root, tmp_path: Path) -> None:
    build = sphinx_build(copy_root("translation"), tmp_path / "html")
    assert build.returncode == 0, build.output
    page = build.page(ARTICLE)
    assert page.get("lang") == "en"
    assert text(page.xpath("//h1")[0]).startswith("The Budget Article")
    assert not page.xpath("//*[contains(@class, 'untranslated') or contains(@class, 'kwelle-translators')]")
    assert "Germany" in page.xpath("//*[contains(@class, 'kwelle-infographic')]//img/@alt")[0]
    (script,) = page.xpath("//script[@type='application/ld+json']/text()")
    assert "translator" not in json.loads(script)  # the German translator is credited in German only


def test_a_parallel_build_gives_the_same_pages(german, copy_root, tmp_path: Path) -> None:
    build = sphinx_build(copy_root("translation"), tmp_path / "html", "-D", "language=de", "-j", "2")
    assert build.returncode == 0, build.output
    for name in (ARTICLE, "index"):
        assert (build.outdir / f"{name}.html").read_text() == (german.outdir / f"{name}.html").read_text()


def test_gettext_gives_each_text_its_own_message(copy_root, tmp_path: Path) -> None:
    build = sphinx_build(copy_root("translation"), tmp_path / "gettext", builder="gettext")
    assert build.returncode == 0, build.output
    pot = (build.outdir / "articles" / "budget.pot").read_text(encoding="utf-8")
    msgids = re.findall(r'^msgid "(.*)"$', pot, re.MULTILINE)
    for expected in ("The Budget Article", "Korea funds AI through its ordinary budget.", "author of the essay",
                     "AI policy", "public budgets", "A blue square.", "Growth projections", "Real GDP growth (%)",
                     "Germany", "Debt-brake reform", "IMF projection."):  # fmt: skip
        assert expected in msgids
    assert not [msgid for msgid in msgids if msgid.startswith(("By ", "Published", "Grouped bar chart"))]
    assert re.search(r"#: .*budget\.md:3\nmsgid \"Korea funds AI", pot)  # the deck's own line
    assert re.search(r"#: .*growth\.toml:1\nmsgid \"Growth projections\"", pot)


#: a catalog's mistake: (text replaced, its replacement, the line that must be named, the message)
BAD_CATALOGS = {
    "stale": ('msgid "Growth"\n', 'msgid "Gone"\nmsgstr "Weg"\n\nmsgid "Growth"\n', 'msgid "Gone"', "stale entry"),
    "fuzzy": ('msgid "Growth"\n', '#, fuzzy\nmsgid "Growth"\n', 'msgid "Growth"', "fuzzy entry"),
    "obsolete": ('msgid "Growth"\n', '#~ msgid "Old"\n#~ msgstr "Alt"\n\nmsgid "Growth"\n', '#~ msgid "Old"',
                 "obsolete entry"),
    "citation": ("Wachstum {cite:p}`weo2025`", "Wachstum {cite:p}`other2025`", 'msgid "The IMF',
                 "roles and links differ"),
    "broken role": ("Wachstum {cite:p}`weo2025`", "Wachstum {cite:p}`weo2025", 'msgid "The IMF',
                    "roles and links differ"),
    "syntax": ('msgstr "Wachstum"', 'msgstr "Wachstum', 'msgstr "Wachstum', "not PO syntax"),
    "a list, not a paragraph": ('msgstr "Der IWF', 'msgstr "- Der IWF', 'msgid "The IMF', "cannot use this translation"),
    "raw HTML": ('msgstr "Der IWF', 'msgstr "<script>alert(1)</script> Der IWF', 'msgid "The IMF', "raw HTML the source"),
}  # fmt: skip


@pytest.mark.parametrize("problem", list(BAD_CATALOGS))
def test_a_bad_catalog_fails_at_its_line(problem: str, copy_root, tmp_path: Path) -> None:
    root = copy_root("translation")
    old, new, marker, expected = BAD_CATALOGS[problem]
    po = root / CATALOG
    source = po.read_text(encoding="utf-8")
    assert old in source
    po.write_text(source.replace(old, new, 1), encoding="utf-8")
    line = next(
        number for number, text in enumerate(po.read_text().splitlines(), 1) if text.startswith(marker)
    )
    build = sphinx_build(root, tmp_path / "html", "-D", "language=de")
    assert build.returncode != 0
    message = rf"{re.escape(str(po))}:{line}: WARNING: translation: .*{expected}.*\[kwelle\.translation\]"
    assert re.search(message, build.output), build.output
    assert "Traceback" not in build.output


@pytest.mark.parametrize(
    ("source", "translation", "same"),
    [
        ("a {cite:p}`x,y` b", "b {cite:p}`y, x` a", True),
        ("{ref}`Text <target>`", "{ref}`Anderer Text <target>`", True),
        ("{cite:t}`x`", "{cite:p}`x`", False),
        ("see [this](https://a.example)", "siehe [das](https://b.example)", False),
        ("{cite:p}`x`", "{cite:p}`x", False),
    ],
)
def test_references_a_translation_must_keep(source: str, translation: str, same: bool) -> None:
    assert (references(source) == references(translation)) is same


def test_translators_are_a_mapping_of_languages() -> None:
    head = "---\ntitle: T\ndeck: D\nauthors: [A]\npublished: 2026-01-01\nupdated: 2026-01-01\ntags: [t]\nimage: i.svg\nimage_alt: a\nimage_credit: c\n"
    meta = parse_article_meta(*read_front_matter(head + "translators: {de: Erika, ko: [Kim, Lee]}\n---\n"))
    assert meta.translators == {"de": ("Erika",), "ko": ("Kim", "Lee")}
    assert meta.translators_of("de-AT") == ("Erika",)
    with pytest.raises(FrontMatterError, match="language code") as raised:
        parse_article_meta(*read_front_matter(head + "translators: [Erika]\n---\n"))
    assert raised.value.line == 11


def test_the_translations_command_refreshes_and_counts(copy_root, tmp_path: Path, capsys) -> None:
    root = copy_root("translation")
    assert translations.main([str(root), "--build", str(tmp_path / "build")]) == 0
    report = capsys.readouterr().out
    # the root's catalog: 19 messages, one left untranslated; index.po is new and empty
    assert re.search(r"articles/budget\.po: 18 / 0 / 1 ", report), report
    assert re.search(r"index\.po: 0 / 0 / \d+ ", report), report
    assert (root / "locale" / "de" / "LC_MESSAGES" / "index.po").is_file()


def test_an_edition_not_listed_is_a_configuration_error(copy_root, tmp_path: Path) -> None:
    build = sphinx_build(
        copy_root("translation"),
        tmp_path / "html",
        "-D",
        "language=fr",
        "-D",
        "kwelle_editions=en,de,xx-invalid-",
    )
    assert build.returncode != 0
    assert "language 'fr' is not one of kwelle_editions" in build.output
    assert "'xx-invalid-' is not a BCP 47 language code" in build.output
    assert "Traceback" not in build.output


def test_the_article_pdf_has_the_translated_title(copy_root, tmp_path: Path) -> None:
    build = sphinx_build(
        copy_root("translation"),
        tmp_path / "latex",
        "-D",
        "language=de",
        "-D",
        "kwelle_article_pdfs=1",
        builder="latex",
    )
    assert build.returncode == 0, build.output
    assert r"\title{Der Haushaltsartikel}" in (build.outdir / "budget.tex").read_text(encoding="utf-8")


def test_a_changed_translation_reaches_the_page_and_the_front_page(copy_root, tmp_path: Path) -> None:
    root = copy_root("translation")
    first = sphinx_build(root, tmp_path / "html", "-D", "language=de")
    assert first.returncode == 0, first.output
    po = root / CATALOG
    po.write_text(po.read_text(encoding="utf-8").replace("regulären", "normalen"), encoding="utf-8")
    again = sphinx_build(root, tmp_path / "html", "-D", "language=de")
    assert again.returncode == 0, again.output
    for name in (ARTICLE, "index"):
        assert "Korea finanziert KI aus dem normalen Haushalt." in text(again.page(name))


def test_an_untranslated_deck_is_marked_and_a_credit_is_not(copy_root, tmp_path: Path) -> None:
    root = copy_root("translation")
    po = root / CATALOG
    source = po.read_text(encoding="utf-8")
    source = source.replace('msgstr "Korea finanziert KI aus dem regulären Haushalt."', 'msgstr ""')
    source = source.replace('msgstr "Translated Journal"', 'msgstr ""')
    po.write_text(source, encoding="utf-8")
    build = sphinx_build(root, tmp_path / "html", "-D", "language=de")
    assert build.returncode == 0, build.output
    header = build.page(ARTICLE).xpath("//*[contains(@class, 'kwelle-article-header')]")[0]
    deck = header.xpath(".//*[contains(@class, 'kwelle-deck')]/p")[0]
    assert (deck.get("lang"), text(deck)) == ("en", "EN Korea funds AI through its ordinary budget.")
    credit = header.xpath(".//*[contains(@class, 'kwelle-image-credit')]/p")[0]
    assert credit.get("lang") is None
    assert not credit.xpath("./abbr")


@pytest.mark.parametrize("name", ["pewpew-docs-de-index.po", "myst-nb-intl-de-index.po"])
def test_real_catalogs_from_other_projects_pass_the_checks(name: str) -> None:
    """Catalogs other projects' translators wrote (tests/data/README.md): a fuzzy header, as
    Transifex exports it, is no fuzzy entry; MyST markup moved within a sentence is no error."""
    catalog = read_catalog(Path(__file__).parent / "data" / "po" / name)
    assert [message.id for message in catalog if message.id and message.string]
    assert problems(catalog, None) == []


def test_a_roles_target_is_no_html_tag() -> None:
    assert not tags("{ref}`Anderer Text <target>` und {lang}`ko:한국`")
    assert sorted(tags("ein <b>fetter</b> Satz")) == ["</b>", "<b>"]
