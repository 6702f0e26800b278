"""Drafts and schedules. An article whose front matter says ``draft: true`` is part of the
preview (``nox -s serve`` sets ``kwelle_show_drafts``), under a "Draft" banner, and of no
other build: not its page, the front page, the feed, the sitemap, a tag page or the PDF.
A ``published`` date after the build date (``SOURCE_DATE_EPOCH`` when set) is an error,
unless the article is a draft.

Drafts are left out with ``exclude_patterns``, set as the configuration is read: Sphinx then
never reads them, so nothing built from the documents it read (toctrees, search, sitemap,
feed, tags, LaTeX) can show one, and a page that links a draft fails the strict build as a
link to a missing page would. Filtering read documents instead (env-get-outdated,
env-purge-doc) would leave every such consumer to remember the filter. Reading the front
matter costs one YAML block per article per build; flipping ``draft`` changes
``exclude_patterns``, and Sphinx reads everything again, as for any configuration change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from kwelle.articles.corrections import build_date
from kwelle.articles.header import styled
from kwelle.articles.store import articles, articles_before_reading
from kwelle.config import get_config
from kwelle.i18n import _

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

logger = logging.getLogger(__name__)


def exclude_drafts(app: Sphinx, config: Config) -> None:
    settings = get_config(app)
    if settings.show_drafts:
        return
    found = articles_before_reading(app, drafts=True)
    drafts = [f"{settings.articles_dir}/{slug}.md" for slug, meta in found.items() if meta.draft]
    config.exclude_patterns = [*config.exclude_patterns, *drafts]


def check_schedule(app: Sphinx, docname: str, source: list[str]) -> None:
    """Only a draft may be published in the future."""
    meta = articles(app.env).get(docname)
    if meta is None or meta.draft:
        return
    today = build_date()
    if meta.published > today:
        logger.error(
            "front matter: 'published' (%s) is after the build date (%s): mark the article "
            "'draft: true' until then", meta.published, today,
            location=(docname, meta.lines.get("published", 1)), type="kwelle", subtype="frontmatter",
        )  # fmt: skip


class DraftBanner(SphinxTransform):
    default_priority = 505  # after the article header (500), before "Cite this" (510)

    def apply(self, **kwargs: object) -> None:
        meta = articles(self.env).get(self.env.docname)
        section = next(self.document.findall(nodes.section), None)
        if meta is None or not meta.draft or section is None:
            return
        label = _("Draft")
        text = _("not published. It shows in the preview only; `nox -s html` leaves it out.")
        banner = styled("kwelle-draft-banner", nodes.strong(label, label), nodes.Text(": " + text))
        section.insert(1, banner)


def setup_drafts(app: Sphinx) -> None:
    app.connect("config-inited", exclude_drafts, priority=900)  # once every extension has its settings
    app.connect("source-read", check_schedule, priority=600)  # after kwelle.articles.store (500)
    app.add_transform(DraftBanner)
