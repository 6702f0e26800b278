"""The journal's language editions: where each is published, which pages each has, and the
links between them (``<link rel="alternate" hreflang>``, the sitemap's alternates).

``kwelle_editions`` lists the editions, the sources' language first. Each build is one
edition, its ``language``: the first at the site root (``html_baseurl``), each other a
translation built with ``-D language=<code>`` and published at ``kwelle_edition_url`` (default
``<html_baseurl><code>/``, as ``nox -s html`` lays it out in build/html/<code>/). In a
translation's build the settings that name the root edition's URL (``html_baseurl``,
``ogp_site_url``) are set to the translation's own, so its canonical links, feed, sitemap and
OpenGraph tags are its own.

A page exists in the root edition always, and in a translation when its message catalog
(``<locale_dir>/<code>/LC_MESSAGES/<domain>.po``, the domain as ``gettext_compact`` gives it)
has at least one translated message: an untranslated page is not offered as a translation.
"""

from __future__ import annotations

import html
import posixpath
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from babel.messages.pofile import read_po
from lxml import etree
from sphinx.util import logging
from sphinx.util.i18n import docname_to_domain

from kwelle.catalogs import coverage
from kwelle.config import get_config, known_language
from kwelle.envstore import PerDocument
from kwelle.upstream.sphinx import is_epub, language_catalogs

if TYPE_CHECKING:
    from collections.abc import Sequence
    from collections.abc import Set as AbstractSet

    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
#: hreflang's value for the page to show a reader whose language has no edition
X_DEFAULT = "x-default"


@dataclass(frozen=True)
class Editions:
    """The editions of the journal, as one build sees them."""

    #: BCP 47 codes, the sources' language first
    codes: tuple[str, ...]
    #: the edition this build writes
    current: str
    #: code -> the edition's base URL, ending in "/" (a path, "/" or "/de/", without html_baseurl)
    urls: dict[str, str]
    #: translation code -> the catalog domains with at least one translated message
    translated: dict[str, frozenset[str]]
    #: ``gettext_compact``: how a page's name gives its catalog's
    compaction: bool | str = False

    @property
    def root(self) -> str:
        return self.codes[0]

    @property
    def absolute(self) -> bool:
        """Whether the URLs are absolute (``html_baseurl`` set): hreflang needs them."""
        return bool(urlsplit(self.urls[self.root]).scheme)

    def has(self, code: str, docname: str) -> bool:
        return code == self.root or docname_to_domain(docname, self.compaction) in self.translated.get(
            code, ()
        )

    def of_page(self, docname: str) -> tuple[str, ...]:
        """The editions in which ``docname`` exists, in the journal's order."""
        return tuple(code for code in self.codes if self.has(code, docname))

    def url(self, code: str, target: str) -> str:
        """The URL of ``target`` (a page's file, "articles/a.html") in edition ``code``."""
        return urljoin(self.urls[code], target)

    def href(self, code: str, target: str, here: str) -> str:
        """``target`` in edition ``code`` as linked from ``here`` (the current page's file): relative
        when both editions are on one host, so that the site works from its folder too."""
        there, source = urlsplit(self.url(code, target)), urlsplit(self.url(self.current, here))
        if (there.scheme, there.netloc) != (source.scheme, source.netloc):
            return there.geturl()
        return posixpath.relpath(there.path, posixpath.dirname(source.path) or "/")


def edition_urls(root_url: str, codes: Sequence[str], template: str) -> dict[str, str]:
    """Each edition's base URL: the root's ``root_url`` ("/" if unset), a translation's from
    ``template`` (with ``{code}``) or, without one, the root's URL followed by ``<code>/``."""
    root = root_url.rstrip("/") + "/" if root_url else "/"
    urls = {codes[0]: root}
    for code in codes[1:]:
        urls[code] = template.format(code=code).rstrip("/") + "/" if template else f"{root}{code}/"
    return urls


def translated_domains(srcdir: Path, locale_dirs: list[str], code: str) -> frozenset[str]:
    """The catalog domains of ``code`` (as Sphinx finds them) that translate at least one message."""
    found = set()
    for domain, po in language_catalogs(srcdir, locale_dirs, code, "utf-8").items():
        with po.open("rb") as handle:
            if coverage(read_po(handle)).translated:
                found.add(domain)
    return frozenset(found)


def set_up_editions(app: Sphinx, config: Config) -> None:
    """Check ``kwelle_editions``, find each translation's pages, and give this edition its URLs."""
    settings = get_config(app)
    codes = tuple(settings.editions) or (config.language or "en",)
    current = config.language or "en"
    if current not in codes or not all(isinstance(code, str) and known_language(code) for code in codes):
        codes = (current,)  # kwelle.articles.languages.check_editions says what is wrong
    if settings.edition_url and "{code}" not in settings.edition_url:
        logger.warning(
            "%s: kwelle_edition_url must contain {code}, the edition's language, not %r",
            Path(app.confdir, "conf.py"), settings.edition_url, type="kwelle", subtype="config",
        )  # fmt: skip
    template = settings.edition_url if "{code}" in settings.edition_url else ""
    root_url = config.html_baseurl or ""
    urls = edition_urls(root_url, codes, template)
    translated = {code: translated_domains(Path(app.srcdir), config.locale_dirs, code) for code in codes[1:]}
    config._kwelle_editions = Editions(codes, current, urls, translated, config.gettext_compact)
    if root_url and current != codes[0]:
        own = urls[current]
        for name in ("html_baseurl", "ogp_site_url"):  # what named the root edition names this one
            if (getattr(config, name, None) or "").rstrip("/") == root_url.rstrip("/"):
                setattr(config, name, own)
    if len(codes) > 1:
        # sphinx-sitemap would give every page every locale of locale_dirs, each at
        # "{lang}{version}{link}" of one site URL; here each edition's URL already says its
        # language (and version, on Read the Docs), and add_sitemap_alternates gives each page
        # the editions it exists in
        config.sitemap_locales = [None]
        config.sitemap_url_scheme = "{link}"


def get_editions(env_or_app: BuildEnvironment | Sphinx) -> Editions:
    return env_or_app.config._kwelle_editions


def page_file(app: Sphinx, docname: str) -> str:
    """The page's file in its edition's folder: "articles/a.html"."""
    return app.builder.get_target_uri(docname)


def alternate_links(editions: Editions, docname: str, target: str) -> list[tuple[str, str]]:
    """(hreflang, absolute URL) for every edition of the page, itself included, and x-default;
    none for a page that no translation has."""
    links = [(code, editions.url(code, target)) for code in editions.of_page(docname)]
    return [*links, (X_DEFAULT, editions.url(editions.root, target))] if len(links) > 1 else []


def add_alternate_links(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree: object
) -> None:
    editions = get_editions(app)
    if is_epub(app.builder) or not editions.absolute or pagename not in app.env.all_docs:
        return
    tags = [
        f'<link rel="alternate" hreflang="{code}" href="{html.escape(url)}">'
        for code, url in alternate_links(editions, pagename, page_file(app, pagename))
    ]
    if tags:
        context["metatags"] = context.get("metatags", "") + "\n".join(tags) + "\n"


def add_sitemap_alternates(app: Sphinx, exception: Exception | None) -> None:
    """Give each ``<url>`` of the sitemap sphinx-sitemap wrote an ``xhtml:link`` per edition."""
    editions = get_editions(app)
    sitemap = Path(app.outdir, app.config.sitemap_filename)
    if exception or app.builder.format != "html" or is_epub(app.builder) or len(editions.codes) < 2:
        return
    if not sitemap.is_file():
        return
    pages = {editions.url(editions.current, page_file(app, docname)): docname for docname in app.env.all_docs}
    tree = etree.parse(sitemap)
    for url in tree.getroot().iter(f"{{{SITEMAP_NS}}}url"):
        docname = pages.get(url.findtext(f"{{{SITEMAP_NS}}}loc"))
        for code, href in alternate_links(editions, docname, page_file(app, docname)) if docname else ():
            attributes = {"rel": "alternate", "hreflang": code, "href": href}
            etree.SubElement(url, f"{{{XHTML_NS}}}link", attributes, nsmap={"xhtml": XHTML_NS})
    etree.cleanup_namespaces(tree, top_nsmap={"xhtml": XHTML_NS})  # declared once, on <urlset>
    tree.write(sitemap, xml_declaration=True, encoding="utf-8")


EDITION_PAGES = PerDocument("kwelle_edition_pages")


def remember_editions(app: Sphinx, docname: str, source: list[str]) -> None:
    EDITION_PAGES.of(app.env)[docname] = get_editions(app).of_page(docname)


def pages_with_new_editions(
    app: Sphinx,
    env: BuildEnvironment,
    added: AbstractSet[str],
    changed: AbstractSet[str],
    removed: AbstractSet[str],
) -> list[str]:
    """A translation added (or emptied) since a page was read changes its links: read it again."""
    editions = get_editions(app)
    return sorted(
        docname
        for docname, codes in EDITION_PAGES.of(env).items()
        if docname not in removed and codes != editions.of_page(docname)
    )


def setup_translations(app: Sphinx) -> None:
    app.connect("config-inited", set_up_editions, priority=150)  # after kwelle.config validates
    app.connect("source-read", remember_editions)
    app.connect("env-get-outdated", pages_with_new_editions)
    EDITION_PAGES.connect(app)
    app.connect("html-page-context", add_alternate_links)
    app.connect("build-finished", add_sitemap_alternates, priority=600)  # after sphinx-sitemap writes it
