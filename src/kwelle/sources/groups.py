"""The journal's list of sources: every bib entry's group, and the References page.

An entry names its place in two fields of its own: ``group``, an infographic group
(``kwelle_source_groups``), and ``region`` (``kwelle_source_regions``), e.g.
``group = {budget-share}, region = {KR}``. Neither is a BibTeX or biblatex field, so a
file's own ``keywords`` stay its own. ``{source-groups}`` lays the bibliography out by
those groups, so no page keeps its own list of keys; an entry without them is not on it.
In each region it lists official documents first, then reports, told apart by entry type
(:func:`is_report`).
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
from kwelle.i18n import _
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


def is_report(entry: Entry) -> bool:
    return entry.type.lower() in REPORT_TYPES


class SourceGroup(NamedTuple):
    group: str
    region: str


#: the bib fields that place an entry on the References page
GROUP_FIELD, REGION_FIELD = "group", "region"


def classify(fields: Mapping[str, str], groups: Iterable[str], regions: Iterable[str]) -> SourceGroup:
    """The (group, region) an entry's fields name; ValueError saying what is missing or unknown."""
    found = []
    for name, vocabulary in ((GROUP_FIELD, groups), (REGION_FIELD, regions)):
        value = fields.get(name, "").strip()
        if value not in vocabulary:
            problem = f"has no {name} field" if not value else f"{name} {value!r} is not in the vocabulary"
            raise ValueError(f"{problem}; use one of: {', '.join(vocabulary)}")
        found.append(value)
    return SourceGroup(*found)


def grouped_keys(env: BuildEnvironment) -> dict[SourceGroup, list[str]]:
    """Every bib key by its group, in .bib order (the bibliography lint reports entries without one)."""
    groups, regions = get_config(env).source_groups, get_config(env).source_regions
    bibdata = env.get_domain("cite").bibdata
    grouped: dict[SourceGroup, list[str]] = defaultdict(list)
    for info in bibdata.bibfiles.values():
        for key in info.keys:
            entry: Entry = bibdata.data.entries[key]
            with suppress(ValueError):
                grouped[classify(entry.fields, groups, regions)].append(key)
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
        """The keys of each kind (official documents, press) that has any, in .bib order."""
        entries = self.env.get_domain("cite").bibdata.data.entries
        official = [key for key in keys if not is_report(entries[key])]
        reports = [key for key in keys if is_report(entries[key])]
        kinds = (_("Official documents"), _("Press and other sources"))
        return {kind: kept for kind, kept in zip(kinds, (official, reports), strict=True) if kept}

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
            # the extension's words, from its own catalog: not a message of the page's
            dropdown += nodes.rubric(kind, kind, classes=["kwelle-source-kind"], translatable=False)
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
