"""Infographics: charts drawn at build time from cited data files (data, drawing, directive, groups)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kwelle.infographics.directive import InfographicDirective
from kwelle.infographics.groups import check_groups_agree, merge_charts, purge_charts

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup_infographics(app: Sphinx) -> None:
    app.add_directive("infographic", InfographicDirective)
    app.connect("env-purge-doc", purge_charts)
    app.connect("env-merge-info", merge_charts)
    app.connect("env-check-consistency", check_groups_agree)
