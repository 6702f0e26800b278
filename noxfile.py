"""Sessions for building, previewing and testing K-Welle Journal.

    nox -s html      build every edition: English into build/html, each translation into build/html/<code>/
    nox -s html -- --language de   only the German edition (repeat --language for more)
    nox -s serve     live preview on http://127.0.0.1:8000 (rebuilds on save)
    nox -s new -- "Title"  start an article in docs/articles/
    nox -s pdf       the journal and each article as PDF into build/pdf, each translation's into
                     build/pdf/<code>/ (--language as for html; needs TeX, see README)
    nox -s epub      the journal and each article as ePub into build/epub
    nox -s check-refs  lint docs/refs.bib
    nox -s bench     build speed against the stock stack and mystmd (slow; see benchmarks/README.md)
    nox -s tests     the test suite (builds real sites)
    nox -s lint      ruff
    nox -s catalog   the extension's own words: .pot, .po and .mo in step with the code

Arguments after ``--`` go to sphinx-build, sphinx-autobuild, pytest or ruff (``--language CODE``,
for html, pdf and epub, picks the editions to build and is not passed on).
"""

from __future__ import annotations

import shutil
import signal
from pathlib import Path

import nox

nox.needs_version = ">=2025.2.9"
nox.options.default_venv_backend = "uv|virtualenv"
nox.options.sessions = ["lint", "check-refs", "html", "tests"]

ROOT = Path(__file__).parent
PYPROJECT = nox.project.load_toml(ROOT / "pyproject.toml")
DOCS = ROOT / "docs"
BUILD = ROOT / "build"
# doctrees live beside, not inside, the published output
DOCTREES = BUILD / "doctrees"
HTML = BUILD / "html"
# the same strict settings as Read the Docs: fail on any warning, report them all
STRICT = ["-W", "--keep-going", "--nitpicky", "--jobs", "auto"]


@nox.session(reuse_venv=True)
def html(session: nox.Session) -> None:
    """Build every edition of the journal (`-- --language de`: that one); a failed edition keeps its
    last good site (its attempt in build/html.failed, build/html.<code>.failed) and fails the session."""
    session.install(".")
    session.run(
        "python", "-m", "kwelle.cli.safebuild", str(DOCS), str(HTML), str(DOCTREES), *STRICT, *session.posargs
    )
    session.log(f"The journal is built: open {HTML / 'index.html'}")


@nox.session(name="check-refs", reuse_venv=True)
def check_refs(session: nox.Session) -> None:
    """Lint docs/refs.bib: required fields, https URLs, keyword vocabulary; list what to verify."""
    session.install(".")
    session.run("python", "-m", "kwelle.cli.check_refs", str(DOCS), *session.posargs)


@nox.session(reuse_venv=True, default=False)
def new(session: nox.Session) -> None:
    """Start an article: nox -s new -- "Article title" (never overwrites one)."""
    if not session.posargs:
        session.error('Give the title: nox -s new -- "Article title"')
    session.install(".")
    session.run("python", "-m", "kwelle.cli.scaffold", "--docs", str(DOCS), *session.posargs)


@nox.session(reuse_venv=True, default=False)
def pdf(session: nox.Session) -> None:
    """Build the journal and one PDF per article (xelatex) into build/pdf/."""
    session.install(".")
    # stops with the apt line to run when TeX or the fonts are missing
    session.run("python", "-m", "kwelle.cli.pdf", str(DOCS), str(BUILD), *session.posargs)
    session.log("Run `nox -s html` to link the PDFs from the site.")


@nox.session(reuse_venv=True, default=False)
def epub(session: nox.Session) -> None:
    """Build the journal and one ePub per article into build/epub/."""
    session.install(".")
    session.run("python", "-m", "kwelle.cli.epub", str(DOCS), str(BUILD), *session.posargs)
    session.log("Run `nox -s html` to link the ePubs from the site.")


@nox.session(reuse_venv=True, default=False)
def bench(session: nox.Session) -> None:
    """Build speed against the stock stack and mystmd, rebuilds, PDF and page weight (slow; benchmarks/README.md)."""
    session.install(".")
    if shutil.which("npm"):  # mystmd, pinned by benchmarks/peers/package-lock.json; without npm it is skipped
        session.run("npm", "ci", "--prefix", str(ROOT / "benchmarks" / "peers"), "--no-audit", "--no-fund",
                    external=True)  # fmt: skip
    session.run("python", "-m", "benchmarks.bench", *session.posargs)


@nox.session(reuse_venv=True, default=False)
def serve(session: nox.Session) -> None:
    """Live preview: rebuilds on every save, on 127.0.0.1 only; Ctrl-C or SIGTERM stops all of it."""
    session.install(".", *nox.project.dependency_groups(PYPROJECT, "serve"))
    # SIGTERM to nox as Ctrl-C: nox then stops kwelle.cli.serve, which stops the server's process group
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    session.run(
        "python", "-m", "kwelle.cli.serve",
        "--host", "127.0.0.1",
        "--port", "8000",
        "--watch", str(ROOT / "src" / "kwelle"),
        "--builder", "html",
        "--nitpicky",
        "-D", "kwelle_show_drafts=1",  # drafts too, under a banner (kwelle.articles.drafts)
        "--doctree-dir", str(BUILD / "preview-doctrees"),
        str(DOCS),
        str(BUILD / "preview"),
        *session.posargs,
        terminate_timeout=10,  # time for kwelle.cli.serve to stop the server (its GRACE) before nox kills it
    )  # fmt: skip


@nox.session(reuse_venv=True)
def tests(session: nox.Session) -> None:
    """Run the test suite; it builds real sites and parses what they contain."""
    session.install(".", *nox.project.dependency_groups(PYPROJECT, "test"))
    session.run("pytest", *session.posargs)


@nox.session(reuse_venv=True, default=False)
def catalog(session: nox.Session) -> None:
    """Re-extract the extension's messages, update its German and Korean catalogs, compile them."""
    session.install("-e", ".")  # the catalogs are written into src/kwelle/locale
    session.run("python", "-m", "kwelle.cli.catalog", *session.posargs)


@nox.session(reuse_venv=True)
def lint(session: nox.Session) -> None:
    """Check style and common mistakes with ruff."""
    session.install(*nox.project.dependency_groups(PYPROJECT, "lint"))
    session.run("ruff", "check", *session.posargs)
    session.run("ruff", "format", "--check", *session.posargs)
