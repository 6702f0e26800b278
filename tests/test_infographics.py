"""Infographics: charts drawn from cited data, with their sources, notes, table and CSV."""

from __future__ import annotations

import csv
import gc
import multiprocessing
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

from conftest import ROOTS, needs_rsvg, sphinx_build
from kwelle.infographics import images
from kwelle.infographics.data import Chart, DataError, format_number, read_chart
from kwelle.infographics.groups import disagreements
from kwelle.infographics.images import ChartImages, image_path
from kwelle.infographics.render import ChartFontError, describe

DATA = ROOTS / "test-infographic" / "data"
KEYS = {"kr2026", "de2026", "weo2025"}
SVG = "{http://www.w3.org/2000/svg}"


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (1.3873626, "1.39"),
        (1.36, "1.36"),
        (0.046955, "0.047"),
        (0.31668, "0.32"),
        (1.01308, "1.01"),
        (0, "0.00"),
    ],
)
def test_format_number(value: float, text: str) -> None:
    assert format_number(value) == text


def test_derived_share_and_its_arithmetic() -> None:
    chart = read_chart(DATA / "shares.csv", KEYS)
    korea, germany = chart.rows
    assert korea.value_texts == ("1.39",)
    assert korea.arithmetic == "₩10.1 tn ÷ ₩728 tn = 1.39 %"
    assert germany.values == (None,)
    assert chart.all_sources == ("kr2026", "de2026")


def test_alt_text_from_the_data() -> None:
    alt = describe(read_chart(DATA / "shares.csv", KEYS))
    assert "AI share of budgets" in alt
    assert "Largest: Korea, 1.39 %" in alt
    assert "Germany: not separately budgeted" in alt
    growth = describe(read_chart(DATA / "growth.csv", KEYS))
    assert "Largest: Korea, 2026, 1.8 %" in growth
    assert "Smallest: Germany, 2025, 0.2 %" in growth


BAD_DATA = {
    # name: (file, old, new, expected message)
    "missing-data-file": (None, None, None, r"shares\.csv: data file not found"),
    "unknown-column": (
        "shares.toml",
        'value = "ai / total"',
        'value = "ai / budget"',
        r"shares\.toml:4: unknown column 'budget'",
    ),
    "non-numeric-value": (
        "shares.csv",
        "Korea,10.1,",
        "Korea,ten,",
        r"shares\.csv:2: column 'ai': 'ten' is not a number",
    ),
    "unknown-source-key": (
        "shares.csv",
        ",kr2026,",
        ",kr2062,",
        r"shares\.csv:2: column 'sources': source 'kr2062' is not a key",
    ),
    "row-without-source": (
        "shares.csv",
        ",de2026,",
        ",,",
        r"shares\.csv:3: column 'sources': the row names no source",
    ),
    "unknown-kind": (
        "shares.toml",
        'kind = "bar"',
        'kind = "pie"',
        r"shares\.toml:2: unknown chart kind 'pie'",
    ),
    "row-without-basis": (
        "shares.csv",
        "No AI budget line.",
        "",
        r"shares\.csv:3: column 'basis': the row gives no basis",
    ),
}


@pytest.mark.parametrize("case", BAD_DATA)
def test_bad_data_fails_the_build_naming_file_and_place(copy_root, tmp_path: Path, case: str) -> None:
    filename, old, new, expected = BAD_DATA[case]
    srcdir = copy_root("infographic")
    if filename is None:
        (srcdir / "data" / "shares.csv").unlink()
    else:
        path = srcdir / "data" / filename
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1
        path.write_text(text.replace(old, new), encoding="utf-8")
    sources = {p: p.read_bytes() for p in srcdir.rglob("*") if p.is_file()}

    build = sphinx_build(srcdir, tmp_path / "out" / "html")

    assert build.returncode != 0
    assert re.search(r"articles/charted\.md:\d+: ERROR: infographic: .*" + expected, build.output), (
        build.output
    )
    assert "Traceback" not in build.output
    assert {p: p.read_bytes() for p in srcdir.rglob("*") if p.is_file()} == sources


@pytest.fixture(scope="module")
def chart_site(tmp_path_factory: pytest.TempPathFactory):
    build = sphinx_build(ROOTS / "test-infographic", tmp_path_factory.mktemp("charts") / "html")
    assert build.returncode == 0, build.output
    return build


def infographic(page, name: str):
    (found,) = page.xpath(f"//div[@id='infographic-{name}']")
    return found


def test_svg_has_the_bar_labels(chart_site) -> None:
    chart = infographic(chart_site.page("articles/charted"), "shares")
    (image,) = chart.xpath(".//img")
    svg = etree.parse(str(chart_site.outdir / "articles" / image.get("src")))
    texts = " ".join(t for element in svg.iter(f"{SVG}text") for t in element.itertext())
    for label in ("Korea", "Germany", "1.39 %", "not separately budgeted"):
        assert label in texts


def test_alt_text_generated_or_given(chart_site) -> None:
    page = chart_site.page("articles/charted")
    assert (
        infographic(page, "shares")
        .xpath(".//img")[0]
        .get("alt")
        .startswith("Bar chart: AI share of budgets.")
    )
    assert (
        infographic(page, "growth").xpath(".//img")[0].get("alt")
        == "Growth in Korea and Germany, 2025 and 2026."
    )


def test_data_table_matches_the_csv(chart_site) -> None:
    chart = infographic(chart_site.page("articles/charted"), "growth")
    (dropdown,) = chart.xpath(".//details")
    assert dropdown.get("open") is None
    assert "Show the data" in dropdown.xpath("./summary")[0].text_content()
    (table,) = dropdown.xpath(".//table")
    assert (
        table.xpath("./caption/span[@class='caption-text']")[0].text_content() == "Data: Growth projections"
    )
    heads = [th.text_content().strip() for th in table.xpath("./thead//th")]
    rows = [
        [cell.text_content().strip() for cell in tr.xpath("./th | ./td")] for tr in table.xpath("./tbody/tr")
    ]
    with (DATA / "growth.csv").open(encoding="utf-8") as handle:
        records = list(csv.DictReader(handle))
    assert heads == ["country", "2025", "2026", "lever"]
    assert rows == [[record[h] for h in heads] for record in records]
    assert all(tr.xpath("./th") for tr in table.xpath("./tbody/tr"))  # each row has a row head


def test_sources_line_cites_into_the_articles_references(chart_site) -> None:
    page = chart_site.page("articles/charted")
    (sources,) = infographic(page, "shares").xpath(".//p[contains(@class, 'kwelle-chart-sources')]")
    links = sources.xpath(".//a")
    assert [a.text_content() for a in links] == [
        "Ministry of Economy and Finance, 2025",
        "Bundesministerium der Finanzen, 2025",
    ]
    for link in links:
        (target,) = page.xpath(f"//*[@id='{link.get('href')[1:]}']")
        assert target.xpath("ancestor::details/summary")[0].text_content().strip() == "References"


def test_notes_are_numbered_with_arithmetic(chart_site) -> None:
    notes = infographic(chart_site.page("articles/charted"), "shares").xpath(
        ".//ol[contains(@class, 'kwelle-chart-notes')]/li"
    )
    assert [" ".join(n.text_content().split()) for n in notes] == [
        "Korea: derived, ₩10.1 tn ÷ ₩728 tn = 1.39 %. 2026 proposal.",
        "Germany: No AI budget line.",
    ]


def test_csv_download(chart_site) -> None:
    (link,) = infographic(chart_site.page("articles/charted"), "shares").xpath(
        ".//a[contains(@class, 'download')]"
    )
    downloaded = chart_site.outdir / "articles" / link.get("href")
    assert downloaded.read_bytes() == (DATA / "shares.csv").read_bytes()


def renders(build) -> int:
    return build.output.count("rendering infographic")


def test_cache_and_incremental_rebuild(copy_root, tmp_path: Path) -> None:
    srcdir = copy_root("infographic")
    outdir = tmp_path / "out" / "html"
    first = sphinx_build(srcdir, outdir)
    assert renders(first) == 2  # two charts
    again = sphinx_build(srcdir, outdir, "-E")  # every page read again: charts come from the cache
    assert again.returncode == 0
    assert renders(again) == 0

    def svg_text(build) -> str:
        src = infographic(build.page("articles/charted"), "shares").xpath(".//img")[0].get("src")
        return (outdir / "articles" / src).read_text(encoding="utf-8")

    before = svg_text(again)
    data = srcdir / "data" / "shares.csv"
    data.write_text(data.read_text(encoding="utf-8").replace("Korea,10.1,", "Korea,12.5,"), encoding="utf-8")
    edited = sphinx_build(srcdir, outdir)  # incremental: only the data file changed
    assert edited.returncode == 0, edited.output
    assert "articles/charted" in edited.output.split("reading sources")[-1]
    assert renders(edited) == 1  # only the edited chart
    assert svg_text(edited) != before
    assert "1.72 %" in svg_text(edited)


def test_parallel_build_draws_the_same_charts(tmp_path: Path) -> None:
    serial = sphinx_build(ROOTS / "test-infographic", tmp_path / "serial" / "html")
    parallel = sphinx_build(ROOTS / "test-infographic", tmp_path / "parallel" / "html", "-j", "2")
    assert parallel.returncode == serial.returncode == 0, parallel.output
    svgs = [sorted(p.name for p in (b.outdir / "_images").glob("*.svg")) for b in (serial, parallel)]
    assert svgs[0] == svgs[1]
    assert len(svgs[0]) == 3  # two charts and the lead image


@needs_rsvg
def test_latex_includes_the_pdf_figure(tmp_path: Path) -> None:
    build = sphinx_build(ROOTS / "test-infographic", tmp_path / "latex", builder="latex")
    assert build.returncode == 0, build.output
    tex = (build.outdir / "charts.tex").read_text(encoding="utf-8")
    included = re.findall(r"\\sphinxincludegraphics(?:\[[^]]*\])?\{\{(shares-[0-9a-f]+)\}\.pdf\}", tex)
    assert included
    assert (build.outdir / f"{included[0]}.pdf").read_bytes().startswith(b"%PDF")


def two_charts() -> list[tuple[Chart, Path]]:
    return [(read_chart(DATA / name, KEYS), DATA / name) for name in ("shares.csv", "growth.csv")]


def test_charts_drawn_by_the_worker_are_the_charts_drawn_in_place(tmp_path: Path) -> None:
    gc.collect()  # apps of earlier tests, set up here but never built, end their workers (and threads)
    charts = two_charts()
    worker = ChartImages(tmp_path / "worker", in_worker=True)
    before = set(multiprocessing.active_children())
    in_place = ChartImages(tmp_path / "in-place")
    try:
        drawn = [worker.image(chart, csv_path) for chart, csv_path in charts]
        assert set(multiprocessing.active_children()) - before  # the worker
        assert drawn == [image_path(chart, csv_path, tmp_path / "worker") for chart, csv_path in charts]
        assert all(path.is_file() for path in drawn)  # Sphinx finds the image while it is drawn
        assert worker.finish_drawing() == []
        for path, (chart, csv_path) in zip(drawn, charts, strict=True):
            assert path.read_bytes() == in_place.image(chart, csv_path).read_bytes()
    finally:
        worker.stop()
    assert not list((tmp_path / "worker").glob("*.part"))


def test_a_chart_the_worker_cannot_draw_is_reported_with_its_page(tmp_path: Path, monkeypatch) -> None:
    def fail(chart: Chart) -> bytes:
        raise ChartFontError("no font")

    monkeypatch.setattr(images, "render", fail)  # the worker, a fork, inherits it
    worker = ChartImages(tmp_path, in_worker=True)
    (chart, csv_path), _other = two_charts()
    try:
        worker.image(chart, csv_path, location="article.md:12")
        [(location, data, _svg, err)] = worker.finish_drawing()
    finally:
        worker.stop()
    assert (location, data, str(err)) == ("article.md:12", csv_path, "no font")


def test_a_placeholder_left_by_a_stopped_build_is_drawn(tmp_path: Path) -> None:
    (chart, csv_path), _other = two_charts()
    target = image_path(chart, csv_path, tmp_path)
    target.write_bytes(b"")  # the build stopped before its worker drew the chart
    assert ChartImages(tmp_path).image(chart, csv_path).read_bytes().startswith(b"<?xml")


@needs_rsvg
def test_pdf_edition_converts_each_svg_once(tmp_path: Path) -> None:
    """The journal and each article are documents of their own: an image in both is converted once."""
    calls = tmp_path / "rsvg-calls"
    shim = tmp_path / "bin" / "rsvg-convert"
    shim.parent.mkdir()
    shim.write_text(f'#!/bin/sh\necho "$@" >> {calls}\nexec {shutil.which("rsvg-convert")} "$@"\n')
    shim.chmod(0o755)
    path = f"{shim.parent}{os.pathsep}{os.environ['PATH']}"
    options = ("-D", "kwelle_article_pdfs=1")
    build = sphinx_build(ROOTS / "test-infographic", tmp_path / "latex", *options, builder="latex", path=path)
    assert build.returncode == 0, build.output
    converted = [line for line in calls.read_text().splitlines() if "--format=" in line]
    assert len(converted) == 3  # two charts and the lead image
    assert len(list((build.outdir).glob("*.tex"))) == 2  # the journal and the article

    again = sphinx_build(
        ROOTS / "test-infographic", tmp_path / "latex", "-E", *options, builder="latex", path=path
    )
    assert again.returncode == 0, again.output
    assert len([line for line in calls.read_text().splitlines() if "--format=" in line]) == 3


def test_groups_must_agree() -> None:
    declared = {"shares": {"kr2026", "weo2025"}}
    grouped = {"shares": {"kr2026", "de2026"}, "growth": {"weo2025"}}
    assert disagreements(declared, grouped, {"shares": "data/shares.csv"}) == [
        "data/shares.csv: source 'weo2025' is not in group 'shares' in the bibliography's group fields",
        "bib entry 'de2026' is in group 'shares', but no 'shares' infographic declares it",
    ]


def test_a_source_in_the_wrong_group_fails_the_build(copy_root, tmp_path: Path) -> None:
    srcdir = copy_root("infographic")
    data = srcdir / "data" / "growth.csv"
    data.write_text(
        data.read_text(encoding="utf-8").replace(
            "Korea,0.9,1.8,AI and digital transformation,weo2025,",
            "Korea,0.9,1.8,AI and digital transformation,weo2025 kr2026,",
        ),
        encoding="utf-8",
    )
    build = sphinx_build(srcdir, tmp_path / "out" / "html")
    assert build.returncode != 0
    assert "source 'kr2026' is not in group 'growth'" in build.output


def test_read_chart_error_is_located() -> None:
    with pytest.raises(DataError) as caught:
        read_chart(DATA / "shares.csv", {"kr2026"})
    assert (caught.value.line, caught.value.column) == (3, "sources")


WORKERS_AT_BUILDER_INITED = """
import multiprocessing, sys
from sphinx.application import Sphinx
source, out, doctrees = sys.argv[1:]
app = Sphinx(source, source, out, doctrees, "html", status=None, warning=None)
print(len(multiprocessing.active_children()))  # Sphinx() returns after builder-inited
app.build()
"""


def test_a_clean_build_forks_its_chart_worker_as_it_is_set_up(tmp_path: Path) -> None:
    """So that the worker imports matplotlib while the build sets up and reads; a rebuild, whose
    doctree folder has the environment and the charts, forks none (it draws nothing)."""
    run = [sys.executable, "-c", WORKERS_AT_BUILDER_INITED, str(ROOTS / "test-infographic"),
           str(tmp_path / "html"), str(tmp_path / "doctrees")]  # fmt: skip
    clean = subprocess.run(run, capture_output=True, text=True, check=True)
    assert clean.stdout.split() == ["1"], clean.stderr
    again = subprocess.run(run, capture_output=True, text=True, check=True)
    assert again.stdout.split() == ["0"], again.stderr


def test_a_build_after_a_clean_one_reads_no_page(tmp_path: Path) -> None:
    """The worker's charts keep their placeholders' times: Sphinx, whose pages depend on their
    images' times, would otherwise read every page with a chart again in the next build."""
    root = tmp_path / "root"
    shutil.copytree(ROOTS / "test-infographic", root)
    assert sphinx_build(root, tmp_path / "html").returncode == 0
    again = sphinx_build(root, tmp_path / "html")
    assert again.returncode == 0, again.output
    assert "0 added, 0 changed, 0 removed" in again.output
