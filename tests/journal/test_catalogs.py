"""The journal's own translation catalogs (docs/locale): readable, no fuzzy or obsolete entry,
every translation with its source's roles and links (kwelle.catalogs; the translated builds
check the rest, stale entries and translations Sphinx cannot use, which the German and
Korean builds here do)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import DOCS, sphinx_build
from kwelle.catalogs import problems, read_catalog

CATALOGS = sorted((DOCS / "locale").glob("*/LC_MESSAGES/**/*.po"))


def test_there_are_german_and_korean_catalogs() -> None:
    assert {path.relative_to(DOCS / "locale").parts[0] for path in CATALOGS} >= {"de", "ko"}


@pytest.mark.parametrize("path", CATALOGS, ids=lambda path: path.relative_to(DOCS / "locale").as_posix())
def test_a_catalog_is_clean(path: Path) -> None:
    assert problems(read_catalog(path), None) == []


@pytest.mark.parametrize("language", ["de", "ko"])
def test_the_edition_builds_strictly(language: str, tmp_path: Path) -> None:
    build = sphinx_build(DOCS, tmp_path / "html", "-D", f"language={language}")
    assert build.returncode == 0, build.output
    page = build.page("articles/why-korea-leads-ai-now")
    assert page.get("lang") == language
    assert not page.xpath("//*[contains(@class, 'untranslated')]")  # the flagship is translated whole
    # the settings' defaults are Python values: straight quotes, not the edition's „…“ or ‚…‘
    defaults = build.page("author-guide").xpath(
        "//table[contains(@class, 'kwelle-settings')]//tbody/tr/td[3]"
    )
    assert defaults
    assert all(cell.xpath("./p/code") for cell in defaults)
    assert not [cell for cell in defaults if set(cell.xpath("string()")) & set("„“‚‘")]
