""" "Download PDF" links: each article page links its own PDF, the front page the journal's,
but only when ``python -m kwelle.cli.pdf`` has built them (so a link never points nowhere).
"""

from __future__ import annotations

import posixpath
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from kwelle.articles.header import styled
from kwelle.articles.store import is_article
from kwelle.config import get_config
from kwelle.envstore import PerDocument

if TYPE_CHECKING:
    from collections.abc import Set as AbstractSet

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: where the PDFs are published, inside the HTML output
PUBLISHED = "pdf"


def pdf_name(env: BuildEnvironment, docname: str) -> str | None:
    """The PDF a page offers: an article its own, the front page the journal's
    (named after the first LaTeX document: the journal.tex of latex_documents gives journal.pdf)."""
    if is_article(env, docname):
        return f"{posixpath.basename(docname)}.pdf"
    if docname == env.config.root_doc and env.config.latex_documents:
        return Path(env.config.latex_documents[0][1]).with_suffix(".pdf").name
    return None


def pdf_state(env: BuildEnvironment, docname: str) -> float | None:
    """When the page's PDF was built, or None if there is none to link."""
    name = pdf_name(env, docname)
    if not get_config(env).pdf_dir or name is None:
        return None
    path = Path(get_config(env).pdf_dir, name)
    return path.stat().st_mtime if path.is_file() else None


PDF_STATES = PerDocument("kwelle_pdf_states")


def pdf_states(env: BuildEnvironment) -> dict[str, float | None]:
    return PDF_STATES.of(env)


def remember_pdf_state(app: Sphinx, docname: str, source: list[str]) -> None:
    if pdf_name(app.env, docname) is not None:
        pdf_states(app.env)[docname] = pdf_state(app.env, docname)


def pages_with_new_pdfs(
    app: Sphinx,
    env: BuildEnvironment,
    added: AbstractSet[str],
    changed: AbstractSet[str],
    removed: AbstractSet[str],
) -> list[str]:
    """A PDF built (or removed) since a page was read changes its link: read it again."""
    return sorted(
        docname
        for docname, state in pdf_states(env).items()
        if docname not in removed and state != pdf_state(env, docname)
    )


class PdfDownloadLinks(SphinxPostTransform):
    """Add a download link under an article's header, or under the front page's first paragraph."""

    default_priority = 900
    builders = ("html",)

    def run(self, **kwargs: object) -> None:
        docname = self.env.docname
        name = pdf_name(self.env, docname)
        if name is None or pdf_state(self.env, docname) is None:
            return
        if is_article(self.env, docname):
            label = "Download this article as PDF"
            anchor = next(self.document.findall(_is_article_header), None)
        else:
            label = "Download the journal as PDF"
            anchor = next(self.document.findall(nodes.paragraph), None)
        if anchor is None:
            return
        here = posixpath.dirname(docname) or "."  # the html builder writes docname.html
        link = nodes.reference("", label, refuri=posixpath.relpath(f"{PUBLISHED}/{name}", here))
        link["classes"].append("kwelle-pdf-link")
        anchor.parent.insert(anchor.parent.index(anchor) + 1, styled("kwelle-download", link))


def _is_article_header(node: nodes.Node) -> bool:
    return isinstance(node, nodes.container) and "kwelle-dates" in node["classes"]


def publish_pdfs(app: Sphinx, exception: Exception | None) -> None:
    """Copy the built PDFs into the HTML output, where the links point."""
    if exception or app.builder.name not in PdfDownloadLinks.builders or not get_config(app).pdf_dir:
        return
    source = Path(get_config(app).pdf_dir)
    if not source.is_dir():
        return
    target = Path(app.outdir, PUBLISHED)
    target.mkdir(exist_ok=True)
    for pdf in source.glob("*.pdf"):
        shutil.copy2(pdf, target / pdf.name)


def setup_downloads(app: Sphinx) -> None:
    app.add_post_transform(PdfDownloadLinks)
    app.connect("source-read", remember_pdf_state)
    app.connect("env-get-outdated", pages_with_new_pdfs)
    PDF_STATES.connect(app)
    app.connect("build-finished", publish_pdfs)
