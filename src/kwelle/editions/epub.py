"""The ePub edition: EPUB 3 that reading systems open (EPUBCheck: no error, no warning),
for the journal and, with ``kwelle_epub_article = "SLUG"``, for one article alone
(``python -m kwelle.cli.epub`` builds them all).

Its metadata comes from where the HTML's does: conf.py (project, author, language,
``html_baseurl``, ``kwelle_journal_subject``) and each article's front matter. An article's
book has its title, its authors as creators, its deck as description, its tags as subjects,
its page's URL as identifier, its dates as its page shows them (a correction moves the
update on) and its lead image as cover; the journal's book has the journal's, with the
newest article's lead image as cover. In an article's book, a link to another page of the
journal goes to that page on the site.

Left out, since a book has no use for them: OpenGraph, JSON-LD and the feed link
(:mod:`kwelle.editions.social`), the per-page cut of stylesheets
(:mod:`kwelle.theme.pageassets`), scripts (Sphinx's ePub theme links none, so copy buttons
and tabs stay off), citation previews (a hover popup; the citation still links to its entry),
the CSV download under a chart (a book cannot offer a download; the data table is there), and
the index page (a journal has none). Dropdowns are open: not every reading system opens one.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote

from docutils import nodes
from lxml import etree
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

from kwelle.articles.citethis import article_url
from kwelle.articles.store import articles, articles_before_reading
from kwelle.config import get_config
from kwelle.upstream.sphinx import EPUB_READY, is_epub, setup_epub_builder
from kwelle.upstream.sphinx_design import DROPDOWN_HTML_PRIORITY, is_component

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

    from kwelle.articles.frontmatter import ArticleMeta
    from kwelle.config import JournalConfig

logger = logging.getLogger(__name__)

#: what the ePub drops (classes of the extension's nodes); the module docstring says why
LEFT_OUT = frozenset({"kwelle-cite-preview", "kwelle-chart-download"})

OPF = "http://www.idpf.org/2007/opf"
DC = "http://purl.org/dc/elements/1.1/"
SVG = "http://www.w3.org/2000/svg"
NCX = "http://www.daisy.org/z3986/2005/ncx/"
MATHML = "http://www.w3.org/1998/Math/MathML"
_BARE_SVG = re.compile(r"<svg(?![^>]*\sxmlns=)")
_DOCTYPE = re.compile(rb"<!DOCTYPE[^>\[]*(?:\[[^\]]*\])?\s*>\s*")


@dataclass(frozen=True)
class Book:
    """What the package document says about one ePub."""

    title: str
    creators: tuple[str, ...]
    contributors: tuple[str, ...]
    language: str
    description: str
    identifier: str
    published: dt.date | None
    modified: dt.date | None
    subjects: tuple[str, ...]
    #: the lead image shown as cover, relative to the source folder ("" for none)
    cover: str


def _image_source(meta: ArticleMeta, docname: str) -> str:
    """The lead image's path from the source folder, as Sphinx resolves the article's ``image``."""
    if meta.image.startswith("/"):
        return meta.image.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(docname), meta.image))


def _identifier(config: Config, docname: str | None) -> str:
    """The address of the article's page (``docname``) or of the journal (None) where the site
    has one, else a name derived from it."""
    if config.html_baseurl:
        return article_url(config.html_baseurl, docname) if docname else config.html_baseurl
    return uuid.uuid5(uuid.NAMESPACE_URL, f"{config.project}/{docname or ''}").urn


def article_book(config: Config, docname: str, meta: ArticleMeta) -> Book:
    return Book(
        title=meta.title,
        creators=tuple(author.name for author in meta.authors),
        contributors=(),
        language=meta.language or config.language or "en",  # "" is the journal's language
        description=meta.deck,
        identifier=_identifier(config, docname),
        published=meta.published,
        modified=meta.updated,
        subjects=meta.tags,
        cover=_image_source(meta, docname),
    )


def journal_book(config: Config, settings: JournalConfig, found: dict[str, ArticleMeta]) -> Book:
    newest = sorted(found.items(), key=lambda item: (item[1].published, item[0]), reverse=True)
    return Book(
        title=config.project,
        creators=(config.author,),
        contributors=tuple(dict.fromkeys(author.name for _, meta in newest for author in meta.authors)),
        language=config.language or "en",
        description=settings.journal_subject or config.project,
        identifier=_identifier(config, None),
        published=max((meta.published for meta in found.values()), default=None),
        modified=max((meta.updated for meta in found.values()), default=None),
        subjects=tuple(sorted({tag for meta in found.values() for tag in meta.tags})),
        cover=_image_source(newest[0][1], f"{settings.articles_dir}/{newest[0][0]}") if newest else "",
    )


def book_of(app: Sphinx, found: dict[str, ArticleMeta]) -> Book:
    """The article's book when ``kwelle_epub_article`` names one of ``found`` (by file name),
    else the journal's."""
    settings = get_config(app)
    slug = settings.epub_article
    if slug in found:
        return article_book(app.config, f"{settings.articles_dir.rstrip('/')}/{slug}", found[slug])
    return journal_book(app.config, settings, found)


def read_book(app: Sphinx) -> Book:
    """The book as the build read it: the articles' metadata as the HTML has it (a correction
    moves an article's date on)."""
    return book_of(app, {posixpath.basename(docname): meta for docname, meta in articles(app.env).items()})


def configure_epub(app: Sphinx, config: Config) -> None:
    """Sphinx's ePub settings from the book's metadata; an article's book reads that article alone."""
    folder = get_config(app).articles_dir.rstrip("/")
    slug = get_config(app).epub_article
    found = articles_before_reading(app)  # nothing is read yet: the front matter
    if slug and slug not in found:
        logger.error(
            "kwelle_epub_article = %r: no article %s/%s.md with valid front matter (articles: %s); "
            "building the journal's ePub instead",
            slug, folder, slug, ", ".join(sorted(found)) or "none", type="kwelle", subtype="epub",
        )  # fmt: skip
        slug = ""
    book = book_of(app, found)
    if slug:
        config.root_doc = f"{folder}/{slug}"
        config.include_patterns = [f"{folder}/{slug}.*"]
        config.epub_basename = slug
    else:
        config.epub_tocscope = "includehidden"  # the articles' toctree is hidden (the sidebar lists sections)
    config.epub_use_index = False  # a journal has no index
    config.epub_title = book.title
    config.epub_author = " and ".join(book.creators)
    config.epub_contributor = ", ".join(book.contributors) or config.project
    config.epub_publisher = config.project
    config.epub_language = book.language
    config.epub_description = book.description
    config.epub_identifier = book.identifier
    config.epub_scheme = "URL" if book.identifier.startswith("https:") else "UUID"
    config.epub_uid = "kwelle-id"
    if not config.version and book.modified:  # the edition, as docs/conf.py writes it: year and month
        config.version = f"{book.modified:%Y.%m}"


class OutsideTheJournal(SphinxPostTransform):
    """An article's own ePub holds that article alone: a link to another page of the journal
    (the References page) goes to the page on the site instead of warning."""

    default_priority = 5  # before MyST resolves its links (9)
    builders = ("epub",)

    def run(self, **kwargs: object) -> None:
        config = self.config
        if not get_config(self.env).epub_article or not config.html_baseurl:
            return
        for xref in list(self.document.findall(addnodes.pending_xref)):
            target = xref.get("reftarget", "")
            if xref.get("refdomain") != "doc" or target in self.env.all_docs or not self._in_journal(target):
                continue  # in the book, or no page at all: resolved or reported as usual
            url = article_url(config.html_baseurl, target)
            if xref.get("reftargetid"):
                url += f"#{xref['reftargetid']}"
            xref.replace_self(nodes.reference("", "", *xref.children, refuri=url))

    def _in_journal(self, docname: str) -> bool:
        return any(Path(self.env.srcdir, docname + suffix).is_file() for suffix in self.config.source_suffix)


class LeaveOutOfTheBook(SphinxPostTransform):
    """What an ePub has no use for goes; dropdowns are open (a reader may be unable to open one)."""

    default_priority = DROPDOWN_HTML_PRIORITY - 1  # once previews exist (15), before dropdowns are <details>
    builders = ("epub",)

    def run(self, **kwargs: object) -> None:
        for node in list(self.document.findall(nodes.Element)):
            if LEFT_OUT.intersection(node["classes"]):
                node.parent.remove(node)
            elif is_component(node, "dropdown"):
                node["opened"] = True


class NamespacedSvg(SphinxPostTransform):
    """Icons written as HTML (sphinx-design's chevrons) are SVG in an XHTML page only with
    SVG's namespace: without it EPUBCheck rejects the page."""

    default_priority = 900  # after every component is HTML (sphinx-design: 199)
    builders = ("epub",)

    def run(self, **kwargs: object) -> None:
        for raw in self.document.findall(nodes.raw):
            if "html" in raw.get("format", "").split() and "<svg" in raw.astext():
                text = _BARE_SVG.sub(f'<svg xmlns="{SVG}"', raw.astext())
                raw.replace_self(nodes.raw("", text, format=raw["format"]))


def choose_cover(app: Sphinx) -> list:
    """The cover is the lead image as the book holds it: the environment names the copies of
    images (the builder knows only those of the pages written this time)."""
    if not is_epub(app.builder):
        return []
    book = read_book(app)
    if book.cover in app.env.images:
        _, copy = app.env.images[book.cover]
        app.config.epub_cover = (f"{app.builder.imagedir}/{copy}", "")
    return []  # no pages to add


def finish_book(app: Sphinx, outdir: Path, files: tuple[str, ...]) -> None:
    """Say in the package document what its template cannot; drop the DTDs EPUB 3 forbids."""
    for name in files:
        if name.endswith(".svg"):  # matplotlib writes SVG 1.1's DOCTYPE, with external entities
            path = outdir / name
            path.write_bytes(_DOCTYPE.sub(b"", path.read_bytes(), count=1))
    package = outdir / "content.opf"
    tree = etree.parse(package)
    book = read_book(app)
    amend_package(tree.getroot(), book, outdir, app.config.epub_cover)
    tree.write(package, xml_declaration=True, encoding="UTF-8")
    # the NCX names the book by its identifier; Sphinx writes there the identifier's XML id
    toc = outdir / "toc.ncx"
    tree = etree.parse(toc)
    tree.find(f"{{{NCX}}}head/{{{NCX}}}meta[@name='dtb:uid']").set("content", book.identifier)
    tree.write(toc, xml_declaration=True, encoding="UTF-8")


def amend_package(package: etree._Element, book: Book, outdir: Path, cover: tuple[str, ...]) -> None:
    metadata = package.find(f"{{{OPF}}}metadata")
    # the title and description as the build read them: in a translated edition, the translation
    # (Sphinx's template has them from before reading, the front matter's source language)
    for name, value in (("title", book.title), ("description", book.description)):
        element = metadata.find(f"{{{DC}}}{name}")
        if element is not None and value:
            element.text = value
    _set_all(metadata, "creator", book.creators)
    _set_all(metadata, "contributor", book.contributors)
    _set_all(metadata, "subject", book.subjects)
    if book.published is not None:
        metadata.find(f"{{{DC}}}date").text = book.published.isoformat()
    if book.modified is not None:
        modified = metadata.find(f"{{{OPF}}}meta[@property='dcterms:modified']")
        modified.text = f"{book.modified.isoformat()}T00:00:00Z"
    for item in package.find(f"{{{OPF}}}manifest"):
        properties = (item.get("properties") or "").split()
        href = unquote(item.get("href"))  # Sphinx quotes the file names
        if cover and href == cover[0]:
            properties.append("cover-image")
        if item.get("media-type") == "application/xhtml+xml" and href != "nav.xhtml":
            properties += _content_properties(outdir / href)
        if properties:
            item.set("properties", " ".join(properties))


def _set_all(metadata: etree._Element, name: str, values: tuple[str, ...]) -> None:
    """One ``dc:NAME`` element per value, where Sphinx's template writes one (or none)."""
    old = metadata.findall(f"{{{DC}}}{name}")
    after = old[0] if old else metadata.find(f"{{{DC}}}title")
    for value in reversed(values):
        element = etree.Element(f"{{{DC}}}{name}")
        element.text, element.tail = value, after.tail
        after.addnext(element)
    for element in old:
        metadata.remove(element)


def _content_properties(page: Path) -> list[str]:
    """The manifest properties EPUB 3 requires of a page: what it embeds."""
    root = etree.parse(page).getroot()
    embedded = {"svg": f"{{{SVG}}}svg", "mathml": f"{{{MATHML}}}math"}
    return [name for name, tag in embedded.items() if root.find(f".//{tag}") is not None]


def setup_epub(app: Sphinx) -> None:
    setup_epub_builder(app)
    app.connect("config-inited", configure_epub)
    app.add_post_transform(OutsideTheJournal)
    app.add_post_transform(LeaveOutOfTheBook)
    app.add_post_transform(NamespacedSvg)
    app.connect("html-collect-pages", choose_cover)
    app.connect(EPUB_READY, finish_book)
