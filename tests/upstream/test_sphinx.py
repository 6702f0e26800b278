"""Contracts with Sphinx: what kwelle.upstream.sphinx relies on."""

from __future__ import annotations

import inspect
import re
from importlib.metadata import version
from pathlib import Path

import furo
import pytest
import sphinx as sphinx_package
from sphinx import locale
from sphinx.application import Sphinx
from sphinx.builders.epub3 import Epub3Builder
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.builders.html._assets import _CascadingStyleSheet, _JavaScript
from sphinx.builders.latex.transforms import BibliographyTransform
from sphinx.transforms.i18n import AddTranslationClasses, Locale
from sphinx.writers.html5 import HTML5Translator

from conftest import DOCS
from kwelle.articles.fallback import MarkUntranslated
from kwelle.articles.translation import FrontMatterMessages, TranslatedFrontMatter
from kwelle.i18n import CATALOG, LOCALE_DIR
from kwelle.upstream import in_tested_range, sphinx

THEMES = Path(sphinx_package.__file__).parent / "themes"


def test_installed_version_is_tested() -> None:
    assert in_tested_range("sphinx", sphinx.TESTED), version("sphinx")


@pytest.mark.parametrize(
    "original",
    [
        _CascadingStyleSheet("_static/a.css", priority=300, media="print"),
        _JavaScript("_static/a.js", priority=200),
    ],
)
def test_a_page_asset_is_rebuilt_with_its_attributes(original: object) -> None:
    copy = sphinx.asset_like(original, "_static/b", **{"data-scripts": "x.js"})
    assert type(copy) is type(original)
    assert (copy.filename, copy.priority) == ("_static/b", original.priority)
    assert copy.attributes == {**original.attributes, "data-scripts": "x.js"}


def test_latex_gathers_citations_at_the_priority_the_journal_precedes() -> None:
    assert BibliographyTransform.default_priority == sphinx.LATEX_BIBLIOGRAPHY_PRIORITY


def test_furo_and_basic_write_lang_from_the_language_variable() -> None:
    furo_base = (Path(furo.__file__).parent / "theme" / "furo" / "base.html").read_text(encoding="utf-8")
    assert 'lang="{{ language }}"' in furo_base
    assert 'lang="{{ language }}"' in (THEMES / "basic" / "layout.html").read_text(encoding="utf-8")


def test_the_epub_builder_writes_its_own_html_tag() -> None:
    layout = (THEMES / "basic" / "layout.html").read_text(encoding="utf-8")
    assert "{{ html_tag }}" in layout
    assert Epub3Builder.html_tag.startswith("<html ")
    assert " lang=" not in Epub3Builder.html_tag


def test_set_page_language() -> None:
    context = {"language": "en", "html_tag": Epub3Builder.html_tag}
    sphinx.set_page_language(context, "ko")
    assert context["language"] == "ko"
    assert context["html_tag"].endswith(' lang="ko" xml:lang="ko">')


def test_the_epub_is_zipped_last_after_every_file_is_written() -> None:
    """kwelle-epub-ready fires in build_epub: the package, nav and NCX must exist by then."""
    calls = re.findall(r"self\.(\w+)\(\)", inspect.getsource(Epub3Builder.handle_finish))
    assert calls[-1] == "build_epub"
    assert {"build_content", "build_navigation_doc", "build_toc"} <= set(calls[:-1])
    assert "self.files" in inspect.getsource(Epub3Builder.build_epub)  # what it zips, which the hook gets


def test_html_collect_pages_comes_before_the_images_are_copied() -> None:
    """kwelle.infographics.images waits for its worker's charts at html-collect-pages."""
    tasks = re.findall(r"add_task\(self\.(\w+)\)", inspect.getsource(StandaloneHTMLBuilder.finish))
    assert tasks.index("gen_pages_from_extensions") < tasks.index("copy_image_files")
    assert "'html-collect-pages'" in inspect.getsource(StandaloneHTMLBuilder.gen_pages_from_extensions)
    visit = inspect.getsource(HTML5Translator.visit_image)
    assert visit.index("if 'scale' in node") < visit.index("get_image_size")  # the chart has no scale


def test_a_build_saves_its_environment_where_setup_looks(tmp_path: Path) -> None:
    """kwelle.infographics.images forks its worker at setup when no environment is saved."""
    doctrees = tmp_path / "doctrees"
    assert not sphinx.has_saved_environment(doctrees)
    srcdir = tmp_path / "src"
    srcdir.mkdir()
    (srcdir / "conf.py").write_text("")
    (srcdir / "index.rst").write_text("Title\n=====\n")
    app = Sphinx(srcdir, srcdir, tmp_path / "out", doctrees, "html", status=None, warning=None)
    app.build()
    assert sphinx.has_saved_environment(doctrees)
    assert Sphinx(srcdir, srcdir, tmp_path / "out", doctrees, "html", status=None).fresh_env_used is False


def test_the_journal_builder_is_sphinx_epub_builder() -> None:
    assert issubclass(sphinx.EpubBuilder, Epub3Builder)
    assert sphinx.EpubBuilder.name == "epub"


def test_epub_pages_start_with_the_builders_html_tag() -> None:
    layout = Path(sphinx_package.__file__).parent / "themes" / "basic" / "layout.html"
    assert "{{ html_tag }}" in layout.read_text(encoding="utf-8")
    assert "lang=" not in Epub3Builder.html_tag


def test_conf_py_is_read_outside_a_build() -> None:
    values = sphinx.read_conf(DOCS, {"kwelle_pdf_dir": "", "kwelle_articles_dir": "articles"})
    assert values["kwelle_pdf_dir"] == "../build/pdf"  # set in conf.py
    assert values["kwelle_articles_dir"] == "articles"  # not set: the default
    assert values["project"] == "K-Welle Journal"


def test_the_package_template_writes_what_the_journal_amends() -> None:
    """kwelle.editions.epub rewrites these elements of content.opf and toc.ncx in place."""
    templates = Path(sphinx_package.__file__).parent / "templates" / "epub3"
    package = (templates / "content.opf.jinja").read_text(encoding="utf-8")
    for element in (
        "<dc:title>",
        "<dc:creator>",
        "<dc:contributor>",
        "<dc:date>",
        'property="dcterms:modified"',
    ):
        assert package.count(element) == 1, element
    assert '<meta name="dtb:uid" content="{{ uid }}"/>' in (templates / "toc.ncx.jinja").read_text(
        encoding="utf-8"
    )


def test_every_table_of_contents_starts_from_toc_add_files() -> None:
    """A one-page book adds its sections there: the spine, nav.xhtml and toc.ncx all call it."""
    for method in (Epub3Builder.get_toc, Epub3Builder.build_navigation_doc, Epub3Builder.build_toc):
        assert "self.toc_add_files(" in inspect.getsource(method), method.__name__
    entry = inspect.getsource(Epub3Builder.get_refnodes)
    assert all(f"'{key}':" in entry for key in ("level", "refuri", "text"))


def test_the_builders_templates_search_their_loaders_in_order(tmp_path: Path) -> None:
    """add_template_folder appends to BuiltinTemplateLoader.loaders, which get_source searches."""
    from sphinx.jinja2glue import BuiltinTemplateLoader  # noqa: PLC0415

    source = inspect.getsource(BuiltinTemplateLoader)
    assert "self.loaders = [" in source
    assert "for loader in loaders:" in source
    (tmp_path / "kwelle-probe.html").write_text("probe {{ x }}", encoding="utf-8")

    class Builder:
        templates = BuiltinTemplateLoader()

    Builder.templates.loaders = []
    Builder.templates.sysloaders = []

    class App:
        builder = Builder()

    sphinx.add_template_folder(App(), tmp_path)
    assert Builder.templates.get_source(None, "kwelle-probe.html")[0] == "probe {{ x }}"


def test_sphinx_knows_no_latex_language_for_korean_and_falls_back_to_english() -> None:
    """LaTeXBuilder.init_babel sets Korean up as English: what Sphinx does, less its warning."""
    from sphinx.builders.latex import LaTeXBuilder  # noqa: PLC0415
    from sphinx.builders.latex.util import ExtBabel  # noqa: PLC0415

    korean = ExtBabel("ko", True)
    assert not korean.is_supported_language()  # once Sphinx knows Korean, the override goes
    assert korean.get_language() == ExtBabel("en", True).get_language() == "english"
    assert "ExtBabel(self.config.language" in inspect.getsource(LaTeXBuilder.init_babel)
    assert issubclass(sphinx.LaTeXBuilder, LaTeXBuilder)


def test_locale_translates_between_the_journal_messages_transforms() -> None:
    assert Locale.default_priority == sphinx.LOCALE_PRIORITY
    assert (
        FrontMatterMessages.default_priority
        < Locale.default_priority
        < TranslatedFrontMatter.default_priority
    )
    assert AddTranslationClasses.default_priority == sphinx.TRANSLATION_CLASSES_PRIORITY
    assert MarkUntranslated.default_priority > AddTranslationClasses.default_priority


def test_locale_marks_each_message_translated_or_not_and_knows_the_gettext_builder() -> None:
    assert "node['translated'] = False" in inspect.getsource(Locale.apply)
    assert "node['translated'] = True" in inspect.getsource(Locale.apply)
    assert "env._builder_cls, MessageCatalogBuilder" in inspect.getsource(AddTranslationClasses.apply)


def test_an_extension_catalog_gives_plurals_through_its_translator() -> None:
    """What add_message_catalog registers (sphinx.locale.init), get_translator finds, with ngettext."""
    saved = dict(locale.translators)
    try:
        locale.translators.pop(("general", CATALOG), None)
        locale.init([LOCALE_DIR], "de", CATALOG)
        plural = sphinx.plural_translation(CATALOG)
        assert plural("(ed.)", "(eds.)", 2) == "(Hrsg.)"
        assert locale.get_translation(CATALOG)("Show the data") == "Daten anzeigen"
    finally:
        locale.translators.clear()
        locale.translators.update(saved)
