"""The article header: deck, byline, dates and lead image, inserted under the title.

Built from plain docutils nodes so that HTML and LaTeX both render it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.transforms import SphinxTransform

from kwelle.articles.languages import page_language
from kwelle.articles.store import articles
from kwelle.config import is_translation
from kwelle.i18n import _, format_date, format_list, reading_time, ui_language
from kwelle.sources.style import plain_text
from kwelle.upstream.sphinx import extracts_messages

if TYPE_CHECKING:
    from pybtex.database import Entry
    from sphinx.application import Sphinx

    from kwelle.articles.frontmatter import ArticleMeta


#: a reader's pace through an argued text, in words per minute
READING_SPEED = 200


def reading_minutes(words: int) -> int:
    return max(1, -(-words // READING_SPEED))  # rounded up


def format_dates(meta: ArticleMeta, words: int, language: str) -> str:
    parts = [_("Published %(date)s") % {"date": format_date(meta.published, language)}]
    if meta.updated != meta.published:
        parts.append(_("Updated %(date)s") % {"date": format_date(meta.updated, language)})
    parts.append(reading_time(reading_minutes(words), language))
    return " · ".join(parts)


def format_byline(meta: ArticleMeta, language: str) -> str:
    names = [f"{a.name} ({a.role})" if a.role else a.name for a in meta.authors]
    return _("By %(names)s") % {"names": format_list(names, language)}


def format_based_on(entry: Entry, language: str) -> str:
    """Credit the original work: “Title” by First Last (Publisher, year)."""
    authors = format_list(
        [
            plain_text(" ".join(person.first_names + person.middle_names + person.last_names))
            for person in entry.persons.get("author", [])
        ],
        language,
    )
    title = plain_text(entry.fields["title"])
    where = ", ".join(
        plain_text(entry.fields[name]) for name in ("howpublished", "journal", "year") if name in entry.fields
    )
    return _("Based on the original essay “%(title)s” by %(authors)s (%(where)s)") % {
        "title": title,
        "authors": authors,
        "where": where,
    }


def styled(style: str, *content: nodes.Node) -> nodes.container:
    """A paragraph in a container carrying ``style``: a CSS class in HTML, an environment in LaTeX."""
    return nodes.container("", nodes.paragraph("", "", *content), classes=[style])


class ArticleHeader(SphinxTransform):
    """Put the front matter's deck, byline, dates and lead image right under the article title."""

    default_priority = 500

    def apply(self, **kwargs: object) -> None:
        meta = articles(self.env).get(self.env.docname)
        section = next(self.document.findall(nodes.section), None)
        # a gettext build extracts the front matter's texts one by one (kwelle.articles.translation)
        if meta is None or section is None or extracts_messages(self.env):
            return
        language = ui_language(self.env, self.env.docname)
        header = nodes.container(classes=["kwelle-article-header"])
        header += styled("kwelle-deck", nodes.Text(meta.deck))
        byline = [nodes.Text(format_byline(meta, language))]
        if meta.based_on:
            entry = self.env.get_domain("cite").bibdata.data.entries[meta.based_on]
            byline.append(
                nodes.inline("", ". " + format_based_on(entry, language), classes=["kwelle-based-on"])
            )
        header += styled("kwelle-byline", *byline)
        translators = (
            meta.translators_of(page_language(self.env, self.env.docname)) if is_translation(self.env) else ()
        )
        if translators:
            credit = _("Translated by %(names)s") % {"names": format_list(translators, language)}
            header += styled("kwelle-translators", nodes.Text(credit))
        header += styled(
            "kwelle-dates", nodes.Text(format_dates(meta, len(self.document.astext().split()), language))
        )
        tags = nodes.paragraph(classes=["kwelle-tags"])
        for index, (tag, key) in enumerate(zip(meta.tags, meta.tag_keys, strict=True)):
            if index:
                tags += nodes.Text(" · ")
            # a link to the tag's page in HTML (kwelle.articles.tags), plain text in print
            tags += nodes.inline(tag, tag, classes=["kwelle-tag"], kwelle_tag=key)
        header += nodes.container("", tags, classes=["kwelle-tags"])
        # a container, not a figure: the lead image is not a numbered "Fig. 1" in the PDF
        lead = nodes.container(ids=["lead-image"], classes=["kwelle-lead-image"])
        lead += nodes.image(uri=meta.image, alt=meta.image_alt)
        lead += styled(
            "kwelle-image-credit", nodes.Text(_("Image: %(credit)s") % {"credit": meta.image_credit})
        )
        header += lead
        for node in header.findall(nodes.Element):
            node.source, node.line = self.document["source"], meta.lines.get("title", 1)
        if "deck" in meta.untranslated:  # marked as Sphinx marks an untranslated paragraph
            header[0][0]["translated"] = False
        section.insert(1, header)


def setup_header(app: Sphinx) -> None:
    app.add_transform(ArticleHeader)
