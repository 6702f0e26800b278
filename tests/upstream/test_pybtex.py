"""Contracts with pybtex: what kwelle.upstream.pybtex relies on."""

from __future__ import annotations

import inspect
from importlib.metadata import entry_points, version

import pybtex.plugin
import pytest

from kwelle.upstream import in_tested_range
from kwelle.upstream import pybtex as upstream_pybtex


def test_installed_version_is_tested() -> None:
    assert in_tested_range("pybtex", upstream_pybtex.TESTED), version("pybtex")


@pytest.mark.parametrize(("group", "name"), sorted(upstream_pybtex.CACHED_PLUGINS))
def test_each_cached_plugin_is_the_class_its_entry_point_names(group: str, name: str) -> None:
    """Registered by hand, a plugin must be the one pybtex would have found ("text" is an alias)."""
    found = {point.name: point for point in entry_points(group=group)}
    point = found.get(name) or found["plaintext"]
    assert point.load() is upstream_pybtex.CACHED_PLUGINS[group, name]


def test_registered_plugins_are_found_before_entry_points() -> None:
    upstream_pybtex.register_cached_plugins()
    assert (
        pybtex.plugin.find_plugin("pybtex.backends", "text")
        is upstream_pybtex.CACHED_PLUGINS["pybtex.backends", "text"]
    )


def test_register_fills_the_registry_register_plugin_fills() -> None:
    """kwelle registers as ``register_plugin(..., force=True)`` does, without reading entry points."""

    class Style(pybtex.plugin.Plugin):
        pass

    upstream_pybtex.register("pybtex.style.formatting", "kwelle-contract", Style)
    assert pybtex.plugin.find_plugin("pybtex.style.formatting", "kwelle-contract") is Style
    assert "_RUNTIME_PLUGINS.setdefault(plugin_group, {})" in inspect.getsource(pybtex.plugin.register_plugin)
