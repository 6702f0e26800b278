"""Incremental builds after a .bib edit: re-read exactly the pages that show a changed entry.

sphinxcontrib-bibtex makes every page with a bibliography depend on the whole .bib file,
yet a page that only cites an entry keeps its stale label. Here each entry has a
fingerprint; after an edit, the pages that cite a changed entry (or are based on it) are
read again. An article's own reference list shows only what it cites, so its blanket
dependency on the .bib file is dropped; pages listing entries otherwise (the References
page) keep it.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from kwelle.articles.store import articles
from kwelle.sources.style import year_suffixes_of
from kwelle.upstream.sphinxcontrib_bibtex import cites_here

if TYPE_CHECKING:
    from collections.abc import Mapping
    from collections.abc import Set as AbstractSet

    from docutils import nodes
    from pybtex.database import Entry
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def fingerprint(entry: Entry, suffixes: Mapping[str, str]) -> str:
    """Changes whenever anything a reader could see of the entry changes."""
    # the year's letter (2025a) comes from the other entries: it changes with them
    parts = [
        entry.type,
        suffixes.get(entry.key, ""),
        *sorted(f"{k}={v}" for k, v in entry.fields.items()),
    ]
    parts += [f"{role}={person}" for role, persons in sorted(entry.persons.items()) for person in persons]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def current_fingerprints(env: BuildEnvironment) -> dict[str, str]:
    suffixes = year_suffixes_of(env)
    return {
        key: fingerprint(entry, suffixes)
        for key, entry in env.get_domain("cite").bibdata.data.entries.items()
    }


def pages_showing_changed_entries(
    app: Sphinx,
    env: BuildEnvironment,
    added: AbstractSet[str],
    changed: AbstractSet[str],
    removed: AbstractSet[str],
) -> list[str]:
    previous: dict[str, str] | None = getattr(env, "kwelle_bib_fingerprints", None)
    if previous is None:  # first build: every page is read anyway
        return []
    now = current_fingerprints(env)
    edited = {key for key in previous.keys() | now.keys() if previous.get(key) != now.get(key)}
    if not edited:
        return []
    domain = env.get_domain("cite")
    pages = {
        ref.docname for ref in domain.citation_refs if any(target.key in edited for target in ref.targets)
    }
    pages |= {docname for docname, meta in articles(env).items() if meta.based_on in edited}
    return sorted(pages - removed)


def remember_fingerprints(app: Sphinx, env: BuildEnvironment) -> None:
    env.kwelle_bib_fingerprints = current_fingerprints(env)


def drop_blanket_dependency(app: Sphinx, doctree: nodes.document) -> None:
    """A page whose every reference list shows only its own citations need not depend on the .bib."""
    env = app.env
    domain = env.get_domain("cite")
    here = [value for key, value in domain.bibliographies.items() if key.docname == env.docname]
    if here and all(cites_here(value) and not value.keys for value in here):
        env.dependencies.get(env.docname, set()).difference_update(
            Path(path) for path in domain.bibdata.bibfiles
        )


def setup_bibchanges(app: Sphinx) -> None:
    app.connect("env-get-outdated", pages_showing_changed_entries)
    app.connect("env-updated", remember_fingerprints)
    app.connect("doctree-read", drop_blanket_dependency)
