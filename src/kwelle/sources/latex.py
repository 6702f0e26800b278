"""LaTeX in bib fields, as a reader should see it.

Real .bib files carry LaTeX everywhere: accents (``{\\"u}``, ``\\'e``, ``{\\aa}``), dashes,
``\\textit{…}``, ``\\url{…}``, math in titles (``{$\\Lambda$}CDM``), and the journal macros
NASA ADS writes (``\\mnras``). pybtex's own reader keeps most of that raw. Here pylatexenc
parses the field; text becomes pybtex rich text, math becomes :class:`Math` (drawn as the
build draws all math: a docutils math node), and a macro nobody knows is dropped and
reported, so the lint can name it with the entry's file and line.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, NamedTuple
from urllib.parse import urlsplit

from docutils import nodes
from pybtex.richtext import HRef, Protected, String, Tag, Text
from pybtex_docutils import Backend as DocutilsBackend
from pylatexenc import latexwalker
from pylatexenc.latex2text import LatexNodes2Text, get_default_latex_context_db

if TYPE_CHECKING:
    from pybtex.richtext import BaseText

#: the journal abbreviations of AAS's aas_macros.sty, which ADS exports use for journal names
AAS_JOURNALS = {
    "aj": "AJ", "actaa": "Acta Astron.", "araa": "ARA&A", "apj": "ApJ", "apjl": "ApJL",
    "apjs": "ApJS", "ao": "Appl. Opt.", "apss": "Ap&SS", "aap": "A&A", "aapr": "A&A Rev.",
    "aaps": "A&AS", "azh": "AZh", "baas": "BAAS", "icarus": "Icarus", "jcap": "JCAP",
    "jrasc": "JRASC", "memras": "MmRAS", "mnras": "MNRAS", "na": "New Astron.",
    "nar": "New Astron. Rev.", "pra": "Phys. Rev. A", "prb": "Phys. Rev. B", "prc": "Phys. Rev. C",
    "prd": "Phys. Rev. D", "pre": "Phys. Rev. E", "prl": "Phys. Rev. Lett.", "pasa": "PASA",
    "pasp": "PASP", "pasj": "PASJ", "qjras": "QJRAS", "skytel": "S&T", "solphys": "Sol. Phys.",
    "sovast": "Soviet Astron.", "ssr": "Space Sci. Rev.", "zap": "ZAp", "nat": "Nature",
    "iaucirc": "IAU Circ.", "aplett": "Astrophys. Lett.", "physrep": "Phys. Rep.",
    "physscr": "Phys. Scr.", "planss": "Planet. Space Sci.", "procspie": "Proc. SPIE",
    "grl": "Geophys. Res. Lett.", "jgr": "J. Geophys. Res.", "gca": "Geochim. Cosmochim. Acta",
    "jcp": "J. Chem. Phys.", "nphysa": "Nucl. Phys. A", "psj": "PSJ",
    # aastex's relation signs, used in ADS titles outside math: "k {\gt}{\gt} 1"
    "gt": ">", "lt": "<",
}  # fmt: skip
#: macros whose argument is shown in a style, or as it is
STYLED = {"textit": "em", "emph": "em", "textsl": "em", "textbf": "strong"}
PLAIN = {"textrm", "textsf", "texttt", "textsc", "textup", "textmd", "textnormal", "mbox", "text", "hbox"}
#: what each macro of these takes: pylatexenc must know to read their arguments
_ARGUMENTS = dict.fromkeys((*STYLED, *PLAIN, "url"), "{") | {"href": "{{"}

_TO_TEXT = LatexNodes2Text(math_mode="text", strict_latex_spaces=True)


class Math(String):
    """Inline math: a docutils math node (SVG in HTML, ``\\(…\\)`` in LaTeX), Unicode as plain text."""

    def render(self, backend: object) -> object:
        latex = self.value
        if isinstance(backend, DocutilsBackend):  # the build's own math rendering
            return [nodes.math(latex, latex)]
        return backend.format_str(reading(latex))

    # letter case must not touch math: "\Lambda" is not "\lambda"
    def upper(self) -> Math:
        return self

    def lower(self) -> Math:
        return self


class Parsed(NamedTuple):
    text: BaseText
    #: what could not be shown as written: "unknown LaTeX macro \foo"
    problems: tuple[str, ...]


def reading(latex: str) -> str:
    """Math or LaTeX as Unicode text (for plain-text uses: previews, metadata)."""
    return _TO_TEXT.latex_to_text(latex).strip()


@functools.cache
def _context() -> latexwalker.macrospec.LatexContextDb:
    db = latexwalker.get_default_latex_context_db()
    db.add_context_category(
        "kwelle-bib",
        prepend=True,
        macros=[latexwalker.macrospec.MacroSpec(name, args) for name, args in _ARGUMENTS.items()],
    )
    return db


@functools.cache
def _known_to_text() -> frozenset[str]:
    db = get_default_latex_context_db()
    return frozenset(
        spec.macroname for category in db.categories() for spec in db.iter_macro_specs([category])
    )


@functools.lru_cache(maxsize=8192)
def parse(latex: str) -> Parsed:
    """One bib field (LaTeX) as rich text, and what in it could not be shown."""
    problems: list[str] = []
    walker = latexwalker.LatexWalker(latex, latex_context=_context(), tolerant_parsing=True)
    nodelist, _, _ = walker.get_latex_nodes()
    return Parsed(Text(*_convert(nodelist or [], problems)), tuple(dict.fromkeys(problems)))


def _convert(nodelist: list, problems: list[str]) -> list[BaseText | str]:
    parts: list[BaseText | str] = []
    for node in nodelist:
        if node is None or node.isNodeType(latexwalker.LatexCommentNode):
            continue
        if node.isNodeType(latexwalker.LatexCharsNode):
            parts.append(node.chars)
        elif node.isNodeType(latexwalker.LatexGroupNode):
            parts.append(Protected(*_convert(node.nodelist, problems)))  # braces keep their case
        elif node.isNodeType(latexwalker.LatexMathNode):
            parts.append(Protected(Math(_math(node))))
        elif node.isNodeType(latexwalker.LatexMacroNode):
            parts.extend(_macro(node, problems))
        elif node.isNodeType(latexwalker.LatexSpecialsNode) and node.specials_chars == "&":
            parts.append("&")  # a bare & (R&D) in a title means the word, not a table column
        else:  # specials (--, ---, ~, ``), environments: as pylatexenc reads them
            parts.append(_TO_TEXT.nodelist_to_text([node]))
    return parts


def _math(node: latexwalker.LatexMathNode) -> str:
    # \ensuremath inside $…$ (APS exports) is a no-op there
    inner = "".join(child.latex_verbatim() for child in node.nodelist)
    return inner.replace("\\ensuremath", "").strip()


def _arguments(node: latexwalker.LatexMacroNode, problems: list[str]) -> list[list[BaseText | str]]:
    arguments = node.nodeargd.argnlist if node.nodeargd else []
    return [_convert(arg.nodelist if arg.isNodeType(latexwalker.LatexGroupNode) else [arg], problems)
            for arg in arguments if arg is not None]  # fmt: skip


def _macro(node: latexwalker.LatexMacroNode, problems: list[str]) -> list[BaseText | str]:  # noqa: PLR0911 (one per kind)
    name = node.macroname
    if name in STYLED:
        return [Tag(STYLED[name], *part) for part in _arguments(node, problems)]
    if name in PLAIN:
        return [item for part in _arguments(node, problems) for item in part]
    if name in {"url", "href"}:
        verbatim = [arg.latex_verbatim()[1:-1].strip() for arg in node.nodeargd.argnlist if arg is not None]
        if not verbatim:
            return []
        label = _arguments(node, problems)[-1] if name == "href" and len(verbatim) > 1 else [verbatim[0]]
        if urlsplit(verbatim[0]).scheme.lower() not in {"http", "https"}:
            return label  # never a javascript: link (the lint reports its scheme as an error)
        return [HRef(verbatim[0], *label)]
    if name in AAS_JOURNALS:
        return [AAS_JOURNALS[name]]
    if name in _known_to_text():  # accents, \aa, \&, \i, …: Unicode
        return [_TO_TEXT.nodelist_to_text([node])]
    problems.append(f"unknown LaTeX macro \\{name}")
    return []


def node_text(node: nodes.Node) -> str:
    """A rendered entry's text, its math as Unicode rather than LaTeX source."""
    if isinstance(node, nodes.math):
        return reading(node.astext())
    if isinstance(node, nodes.Text):
        return node.astext()
    return "".join(node_text(child) for child in node.children)


def plain(latex: str) -> str:
    """A field as plain Unicode text."""
    return parse(latex).text.render_as("text")


def first_url(latex: str) -> str | None:
    """The first ``\\url{…}`` or ``\\href{…}`` target in a field (howpublished, note), if any."""
    walker = latexwalker.LatexWalker(latex, latex_context=_context(), tolerant_parsing=True)
    found = [url for node in walker.get_latex_nodes()[0] or [] for url in _urls(node)]
    return found[0] if found else None


def _urls(node: latexwalker.LatexNode):
    if node is None:
        return
    if node.isNodeType(latexwalker.LatexMacroNode) and node.macroname in {"url", "href"} and node.nodeargd:
        arguments = [arg for arg in node.nodeargd.argnlist if arg is not None]
        if arguments:
            yield arguments[0].latex_verbatim()[1:-1].strip()
    for child in getattr(node, "nodelist", None) or []:
        yield from _urls(child)
