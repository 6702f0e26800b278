"""One source of truth, checked: the References page groups sources by infographic from
their bib ``group`` fields; the charts declare their sources in their data. The two must agree.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx.util import logging

from kwelle.infographics.directive import charts
from kwelle.sources.groups import grouped_keys

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)


def disagreements(
    declared: dict[str, set[str]], grouped: dict[str, set[str]], where: dict[str, str]
) -> list[str]:
    """What differs between the sources charts declare and the bib entries' groups, per group.

    ``declared`` and ``grouped`` map a group to keys; ``where`` names a data file per group.
    """
    problems = []
    for group in sorted(declared):
        problems += [
            f"{where[group]}: source {key!r} is not in group {group!r} in the bibliography's group fields"
            for key in sorted(declared[group] - grouped.get(group, set()))
        ]
        problems += [
            f"bib entry {key!r} is in group {group!r}, but no {group!r} infographic declares it"
            for key in sorted(grouped.get(group, set()) - declared[group])
        ]
    return problems


def check_groups_agree(app: Sphinx, env: BuildEnvironment) -> None:
    declared: dict[str, set[str]] = {}
    where: dict[str, str] = {}
    for found in charts(env).values():
        for data_file, group, sources in found:
            declared.setdefault(group, set()).update(sources)
            where.setdefault(group, data_file)
    if not declared:
        return
    grouped: dict[str, set[str]] = {}
    for (group, _region), keys in grouped_keys(env).items():
        grouped.setdefault(group, set()).update(keys)
    for problem in disagreements(declared, grouped, where):
        logger.error(
            "References page and infographics disagree: %s", problem, type="kwelle", subtype="infographic"
        )
