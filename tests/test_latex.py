"""LaTeX in bib fields read as a reader should see it (kwelle.sources.latex)."""

from __future__ import annotations

import pytest
from docutils import nodes
from pybtex_docutils import Backend as DocutilsBackend

from kwelle.sources.latex import first_url, parse, plain


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        (
            "G{\\\"u}nther, P{\\'e}rez-Su{\\'a}rez, {\\aa}, Sip{\\H o}cz, Rodr{\\'{\\i}}guez",
            "Günther, Pérez-Suárez, å, Sipőcz, Rodríguez",
        ),
        ("pages 1--2, a---b, Stan~is", "pages 1–2, a—b, Stan\u00a0is"),
        ("\\textit{Ab initio} and \\emph{in vivo}", "Ab initio and in vivo"),
        (
            "Why Korea Leads {AI} Now, R\\&D, 100\\%, hi\\_class",
            "Why Korea Leads AI Now, R&D, 100%, hi_class",
        ),
        ("The {$\\Lambda$}CDM model at $z=1$", "The ΛCDM model at z=1"),
        ("$\\ensuremath \\nu =2/5$ state", "ν=2/5 state"),
        ("(2+1)\\mathrm D gravity", "(2+1)D gravity"),
        ("\\mnras, \\apj, \\aap, \\jcap", "MNRAS, ApJ, A&A, JCAP"),
        ("k {\\gt}{\\gt} 1", "k >> 1"),
        ("고성능 {GPU} 확보에 1.5조", "고성능 GPU 확보에 1.5조"),
    ],
)
def test_text(latex: str, text: str) -> None:
    parsed = parse(latex)
    assert parsed.text.render_as("text") == text
    assert parsed.problems == ()


def test_styles_are_kept() -> None:
    rendered = parse("\\textit{Ab initio} \\textbf{now}").text.render(DocutilsBackend())
    assert [(node.tagname, node.astext()) for node in rendered if not isinstance(node, nodes.Text)] == [
        ("emphasis", "Ab initio"),
        ("strong", "now"),
    ]


def test_math_is_a_math_node() -> None:
    rendered = parse("A {$\\Lambda$}-term").text.render(DocutilsBackend())
    maths = [node for node in rendered if isinstance(node, nodes.math)]
    assert [node.astext() for node in maths] == ["\\Lambda"]


def test_unknown_macros_are_reported_and_left_out() -> None:
    parsed = parse("a \\cosmo{b} c \\zz")
    assert plain("a \\cosmo{b} c \\zz") == "a b c "
    assert parsed.problems == ("unknown LaTeX macro \\cosmo", "unknown LaTeX macro \\zz")


@pytest.mark.parametrize(
    ("latex", "url"),
    [
        ("\\url{https://rspatial.org/terra}", "https://rspatial.org/terra"),
        ("Available at \\href{https://a.example/x?y=1}{the site}.", "https://a.example/x?y=1"),
        ("K-Welle Journal", None),
    ],
)
def test_first_url(latex: str, url: str | None) -> None:
    assert first_url(latex) == url
