"""The PDF edition: one LaTeX document per article beside the journal, journal layout,
PDF metadata, and each article's references printed at its end.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.template import LaTeXRenderer
from sphinx.util.texescape import escape as latex_escape
from sphinx.writers.latex import LaTeXTranslator

from kwelle.articles.languages import page_language, site_language
from kwelle.articles.store import articles, articles_before_reading
from kwelle.config import get_config, is_translation, known_language
from kwelle.i18n import _
from kwelle.sources.citations import regroup_citations
from kwelle.upstream.sphinx import LATEX_BIBLIOGRAPHY_PRIORITY, setup_latex_builder

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

    from kwelle.articles.frontmatter import ArticleMeta

STYLE = Path(__file__).parent / "kwelle.sty"


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
    found = articles_before_reading(app)
    keywords = sorted({tag for meta in found.values() for tag in meta.tags})
    subject = settings.journal_subject
    contents = _("In this issue")  # the journal's table of contents (kwelle.sty)
    journal = config.language or "en"
    # polyglossia loads the hyphenation of each article language it is told of (PageLanguage)
    others = sorted({meta.language for meta in found.values()} - {"", journal})
    others = [language for language in others if known_language(language) and not is_korean(language)]
    config.latex_elements = {
        **config.latex_elements,
        "preamble": "\n".join(
            (
                config.latex_elements.get("preamble", ""),
                rf"\renewcommand{{\kwelleMission}}{{{latex_escape(subject)}}}",
                rf"\renewcommand{{\kwelleJournal}}{{{latex_escape(config.project)}}}",
                rf"\renewcommand{{\kwelleContentsName}}{{{latex_escape(contents)}}}",
                hypersetup(pdfsubject=subject, pdfkeywords=", ".join(keywords), pdflang=journal),
                rf"\setotherlanguages{{{','.join(others)}}}" if others else "",
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


def translated_titles(app: Sphinx, env: BuildEnvironment) -> None:
    """In a translated edition, each article's own PDF takes its title from the catalog: the
    documents were listed before reading, in the sources' words."""
    if not (get_config(app).article_pdfs and is_translation(env)):
        return
    found = articles(env)
    app.config.latex_documents = [
        (start, target, latex_escape(found[start].title), *rest)
        if start in found
        else (start, target, title, *rest)
        for start, target, title, *rest in app.config.latex_documents
    ]


class ArticlePdfInfo(SphinxPostTransform):
    """In an article's own PDF, set Subject, Keywords and Lang from its deck, tags and language."""

    default_priority = 200
    formats = ("latex",)

    def run(self, **kwargs: object) -> None:
        # for LaTeX, post-transforms run once per output document, on its start document
        meta = articles(self.env).get(self.env.docname)
        if meta is not None:
            info = hypersetup(pdfsubject=meta.deck, pdfkeywords=", ".join(meta.tags))
            # hyperref writes pdflang into the catalog as the document begins, from the
            # journal's language: xdvipdfmx's own special replaces it with the article's
            language = page_language(self.env, self.env.docname)
            info += rf"\special{{pdf:put @catalog <</Lang ({latex_escape(language)})>>}}"
            self.document.insert(0, nodes.raw("", info, format="latex"))


def is_korean(language: str) -> bool:
    return language.partition("-")[0] == "ko"


class PageLanguage(SphinxPostTransform):
    """A page in another language than the journal's is set in it, in its own PDF and in the
    journal's (where the language ends with the article): Korean as Korean is set, one space
    after a full stop (``\\kwelleKoreanText``, kwelle.sty; xetexko does the rest, and
    polyglossia's Korean would switch its rules off), any other language with polyglossia's
    hyphenation and spacing (``otherlanguage``, declared by :func:`configure_latex`)."""

    default_priority = 200
    formats = ("latex",)

    def run(self, **kwargs: object) -> None:
        journal = site_language(self.env)
        starts = [(self.document, self.env.docname)]
        starts += [(node, node["docname"]) for node in self.document.findall(addnodes.start_of_file)]
        for node, docname in starts:
            language = page_language(self.env, docname)
            if language == journal:
                continue
            if is_korean(language):
                begin, end = r"\kwelleKoreanText", r"\kwelleOtherText"
            else:
                begin, end = rf"\begin{{otherlanguage}}{{{language}}}", r"\end{otherlanguage}"
            node.insert(0, nodes.raw("", begin + "\n", format="latex"))
            node.append(nodes.raw("", end + "\n", format="latex"))


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
    setup_latex_builder(app)  # the Korean edition set up without a warning about Babel
    app.connect("config-inited", configure_latex)
    app.connect("env-updated", translated_titles)  # read before the LaTeX builder lists its documents
    app.add_latex_package("kwelle", after_hyperref=True)
    app.set_translator("latex", JournalLaTeXTranslator)
    app.add_post_transform(ArticlePdfInfo)
    app.add_post_transform(PageLanguage)
    app.add_post_transform(KeepReferencesInPlace)
    app.add_node(local_references, latex=(visit_local_references, depart_local_references))
    app.add_node(local_reference, latex=(visit_local_reference, depart_local_reference))
