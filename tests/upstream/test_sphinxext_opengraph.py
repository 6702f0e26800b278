"""Contracts with sphinxext-opengraph: what kwelle.upstream.sphinxext_opengraph relies on."""

from __future__ import annotations

import inspect
import re
from importlib.metadata import version
from pathlib import Path

import pytest
from sphinxext import opengraph

from conftest import ROOTS, sphinx_build
from kwelle.upstream import in_tested_range, sphinxext_opengraph


def test_installed_version_is_tested() -> None:
    assert in_tested_range("sphinxext-opengraph", sphinxext_opengraph.TESTED), version("sphinxext-opengraph")


def test_the_extension_takes_two_names_from_the_card_module_and_copes_without_them() -> None:
    source = inspect.getsource(opengraph)
    imported = re.search(r"from sphinxext\.opengraph\._social_cards import \(([^)]*)\)", source)
    assert imported is not None
    assert {name.strip() for name in imported.group(1).split(",") if name.strip()} == {
        "DEFAULT_SOCIAL_CONFIG",
        "create_social_card",
    }
    assert "except ImportError:" in source
    assert "create_social_card is not None" in source  # no card is drawn without it


def test_a_no_op_rebuild_imports_no_matplotlib(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A rebuild that draws no chart need not import matplotlib (0.6 s or more of every build)."""
    outdir = tmp_path / "html"
    first = sphinx_build(ROOTS / "test-infographic", outdir)
    assert first.returncode == 0, first.output
    monkeypatch.setenv("PYTHONPROFILEIMPORTTIME", "1")  # python -X importtime: each import on stderr
    again = sphinx_build(ROOTS / "test-infographic", outdir)
    assert again.returncode == 0, again.output
    imported = {
        line.rsplit("|", 1)[-1].strip()
        for line in again.output.splitlines()
        if line.startswith("import time:")
    }
    assert "kwelle.upstream.sphinxext_opengraph" in imported  # the list is of a kwelle build
    assert not {name for name in imported if name.split(".")[0] == "matplotlib"}
