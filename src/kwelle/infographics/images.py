"""Chart image files: one per content, drawn ahead of the pages that show them.

A file's name carries a hash of the chart's data, its description and the drawing code,
so each content is drawn once (a rebuild with -E draws nothing) and an edit draws anew.
Charts are SVG, text kept as text; for the PDF, sphinxcontrib-svg2pdfconverter has
rsvg-convert turn them into PDF (about 60 ms a chart, where matplotlib's own PDF, which
subsets its fonts in Python, takes 500 ms).

Readers take a chart away as SVG or PNG from ``charts/<name>.svg`` and ``.png`` in the HTML
output (a URL that stays when the data is edited). The PNG, at twice the SVG's size, is
converted from the SVG by rsvg-convert (the converter the PDF edition uses, so the two
agree), once per content and cached beside it; without rsvg-convert, charts are offered
as SVG only.

Drawing is most of what a chart costs (about 35 ms for an SVG). When a serial build
starts reading, a worker process, on a core the reader leaves idle, draws the charts its
pages name, in page order; the reader never waits for it, and draws itself each chart the
worker has not finished (while the worker starts up, the first few). Drawing ahead is for
serial builds with many charts to draw: parallel readers keep every core busy already, and
a worker takes most of a second to start, the time to draw a couple of dozen charts.
"""

from __future__ import annotations

import functools
import hashlib
import multiprocessing
import posixpath
import re
import shutil
import subprocess
from concurrent.futures import Future, ProcessPoolExecutor
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

from kwelle.config import get_config, is_translation
from kwelle.envstore import PerDocument
from kwelle.files import write_atomically
from kwelle.i18n import _
from kwelle.infographics.data import Chart, DataError, Limits, read_chart
from kwelle.infographics.render import RENDER_VERSION, render
from kwelle.safety.confinement import generated_folder, outside_source
from kwelle.slugs import slugify

if TYPE_CHECKING:
    from collections.abc import Collection

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)

#: fewer charts to draw than this are drawn in place: a worker would cost more to start
WORTH_A_WORKER = 24
#: how a page names a chart: the ``{infographic}`` directive and its data file
INFOGRAPHIC = re.compile(r"^\s*(?:`{3,}|:{3,})\{infographic\}\s+(\S+)", re.MULTILINE)


@functools.cache
def drawing_version() -> bytes:
    """matplotlib's version, from its metadata: importing matplotlib costs 0.3 s or more, in a
    build that draws nothing; looked up once, a lookup scans every installed distribution."""
    return metadata.version("matplotlib").encode()


def image_path(
    chart: Chart, csv_path: Path, folder: Path, translations: dict[str, str] | None = None
) -> Path:
    """The chart's file, named by its data, description, drawing code and, in a translated
    edition, the words its catalog gives it."""
    digest = hashlib.sha256()
    for part in (csv_path.read_bytes(), csv_path.with_suffix(".toml").read_bytes(),
                 RENDER_VERSION.encode(), drawing_version()):  # fmt: skip
        digest.update(part)
    if translations:
        digest.update(repr(sorted(translations.items())).encode())
    # the numbers as the edition writes them (kwelle.infographics.translation.with_number_signs)
    digest.update(repr([row.value_texts for row in chart.rows]).encode())
    return folder / f"{slugify(chart.name)}-{digest.hexdigest()[:16]}.svg"


def write_image(chart: Chart, target: Path) -> None:
    write_atomically(target, render(chart))


class ChartImages:
    """The chart files of one build: where they go, and those being drawn ahead."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._pool: ProcessPoolExecutor | None = None
        self._ahead: dict[Path, Future] = {}

    def image(self, chart: Chart, csv_path: Path, translations: dict[str, str] | None = None) -> Path:
        """The chart's file: from an earlier build, from the worker, or drawn now."""
        target = image_path(chart, csv_path, self.folder, translations)
        ahead = self._ahead.pop(target, None)
        if ahead is None and target.exists():
            return target  # drawn by an earlier build
        if ahead is not None:
            ahead.cancel()  # not started: drawn here instead; started: its copy replaces this one, byte for byte
        if not target.exists():  # not finished by the worker, or failed there: here, an error names the page
            self.folder.mkdir(parents=True, exist_ok=True)
            write_image(chart, target)
        logger.info("kwelle: rendering infographic %s", chart.name)
        return target

    def draw_ahead(self, charts: list[tuple[Chart, Path]]) -> None:
        """Start drawing, in page order, the charts whose files do not exist yet."""
        missing = [(chart, target) for chart, csv_path in charts
                   if not (target := image_path(chart, csv_path, self.folder)).exists()]  # fmt: skip
        if len(missing) < WORTH_A_WORKER:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        # spawn: a fork of a process that runs threads (sphinx-sitemap's manager) may hang
        self._pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
        for chart, target in missing:
            self._ahead.setdefault(target, self._pool.submit(write_image, chart, target))

    def stop(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None
        self._ahead.clear()


_BUILDS: WeakKeyDictionary[BuildEnvironment, ChartImages] = WeakKeyDictionary()


def chart_images(env: BuildEnvironment) -> ChartImages:
    return _BUILDS[env]


def start_build(app: Sphinx) -> None:
    _BUILDS[app.env] = ChartImages(generated_folder(app.env))


def charts_named_by(env: BuildEnvironment, docnames: Collection[str]) -> list[tuple[Chart, Path]]:
    """The charts the pages' sources name, in reading order (a quick look, not a parse)."""
    known = env.get_domain("cite").bibdata.data.entries
    limits = Limits.from_config(get_config(env))
    found = []
    for docname in sorted(docnames):
        try:
            source = env.doc2path(docname).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # reading the page reports it
        for argument in INFOGRAPHIC.findall(source):
            csv_path = Path(env.relfn2path(argument, docname)[1])
            if outside_source(env, csv_path):
                continue  # the page reports it
            try:
                found.append((read_chart(csv_path, known, limits), csv_path))
            except DataError:
                continue  # the page reports it, with its line
    return found


def draw_ahead(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    # parallel readers keep every core busy already; a translated edition draws its charts in
    # the words its catalogs give them, known only once Locale has run
    if app.parallel <= 1 and not is_translation(env):
        chart_images(env).draw_ahead(charts_named_by(env, docnames))


def stop_drawing_ahead(app: Sphinx, *args: object) -> None:
    if app.env in _BUILDS:
        chart_images(app.env).stop()


#: where readers download the charts, inside the HTML output
PUBLISHED = "charts"
#: each page's charts: name -> its SVG in the cache
CHART_FILES = PerDocument("kwelle_chart_files")


def chart_files(env: BuildEnvironment) -> dict[str, dict[str, str]]:
    return CHART_FILES.of(env)


def can_convert_to_png() -> bool:
    return shutil.which("rsvg-convert") is not None


def png_image(svg: Path) -> Path:
    """The chart as PNG, from its SVG, converted once per content."""
    target = svg.with_suffix(".png")
    if not target.exists():
        converted = subprocess.run(
            ["rsvg-convert", "--format", "png", "--zoom", "2", str(svg)], capture_output=True, check=False
        )
        if converted.returncode:
            raise OSError(converted.stderr.decode(errors="replace").strip() or f"exit {converted.returncode}")
        write_atomically(target, converted.stdout)
    return target


def _publish(source: Path, target: Path) -> None:
    data = source.read_bytes()
    if not target.is_file() or target.read_bytes() != data:  # unchanged files keep their time
        write_atomically(target, data)


def publish_charts(app: Sphinx, exception: Exception | None) -> None:
    """Copy every chart of the site, as SVG and PNG, to where the download links point."""
    if exception or app.builder.name not in ChartDownloads.builders:
        return
    convert = can_convert_to_png()
    if not convert:
        logger.info(
            "kwelle: rsvg-convert not found, charts are offered as SVG only (apt-get install librsvg2-bin)"
        )
    folder = Path(app.outdir, PUBLISHED)
    for docname, files in sorted(chart_files(app.env).items()):
        for name, svg in sorted(files.items()):
            folder.mkdir(exist_ok=True)
            _publish(Path(svg), folder / f"{name}.svg")
            if not convert:
                continue
            try:
                _publish(png_image(Path(svg)), folder / f"{name}.png")
            except OSError as err:
                logger.error("infographic %s: no PNG: %s", name, err, location=docname, type="kwelle",
                             subtype="infographic")  # fmt: skip


class ChartDownloads(SphinxPostTransform):
    """Beside each chart's CSV link: the chart as SVG and PNG, and its permalink (HTML only)."""

    default_priority = 900
    builders = ("html",)

    def run(self, **kwargs: object) -> None:
        files = chart_files(self.env).get(self.env.docname, {})
        here = posixpath.dirname(self.env.docname) or "."
        formats = ("svg", "png") if can_convert_to_png() else ("svg",)
        for chart in self.document.findall(nodes.container):
            name = chart.get("kwelle_chart")
            line = next(
                (p for p in chart.findall(nodes.paragraph) if "kwelle-chart-download" in p["classes"]), None
            )
            if name not in files or line is None:
                continue
            line += nodes.Text(" · " + _("Download the chart: "))
            for suffix in formats:
                href = posixpath.relpath(f"{PUBLISHED}/{name}.{suffix}", here)
                line += nodes.reference("", suffix.upper(), refuri=href)
                line += nodes.Text(" · ")
            line += nodes.reference("", _("Link to this chart"), refuri=f"#{chart['ids'][0]}")


def setup_images(app: Sphinx) -> None:
    CHART_FILES.connect(app)
    app.add_post_transform(ChartDownloads)
    app.connect("build-finished", publish_charts)
    app.connect("builder-inited", start_build)
    app.connect("env-before-read-docs", draw_ahead)
    app.connect("env-updated", stop_drawing_ahead)
    app.connect("build-finished", stop_drawing_ahead)
