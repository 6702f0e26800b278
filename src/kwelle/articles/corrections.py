"""Corrections and updates, dated and public.

    :::{correction} 2026-11-29
    What the article said, and what it says now.
    :::

Each entry shows its date; an article's "updated" date is its latest correction's when
that is later than its front matter says; the front page marks articles corrected within
``kwelle_recent_correction_days`` of the build (``SOURCE_DATE_EPOCH`` when set).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from kwelle.articles.store import articles
from kwelle.config import get_config
from kwelle.envstore import PerDocument
from kwelle.i18n import format_date, ui_language

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)


class CorrectionDirective(SphinxDirective):
    required_arguments = 1
    final_argument_whitespace = True  # so that "1 May 2026" gets our message, not docutils'
    has_content = True
    option_spec: ClassVar[dict] = {}

    def run(self) -> list[nodes.Node]:
        try:
            day = dt.date.fromisoformat(self.arguments[0])
        except ValueError:
            logger.error("correction: date %r must be written YYYY-MM-DD", self.arguments[0],
                         location=(self.env.docname, self.lineno), type="kwelle", subtype="correction")  # fmt: skip
            return []
        corrections(self.env).setdefault(self.env.docname, []).append(day)
        meta = articles(self.env).get(self.env.docname)
        if meta is not None and day > meta.updated:
            articles(self.env)[self.env.docname] = dataclasses.replace(meta, updated=day)
        entry = nodes.container(classes=["kwelle-correction"])
        self.set_source_info(entry)
        date = format_date(day, ui_language(self.env, self.env.docname))
        entry += nodes.paragraph("", "", nodes.strong(date, date), classes=["kwelle-correction-date"])
        entry += self.parse_content_to_nodes()
        return [entry]


CORRECTIONS = PerDocument("kwelle_corrections")


def corrections(env: BuildEnvironment) -> dict[str, list[dt.date]]:
    """The dates of each page's corrections."""
    return CORRECTIONS.of(env)


def build_date() -> dt.date:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date() if epoch else dt.datetime.now(dt.UTC).date()


def recently_corrected(env: BuildEnvironment, docname: str) -> dt.date | None:
    """The latest correction of ``docname`` if it is recent, else None."""
    dates = corrections(env).get(docname)
    if not dates:
        return None
    latest = max(dates)
    window = dt.timedelta(days=get_config(env).recent_correction_days)
    return latest if build_date() - latest <= window else None


def setup_corrections(app: Sphinx) -> None:
    app.add_directive("correction", CorrectionDirective)
    CORRECTIONS.connect(app)
