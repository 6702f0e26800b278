"""Charts readers take away: a permalink, the chart as SVG and PNG (drawn once, cached),
and a "Cite this chart" line; the PNG read back with Pillow."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from lxml import etree
from PIL import Image

from conftest import ROOTS, needs_rsvg, sphinx_build

PAGE = "articles/charted"


def chart(page, name: str):
    (found,) = page.xpath(f"//div[@id='infographic-{name}']")
    return found


def download_links(page, name: str) -> dict[str, str]:
    (line,) = chart(page, name).xpath(".//p[contains(@class, 'kwelle-chart-download')]")
    return {a.text_content(): a.get("href") for a in line.xpath("./a")}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):
    tmp = tmp_path_factory.mktemp("chartfiles")
    shutil.copytree(ROOTS / "test-infographic", tmp / "src")
    build = sphinx_build(tmp / "src", tmp / "out" / "html")
    assert build.returncode == 0, build.output
    return build


@needs_rsvg
def test_chart_downloads_and_permalink(built) -> None:
    page = built.page(PAGE)
    links = download_links(page, "shares")
    assert list(links) == ["Download the data (CSV)", "SVG", "PNG", "Link to this chart"]
    assert links["Link to this chart"] == "#infographic-shares"
    shown = chart(page, "shares").xpath(".//img")[0].get("src")
    svg = built.outdir / "articles" / links["SVG"]
    assert links["SVG"] == "../charts/shares.svg"  # a URL that stays when the data changes
    assert svg.read_bytes() == (built.outdir / "articles" / shown).read_bytes()
    root = etree.parse(str(svg)).getroot()
    width, height = (float(root.get(side).removesuffix("pt")) for side in ("width", "height"))
    with Image.open(built.outdir / "articles" / links["PNG"]) as png:
        assert png.format == "PNG"
        # twice the SVG's size at 96 px per inch (72 pt)
        assert png.size == (round(width * 96 / 72 * 2), round(height * 96 / 72 * 2))
        assert png.getpixel((0, 0))[:3] == (255, 255, 255)  # the chart's own white card


def test_cite_this_chart(built) -> None:
    (cite,) = chart(built.page(PAGE), "growth").xpath(".//p[contains(@class, 'kwelle-chart-cite')]")
    assert " ".join(cite.text_content().split()) == (
        "Cite this chart: Test Author (2026). Growth projections [chart]. In: A Charted Article. "
        "Chart Journal, 1 January 2026. https://journal.example/articles/charted.html#infographic-growth"
    )


@needs_rsvg
def test_png_is_converted_once_and_published_once(built) -> None:
    cache = built.outdir.parent / "doctrees" / "kwelle-infographics"
    pngs = sorted(cache.glob("*.png"))
    assert len(pngs) == 2
    published = sorted((built.outdir / "charts").iterdir())
    before = {path: path.stat().st_mtime_ns for path in [*pngs, *published]}
    again = sphinx_build(built.srcdir, built.outdir, "-E")  # every page read again
    assert again.returncode == 0, again.output
    assert {path: path.stat().st_mtime_ns for path in [*pngs, *published]} == before


def test_without_rsvg_convert_svg_only(copy_root, tmp_path: Path) -> None:
    """rsvg-convert is for the PDF edition: an HTML build without it offers SVG, and says so."""
    nothing = tmp_path / "no-tools"  # sphinx runs from sys.executable; PATH finds no rsvg-convert
    nothing.mkdir()
    build = sphinx_build(copy_root("infographic"), tmp_path / "out" / "html", "-v", path=str(nothing))
    assert build.returncode == 0, build.output
    assert "rsvg-convert not found, charts are offered as SVG only" in build.output
    assert list(download_links(build.page(PAGE), "shares")) == [
        "Download the data (CSV)",
        "SVG",
        "Link to this chart",
    ]
    assert not list((build.outdir / "charts").glob("*.png"))


@needs_rsvg
def test_a_parallel_build_publishes_the_same_pngs(built, copy_root, tmp_path: Path) -> None:
    """Its readers draw the charts; the PNGs are converted when the charts are published."""
    parallel = sphinx_build(copy_root("infographic"), tmp_path / "out" / "html", "-j", "2")
    assert parallel.returncode == 0, parallel.output
    pngs = sorted((built.outdir / "charts").glob("*.png"))
    assert len(pngs) == 2
    for png in pngs:
        assert (parallel.outdir / "charts" / png.name).read_bytes() == png.read_bytes()


@needs_rsvg
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_png_rsvg_convert_cannot_make_is_an_error_at_its_page(copy_root, tmp_path: Path, jobs: str) -> None:
    """The PDF edition's SVGs still convert; the chart's PNG does not: the build fails naming the
    chart and its page, and offers no PNG that is not there."""
    shim = tmp_path / "bin" / "rsvg-convert"
    shim.parent.mkdir()
    real = shutil.which("rsvg-convert")
    shim.write_text(
        f'#!/bin/sh\ncase "$*" in *png*) echo "out of memory" >&2; exit 1;; esac\nexec {real} "$@"\n'
    )
    shim.chmod(0o755)
    path = f"{shim.parent}{os.pathsep}{os.environ['PATH']}"
    build = sphinx_build(copy_root("infographic"), tmp_path / "out" / "html", "-j", jobs, path=path)
    assert build.returncode != 0
    assert re.search(r"charted\.md: ERROR: infographic shares: no PNG: out of memory", build.output), (
        build.output
    )
    assert "Traceback" not in build.output
    assert not list((build.outdir / "charts").glob("*.png"))


def test_print_has_the_citation_not_the_downloads(copy_root, tmp_path: Path) -> None:
    build = sphinx_build(copy_root("infographic"), tmp_path / "out" / "latex", builder="latex")
    assert build.returncode == 0, build.output
    tex = (build.outdir / "charts.tex").read_text(encoding="utf-8")
    assert "Cite this chart" in tex
    assert "charts/shares.png" not in tex
    assert "Link to this chart" not in tex
