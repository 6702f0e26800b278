"""Build the PDF edition: the journal and one PDF per article, with xelatex.

    python -m kwelle.cli.pdf [SOURCEDIR [BUILDDIR]] [--language CODE ...]      (defaults: docs build)

Sphinx writes the LaTeX (strictly: -W, nitpicky), latexmk runs xelatex on each
document, and the PDFs are collected in BUILDDIR/pdf/, where the HTML build finds
them for its "Download PDF" links; each translated edition's in BUILDDIR/pdf/<code>/
(:mod:`kwelle.cli.editions`). A character missing from the fonts fails the build.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from kwelle.cli.editions import ROOT, EditionError, Language, collect, in_parallel, main, run_sphinx
from kwelle.safety.pdfscan import pdf_violations

#: Debian/Ubuntu packages the PDF edition needs; README.md gives the same line.
APT_PACKAGES = (
    "latexmk",
    "texlive-xetex",
    "texlive-latex-recommended",
    "texlive-latex-extra",
    "texlive-fonts-recommended",
    "texlive-lang-korean",  # ko.TeX: Korean typesetting (xetexko and the files it loads)
    "tex-gyre",
    "lmodern",
    "xindy",
    "fonts-freefont-otf",  # FreeSerif: Latin text and ₩
    "fonts-noto-cjk",  # Noto Serif/Sans CJK KR: Hangul in the PDF and in the charts
    "librsvg2-bin",  # rsvg-convert: SVG figures into the PDF
    "fonts-dejavu-core",  # DejaVu Sans: the charts' text, as rsvg-convert draws it
    "dvisvgm",  # math (in a text or a bib title) drawn as SVG for the HTML edition
)
APT_LINE = "sudo apt-get install --no-install-recommends " + " ".join(APT_PACKAGES)
TOOLS = ("xelatex", "latexmk", "rsvg-convert", "kpsewhich")
#: LaTeX packages that the TeX Live packages above provide and the layout loads (Debian ships
#: xetexko.sty in texlive-xetex; the kolabels-utf.sty it loads is texlive-lang-korean's)
LATEX_PACKAGES = ("xetexko.sty", "kolabels-utf.sty", "xurl.sty", "fncychap.sty")
FONTS = ("FreeSerif", "Noto Serif CJK KR", "Noto Sans CJK KR", "DejaVu Sans")

_MISSING_CHARACTER = re.compile(r"^.*Missing character: .*$", re.MULTILINE)


def missing_requirements() -> list[str]:
    """What the machine lacks for the PDF edition: programs, LaTeX packages, fonts."""
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if "kpsewhich" not in missing:
        missing += [name for name in LATEX_PACKAGES if not _kpsewhich(name)]
    if shutil.which("fc-list"):
        missing += [font for font in FONTS if not _fc_list(font)]
    return missing


def _kpsewhich(name: str) -> bool:
    return bool(
        subprocess.run(["kpsewhich", name], capture_output=True, text=True, check=False).stdout.strip()
    )


def _fc_list(family: str) -> bool:
    return bool(
        subprocess.run(["fc-list", family], capture_output=True, text=True, check=False).stdout.strip()
    )


def check_requirements() -> None:
    missing = missing_requirements()
    if missing:
        raise EditionError(
            f"The PDF edition needs TeX and fonts that this machine lacks ({', '.join(missing)}).\n"
            f"On Debian or Ubuntu install them with:\n\n    {APT_LINE}\n"
        )


def missing_characters(log: str) -> list[str]:
    """The "Missing character" lines of a LaTeX log: text that would print as nothing."""
    return _MISSING_CHARACTER.findall(log)


def write_latex(srcdir: Path, builddir: Path, language: Language = ROOT) -> Path:
    """Sphinx's LaTeX for the journal and every article (strict, like the HTML build)."""
    latex_dir = language.work(builddir, "latex")
    run_sphinx(
        "the LaTeX", "latex", srcdir, latex_dir, language.work(builddir, "doctrees-latex"),
        "kwelle_article_pdfs=1", *language.defines,
    )  # fmt: skip
    return latex_dir


def typeset(tex: Path) -> Path:
    """Run latexmk (xelatex) on one document; fail on errors and on missing characters."""
    result = subprocess.run(
        ["latexmk", "-xelatex", "-interaction=nonstopmode", "-halt-on-error", "-file-line-error", tex.name],
        cwd=tex.parent,
        capture_output=True,
        text=True,
        check=False,
    )
    log_path = tex.with_suffix(".log")
    log = log_path.read_text(encoding="utf-8", errors="replace") if log_path.exists() else ""
    lost = missing_characters(log)
    if lost:
        shown = "\n    ".join(lost[:5])
        raise EditionError(f"{log_path}: {len(lost)} missing character(s), e.g.\n    {shown}")
    if result.returncode:
        errors = (
            "\n".join(line for line in log.splitlines() if line.startswith(("!", "./")))
            or result.stdout[-2000:]
        )
        raise EditionError(f"xelatex failed on {tex.name} (see {log_path}):\n{errors}")
    return tex.with_suffix(".pdf")


def build_pdfs(srcdir: Path, builddir: Path, language: Language = ROOT) -> list[Path]:
    """Write the LaTeX, typeset every document (two at a time), collect the PDFs."""
    check_requirements()
    latex_dir = write_latex(srcdir, builddir, language)
    pdfs = in_parallel(typeset, sorted(latex_dir.glob("*.tex")))
    problems = [problem for pdf in pdfs for problem in pdf_violations(pdf)]
    if problems:
        for pdf in pdfs:
            pdf.unlink()
        raise EditionError("its links break the journal's rules:\n    " + "\n    ".join(problems))
    return collect(pdfs, language.published(builddir, "pdf"))


if __name__ == "__main__":
    raise SystemExit(main("PDF", build_pdfs, None))
