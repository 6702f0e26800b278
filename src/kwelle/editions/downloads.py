""" "Download" links: each article page links its own PDF and ePub, the front page the
journal's, but only those ``python -m kwelle.cli.pdf`` and ``python -m kwelle.cli.epub`` have
built (so a link never points nowhere). A translated edition links its own language's files,
which those commands collect in ``<kwelle_pdf_dir>/<code>/`` (``kwelle_epub_dir`` likewise).
"""

from __future__ import annotations

import posixpath
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from kwelle.articles.header import styled
from kwelle.articles.store import is_article
from kwelle.config import get_config
from kwelle.editions.translations import get_editions
from kwelle.envstore import PerDocument
from kwelle.i18n import _, format_list, ui_language, with_nodes

if TYPE_CHECKING:
    from collections.abc import Callable
    from collections.abc import Set as AbstractSet

    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment


@dataclass(frozen=True)
class Edition:
    """A downloadable edition: built into the folder its setting names (absolute, from
    :mod:`kwelle.config`), published in the HTML output under its ``suffix`` (pdf/, epub/)."""

    label: str
    suffix: str
    folder_setting: str
    #: the journal's file name, without suffix, from Sphinx's configuration
    journal_stem: Callable[[Config], str | None]

    def folder(self, env_or_app: BuildEnvironment | Sphinx) -> str:
        """The folder of this language edition's files: a translation's is ``<folder>/<code>``."""
        folder = getattr(get_config(env_or_app), self.folder_setting)
        editions = get_editions(env_or_app)
        return str(Path(folder, editions.current)) if folder and editions.current != editions.root else folder

    def file_name(self, env: BuildEnvironment, docname: str) -> str | None:
        """The file a page offers: an article its own, the front page the journal's."""
        if is_article(env, docname):
            stem = posixpath.basename(docname)
        elif docname == env.config.root_doc:
            stem = self.journal_stem(env.config)
        else:
            return None
        return f"{stem}.{self.suffix}" if stem else None

    def built(self, env: BuildEnvironment, docname: str) -> float | None:
        """When the page's file was built, or None if there is none to link."""
        name = self.file_name(env, docname)
        if not self.folder(env) or name is None:
            return None
        path = Path(self.folder(env), name)
        return path.stat().st_mtime if path.is_file() else None


EDITIONS = (
    # named after the first LaTeX document: the journal.tex of latex_documents gives journal.pdf
    Edition(
        "PDF",
        "pdf",
        "pdf_dir",
        lambda config: Path(config.latex_documents[0][1]).stem if config.latex_documents else None,
    ),
    Edition("ePub", "epub", "epub_dir", lambda config: config.epub_basename),
)
PDF_EDITION = EDITIONS[0]


def edition_state(env: BuildEnvironment, docname: str) -> tuple[float | None, ...]:
    return tuple(edition.built(env, docname) for edition in EDITIONS)


DOWNLOAD_STATES = PerDocument("kwelle_download_states")


def download_states(env: BuildEnvironment) -> dict[str, tuple[float | None, ...]]:
    return DOWNLOAD_STATES.of(env)


def remember_download_state(app: Sphinx, docname: str, source: list[str]) -> None:
    if any(edition.file_name(app.env, docname) for edition in EDITIONS):
        download_states(app.env)[docname] = edition_state(app.env, docname)


def pages_with_new_downloads(
    app: Sphinx,
    env: BuildEnvironment,
    added: AbstractSet[str],
    changed: AbstractSet[str],
    removed: AbstractSet[str],
) -> list[str]:
    """A file built (or removed) since a page was read changes its links: read it again."""
    return sorted(
        docname
        for docname, state in download_states(env).items()
        if docname not in removed and state != edition_state(env, docname)
    )


class DownloadLinks(SphinxPostTransform):
    """Add "Download ... as PDF or ePub" under an article's header, or under the front page's
    first paragraph, naming the editions that were built."""

    default_priority = 900
    builders = ("html",)

    def run(self, **kwargs: object) -> None:
        docname = self.env.docname
        here = posixpath.dirname(docname) or "."  # the html builder writes docname.html
        links = {}
        for edition in EDITIONS:
            if edition.built(self.env, docname) is not None:
                target = f"{edition.suffix}/{edition.file_name(self.env, docname)}"
                link = nodes.reference("", edition.label, refuri=posixpath.relpath(target, here))
                link["classes"].append(f"kwelle-{edition.suffix}-link")
                links[edition.suffix] = link
        if not links:
            return
        if is_article(self.env, docname):
            sentence = _("Download this article as %(formats)s")
            anchor = next(self.document.findall(_is_article_header), None)
        else:
            sentence = _("Download the journal as %(formats)s")
            anchor = next(self.document.findall(nodes.paragraph), None)
        if anchor is None:
            return
        # "PDF or ePub" in the page's language, each name a link
        formats = format_list([f"%({name})s" for name in links], ui_language(self.env, docname), style="or")
        paragraph = styled("kwelle-download", *with_nodes(sentence.replace("%(formats)s", formats), **links))
        anchor.parent.insert(anchor.parent.index(anchor) + 1, paragraph)


def _is_article_header(node: nodes.Node) -> bool:
    return isinstance(node, nodes.container) and "kwelle-dates" in node["classes"]


def publish_downloads(app: Sphinx, exception: Exception | None) -> None:
    """Copy the built files into the HTML output, where the links point."""
    if exception or app.builder.name not in DownloadLinks.builders:
        return
    for edition in EDITIONS:
        folder = edition.folder(app)
        if not folder or not Path(folder).is_dir():
            continue
        target = Path(app.outdir, edition.suffix)
        target.mkdir(exist_ok=True)
        for built in Path(folder).glob(f"*.{edition.suffix}"):
            shutil.copy2(built, target / built.name)


def setup_downloads(app: Sphinx) -> None:
    app.add_post_transform(DownloadLinks)
    app.connect("source-read", remember_download_state)
    app.connect("env-get-outdated", pages_with_new_downloads)
    DOWNLOAD_STATES.connect(app)
    app.connect("build-finished", publish_downloads)
