"""The front page of the journal: ``{article-list}`` shows the newest article as the lead
(image, deck, byline, date, reading time), the next ones as cards (image, title, deck, date,
tags), the topics with their counts and, once there are more articles than the front page
holds (``kwelle_front_page_articles``), an archive by year and month on a page of its own.
The front page's weight therefore stays the same as the journal grows.

That is the HTML site's front page. Other builders (the PDF, the ePub) get the plain list of
every article, newest first: title, deck and date.
"""

from __future__ import annotations

import html
import itertools
import posixpath
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.util.docutils import SphinxDirective

from kwelle.articles.corrections import recently_corrected
from kwelle.articles.frontimages import front_image, image_node, publish, visit_front_image
from kwelle.articles.header import format_byline, reading_minutes, styled
from kwelle.articles.languages import page_language
from kwelle.articles.store import articles, is_article
from kwelle.articles.tags import tag_labels, tag_page, tag_slugs
from kwelle.config import get_config
from kwelle.envstore import PerDocument
from kwelle.i18n import _, format_date, format_month, format_number, month_name, reading_time, ui_language

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterator
    from collections.abc import Set as AbstractSet

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from kwelle.articles.frontmatter import ArticleMeta

#: the builder that gets the front page; the others, the plain list
FRONT_PAGE_BUILDERS = ("html",)
ARCHIVE = "archive"
#: how wide an image shows: the lead across the content column, a card in a column of two
LEAD_SIZES = "(min-width: 67em) 46em, 100vw"
CARD_SIZES = "(min-width: 40em) 22em, 6rem"


class article_list(nodes.General, nodes.Element):  # noqa: N801 (docutils node naming)
    """Placeholder, filled in once every article has been read."""


class ArticleListDirective(SphinxDirective):
    """Mark where the index of articles goes."""

    option_spec: ClassVar[dict] = {}

    def run(self) -> list[nodes.Node]:
        LISTING_DOCS.of(self.env)[self.env.docname] = True
        node = article_list()
        self.set_source_info(node)
        return [node]


#: documents that contain an article list (docname -> True)
LISTING_DOCS = PerDocument("kwelle_listing_docs")
#: each article's length in words, for its reading time on the front page
WORDS = PerDocument("kwelle_article_words")


class CountWords(SphinxTransform):
    default_priority = 499  # the text the article header counts (500), before anything is added

    def apply(self, **kwargs: object) -> None:
        if self.env.docname in articles(self.env):
            WORDS.of(self.env)[self.env.docname] = len(self.document.astext().split())


def newest_first(env: BuildEnvironment) -> list[tuple[str, ArticleMeta]]:
    return sorted(articles(env).items(), key=lambda item: (item[1].published, item[0]), reverse=True)


def fill_article_lists(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Replace each placeholder with the front page, or with the plain list."""
    placeholders = list(doctree.findall(article_list))
    if not placeholders:
        return  # most pages: no sort of every article (N pages × N articles)
    ordered = newest_first(app.env)
    for placeholder in placeholders:
        if app.builder.name in FRONT_PAGE_BUILDERS:
            placeholder.replace_self(list(FrontPage(app, docname).nodes(ordered)))
        else:
            listing = nodes.bullet_list(classes=["kwelle-article-list"])
            for article, meta in ordered:
                listing += _card(app, docname, article, meta)
            placeholder.replace_self(listing)


def _card(app: Sphinx, docname: str, article: str, meta: ArticleMeta) -> nodes.list_item:
    """Title, deck, date: what every listing shows of an article."""
    link = nodes.reference(
        "", meta.title, internal=True, refuri=app.builder.get_relative_uri(docname, article)
    )
    language = ui_language(app.env, docname)
    item = nodes.list_item(classes=["kwelle-article-card"])
    written_in = page_language(app.env, article)
    if written_in != page_language(
        app.env, docname
    ):  # e.g. a translated article on an untranslated front page
        item["classes"].append(f"language-{written_in}")
    item += nodes.paragraph("", "", nodes.strong("", "", link), classes=["kwelle-article-title"])
    item += styled("kwelle-deck", nodes.Text(meta.deck))
    if meta.draft:  # only in the preview (kwelle.articles.drafts)
        item += styled("kwelle-draft-label", nodes.Text(_("Draft")))
    item += styled("kwelle-dates", nodes.Text(format_date(meta.published, language)))
    corrected = recently_corrected(app.env, article)
    if corrected:
        item += styled(
            "kwelle-corrected",
            nodes.Text(_("Corrected %(date)s") % {"date": format_date(corrected, language)}),
        )
    return item


class FrontPage:
    def __init__(self, app: Sphinx, docname: str) -> None:
        self.app = app
        self.docname = docname
        self.here = posixpath.dirname(docname) or "."
        self.limit = max(1, get_config(app).front_page_articles)
        self.tag_slugs = tag_slugs(app.env)  # once a page: it reads every article's tags
        self.language = ui_language(app.env, docname)

    def nodes(self, ordered: list[tuple[str, ArticleMeta]]) -> Iterator[nodes.Node]:
        if not ordered:
            return
        listing = nodes.bullet_list(classes=["kwelle-article-list", "kwelle-front"])
        for index, (article, meta) in enumerate(ordered[: self.limit]):
            listing += self.lead(article, meta) if index == 0 else self.card(article, meta)
        yield listing
        yield self.topics(ordered)
        if len(ordered) > self.limit:
            yield self.archive(ordered)

    def image(self, article: str, meta: ArticleMeta, sizes: str, *, lazy: bool) -> front_image:
        _, source = self.app.env.relfn2path(meta.image, article)
        published = publish(Path(source), Path(self.app.outdir))
        return image_node(published, self.here, meta.image_alt, sizes, lazy=lazy)

    def lead(self, article: str, meta: ArticleMeta) -> nodes.list_item:
        item = _card(self.app, self.docname, article, meta)
        item["classes"].append("kwelle-lead")
        item.insert(0, self.image(article, meta, LEAD_SIZES, lazy=False))
        minutes = reading_minutes(WORDS.of(self.app.env).get(article, 0))
        dates = next(c for c in item.findall(nodes.container) if "kwelle-dates" in c["classes"])
        dates.parent.insert(
            dates.parent.index(dates), styled("kwelle-byline", nodes.Text(format_byline(meta, self.language)))
        )
        dates[0] += nodes.Text(" · " + reading_time(minutes, self.language))
        item += self.tags(meta)
        return item

    def card(self, article: str, meta: ArticleMeta) -> nodes.list_item:
        item = _card(self.app, self.docname, article, meta)
        item.insert(0, self.image(article, meta, CARD_SIZES, lazy=True))
        item += self.tags(meta)
        return item

    def tags(self, meta: ArticleMeta) -> nodes.paragraph:
        line = nodes.paragraph(classes=["kwelle-tags"])
        for index, (tag, key) in enumerate(zip(meta.tags, meta.tag_keys, strict=True)):
            if index:
                line += nodes.Text(" · ")
            line += nodes.reference(
                "", tag, refuri=tag_page(self.tag_slugs[key], self.docname), classes=["kwelle-tag"]
            )
        return line

    def topics(self, ordered: list[tuple[str, ArticleMeta]]) -> nodes.container:
        counts = Counter(key for _, meta in ordered for key in meta.tag_keys)
        labels = tag_labels(self.app.env)
        box = nodes.container(classes=["kwelle-topics"])
        heading = _("Topics")
        box += nodes.rubric(heading, heading)
        listing = nodes.bullet_list()
        for key, count in sorted(counts.items(), key=lambda item: (-item[1], labels[item[0]].lower())):
            link = nodes.reference(
                "", labels[key], refuri=tag_page(self.tag_slugs[key], self.docname), classes=["kwelle-tag"]
            )
            listing += nodes.list_item(
                "", nodes.paragraph("", "", link, nodes.Text(f" ({format_number(count, self.language)})"))
            )
        box += listing
        return box

    def archive(self, ordered: list[tuple[str, ArticleMeta]]) -> nodes.container:
        """Every month with its count, linking into the archive page."""
        box = nodes.container(classes=["kwelle-archive"])
        heading = _("Archive")
        box += nodes.rubric(heading, heading)
        href = posixpath.relpath(f"{ARCHIVE}.html", self.here)
        for year, in_year in itertools.groupby(ordered, key=lambda item: item[1].published.year):
            line = nodes.paragraph("", "", nodes.strong("", f"{year}: "))
            for index, (month, in_month) in enumerate(_by_month(in_year)):
                if index:
                    line += nodes.Text(" · ")
                line += nodes.reference("", month_name(month, self.language), refuri=f"{href}#{month:%Y-%m}")
                line += nodes.Text(f" ({format_number(len(in_month), self.language)})")
            box += line
        return box


def _by_month(items: Iterator[tuple[str, ArticleMeta]]) -> list[tuple[dt.date, list]]:
    grouped = itertools.groupby(items, key=lambda item: item[1].published.replace(day=1))
    return [(month, list(in_month)) for month, in_month in grouped]


def archive_page(app: Sphinx) -> Iterator[tuple[str, dict, str]]:
    """Every article by year and month, when the front page cannot hold them all."""
    ordered = newest_first(app.env)
    if app.builder.name not in FRONT_PAGE_BUILDERS or len(ordered) <= get_config(app).front_page_articles:
        return
    language, title = ui_language(app.env), _("Archive")
    parts = [f"<h1>{html.escape(title)}</h1>"]
    for year, in_year in itertools.groupby(ordered, key=lambda item: item[1].published.year):
        parts.append(f'<section id="{year}"><h2>{year}</h2>')
        for month, in_month in _by_month(in_year):
            items = "".join(
                f'<li><a href="{app.builder.get_target_uri(docname)}">{html.escape(meta.title)}</a> · '
                f"{format_date(meta.published, language)}</li>"
                for docname, meta in in_month
            )
            parts.append(
                f'<section id="{month:%Y-%m}"><h3>{format_month(month, language)}</h3><ul>{items}</ul></section>'
            )
        parts.append("</section>")
    yield ARCHIVE, {"title": title, "body": "".join(parts)}, "page.html"


def reread_listings(
    app: Sphinx,
    env: BuildEnvironment,
    added: AbstractSet[str],
    changed: AbstractSet[str],
    removed: AbstractSet[str],
) -> list[str]:
    """A new, edited or deleted article changes every index page."""
    if any(is_article(env, docname) for docname in added | changed | removed):
        return sorted(set(LISTING_DOCS.of(env)) - removed)
    return []


def setup_listing(app: Sphinx) -> None:
    app.add_node(article_list)
    app.add_node(front_image, html=(visit_front_image, None))
    app.add_directive("article-list", ArticleListDirective)
    app.add_transform(CountWords)
    app.connect("doctree-resolved", fill_article_lists)
    app.connect("env-get-outdated", reread_listings)
    app.connect("html-collect-pages", archive_page)
    LISTING_DOCS.connect(app)
    WORDS.connect(app)
