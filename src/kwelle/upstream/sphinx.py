"""Sphinx, reached into: the class of the stylesheets in a page's context, the LaTeX
builder's transform order, and the template variables that write a page's language.

Written against Sphinx 8.2 to 9.x (``TESTED``); pinned by ``tests/upstream/test_sphinx.py``.

- ``context["css_files"]`` and ``context["script_files"]`` hold
  ``sphinx.builders.html._assets._CascadingStyleSheet`` and ``_JavaScript`` objects (private
  classes); :mod:`kwelle.theme.pageassets` replaces one with another of the same class
  pointing at the page's cut, or at the loader of the scripts it loads on demand. A public
  constructor for page assets (or a per-page ``add_css_file``) would remove this.
- the LaTeX builder's ``BibliographyTransform`` (priority 750) gathers every citation into
  one list at the end of the document; :mod:`kwelle.editions.latex` keeps each article's
  list where the article put it by regrouping the citations just before. An option to
  keep citations in place would remove this.
- Sphinx has no per-page language: the templates write the global one. furo's
  ``base.html`` (and Sphinx's ``basic/layout.html``) write ``<html lang="{{ language }}">``
  from the page context; the ePub builder instead puts its own ``<html …>`` tag, without
  ``lang``, in the context variable ``html_tag`` (``Epub3Builder.html_tag``), which
  ``basic/layout.html`` prints when set. :func:`set_page_language` sets both. A per-page
  ``language`` in Sphinx (or a ``lang`` block in the themes) would remove this.
- the ePub builder writes the package document (content.opf), nav.xhtml and toc.ncx from
  fixed templates and zips the book in one step (``Epub3Builder.handle_finish``), with no
  event between: :class:`EpubBuilder` emits ``kwelle-epub-ready`` before the zip, so that
  :mod:`kwelle.editions.epub` can finish what the templates cannot say (a creator per author,
  the dates, the manifest's ``svg`` and ``cover-image`` properties, SVG without a DTD). It
  rewrites in place the elements the templates write once (``dc:creator``, ``dc:date``,
  ``dcterms:modified``, the NCX's ``dtb:uid``, which Sphinx fills with the identifier's XML id
  instead of the identifier). An event before ``build_epub`` (or template blocks) upstream
  would remove it. A book of one page (an article's) gets the page's sections as its table of
  contents: Sphinx lists only the pages toctrees name (``toc_add_files`` adds the root page).
  It also keeps a doctree folder inside the output folder (sphinx-build
  without ``-d``) out of the book, through ``epub_exclude_files``, which names files only.
- Sphinx's LaTeX builder knows no Babel or polyglossia name for Korean and warns "no Babel
  option known for language 'ko'" in every build of the Korean edition (a warning, so an error
  in the strict build), then sets the document up in English all the same. kwelle.sty sets
  Korean with xetexko, which needs no language package: :class:`LaTeXBuilder` sets a Korean
  edition up in English without the warning. Sphinx knowing that xetexko covers Korean (or a
  way to say so) would remove it.
- an extension has no public way to add a folder of templates without putting its install
  path into ``templates_path``, which ``.buildinfo`` hashes (one site, two hashes, by where the
  extension is installed). :func:`add_template_folder` appends a loader to the builder's
  ``templates.loaders`` (``BuiltinTemplateLoader``, which searches that list in order) once the
  builder made it; :mod:`kwelle.theme.switcher` draws the language switcher from one. An
  ``app.add_template_dir`` (or templates outside the config hash) would remove this.
- translated editions (:mod:`kwelle.articles.languages`, :mod:`kwelle.messages`) rely on the
  i18n transforms: ``Locale`` (priority 20) translates every node ``extract_messages`` finds
  and sets ``node["translated"]`` on each when the page has a catalog (none when it has not);
  ``AddTranslationClasses`` (950) turns that into the ``translated`` / ``untranslated``
  classes. A page's catalog is the one ``CatalogRepository`` finds for its text domain
  (``docname_to_domain``); the gettext builder is told apart by ``env._builder_cls``, as the
  i18n transforms themselves do, and takes its msgids from ``extract_messages`` and the
  toctrees' captions (:func:`page_messages`, against which kwelle.catalogs finds stale
  entries). Public hooks for "this build extracts messages" and "this page has a catalog"
  would remove this.
- ``sphinx.locale.get_translation`` (the documented way for an extension's catalog) gives a
  function of one message, without a plural form; :func:`plural_translation` asks the
  translator that ``app.add_message_catalog`` registered (``sphinx.locale.get_translator``)
  for ``ngettext``. A plural form in ``get_translation`` would remove this.
- ``Config.read`` and ``Config.add`` read conf.py outside a build, for the command-line tools
  (:mod:`kwelle.cli.epub`, :mod:`kwelle.cli.scaffold`) to know the journal's settings.
- a serial HTML build reads no image file between reading and copying the images: its
  ``finish`` emits ``html-collect-pages`` (``gen_pages_from_extensions``) before
  ``copy_image_files``, and its writer opens an image only to scale it (an SVG, never). So
  :mod:`kwelle.infographics.images` lets its worker draw while the pages are written and waits
  at ``html-collect-pages``. An event for "the images are about to be copied" would say it.
- an extension's ``setup`` runs before Sphinx loads or creates the environment; whether this
  build starts from no saved environment (so reads every page) is whether the doctree
  folder has Sphinx's ``environment.pickle`` (``sphinx.application.ENV_PICKLE_FILENAME``),
  which :func:`has_saved_environment` asks, for :mod:`kwelle.infographics.images` to start
  its worker early. ``app.fresh_env_used`` says it, but only after ``setup``.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import ENV_PICKLE_FILENAME
from sphinx.builders.epub3 import Epub3Builder
from sphinx.builders.gettext import MessageCatalogBuilder
from sphinx.builders.latex import LaTeXBuilder as SphinxLaTeXBuilder
from sphinx.builders.latex.util import ExtBabel
from sphinx.config import Config
from sphinx.jinja2glue import SphinxFileSystemLoader
from sphinx.locale import get_translator
from sphinx.transforms.i18n import AddTranslationClasses, Locale
from sphinx.util.i18n import CatalogRepository, docname_to_domain
from sphinx.util.nodes import extract_messages
from sphinx.util.tags import Tags

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

TESTED = ">=8.2,<10"
#: ``sphinx.builders.latex.transforms.BibliographyTransform.default_priority``
LATEX_BIBLIOGRAPHY_PRIORITY = 750


#: ``sphinx.transforms.i18n.Locale.default_priority``: front matter and chart texts are
#: messages in the doctree before it, and read back (translated) after it
LOCALE_PRIORITY = Locale.default_priority
#: ``AddTranslationClasses.default_priority``: the ``untranslated`` class is there after it
TRANSLATION_CLASSES_PRIORITY = AddTranslationClasses.default_priority


def has_saved_environment(doctreedir: str | Path) -> bool:
    """Whether a build with this doctree folder loads an environment (before ``setup`` knows)."""
    return (Path(doctreedir) / ENV_PICKLE_FILENAME).is_file()


def extracts_messages(env: BuildEnvironment) -> bool:
    """Whether this build writes message catalogs (``-b gettext``), as the i18n transforms ask."""
    return issubclass(env._builder_cls, MessageCatalogBuilder)


def translatable(document: nodes.document) -> list[tuple[nodes.Element, str]]:
    """Each node ``Locale`` translates, with its message (``extract_messages``)."""
    return list(extract_messages(document))


def catalog_path(env: BuildEnvironment, docname: str) -> Path | None:
    """The page's ``.po`` file in the build's language, if it has one."""
    found = getattr(env.config, "_kwelle_catalogs", None)  # underscored: never pickled
    if found is None:
        found = env.config._kwelle_catalogs = catalog_files(env)
    return found.get(text_domain(env, docname))


def page_messages(document: nodes.document) -> set[str]:
    """The texts of a doctree that ``-b gettext`` makes msgids of: ``extract_messages``'s, and
    the toctrees' captions (which the gettext builder adds from the environment's tocs)."""
    found = {message for _, message in translatable(document)}
    found.update(
        toctree["caption"] for toctree in document.findall(addnodes.toctree) if toctree.get("caption")
    )
    return found


def text_domain(env: BuildEnvironment, docname: str) -> str:
    """The catalog a page's messages go to (its docname with ``gettext_compact = False``)."""
    return docname_to_domain(docname, env.config.gettext_compact)


def catalog_files(env: BuildEnvironment) -> dict[str, Path]:
    """The build language's ``.po`` files, by text domain (the first locale dir that has one wins)."""
    return language_catalogs(
        env.srcdir, env.config.locale_dirs, env.config.language, env.config.source_encoding
    )


def language_catalogs(srcdir: Path, locale_dirs: list[str], language: str, encoding: str) -> dict[str, Path]:
    """``language``'s ``.po`` files under ``locale_dirs``, by text domain, as Sphinx finds them."""
    found: dict[str, Path] = {}
    for catalog in CatalogRepository(srcdir, locale_dirs, language, encoding).catalogs:
        found.setdefault(catalog.domain, Path(catalog.po_path))
    return found


def asset_like(asset: object, filename: str, **attributes: str) -> object:
    """A stylesheet or script of the same class, priority and attributes as ``asset`` (with
    ``attributes`` added), for another file."""
    return type(asset)(filename, priority=asset.priority, **{**asset.attributes, **attributes})


def set_page_language(context: dict, language: str) -> None:
    """Make the page's ``<html>`` element say ``language``, in HTML and in the ePub."""
    context["language"] = language
    tag = context.get("html_tag") or ""
    if tag.endswith(">") and " lang=" not in tag:
        context["html_tag"] = f'{tag[:-1]} lang="{language}" xml:lang="{language}">'


#: emitted with (outdir, files) when every file of an ePub is written, before the zip
EPUB_READY = "kwelle-epub-ready"


class EpubBuilder(Epub3Builder):
    """Sphinx's ePub 3 builder, with a moment between writing the book's files and zipping them."""

    def build_content(self) -> None:
        # sphinx-build without -d keeps the doctrees in OUTDIR/.doctrees, where Sphinx would
        # put the cached charts into the book and warn about every pickle
        doctrees = Path(self.doctreedir).resolve()
        outdir = Path(self.outdir).resolve()
        if doctrees.is_relative_to(outdir):
            cache = [path.relative_to(outdir).as_posix() for path in doctrees.rglob("*") if path.is_file()]
            self.config.epub_exclude_files = [*self.config.epub_exclude_files, *cache]
        super().build_content()

    def toc_add_files(self, refnodes: list[dict[str, Any]]) -> None:
        # Sphinx lists the pages that toctrees name: an article's own book names none
        super().toc_add_files(refnodes)
        if len(refnodes) == 1:
            refnodes += self._sections(self.env.tocs[self.config.root_doc], 1)

    def _sections(self, toc: nodes.Element, level: int) -> list[dict[str, Any]]:
        """A page's sections as table-of-contents entries (the page itself is ``level``)."""
        found = []
        for item in toc.children:
            reference = next(item.findall(nodes.reference))
            if reference["anchorname"]:
                uri = self.fix_fragment(
                    f"{self.config.root_doc}{self.out_suffix}#", reference["anchorname"][1:]
                )
                found.append({"level": level, "refuri": escape(uri), "text": escape(reference.astext())})
            for sublist in item.children[1:]:
                found += self._sections(sublist, level + 1)
        return found

    def build_epub(self) -> None:
        # handle_finish calls this last: content.opf, nav.xhtml and toc.ncx are written
        self.events.emit(EPUB_READY, Path(self.outdir), tuple(self.files))
        super().build_epub()


class LaTeXBuilder(SphinxLaTeXBuilder):
    """Sphinx's LaTeX builder, with Korean set up as the English it falls back to, unwarned."""

    def init_babel(self) -> None:
        if (self.config.language or "").partition("-")[0] != "ko":
            super().init_babel()
            return
        # the English Sphinx falls back to; xetexko (kwelle.sty) sets the Korean text
        self.babel = ExtBabel("en", not self.context["babel"])


def setup_latex_builder(app: Sphinx) -> None:
    app.add_builder(LaTeXBuilder, override=True)


def is_epub(builder: Builder) -> bool:
    return isinstance(builder, EpubBuilder)


def setup_epub_builder(app: Sphinx) -> None:
    app.add_event(EPUB_READY)
    app.add_builder(EpubBuilder, override=True)


def read_conf(confdir: Path, defaults: dict[str, object]) -> dict[str, object]:
    """The values conf.py in ``confdir`` gives the names of ``defaults`` (their default where it
    sets none), and its ``project``, read outside a build."""
    config = Config.read(confdir.resolve(), overrides={}, tags=Tags())
    for name, default in defaults.items():
        config.add(name, default, "env", ())
    return {name: getattr(config, name) for name in [*defaults, "project"]}


def add_template_folder(app: Sphinx, folder: Path) -> None:
    """Let the builder's templates include the templates in ``folder`` (after the project's and
    the theme's, so a theme or a journal can override them)."""
    templates = getattr(app.builder, "templates", None)
    if templates is not None and hasattr(templates, "loaders"):
        templates.loaders.append(SphinxFileSystemLoader(str(folder)))


def plural_translation(catalog: str) -> Callable[[str, str, int], str]:
    """``ngettext`` for an extension's catalog, in the build's language (looked up at each call:
    every build registers its own translator)."""

    def ngettext(singular: str, plural: str, count: int) -> str:
        return get_translator(catalog).ngettext(singular, plural, count)

    return ngettext
