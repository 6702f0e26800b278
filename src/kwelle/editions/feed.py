"""The Atom feed (``feed.xml``): every article, newest first, with absolute URLs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from feedgen.feed import FeedGenerator

from kwelle.articles.store import articles
from kwelle.config import get_config

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from kwelle.articles.frontmatter import ArticleMeta

FEED = "feed.xml"


def _moment(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def atom_feed(site_url: str, title: str, subtitle: str, entries: dict[str, ArticleMeta]) -> bytes:
    """The feed for ``entries`` (page URL path -> metadata) as Atom XML."""
    feed = FeedGenerator()
    feed.id(site_url)
    feed.title(title)
    feed.subtitle(subtitle or title)
    feed.link(href=site_url, rel="alternate")
    feed.link(href=urljoin(site_url, FEED), rel="self")
    feed.language("en")
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
    return feed.atom_str(pretty=True)


def write_feed(app: Sphinx, exception: Exception | None) -> None:
    if exception or app.builder.format != "html" or not app.config.html_baseurl:
        return
    site_url = app.config.html_baseurl.rstrip("/") + "/"
    entries = {app.builder.get_target_uri(docname): meta for docname, meta in articles(app.env).items()}
    feed = atom_feed(site_url, app.config.project, get_config(app).journal_subject, entries)
    Path(app.outdir, FEED).write_bytes(feed)


def setup_feed(app: Sphinx) -> None:
    app.connect("build-finished", write_feed)
