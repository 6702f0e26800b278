"""Every source is UTF-8: a page or .bib file that is not stops the build at once, naming the
file, the line and the byte, before anything reads it (Sphinx and pybtex would stop with a
traceback; kwelle.editions.latex reads the articles as the configuration loads).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.project import Project
from sphinx.util import logging

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

logger = logging.getLogger(__name__)


def undecodable(path: Path) -> tuple[int, int] | None:
    """The line and the first byte where ``path`` is not UTF-8; None if it is."""
    data = path.read_bytes()
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        return data.count(b"\n", 0, err.start) + 1, data[err.start]
    return None


def check_encodings(app: Sphinx, config: Config) -> None:
    # Sphinx adds the extensions' suffixes (MyST's .md) to the config later (priority 800)
    project = Project(app.srcdir, {**app.registry.source_suffix, **config.source_suffix})
    docnames = project.discover(config.exclude_patterns, config.include_patterns)
    paths = [project.doc2path(docname, absolute=True) for docname in sorted(docnames)]
    paths += [Path(app.confdir, name) for name in config.bibtex_bibfiles]
    bad = False
    for path in paths:
        where = undecodable(path) if path.is_file() else None
        if where:
            line, byte = where
            logger.error(
                "the file is not UTF-8 text (byte 0x%02x); save it as UTF-8", byte,
                location=f"{path}:{line}", type="kwelle", subtype="encoding",
            )  # fmt: skip
            bad = True
    if bad:
        # nothing can read these files; stopping here spares the author a reader's traceback
        raise SystemExit(1)


def setup_encoding(app: Sphinx) -> None:
    # before kwelle.editions.latex reads the articles (500)
    app.connect("config-inited", check_encodings, priority=400)
