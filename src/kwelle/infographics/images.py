"""Chart image files: one per content, drawn while the pages are read.

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

A serial build draws in a worker, a fork of the build, on the core the build leaves idle. A
build whose doctree folder is new will draw every chart: its worker is forked when kwelle is
set up, so it imports matplotlib (a quarter of a second) while the other extensions load;
any other build forks one at its first chart to draw. The reader puts an empty file where the
chart goes (Sphinx wants the image to exist) and reads on. The worker draws the SVGs first,
as they are asked for, and between them, for HTML, converts the PNGs of those drawn (one at a
time, so a new SVG waits for one PNG at most). The HTML builder waits for the SVGs only
before it copies the images (``html-collect-pages``) and for the PNGs before it publishes
the charts, where it converts the ones still waiting itself, on every core, as the worker
ends the one it has; other builders, which may read the charts as they write, wait before
the first page (``env-updated``). A parallel build draws in its readers, which keep every
core busy already, and converts the PNGs when it publishes the charts, on every core.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import multiprocessing
import os
import posixpath
import shutil
import subprocess
import threading
import weakref
from concurrent.futures import ThreadPoolExecutor
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

from kwelle.envstore import PerDocument
from kwelle.files import write_atomically
from kwelle.i18n import _
from kwelle.infographics.data import Chart
from kwelle.infographics.render import RENDER_VERSION, prepare, render
from kwelle.safety.confinement import GENERATED, generated_folder
from kwelle.slugs import slugify
from kwelle.upstream.sphinx import extracts_messages, has_saved_environment

if TYPE_CHECKING:
    from multiprocessing.pool import AsyncResult, Pool

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)


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


def replace_placeholder(chart: Chart, target: Path) -> None:
    """The worker's drawing, with the placeholder's times: a page depends on its images' times
    (Sphinx's image collector), and the placeholder is older than the page that named it, so
    the next build does not read the page again."""
    placeholder = target.stat()
    write_image(chart, target)
    os.utime(target, ns=(placeholder.st_atime_ns, placeholder.st_mtime_ns))


def convert(svg: Path) -> None:
    """The worker's PNG: an error is reported when the charts are published, which convert again."""
    with contextlib.suppress(OSError):
        png_image(svg)


def is_drawn(target: Path) -> bool:
    """Whether an earlier build drew the chart: not a placeholder left by a build that stopped."""
    return target.is_file() and target.stat().st_size > 0


def can_fork() -> bool:
    """A fork is a worker that starts in milliseconds, with the build's modules imported; it is
    safe while the build runs no other thread (a lock held by one would stay held in the fork)."""
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def fork_worker(owner: object) -> Pool | None:
    """A worker that starts importing what drawing needs, ended with ``owner`` at the latest (an
    app set up but never built, a build that stopped); None where the build cannot fork."""
    if not can_fork():
        return None
    worker = multiprocessing.get_context("fork").Pool(1)  # forks before it starts its threads
    weakref.finalize(owner, worker.terminate)
    worker.apply_async(prepare)
    return worker


class ChartImages:
    """The chart files of one build: where they go, and those the worker is drawing."""

    def __init__(
        self, folder: Path, *, in_worker: bool = False, png: bool = False, worker: Pool | None = None
    ) -> None:
        self.folder = folder
        self.in_worker = in_worker
        self.png = png
        self._pool = worker
        #: charts the worker is drawing: their result, their data file, and where a page names them
        self._drawing: dict[Path, tuple[AsyncResult, Path, str | None]] = {}
        # the worker's queue, kept from here (its results arrive on the pool's own thread)
        self._lock = threading.Lock()
        self._svgs_due = 0
        self._pngs_waiting: list[Path] = []  # drawn, PNG not asked for yet
        self._converting: list[AsyncResult] = []
        self._converting_one = False

    def image(
        self,
        chart: Chart,
        csv_path: Path,
        translations: dict[str, str] | None = None,
        location: str | None = None,
    ) -> Path:
        """The chart's file: from an earlier build, being drawn by the worker, or drawn now."""
        target = image_path(chart, csv_path, self.folder, translations)
        if target in self._drawing or is_drawn(target):
            return target
        logger.info("kwelle: rendering infographic %s", chart.name)
        self.folder.mkdir(parents=True, exist_ok=True)
        pool = self._worker()
        if pool is None:
            write_image(chart, target)
            return target
        target.write_bytes(b"")  # the placeholder: the worker replaces it in one rename
        with self._lock:
            self._svgs_due += 1
        drawing = pool.apply_async(
            replace_placeholder,
            (chart, target),
            callback=lambda _: self._drawn(target),
            error_callback=lambda _: self._drawn(None),
        )
        self._drawing[target] = (drawing, csv_path, location)
        return target

    def _worker(self) -> Pool | None:
        if self._pool is None and self.in_worker:
            self._pool = fork_worker(self)
        return self._pool

    def _drawn(self, svg: Path | None) -> None:
        with self._lock:
            self._svgs_due -= 1
            if svg is not None and self.png:
                self._pngs_waiting.append(svg)
            self._convert_next()

    def _converted(self, _result: object) -> None:
        with self._lock:
            self._converting_one = False
            self._convert_next()

    def _convert_next(self) -> None:
        """With the lock held: the next PNG, once no SVG is due and no PNG is converting."""
        if self._svgs_due or self._converting_one or not self._pngs_waiting or self._pool is None:
            return
        self._converting_one = True
        svg = self._pngs_waiting.pop(0)
        self._converting.append(
            self._pool.apply_async(convert, (svg,), callback=self._converted, error_callback=self._converted)
        )

    def finish_drawing(self) -> list[tuple[str | None, Path, Path, Exception]]:
        """Wait for the worker's charts; the ones it could not draw, with where they are named."""
        failed = []
        for target, (drawing, csv_path, location) in self._drawing.items():
            try:
                drawing.get()
            except Exception as err:  # noqa: BLE001 (the worker's error, reported at the page)
                failed.append((location, csv_path, target, err))
        self._drawing.clear()
        return failed

    def finish_converting(self) -> None:
        """Every PNG: those still waiting converted here, on every core, as the worker ends its own."""
        with self._lock:
            waiting, self._pngs_waiting = self._pngs_waiting, []
        convert_all(waiting)  # errors: publish_charts converts again, and reports
        for converting in list(self._converting):
            converting.wait()  # convert() keeps its errors: publish_charts converts again, and reports
        self._converting.clear()

    def stop(self) -> None:
        """End the worker: a build that stopped early leaves placeholders, which the next one draws."""
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None
        self._drawing.clear()
        self._pngs_waiting.clear()
        self._converting.clear()


_BUILDS: WeakKeyDictionary[BuildEnvironment, ChartImages] = WeakKeyDictionary()
#: workers forked at setup, for the build of the app that forked them
_EARLY_WORKERS: WeakKeyDictionary[Sphinx, Pool] = WeakKeyDictionary()


def chart_images(env: BuildEnvironment) -> ChartImages:
    return _BUILDS[env]


def fork_chart_worker(app: Sphinx) -> None:
    """At setup: where the doctree folder has no environment and no charts, the build will draw
    every chart (or, as ``-b gettext``, none: then the worker ends at ``builder-inited``)."""
    doctrees = Path(app.doctreedir)
    if app.parallel > 1 or has_saved_environment(doctrees) or (doctrees / GENERATED).exists():
        return
    if worker := fork_worker(app):
        _EARLY_WORKERS[app] = worker


def start_build(app: Sphinx) -> None:
    folder = generated_folder(app.env)
    images = ChartImages(
        folder,
        in_worker=app.parallel <= 1,  # parallel readers are forks of the build, and keep every core busy
        png=app.builder.name in ChartDownloads.builders and can_convert_to_png(),
        worker=_EARLY_WORKERS.pop(app, None),
    )
    _BUILDS[app.env] = images
    if extracts_messages(app.env):
        images.stop()  # draws nothing


def finish_drawing(app: Sphinx, env: BuildEnvironment) -> None:
    """Every chart drawn, or its error reported at its page (and the chart not published)."""
    for location, csv_path, target, err in chart_images(env).finish_drawing():
        logger.error("infographic: %s: %s", csv_path, err, location=location, type="kwelle",
                     subtype="infographic")  # fmt: skip
        for files in chart_files(env).values():
            for name in [name for name, svg in files.items() if svg == str(target)]:
                del files[name]


def finish_reading(app: Sphinx, env: BuildEnvironment) -> None:
    if app.builder.name not in ChartDownloads.builders:  # which may read the charts as they write
        finish_drawing(app, env)


def finish_drawing_before_copying(app: Sphinx) -> tuple[()]:
    """The HTML builder reads no chart until it copies the images, after this event
    (kwelle.upstream.sphinx): the worker draws while the pages are written."""
    finish_drawing(app, app.env)
    return ()


def stop_drawing(app: Sphinx, *args: object) -> None:
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


def convert_all(svgs: list[Path]) -> dict[Path, OSError]:
    """The PNG of each SVG not converted yet, as many at once as there are cores (threads that
    wait for rsvg-convert: a parallel build, whose readers drew the charts, and the charts left
    at the end of a serial one); the ones that failed, with why."""
    failed: dict[Path, OSError] = {}

    def one(svg: Path) -> None:
        try:
            png_image(svg)
        except OSError as err:
            failed[svg] = err

    waiting = [svg for svg in dict.fromkeys(svgs) if not svg.with_suffix(".png").exists()]
    if waiting:
        with ThreadPoolExecutor(max_workers=min(len(waiting), os.cpu_count() or 1)) as converters:
            list(converters.map(one, waiting))
    return failed


def _publish(source: Path, target: Path) -> None:
    data = source.read_bytes()
    if not target.is_file() or target.read_bytes() != data:  # unchanged files keep their time
        write_atomically(target, data)


def publish_charts(app: Sphinx, exception: Exception | None) -> None:
    """Copy every chart of the site, as SVG and PNG, to where the download links point."""
    if exception or app.builder.name not in ChartDownloads.builders:
        return
    chart_images(app.env).finish_converting()
    convert = can_convert_to_png()
    if not convert:
        logger.info(
            "kwelle: rsvg-convert not found, charts are offered as SVG only (apt-get install librsvg2-bin)"
        )
    charts = [(docname, name, Path(svg)) for docname, files in sorted(chart_files(app.env).items())
              for name, svg in sorted(files.items())]  # fmt: skip
    failed = convert_all([svg for _, _, svg in charts]) if convert else {}
    folder = Path(app.outdir, PUBLISHED)
    for docname, name, svg in charts:
        folder.mkdir(exist_ok=True)
        _publish(svg, folder / f"{name}.svg")
        if not convert:
            continue
        if svg in failed:
            logger.error("infographic %s: no PNG: %s", name, failed[svg], location=docname, type="kwelle",
                         subtype="infographic")  # fmt: skip
        else:
            _publish(svg.with_suffix(".png"), folder / f"{name}.png")


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
    app.connect("env-updated", finish_reading)
    app.connect("html-collect-pages", finish_drawing_before_copying)
    app.connect("build-finished", stop_drawing, priority=900)  # after publish_charts
