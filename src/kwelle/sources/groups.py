"""The journal's list of sources: every bib entry's group, and the References page.

Each entry names its group in ``keywords``: one infographic group (``kwelle_source_groups``)
and one region (``kwelle_source_regions``), e.g. ``keywords = {budget-share, KR}``.
``{source-groups}`` lays the bibliography out by those groups, so no page keeps its
own list of keys. In each region it lists official documents first, then reports, told
apart by entry type (:func:`is_report`).
"""

from __future__ import annotations

from collections import defaultdict
from contextlib import suppress
from typing import TYPE_CHECKING, ClassVar, NamedTuple

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from kwelle.config import get_config
from kwelle.upstream.sphinx_design import create_component
from kwelle.upstream.sphinxcontrib_bibtex import LeanBibliographyDirective

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from pybtex.database import Entry
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)


#: entry types of a report (a news report, an analysis, an essay); any other type is an
#: official document (@report, @techreport, @misc with the body as corporate author)
REPORT_TYPES = frozenset({"article", "online"})
KINDS = ("Official documents", "Press and other sources")


def is_report(entry: Entry) -> bool:
    return entry.type.lower() in REPORT_TYPES


class SourceGroup(NamedTuple):
    group: str
    region: str


def classify(keywords: str, groups: Iterable[str], regions: Iterable[str]) -> SourceGroup:
    """The (group, region) an entry's ``keywords`` field names; ValueError if not exactly one each."""
    words = [word.strip() for word in keywords.split(",") if word.strip()]
    found_groups = [word for word in words if word in groups]
    found_regions = [word for word in words if word in regions]
    for found, vocabulary, what in ((found_groups, groups, "group"), (found_regions, regions, "region")):
        if len(found) != 1:
            choices = ", ".join(vocabulary)
            problem = "names no" if not found else f"names {len(found)} ({', '.join(found)}) instead of one"
            raise ValueError(f"keywords {problem} {what}; use one of: {choices}")
    return SourceGroup(found_groups[0], found_regions[0])


def grouped_keys(env: BuildEnvironment) -> dict[SourceGroup, list[str]]:
    """Every bib key by its group, in .bib order (the bibliography lint reports entries without one)."""
    groups, regions = get_config(env).source_groups, get_config(env).source_regions
    bibdata = env.get_domain("cite").bibdata
    grouped: dict[SourceGroup, list[str]] = defaultdict(list)
    for info in bibdata.bibfiles.values():
        for key in info.keys:
            entry: Entry = bibdata.data.entries[key]
            with suppress(ValueError):
                grouped[classify(entry.fields.get("keywords", ""), groups, regions)].append(key)
    return grouped


class SourceGroupsDirective(SphinxDirective):
    """One section per infographic group; in each, one closed dropdown per region."""

    option_spec: ClassVar[dict] = {}

    def run(self) -> list[nodes.Node]:
        by_group: Mapping[SourceGroup, list[str]] = defaultdict(list, grouped_keys(self.env))
        sections = []
        for group, group_title in get_config(self.env).source_groups.items():
            section = nodes.section(ids=[f"sources-{group}"], names=[nodes.fully_normalize_name(group_title)])
            section += nodes.title(group_title, group_title)
            for region, region_title in get_config(self.env).source_regions.items():
                keys = by_group[SourceGroup(group, region)]
                if keys:
                    section += self._dropdown(f"{region_title} ({len(keys)})", self._by_kind(keys))
            self.set_source_info(section)
            self.state.document.note_implicit_target(section, section)
            sections.append(section)
        return sections

    def _by_kind(self, keys: list[str]) -> dict[str, list[str]]:
        """The keys under each of KINDS that has any, in .bib order."""
        entries = self.env.get_domain("cite").bibdata.data.entries
        official = [key for key in keys if not is_report(entries[key])]
        reports = [key for key in keys if is_report(entries[key])]
        return {kind: kept for kind, kept in zip(KINDS, (official, reports), strict=True) if kept}

    def _dropdown(self, title: str, kinds: dict[str, list[str]]) -> nodes.container:
        dropdown = create_component(
            "dropdown",
            opened=False,
            type="dropdown",
            has_title=True,
            icon=None,
            chevron=None,
            container_classes=["sd-mb-3", "kwelle-source-group"],
            title_classes=[],
            body_classes=[],
        )
        self.set_source_info(dropdown)
        dropdown += nodes.rubric(title, title)
        for kind, keys in kinds.items():
            dropdown += nodes.rubric(kind, kind, classes=["kwelle-source-kind"])
            bibliography = LeanBibliographyDirective(
                "bibliography",
                [],
                {"list": "bullet", "filter": "False"},
                StringList(keys),
                self.lineno,
                self.content_offset,
                self.block_text,
                self.state,
                self.state_machine,
            )
            dropdown.extend(bibliography.run())
        return dropdown


def setup_sources(app: Sphinx) -> None:

    app.add_directive("source-groups", SourceGroupsDirective)
