"""What Read the Docs publishes as the PDF and the ePub: the project's checked builds (the
``build.jobs.build.<format>`` overrides of .readthedocs.yaml), one file per format. The
commands are run here as Read the Docs runs them: from the repository root, each in its own
shell, with ``$READTHEDOCS_OUTPUT`` set."""

from __future__ import annotations

import os
import runpy
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import DOCS, REPO

JOBS = yaml.safe_load((REPO / ".readthedocs.yaml").read_text(encoding="utf-8"))["build"]["jobs"]


def run_jobs(commands: list[str], root: Path) -> Path:
    output = root / "_readthedocs"
    python = Path(sys.executable).parent
    env = {
        **os.environ,
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
