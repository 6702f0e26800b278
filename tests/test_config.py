"""The extension's settings: typed, validated once, documented from the same dataclass."""

from __future__ import annotations

import subprocess
import sys

import pytest
from lxml import html as lxml_html

from conftest import sphinx_build
from kwelle.config import PREFIX, settings


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('kwelle_recent_correction_days = "soon"', "kwelle_recent_correction_days must be of type int"),
        ('kwelle_source_groups = ["charts"]', "kwelle_source_groups must be of type dict"),
        ("kwelle_article_pdfs = 1", "kwelle_article_pdfs must be of type bool"),
        ("bibtex_bibfiles = None", "conf.py: set bibtex_bibfiles, the journal's .bib files"),
    ],
)
def test_a_setting_of_the_wrong_type_stops_the_build_naming_it(copy_root, tmp_path, line, message) -> None:
    root = copy_root("journal")
    with (root / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write(f"\n{line}\n")
    build = sphinx_build(root, tmp_path / "html")
    assert build.returncode != 0
    assert message in build.output
    assert "Traceback" not in build.output


@pytest.mark.sphinx("html", testroot="author-guide")
def test_author_guide_lists_every_setting(app) -> None:
    app.build()
    assert not app._warning.getvalue()
    (table,) = lxml_html.parse(app.outdir / "index.html").xpath(
        "//table[contains(@class, 'kwelle-settings')]"
    )
    names = table.xpath(".//tbody/tr/td[1]//text()")
    assert names == [PREFIX + setting.name for setting in settings()]


def test_the_scaffold_takes_its_byline_and_image_from_conf_py(copy_root) -> None:
    root = copy_root("reuse")
    run = [sys.executable, "-m", "kwelle.cli.scaffold", "--docs", str(root), "Notes on Chips"]
    refused = subprocess.run(run, capture_output=True, text=True, check=False)
    assert refused.returncode == 1
    assert "conf.py: set kwelle_scaffold_image" in refused.stderr
    assert "Traceback" not in refused.stderr
    with (root / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write(
            '\nkwelle_scaffold_image = "../images/lead.svg"\nkwelle_scaffold_image_alt = "A square."\n'
        )
    created = subprocess.run(run, capture_output=True, text=True, check=False)
    assert created.returncode == 0, created.stderr
    front = (root / "articles" / "notes-on-chips.md").read_text(encoding="utf-8")
    assert '- name: "Seoul Notes editors"' in front
    assert 'image_credit: "Seoul Notes"' in front
