"""Infographics: charts drawn at build time from cited data files (data, drawing, images, directive, groups)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kwelle.infographics.directive import CHARTS, DrawChart, InfographicDirective
from kwelle.infographics.groups import check_groups_agree
from kwelle.infographics.images import fork_chart_worker, setup_images

if TYPE_CHECKING:
    from sphinx.application import Sphinx


__all__ = ["fork_chart_worker", "setup_infographics"]


def setup_infographics(app: Sphinx) -> None:
    app.add_directive("infographic", InfographicDirective)
    app.add_transform(DrawChart)
    CHARTS.connect(app)
    setup_images(app)
    app.connect("env-check-consistency", check_groups_agree)
