"""File confinement: a path an author writes never reaches a file outside the source folder.

Front-matter images, Markdown images, figures, cards' images, download links, chart data
and the configured .bib files are resolved as Sphinx resolves them (symlinks followed),
and a path that lands outside the source folder is an error naming the page, the line and
the path; the node is dropped, so the file is never copied into the site. Charts drawn by
the build (in the doctree folder) are the one other place a page may show.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)

#: where the build writes chart images and downloads, inside the doctree folder
GENERATED = "kwelle-infographics"


def generated_folder(env: BuildEnvironment) -> Path:
    return Path(env.doctreedir) / GENERATED


def outside_source(env: BuildEnvironment, path: str | Path) -> bool:
    """Whether ``path`` (absolute, as ``env.relfn2path`` gives it) resolves outside the source
    folder and the build's own generated files."""
    resolved = Path(path).resolve()
    return not any(
        resolved.is_relative_to(root.resolve()) for root in (Path(env.srcdir), generated_folder(env))
    )


def _is_remote(uri: str) -> bool:
    return "://" in uri or uri.startswith("data:")


def _located(node: nodes.Node) -> nodes.Node:
    """The node, or its nearest ancestor that knows its line (sphinx-design gives a card's image 0)."""
    while not node.line and node.parent is not None:
        node = node.parent
    return node


class FileConfinement(SphinxTransform):
    """Images and downloads must name files inside the source folder."""

    default_priority = 100

    def apply(self, **kwargs: object) -> None:
        for node in list(self.document.findall(nodes.image)):
            self._check(node, node["uri"], keep=[])
        for node in list(self.document.findall(addnodes.download_reference)):
            self._check(node, node["reftarget"], keep=node.children)

    def _check(self, node: nodes.Element, target: str, keep: list[nodes.Node]) -> None:
        if _is_remote(target):  # the output scan rules on it
            return
        _, path = self.env.relfn2path(target, self.env.docname)
        if outside_source(self.env, path):
            logger.error(
                "%r is outside the source folder (it resolves to %s); files are published only from inside it",
                target, path, location=_located(node), type="kwelle", subtype="confinement",
            )  # fmt: skip
            parent = node.parent
            index = parent.index(node)
            parent[index : index + 1] = [child.deepcopy() for child in keep]


def confine_bibfiles(app: Sphinx) -> None:
    """The .bib files of ``bibtex_bibfiles`` must be inside the source folder too."""
    inside = []
    conf = Path(app.confdir, "conf.py")
    text = conf.read_text(encoding="utf-8") if conf.is_file() else ""
    setting = text.rfind("bibtex_bibfiles")
    line = text.count("\n", 0, setting) + 1 if setting >= 0 else 1
    for name in app.config.bibtex_bibfiles:
        path = (Path(app.confdir) / name).resolve()
        if outside_source(app.env, path):
            logger.error(
                "bibtex_bibfiles: %r is outside the source folder (it resolves to %s)", name, path,
                location=f"{conf}:{line}", type="kwelle", subtype="confinement",
            )  # fmt: skip
        else:
            inside.append(name)
    app.config.bibtex_bibfiles = inside


def setup_confinement(app: Sphinx) -> None:
    app.add_transform(FileConfinement)
    # before kwelle.sources.bibfiles checks the files (400) and sphinxcontrib-bibtex reads them (500)
    app.connect("builder-inited", confine_bibfiles, priority=390)
