"""Shared fixtures: the real journal built once per session, test roots, and a strict CI rule."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from lxml import html as lxml_html

pytest_plugins = ["sphinx.testing.fixtures"]

REPO = Path(__file__).parent.parent
DOCS = REPO / "docs"
ROOTS = Path(__file__).parent / "roots"
STRICT = ["-W", "--keep-going", "--nitpicky", "--no-color"]  # plain text to assert on, in any terminal


@dataclass
class Build:
    """One sphinx-build run, as a user would start it from the command line."""

    srcdir: Path
    outdir: Path
    returncode: int
    output: str

    def page(self, name: str) -> lxml_html.HtmlElement:
        return lxml_html.parse(self.outdir / f"{name}.html").getroot()


def citation_text(citation: lxml_html.HtmlElement) -> str:
    """A citation as it reads in the text, without the preview that hovering shows."""
    words = citation.xpath(".//text()[not(ancestor::*[contains(@class, 'kwelle-cite-preview')])]")
    return " ".join("".join(words).split())


def cited_keys(source: str) -> set[str]:
    """The bib keys an article's Markdown source cites with ``{cite:...}`` roles."""
    return {
        key.strip() for keys in re.findall(r"\{cite:[a-z]+\}`([^`]+)`", source) for key in keys.split(",")
    }


#: an article's reference list entries, inside its References dropdown
REFERENCE_ENTRIES = "//details//ol[contains(@class, 'kwelle-references')]/li"


# canonical and alternate links (the other editions, the feed) only name a URL; nothing fetches it
LOADING = (
    "//script[@src] | //link[@href][not(@rel='canonical' or @rel='alternate')] | //img[@src] | //iframe[@src]"
    " | //source[@src] | //object[@data]"
)


def foreign_loads(build: Build) -> Iterator[str]:
    """Each thing a built page would fetch from another host when a reader opens it."""
    for path in sorted(build.outdir.rglob("*.html")):
        tree = build.page(str(path.relative_to(build.outdir).with_suffix("")))
        for element in tree.xpath(LOADING):
            url = element.get("src") or element.get("href") or element.get("data")
            parts = urlsplit(url)
            if parts.scheme or parts.netloc:
                yield f"{path.name} loads {url}"
        for style in tree.xpath("//style"):
            if re.search(r"url\(\s*['\"]?(https?:)?//", style.text or ""):
                yield f"{path.name} styles with a remote url()"


needs_rsvg = pytest.mark.skipif(
    shutil.which("rsvg-convert") is None,
    reason="LaTeX builds convert SVG images with rsvg-convert: apt-get install librsvg2-bin",
)


def sphinx_build(
    srcdir: Path, outdir: Path, *extra: str, builder: str = "html", path: str | None = None
) -> Build:
    """Run ``python -m sphinx`` strictly (-W, nitpicky, keep-going) in a subprocess (``path``: its PATH)."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-b",
            builder,
            *STRICT,
            "-d",
            str(outdir.parent / "doctrees"),
            *extra,
            str(srcdir),
            str(outdir),
        ],
        capture_output=True,
        text=True,
        check=False,
        # plain lines to assert on: no colour, no in-place progress (Sphinx shows both when CI=true)
        env={**os.environ, "PYTHONWARNINGS": "ignore", "NO_COLOR": "1", "PATH": path or os.environ["PATH"]},
        timeout=600,
    )
    return Build(srcdir, outdir, result.returncode, result.stdout + result.stderr)


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The real journal in docs/, built once, exactly as ``nox -s html`` builds it."""
    # kwelle_pdf_dir and kwelle_epub_dir empty: the site as built before any PDF or ePub exists
    build = sphinx_build(
        DOCS,
        tmp_path_factory.mktemp("site") / "html",
        "-j",
        "auto",
        "-D",
        "kwelle_pdf_dir=",
        "-D",
        "kwelle_epub_dir=",
    )
    assert build.returncode == 0, build.output
    return build


#: a small journal shaped like docs/ (sections in the sidebar, one article), for site-wide behaviours
SMALL_SITE = ROOTS / "test-site"
SMALL_ARTICLE = "articles/edition"  # its article, by docname


@pytest.fixture(scope="session")
def small_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """tests/roots/test-site built once: the extension's site-wide behaviours, on content the tests own."""
    build = sphinx_build(SMALL_SITE, tmp_path_factory.mktemp("test-site") / "html")
    assert build.returncode == 0, build.output
    return build


#: the journal's translated editions (docs/conf.py's kwelle_editions after the first)
TRANSLATIONS = ("de", "ko")


@pytest.fixture(scope="session")
def editions(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The journal in every edition, built as ``nox -s html`` builds them (kwelle.cli.safebuild):
    English in ``outdir``, each translation in ``outdir/<code>/``."""
    folder = tmp_path_factory.mktemp("editions")
    outdir = folder / "html"
    result = subprocess.run(
        [sys.executable, "-m", "kwelle.cli.safebuild", str(DOCS), str(outdir), str(folder / "doctrees"),
         *STRICT, "-j", "auto", "-D", "kwelle_pdf_dir=", "-D", "kwelle_epub_dir="],
        capture_output=True, text=True, check=False, timeout=1200,
        env={**os.environ, "PYTHONWARNINGS": "ignore", "NO_COLOR": "1"},
    )  # fmt: skip
    build = Build(DOCS, outdir, result.returncode, result.stdout + result.stderr)
    assert build.returncode == 0, build.output
    assert all((outdir / code / "index.html").is_file() for code in TRANSLATIONS)
    return build


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where ``@pytest.mark.sphinx(testroot=...)`` finds ``roots/test-<name>``."""
    return ROOTS


@pytest.fixture
def copy_root(tmp_path: Path):
    """Copy a test root somewhere writable (roots stay read-only)."""

    def copy(name: str) -> Path:
        target = tmp_path / name
        shutil.copytree(ROOTS / f"test-{name}", target)
        return target

    return copy


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """In CI every tool is installed, so a skipped test means a check silently did not run."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if os.environ.get("CI") == "true" and skipped:
        reporter.write_line(f"CI=true: {len(skipped)} skipped test(s) count as failures", red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
