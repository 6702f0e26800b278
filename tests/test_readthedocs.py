"""What Read the Docs publishes as the PDF and the ePub: the project's checked builds (the
``build.jobs.build.<format>`` overrides of .readthedocs.yaml), one file per format, and the
HTML of each language edition's project. The commands are run here as Read the Docs runs them:
from the repository root, each in its own shell, with ``$READTHEDOCS_OUTPUT`` set, and for a
translation project the variables Read the Docs sets for it (docs/user/reference/
environment-variables.rst in readthedocs/readthedocs.org)."""

from __future__ import annotations

import os
import runpy
import shutil
import subprocess
import sys
from pathlib import Path

import yaml
from lxml import etree
from lxml import html as lxml_html

from conftest import DOCS, REPO
from kwelle.editions.translations import translated_domains

JOBS = yaml.safe_load((REPO / ".readthedocs.yaml").read_text(encoding="utf-8"))["build"]["jobs"]


#: what Read the Docs sets in the builds of the German translation project (k-welle-de)
GERMAN_PROJECT = {
    "READTHEDOCS": "True",
    "READTHEDOCS_LANGUAGE": "de",
    "READTHEDOCS_VERSION": "latest",
    "READTHEDOCS_CANONICAL_URL": "https://k-welle.readthedocs.io/de/latest/",
}


def run_jobs(commands: list[str], root: Path, project: dict[str, str] | None = None) -> Path:
    output = root / "_readthedocs"
    python = Path(sys.executable).parent
    env = {
        **os.environ,
        **(project or {}),
        "READTHEDOCS_OUTPUT": str(output),
        "PATH": f"{python}{os.pathsep}{os.environ['PATH']}",
    }
    for command in commands:
        result = subprocess.run(
            ["bash", "-c", command], cwd=root, env=env, capture_output=True, text=True, check=False
        )
        assert result.returncode == 0, f"{command}:\n{result.stdout}{result.stderr}"
    return output


def test_the_published_pdf_is_the_checked_journal_pdf(tmp_path: Path) -> None:
    """The PDF step copies the journal's PDF that ``python -m kwelle.cli.pdf`` made, and only it."""
    journal = Path(runpy.run_path(str(DOCS / "conf.py"))["latex_documents"][0][1]).with_suffix(".pdf").name
    built = tmp_path / "build" / "pdf"
    built.mkdir(parents=True)
    (built / journal).write_bytes(b"%PDF-1.5 the journal\n")
    (built / "why-korea-leads-ai-now.pdf").write_bytes(b"%PDF-1.5 an article\n")
    output = run_jobs(JOBS["build"]["pdf"], tmp_path)
    assert [path.name for path in (output / "pdf").iterdir()] == [journal]
    assert (output / "pdf" / journal).read_bytes() == b"%PDF-1.5 the journal\n"


def test_the_published_epub_is_the_strict_epub(tmp_path: Path) -> None:
    """The ePub step is ``nox -s epub``'s strict build, and publishes its one file."""
    (command, *_) = JOBS["build"]["epub"]
    assert {"-W", "--keep-going", "--nitpicky"} <= set(command.split())
    shutil.copytree(DOCS, tmp_path / "docs")
    output = run_jobs(JOBS["build"]["epub"], tmp_path)
    (epub,) = (output / "epub").iterdir()
    assert epub.suffix == ".epub"
    assert epub.read_bytes()[:2] == b"PK"  # a zip container, as ePub is


def test_a_translation_project_publishes_its_own_pdf(tmp_path: Path) -> None:
    """In the German project the PDF step publishes the German journal PDF (build/pdf/de/)."""
    journal = Path(runpy.run_path(str(DOCS / "conf.py"))["latex_documents"][0][1]).with_suffix(".pdf").name
    for folder, text in (
        (tmp_path / "build" / "pdf", b"the English"),
        (tmp_path / "build" / "pdf" / "de", b"the German"),
    ):
        folder.mkdir(parents=True, exist_ok=True)
        (folder / journal).write_bytes(b"%PDF-1.5 " + text + b" journal\n")
    output = run_jobs(JOBS["build"]["pdf"], tmp_path, GERMAN_PROJECT)
    assert (output / "pdf" / journal).read_bytes() == b"%PDF-1.5 the German journal\n"
    (pre_build,) = JOBS["pre_build"]
    assert '--language "${READTHEDOCS_LANGUAGE:-en}"' in pre_build  # the PDFs of this project's edition


def test_the_german_project_builds_the_german_edition_strictly(tmp_path: Path) -> None:
    """Read the Docs' own HTML command (sphinx-build -T -b html -d _build/doctrees -D language=<the
    project's language> . $READTHEDOCS_OUTPUT/html, from docs/, with fail_on_warning's -W
    --keep-going), in the German project: the German edition, at its own URLs, linking the others."""
    shutil.copytree(DOCS, tmp_path / "docs")
    catalogs = tmp_path / "docs" / "locale" / "de" / "LC_MESSAGES"
    if "about" not in translated_domains(tmp_path / "docs", ["locale"], "de"):  # until there is one: a title
        catalogs.mkdir(parents=True, exist_ok=True)
        (catalogs / "about.po").write_text(
            'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
            'msgid "About K-Welle Journal"\nmsgstr "Über K-Welle Journal"\n',
            encoding="utf-8",
        )
    output = tmp_path / "_readthedocs"
    command = [
        sys.executable, "-m", "sphinx", "-T", "-W", "--keep-going", "-b", "html", "-d", "_build/doctrees",
        "-D", "language=de", "-D", "kwelle_pdf_dir=", "-D", "kwelle_epub_dir=", ".", str(output / "html"),
    ]  # fmt: skip
    env = {**os.environ, **GERMAN_PROJECT, "READTHEDOCS_OUTPUT": str(output), "PYTHONWARNINGS": "ignore"}
    result = subprocess.run(
        command, cwd=tmp_path / "docs", env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    site = output / "html"
    page = lxml_html.parse(site / "about.html").getroot()
    assert page.get("lang") == "de"
    english, german = (f"https://k-welle.readthedocs.io/{code}/latest/about.html" for code in ("en", "de"))
    assert page.xpath("//link[@rel='canonical']/@href") == [german]
    alternates = {
        link.get("hreflang"): link.get("href")
        for link in page.xpath("//head/link[@rel='alternate'][not(@type)]")
    }
    # and the Korean page, where the translators' catalog has it
    korean = "about" in translated_domains(DOCS, ["locale"], "ko")
    assert alternates == {
        "en": english,
        "de": german,
        "x-default": english,
        **({"ko": "https://k-welle.readthedocs.io/ko/latest/about.html"} if korean else {}),
    }
    # the switcher's link to the English page, from /de/latest/ to /en/latest/
    assert page.xpath("//nav[contains(@class, 'kwelle-languages')]//a[@hreflang='en']/@href") == [
        "../../en/latest/about.html"
    ]
    feed = etree.parse(site / "feed.xml").getroot()
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "de"
    assert feed.findtext("{http://www.w3.org/2005/Atom}id") == "https://k-welle.readthedocs.io/de/latest/"
    locs = etree.parse(site / "sitemap.xml").findall("{http://www.sitemaps.org/schemas/sitemap/0.9}url/*")
    assert all(loc.text.startswith("https://k-welle.readthedocs.io/de/latest/") for loc in locs if loc.text)
