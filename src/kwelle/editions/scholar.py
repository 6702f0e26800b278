"""What Google Scholar and reference managers read in an article page: Highwire Press
``citation_*`` tags (Scholar's inclusion guidelines ask for them; Zotero's page translator
reads them first), and Dublin Core for what Highwire has no tag for (the last update, the
publisher, the rights). Written from the page metadata that the JSON-LD and OpenGraph come
from (:mod:`kwelle.editions.pagemeta`), on the HTML builders only: an ePub has no search engine.

No ``<link rel="schema.DC">``: the DCMI namespaces are ``http:`` URLs, which no page may link
(kwelle.safety.outputscan), and the readers of these tags know the ``DC.`` prefix without it.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from kwelle.editions.pagemeta import PageMetadata, citation_name, page_metadata

if TYPE_CHECKING:
    import datetime as dt

    from sphinx.application import Sphinx

HTML_BUILDERS = ("html", "dirhtml")


def _date(day: dt.date) -> str:
    return day.strftime("%Y/%m/%d")  # the form Scholar's guidelines give


def highwire_tags(page: PageMetadata) -> list[tuple[str, str]]:
    meta = page.article
    tags = [("citation_title", meta.title)]
    for author in meta.authors:
        tags.append(("citation_author", citation_name(author)))
        if author.affiliation:
            tags.append(("citation_author_institution", author.affiliation))
        if author.orcid:
            tags.append(("citation_author_orcid", author.orcid))
    tags += [
        ("citation_publication_date", _date(meta.published)),
        ("citation_online_date", _date(meta.published)),
        ("citation_journal_title", page.journal),
        ("citation_publisher", page.journal),
        ("citation_language", page.language),
        *(("citation_keywords", tag) for tag in meta.tags),
        ("citation_abstract", meta.deck),
        ("citation_fulltext_html_url", page.url),
    ]
    if page.pdf_url:
        tags.append(("citation_pdf_url", page.pdf_url))
    tags += [("citation_reference", reference) for reference in page.references]
    return tags


def dublin_core_tags(page: PageMetadata, rights: str) -> list[tuple[str, str]]:
    tags = [
        ("DC.type", "Text"),
        ("DC.publisher", page.journal),
        ("DC.identifier", page.url),
        ("DCTERMS.issued", page.article.published.isoformat()),
        ("DCTERMS.modified", page.article.updated.isoformat()),
    ]
    if rights:
        tags.append(("DC.rights", f"© {rights}"))
    return tags


def add_scholar_metadata(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree: object
) -> None:
    if app.builder.name not in HTML_BUILDERS:
        return
    page = page_metadata(app, pagename)
    if page is None:
        return
    tags = highwire_tags(page) + dublin_core_tags(page, app.config.copyright)
    lines = "".join(f'<meta name="{name}" content="{html.escape(value)}">\n' for name, value in tags)
    context["metatags"] = context.get("metatags", "") + lines


def setup_scholar(app: Sphinx) -> None:
    app.connect("html-page-context", add_scholar_metadata)
