"""The journal build against the plain-Sphinx floor: speed, scaling, rebuilds, PDF, page weight.

    python -m benchmarks.bench [--sizes 50,200] [--scaling-sizes 800] [--runs 3] [--no-pdf]

Every measurement builds the same synthetic corpus (benchmarks/corpus.py) twice: as the
floor (plain Sphinx and myst-parser) and as the journal (docs/conf.py and the kwelle
extension), each in a subprocess, the two alternating run by run so that other load on
the machine falls on both. The tables give medians, the ratio journal/floor and the peak
RSS; they are printed and written to benchmarks/results.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from importlib import metadata
from pathlib import Path
from urllib.parse import urlsplit

from lxml import html as lxml_html

from benchmarks.corpus import (
    REPO,
    Change,
    Corpus,
    default_entries,
    edit_article,
    edit_bib_entry,
    edit_data_file,
    journal_settings,
    make_corpus,
    write_floor,
    write_journal,
)
from kwelle.cli.pdf import missing_characters, missing_requirements

RESULTS = Path(__file__).parent / "results.md"
#: as `nox -s html` builds; rebuilds also run with its --jobs auto
STRICT = ("-W", "--keep-going", "--nitpicky")
PARALLEL = ("--jobs", "auto")
#: as kwelle.cli.pdf.typeset runs it
LATEXMK = ("latexmk", "-xelatex", "-interaction=nonstopmode", "-halt-on-error", "-file-line-error")
#: distributions whose versions a result depends on
VERSIONS = (
    "sphinx",
    "myst-parser",
    "sphinxcontrib-bibtex",
    "sphinx-design",
    "furo",
    "docutils",
    "matplotlib",
)


class BenchError(RuntimeError):
    """A build the benchmark needs failed; the message carries its output."""


@dataclass(frozen=True)
class Sample:
    seconds: float
    #: bytes; the largest single process (with --jobs, the main one or a worker), not a sum
    peak_rss: int
    #: for a measurement that checks its output: "ok", or what is wrong
    check: str | None = None


def measured(command: Sequence[str], cwd: Path | None = None) -> Sample:
    """Run ``command``: its wall time and the peak RSS of its largest process."""
    start = time.perf_counter()
    with subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT) as process:
        output = process.stdout.read().decode("utf-8", errors="replace")
        # wait4, not wait: it gives this child's resource usage, descendants included
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)  # reaped: Popen must not wait again
    if process.returncode:
        raise BenchError(f"{' '.join(command)} failed ({process.returncode}):\n{output[-5000:]}")
    return Sample(seconds, usage.ru_maxrss * 1024)  # Linux counts ru_maxrss in KiB


@dataclass
class Variant:
    """One corpus, floor or journal, written to ``root/source`` and built beside it."""

    name: str
    corpus: Corpus
    root: Path
    write: Callable[[Corpus, Path], None]
    #: what kwelle.cli.pdf adds to the LaTeX build: the journal writes one document per article too
    latex_options: tuple[str, ...] = ()

    @property
    def source(self) -> Path:
        return self.root / "source"

    def output(self, build: str, builder: str = "html") -> Path:
        return self.root / build / builder

    def sphinx(self, build: str, *options: str, builder: str = "html", clean: bool = False) -> Sample:
        """Build into ``root/build``; ``clean`` deletes its output and doctrees first."""
        if clean:
            shutil.rmtree(self.root / build, ignore_errors=True)
        command = [
            sys.executable, "-m", "sphinx", "--builder", builder, *STRICT,
            "--doctree-dir", str(self.root / build / "doctrees"), *options,
            str(self.source), str(self.output(build, builder)),
        ]  # fmt: skip
        return measured(command)


def make_variants(articles: int, root: Path) -> list[Variant]:
    entries = default_entries(articles)
    variants = [
        Variant("floor", make_corpus(articles, entries), root / "floor", write_floor),
        Variant(
            "journal",
            make_corpus(articles, entries),
            root / "journal",
            write_journal,
            ("--define", "kwelle_article_pdfs=1"),
        ),
    ]
    for variant in variants:
        variant.write(variant.corpus, variant.source)
    return variants


# -- Measurements: each is one run on one variant --------------------------------

#: the built site that the rebuilds and the page weights work on
SITE = "site"


def clean_serial(variant: Variant, run: int) -> Sample:
    return variant.sphinx("serial", clean=True)


def clean_parallel(variant: Variant, run: int) -> Sample:
    return variant.sphinx(SITE, *PARALLEL, clean=True)


def no_op_rebuild(variant: Variant, run: int) -> Sample:
    return variant.sphinx(SITE, *PARALLEL)


def rebuild_after(edit: Callable[[Corpus, int], Change]) -> Callable[[Variant, int], Sample]:
    """Edit the corpus (a new value each run), rebuild the site, and check the edited page."""

    def rebuild(variant: Variant, run: int) -> Sample:
        change = edit(variant.corpus, run)
        variant.write(variant.corpus, variant.source)
        sample = variant.sphinx(SITE, *PARALLEL)
        page = lxml_html.parse(variant.output(SITE) / f"{change.page}.html").getroot()
        return replace(sample, check="ok" if change.expected in page.text_content() else "stale")

    return rebuild


def pdf_sphinx(variant: Variant, run: int) -> Sample:
    return variant.sphinx("pdf", *variant.latex_options, builder="latex", clean=True)


def pdf_latexmk(variant: Variant, run: int) -> Sample:
    """Typeset the journal's document in a fresh copy of Sphinx's LaTeX, so latexmk starts cold."""
    typeset = variant.root / "typeset"
    shutil.rmtree(typeset, ignore_errors=True)
    shutil.copytree(variant.output("pdf", "latex"), typeset)
    tex = typeset / journal_settings()["latex_documents"][0][1]
    sample = measured([*LATEXMK, tex.name], cwd=typeset)
    lost = missing_characters(tex.with_suffix(".log").read_text(encoding="utf-8", errors="replace"))
    return replace(sample, check=f"{len(lost)} missing characters" if lost else "ok")


CLEAN_SERIAL = "clean build, serial"
HTML_MEASUREMENTS = (
    (CLEAN_SERIAL, clean_serial),
    ("clean build, -j auto", clean_parallel),
    ("no-op rebuild", no_op_rebuild),
    ("one-article edit", rebuild_after(edit_article)),
    ("one bib-entry edit", rebuild_after(edit_bib_entry)),
    ("one data-file edit", rebuild_after(edit_data_file)),
)
PDF_MEASUREMENTS = (
    ("PDF: Sphinx writes the LaTeX", pdf_sphinx),
    ("PDF: latexmk typesets the journal", pdf_latexmk),
)


# -- Page weight --------------------------------------------------------------------


@dataclass(frozen=True)
class Weight:
    """A page's first view: its HTML and every stylesheet and script it loads."""

    page: str
    raw: int
    gzipped: int


def page_weight(outdir: Path, page: Path) -> Weight:
    root = lxml_html.parse(page).getroot()
    links = root.xpath(
        "//link[contains(concat(' ', normalize-space(@rel), ' '), ' stylesheet ')]/@href | //script/@src"
    )
    local = [urlsplit(link) for link in links if not urlsplit(link).netloc]
    files = {page.resolve(), *((page.parent / link.path).resolve() for link in local)}
    contents = [path.read_bytes() for path in files]
    return Weight(
        page.relative_to(outdir).as_posix(),
        sum(len(content) for content in contents),
        # each file is served, and compressed, on its own
        sum(len(gzip.compress(content, compresslevel=9, mtime=0)) for content in contents),
    )


def page_weights(variant: Variant) -> tuple[Weight, Weight]:
    """The newest article (no edit touches it) and the heaviest page of the site."""
    outdir = variant.output(SITE)
    article = page_weight(outdir, outdir / "articles" / f"{variant.corpus.articles[-1].slug}.html")
    heaviest = max((page_weight(outdir, page) for page in outdir.rglob("*.html")), key=lambda w: w.raw)
    return article, heaviest


# -- Running ----------------------------------------------------------------------


@dataclass(frozen=True)
class Config:
    """What to measure; the defaults are the full benchmark of issue 8."""

    #: sizes (N) measured in full
    sizes: tuple[int, ...] = (50, 200)
    #: further sizes for the scaling table: clean serial builds only
    scaling_sizes: tuple[int, ...] = (800,)
    runs: int = 3
    scaling_runs: int = 3
    pdf: bool = True


@dataclass
class Row:
    name: str
    articles: int
    samples: dict[str, list[Sample]]


@dataclass
class Results:
    config: Config
    rows: list[Row] = field(default_factory=list)
    #: per size: variant name -> (article page, heaviest page)
    weights: dict[int, dict[str, tuple[Weight, Weight]]] = field(default_factory=dict)
    #: why the PDF rows were not measured, if they were not
    pdf_skipped: str = ""
    started: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))


def measure(name: str, step: Callable[[Variant, int], Sample], variants: list[Variant], runs: int) -> Row:
    row = Row(name, len(variants[0].corpus.articles), {variant.name: [] for variant in variants})
    for run in range(1, runs + 1):
        for variant in variants:
            sample = step(variant, run)
            row.samples[variant.name].append(sample)
            progress(f"N={row.articles} {name}, run {run}/{runs}, {variant.name}: {sample.seconds:.2f} s")
    return row


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def run_bench(
    config: Config, workdir: Path, size_done: Callable[[Results], None] = lambda results: None
) -> Results:
    """Measure every size of ``config``; ``size_done`` sees the results so far after each size."""
    results = Results(config)
    missing = missing_requirements() if config.pdf else []
    if not config.pdf:
        results.pdf_skipped = "not asked for (--no-pdf)"
    elif missing:
        results.pdf_skipped = f"TeX or fonts missing ({', '.join(missing)}); see README.md"
    measurements = HTML_MEASUREMENTS + (() if results.pdf_skipped else PDF_MEASUREMENTS)
    for size in config.sizes:
        variants = make_variants(size, workdir / f"n{size}")
        for name, step in measurements:
            results.rows.append(measure(name, step, variants, config.runs))
        results.weights[size] = {variant.name: page_weights(variant) for variant in variants}
        size_done(results)
    for size in sorted(set(config.scaling_sizes) - set(config.sizes)):
        variants = make_variants(size, workdir / f"n{size}")
        results.rows.append(measure(CLEAN_SERIAL, clean_serial, variants, config.scaling_runs))
        size_done(results)
    return results


# -- Reporting ----------------------------------------------------------------------


def median_seconds(samples: list[Sample]) -> float:
    return statistics.median(sample.seconds for sample in samples)


def peak_rss(samples: list[Sample]) -> str:
    return f"{max(sample.peak_rss for sample in samples) / 2**20:.0f} MiB"


def checks(samples: list[Sample]) -> str:
    found = [sample.check for sample in samples if sample.check is not None]
    problems = [check for check in found if check != "ok"]
    if not problems:
        return "ok" if found else ""
    return f"{', '.join(sorted(set(problems)))} ({len(problems)} of {len(found)} runs)"


def table(heads: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    lines = ["| " + " | ".join(heads) + " |", "|" + "---|" * len(heads)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def times_table(results: Results) -> str:
    rows = []
    for row in results.rows:
        if row.articles not in results.config.sizes:
            continue
        floor, journal = row.samples["floor"], row.samples["journal"]
        check = " / ".join(filter(None, (checks(floor), checks(journal))))
        rows.append(
            [
                row.name, str(row.articles), str(len(journal)),
                f"{median_seconds(floor):.2f} s", f"{median_seconds(journal):.2f} s",
                f"{median_seconds(journal) / median_seconds(floor):.1f}×",
                peak_rss(floor), peak_rss(journal), check,
            ]
        )  # fmt: skip
    rows += [[name, "", "", "not measured", results.pdf_skipped] + [""] * 4 for name in skipped_rows(results)]
    heads = ("measurement", "N", "runs", "floor", "journal", "journal/floor", "peak RSS floor",
             "peak RSS journal", "output (floor / journal)")  # fmt: skip
    return table(heads, rows)


def skipped_rows(results: Results) -> list[str]:
    return [name for name, _ in PDF_MEASUREMENTS] if results.pdf_skipped else []


def scaling_table(results: Results) -> str:
    rows = []
    for row in sorted(
        (row for row in results.rows if row.name == CLEAN_SERIAL), key=lambda row: row.articles
    ):
        floor, journal = median_seconds(row.samples["floor"]), median_seconds(row.samples["journal"])
        rows.append(
            [
                str(row.articles), str(len(row.samples["journal"])),
                f"{floor:.2f} s", f"{floor / row.articles * 1000:.0f} ms",
                f"{journal:.2f} s", f"{journal / row.articles * 1000:.0f} ms",
                f"{journal / floor:.1f}×", peak_rss(row.samples["journal"]),
            ]
        )  # fmt: skip
    heads = ("N", "runs", "floor", "floor per article", "journal", "journal per article", "journal/floor",
             "peak RSS journal")  # fmt: skip
    return table(heads, rows)


def weights_table(results: Results) -> str:
    rows = []
    for size, by_variant in results.weights.items():
        for index, what in enumerate(("article page", "heaviest page")):
            floor, journal = by_variant["floor"][index], by_variant["journal"][index]
            rows.append(
                [
                    what, str(size),
                    f"{kilobytes(floor.raw)} / {kilobytes(floor.gzipped)}",
                    f"{kilobytes(journal.raw)} / {kilobytes(journal.gzipped)}",
                    f"{journal.gzipped / floor.gzipped:.1f}×",
                    journal.page if floor.page == journal.page else f"{floor.page} / {journal.page}",
                ]
            )  # fmt: skip
    heads = ("page (first view)", "N", "floor raw / gzip", "journal raw / gzip", "journal/floor (gzip)",
             "page (floor / journal)")  # fmt: skip
    return table(heads, rows)


def kilobytes(size: int) -> str:
    return f"{size / 1000:.1f} kB"


def machine() -> list[tuple[str, str]]:
    cpuinfo = Path("/proc/cpuinfo")
    models = [
        line.split(":", 1)[1].strip()
        for line in (cpuinfo.read_text().splitlines() if cpuinfo.is_file() else [])
        if line.startswith("model name")
    ]
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    facts = [
        ("platform", platform.platform()),
        ("CPU", f"{models[0] if models else platform.processor()}, {os.cpu_count()} logical cores"),
        ("memory", f"{memory / 2**30:.1f} GiB"),
        ("journal revision", journal_revision()),
        ("Python", platform.python_version()),
        *((name, metadata.version(name)) for name in VERSIONS),
    ]
    xelatex = shutil.which("xelatex")
    if xelatex:
        version = subprocess.run([xelatex, "--version"], capture_output=True, text=True, check=False)
        facts.append(("xelatex", version.stdout.splitlines()[0]))
    return facts


def journal_revision() -> str:
    """The commit measured, and whether the journal's code or text differ from it."""

    def git(*args: str) -> str:
        command = ["git", "-C", str(REPO), *args]
        return subprocess.run(command, capture_output=True, text=True, check=False).stdout.strip()

    commit = git("rev-parse", "--short", "HEAD")
    if not commit:
        return "unknown (not a git checkout)"
    changed = git("diff", "--name-only", "HEAD", "--", "src", "docs") or git(
        "ls-files", "--others", "--exclude-standard", "--", "src", "docs"
    )
    return f"{commit}, with uncommitted changes in src/ or docs/" if changed else commit


def report(results: Results) -> str:
    config = results.config
    command = (
        f"python -m benchmarks.bench --sizes {joined(config.sizes)} --scaling-sizes "
        f"{joined(config.scaling_sizes)} --runs {config.runs} --scaling-runs {config.scaling_runs}"
        + ("" if config.pdf else " --no-pdf")
    )
    reduced = "" if config == Config() else f" (the full run, with no options, is {describe(Config())})"
    return "".join(
        [
            "# Benchmark results\n\n",
            f"Measured on {results.started:%Y-%m-%d %H:%M} UTC by `{command}`{reduced}. ",
            "See benchmarks/README.md for what each row means.\n\n",
            unfinished(results),
            "## Machine\n\n",
            table(("", ""), machine()),
            "\n## Build times\n\n",
            "N articles citing a bibliography of M = 2N entries (at least 8); medians of the runs. ",
            "The floor is the same prose built by plain Sphinx and myst-parser.\n\n",
            times_table(results),
            f"\n## Scaling: clean serial build at N = {joined(sorted(planned_sizes(config)))}\n\n",
            scaling_table(results),
            "\n## Page weight\n\n",
            "Bytes of a page's first view, its HTML and every stylesheet and script it loads, raw and ",
            "gzipped (level 9, file by file).\n\n",
            weights_table(results),
        ]
    )


def unfinished(results: Results) -> str:
    """A warning when the run has not (yet) measured every size it was asked for."""
    missing = sorted(planned_sizes(results.config) - {row.articles for row in results.rows})
    if not missing:
        return ""
    return f"**Incomplete**: N = {joined(missing)} not measured; the run stopped, or is still going.\n\n"


def planned_sizes(config: Config) -> set[int]:
    return {*config.sizes, *config.scaling_sizes}


def describe(config: Config) -> str:
    return (
        f"N = {joined(config.sizes)} in full and N = {joined(config.scaling_sizes)} for scaling, "
        f"{config.runs} runs each"
    )


def joined(sizes: Sequence[int]) -> str:
    return ",".join(map(str, sizes)) or '""'


def sizes(text: str) -> tuple[int, ...]:
    return tuple(int(size) for size in text.split(",") if size.strip())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=sizes, default=Config.sizes, help="N measured in full (50,200)")
    parser.add_argument(
        "--scaling-sizes", type=sizes, default=Config.scaling_sizes, help="N for clean builds only (800)"
    )
    parser.add_argument("--runs", type=int, default=Config.runs, help="runs per measurement (3)")
    parser.add_argument("--scaling-runs", type=int, help="runs at the scaling sizes (default: --runs)")
    parser.add_argument("--no-pdf", action="store_true", help="leave out the PDF rows")
    parser.add_argument("--output", type=Path, default=RESULTS, help="where to write the results")
    parser.add_argument(
        "--workdir", type=Path, help="build here and keep it (default: a temporary directory)"
    )
    args = parser.parse_args(argv)
    config = Config(
        sizes=args.sizes,
        scaling_sizes=args.scaling_sizes,
        runs=args.runs,
        scaling_runs=args.scaling_runs or args.runs,
        pdf=not args.no_pdf,
    )

    def save(results: Results) -> None:
        # after every size: a long run that is stopped keeps what it measured
        args.output.write_text(report(results), encoding="utf-8")
        progress(f"Written to {args.output}")

    with tempfile.TemporaryDirectory(prefix="kwelle-bench-") as scratch:
        results = run_bench(config, args.workdir or Path(scratch), save)
    print(report(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
