"""Every reach into another package's internals, in one place: one module per upstream package.

Each module names the versions it was written against, why it reaches in (with the measured
gain where it is a speed-up) and the upstream change that would let it go. The contract tests
in ``tests/upstream/`` pin each behaviour relied on, so an upgrade fails naming the contract.
A speed-up meeting a version outside its tested range falls back to the stock behaviour.
"""

from __future__ import annotations

from importlib.metadata import version
from typing import TYPE_CHECKING

from packaging.specifiers import SpecifierSet
from sphinx.util import logging

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)


def in_tested_range(distribution: str, versions: str) -> bool:
    """Whether the installed ``distribution`` is one of the ``versions`` a patch was tested with."""
    return SpecifierSet(versions).contains(version(distribution), prereleases=True)


def fall_back(app: Sphinx, distribution: str, versions: str, what: str) -> None:
    """Say once that ``what`` is off: the installed version is outside the tested range."""
    logger.warning(
        "%s %s is outside the range %s that %s was tested with; using %s's own behaviour",
        distribution,
        version(distribution),
        versions,
        what,
        distribution,
        type="kwelle",
        subtype="upstream",
        once=True,
    )
