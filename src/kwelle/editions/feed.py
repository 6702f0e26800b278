"""The Atom feed (``feed.xml``): every article, newest first, with absolute URLs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from feedgen.feed import FeedGenerator
from lxml import etree

from kwelle.articles.languages import page_language, site_language
from kwelle.articles.store import articles
from kwelle.config import get_config

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from kwelle.articles.frontmatter import ArticleMeta

FEED = "feed.xml"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ATOM_ENTRY = "{http://www.w3.org/2005/Atom}entry"
ATOM_ID = "{http://www.w3.org/2005/Atom}id"


def _moment(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def atom_feed(
    site_url: str,
    title: str,
    subtitle: str,
    entries: dict[str, ArticleMeta],
    *,
    language: str = "en",
    entry_languages: dict[str, str] | None = None,
) -> bytes:
    """The feed for ``entries`` (page URL path -> metadata) as Atom XML, in ``language``;
    an entry whose page is in another language (``entry_languages``, by path) says so."""
    feed = FeedGenerator()
    feed.id(site_url)
    feed.title(title)
    feed.subtitle(subtitle or title)
    feed.link(href=site_url, rel="alternate")
    feed.link(href=urljoin(site_url, FEED), rel="self")
    feed.language(language)
    newest_first = sorted(entries.items(), key=lambda item: (item[1].updated, item[0]))
    if newest_first:
        feed.updated(_moment(max(meta.updated for meta in entries.values())))
    for path, meta in newest_first:  # feedgen prepends: add oldest first
        url = urljoin(site_url, path)
        entry = feed.add_entry()
        entry.id(url)
        entry.link(href=url)
        entry.title(meta.title)
        entry.summary(meta.summary or meta.deck)
        entry.published(_moment(meta.published))
        entry.updated(_moment(meta.updated))
        for author in meta.authors:
            entry.author(name=author.name)
        for tag in meta.tags:
            entry.category(term=tag)
    xml = feed.atom_str(pretty=True)
    return _mark_entry_languages(xml, site_url, language, entry_languages or {})


def _mark_entry_languages(xml: bytes, site_url: str, language: str, languages: dict[str, str]) -> bytes:
    """feedgen gives the feed one ``xml:lang``; set each entry's own where it differs."""
    by_url = {urljoin(site_url, path): code for path, code in languages.items() if code != language}
    if not by_url:
        return xml
    root = etree.fromstring(xml)
    for entry in root.iter(ATOM_ENTRY):
        code = by_url.get(entry.findtext(ATOM_ID))
        if code:
            entry.set(XML_LANG, code)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def write_feed(app: Sphinx, exception: Exception | None) -> None:
    if exception or app.builder.format != "html" or not app.config.html_baseurl:
        return
    site_url = app.config.html_baseurl.rstrip("/") + "/"
    docs = {app.builder.get_target_uri(docname): docname for docname in articles(app.env)}
    entries = {path: articles(app.env)[docname] for path, docname in docs.items()}
    languages = {path: page_language(app.env, docname) for path, docname in docs.items()}
    feed = atom_feed(
        site_url, app.config.project, get_config(app).journal_subject, entries,
        language=site_language(app.env), entry_languages=languages,
    )  # fmt: skip
    Path(app.outdir, FEED).write_bytes(feed)


def setup_feed(app: Sphinx) -> None:
    app.connect("build-finished", write_feed)
