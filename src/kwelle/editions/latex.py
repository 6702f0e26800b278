"""The PDF edition: one LaTeX document per article beside the journal, journal layout,
PDF metadata, and each article's references printed at its end.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.template import LaTeXRenderer
from sphinx.util.texescape import escape as latex_escape
from sphinx.writers.latex import LaTeXTranslator

from kwelle.articles.frontmatter import FrontMatterError, parse_article_meta, read_front_matter
from kwelle.articles.store import articles
from kwelle.config import get_config
from kwelle.sources.citations import regroup_citations
from kwelle.upstream.sphinx import LATEX_BIBLIOGRAPHY_PRIORITY

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

    from kwelle.articles.frontmatter import ArticleMeta

STYLE = Path(__file__).parent / "kwelle.sty"


def read_articles(articles_dir: Path) -> dict[str, ArticleMeta]:
    """Front matter of every article file, by slug; a broken one is skipped here and
    reported, with file and line, when the build reads it."""
    found = {}
    for path in sorted(articles_dir.glob("*.md")):
        try:
            found[path.stem] = parse_article_meta(*read_front_matter(path.read_text(encoding="utf-8")))
        except FrontMatterError:
            continue
    return found


def author_names(meta: ArticleMeta) -> str:
    return r"\and ".join(latex_escape(author.name) for author in meta.authors)


def hypersetup(**info: str) -> str:
    """A ``\\hypersetup`` setting PDF Info fields from plain text."""
    fields = ", ".join(f"{key}={{{latex_escape(value)}}}" for key, value in info.items())
    return rf"\hypersetup{{{fields}}}"


def configure_latex(app: Sphinx, config: Config) -> None:
    """Add the journal's LaTeX package, its metadata and, if asked, a document per article."""
    config.latex_additional_files = [*config.latex_additional_files, str(STYLE)]
    settings = get_config(app)
    found = read_articles(Path(app.srcdir) / settings.articles_dir)
    keywords = sorted({tag for meta in found.values() for tag in meta.tags})
    subject = settings.journal_subject
    config.latex_elements = {
        **config.latex_elements,
        "preamble": "\n".join(
            (
                config.latex_elements.get("preamble", ""),
                rf"\renewcommand{{\kwelleMission}}{{{latex_escape(subject)}}}",
                hypersetup(pdfsubject=subject, pdfkeywords=", ".join(keywords)),
            )
        ),
    }
    if settings.article_pdfs:
        config.latex_documents = [
            *config.latex_documents,
            *(
                (f"{settings.articles_dir}/{slug}", f"{slug}.tex", latex_escape(meta.title),
                 author_names(meta), "howto")
                for slug, meta in found.items()
            ),
        ]  # fmt: skip


class ArticlePdfInfo(SphinxPostTransform):
    """In an article's own PDF, set Subject and Keywords from its deck and tags."""

    default_priority = 200
    formats = ("latex",)

    def run(self, **kwargs: object) -> None:
        # for LaTeX, post-transforms run once per output document, on its start document
        meta = articles(self.env).get(self.env.docname)
        if meta is not None:
            info = hypersetup(pdfsubject=meta.deck, pdfkeywords=", ".join(meta.tags))
            self.document.insert(0, nodes.raw("", info, format="latex"))


class local_references(nodes.General, nodes.Element):  # noqa: N801 (docutils node naming)
    """An article's reference list in LaTeX, kept where the article put it."""


class local_reference(nodes.General, nodes.Element):  # noqa: N801
    """One entry of :class:`local_references`: a citation Sphinx will not move."""


class KeepReferencesInPlace(SphinxPostTransform):
    """Sphinx gathers every citation into one bibliography at the end of the PDF
    (its BibliographyTransform); keep each article's list at its end."""

    default_priority = LATEX_BIBLIOGRAPHY_PRIORITY - 10
    formats = ("latex",)

    def run(self, **kwargs: object) -> None:
        regroup_citations(
            self.document,
            local_references,
            lambda citation: local_reference(
                "",
                *citation.children[1:],
                label=citation[0].astext(),
                ids=citation["ids"],
                docname=citation["docname"],
            ),
        )


def visit_local_references(self: LaTeXTranslator, node: local_references) -> None:
    longest = max((entry["label"] for entry in node), key=len)
    self.body.append(f"\n\\begin{{kwellereferences}}{{{self.encode(longest)}}}\n")


def depart_local_references(self: LaTeXTranslator, node: local_references) -> None:
    self.body.append("\\end{kwellereferences}\n")


def visit_local_reference(self: LaTeXTranslator, node: local_reference) -> None:
    self.body.append(f"\\bibitem[{self.encode(node['label'])}]{{{node['docname']}:{node['ids'][0]}}}")


def depart_local_reference(self: LaTeXTranslator, node: local_reference) -> None:
    pass


@functools.cache
def _renderer(latex_engine: str) -> LaTeXRenderer:
    return LaTeXRenderer(latex_engine=latex_engine)


class JournalLaTeXTranslator(LaTeXTranslator):
    """Sphinx's LaTeX translator, with one template renderer per build instead of one per table.

    Each new renderer compiles its template again: with a data table under every chart, in the
    journal and again in each article's own document, that was a fifth of the LaTeX phase.
    """

    def render(self, template_name: str, variables: dict[str, Any]) -> str:
        if self.config.templates_path:  # the project may override Sphinx's templates: its lookup
            return super().render(template_name, variables)
        return _renderer(self.config.latex_engine).render(template_name, variables)


def setup_latex(app: Sphinx) -> None:

    app.connect("config-inited", configure_latex)
    app.add_latex_package("kwelle", after_hyperref=True)
    app.set_translator("latex", JournalLaTeXTranslator)
    app.add_post_transform(ArticlePdfInfo)
    app.add_post_transform(KeepReferencesInPlace)
    app.add_node(local_references, latex=(visit_local_references, depart_local_references))
    app.add_node(local_reference, latex=(visit_local_reference, depart_local_reference))
