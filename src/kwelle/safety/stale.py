"""No stale output: what a build no longer produces is not left in the published folder.

The HTML builder writes only what changed and never deletes, and ``kwelle.cli.safebuild``
builds in a copy of the last site: a deleted article's page, a removed tag's page, an old
chart image or CSV would stay online. After a successful HTML build, every ``.html`` file
that is neither a page of the environment nor a page this build wrote, and every file in
``_images`` and ``_downloads`` that no page uses, is removed.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util import logging

from kwelle.editions.translations import get_editions

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)


class Published:
    """The pages the main process wrote (the index, search, tag pages; parallel workers write
    only pages of the environment, which are expected anyway)."""

    def __init__(self) -> None:
        self.pages: set[str] = set()

    def start(self, app: Sphinx) -> None:
        self.pages = set()

    def note(self, app: Sphinx, pagename: str, *args: object) -> None:
        self.pages.add(pagename)

    def expected(self, app: Sphinx) -> set[Path]:
        builder, env = app.builder, app.env
        outdir = Path(app.outdir)
        files = {Path(builder.get_outfilename(name)) for name in env.all_docs.keys() | self.pages}
        files |= {outdir / "_images" / name for _, name in env.images.values()}
        files |= {outdir / "_downloads" / dest for _, dest in env.dlfiles.values()}
        for extra in app.config.html_extra_path:  # copied as they are, every build
            root = Path(app.confdir, extra)
            files |= {outdir / path.relative_to(root) for path in root.rglob("*")} if root.is_dir() else set()
        return files

    def remove_stale(self, app: Sphinx, exception: Exception | None) -> None:
        if exception or app.builder.name not in {"html", "dirhtml"}:
            return
        outdir = Path(app.outdir)
        expected = self.expected(app)
        candidates = [*outdir.rglob(f"*{app.builder.out_suffix}")]
        candidates += [path for folder in ("_images", "_downloads") for path in (outdir / folder).rglob("*")]
        # the translated editions live in the root edition's folder (build/html/de/): not its pages
        others = [outdir / "_static", *(outdir / code for code in get_editions(app).codes[1:])]
        candidates = [path for path in candidates if not any(path.is_relative_to(other) for other in others)]
        for path in sorted(candidates, reverse=True):  # files before their folders
            if path.is_file() and path not in expected:
                path.unlink()
                logger.info("kwelle: removed %s (no longer built)", path.relative_to(outdir))
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()


def setup_stale(app: Sphinx) -> None:
    published = Published()
    app.connect("builder-inited", published.start)
    app.connect("html-page-context", published.note)
    app.connect("build-finished", published.remove_stale)
