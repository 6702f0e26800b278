"""pybtex, reached into: its plugin registry, filled by hand with the plugins a build looks up.

Written against pybtex 0.24 to 0.26 (``TESTED``); pinned by ``tests/upstream/test_pybtex.py``.

``pybtex.plugin.find_plugin`` reads every installed package's entry points on each lookup
(about 6 ms a time, and sphinxcontrib-bibtex looks up the backend, name, label and sorting
plugins once per citation or bibliography, :mod:`kwelle.articles.citefiles` the BibTeX writer
once per article); a plugin registered at run time is a dictionary lookup (0.001 ms). The very
classes the entry points name are put in the registry, so the lookups find the same classes,
faster. For ``render_as("text")`` pybtex reads every entry point of the group before it tries
its aliases, so the alias is registered too.

They are put there as ``register_plugin(group, name, plugin, force=True)`` puts them, in the
registry it keeps (``pybtex.plugin._RUNTIME_PLUGINS``), without its first step: it reads every
entry point to see whether one has the name, forced or not (4 to 10 ms a call, nine calls a
build: a tenth of a one-article build's setup). A cache of entry points in ``find_plugin``
and ``register_plugin`` upstream would remove this.
"""

from __future__ import annotations

import pybtex.plugin
from pybtex.backends.plaintext import Backend as PlaintextBackend
from pybtex.database.output.bibtex import Writer as BibtexWriter
from pybtex.style.labels.number import LabelStyle as NumberLabelStyle
from pybtex.style.names.plain import NameStyle as PlainNameStyle
from pybtex.style.sorting.none import SortingStyle as NoSortingStyle
from pybtex_docutils import Backend as DocutilsBackend

TESTED = ">=0.24,<0.27"

#: (group, name) -> the class its entry point names
CACHED_PLUGINS = {
    ("pybtex.backends", "plaintext"): PlaintextBackend,
    ("pybtex.backends", "text"): PlaintextBackend,
    ("pybtex.backends", "docutils"): DocutilsBackend,
    ("pybtex.style.names", "plain"): PlainNameStyle,
    ("pybtex.style.labels", "number"): NumberLabelStyle,
    ("pybtex.style.sorting", "none"): NoSortingStyle,
    ("pybtex.database.output", "bibtex"): BibtexWriter,  # kwelle.articles.citefiles' .bib files
}


def register(group: str, name: str, plugin: type) -> None:
    """What ``pybtex.plugin.register_plugin(group, name, plugin, force=True)`` does."""
    pybtex.plugin._RUNTIME_PLUGINS.setdefault(group, {})[name] = plugin


def register_cached_plugins() -> None:
    for (group, name), plugin in CACHED_PLUGINS.items():
        register(group, name, plugin)
