"""The journal against the tools its authors would pick instead: speed, scaling, rebuilds, PDF, weight.

    python -m benchmarks.bench [--sizes 1,20,200] [--scaling-sizes 50,800] [--runs 3] [--peers ...]

Every measurement builds one corpus (benchmarks/corpus.py: the flagship article's prose, with
citations and a chart, N times) with each tool, in a subprocess: this project (the journal),
the stock stack (Sphinx, MyST, sphinx-design, sphinxcontrib-bibtex and furo, no kwelle), mystmd
(when installed in benchmarks/peers) and the floor (plain Sphinx and myst-parser with alabaster,
a lower bound). The tools take turns run by run (ABAB...), so load that drifts falls on each
alike. The tables give medians, the ratios the goals of issue 17 set, each marked met or
missed, and the peak RSS; they are printed and written to benchmarks/results.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from importlib import metadata
from pathlib import Path
from urllib.parse import urlsplit

from lxml import html as lxml_html

from benchmarks.corpus import (
    REPO,
    WRITERS,
    Change,
    Corpus,
    default_entries,
    edit_article,
    edit_bib_entry,
    edit_data_file,
    journal_settings,
    make_corpus,
)
from kwelle.cli.pdf import missing_characters, missing_requirements

RESULTS = Path(__file__).parent / "results.md"
#: mystmd, installed from benchmarks/peers/package-lock.json by `npm ci --prefix benchmarks/peers`
PEERS = Path(__file__).parent / "peers"
MYST = PEERS / "node_modules" / ".bin" / "myst"
#: as `nox -s html` builds, but serial, as `nox -s serve` rebuilds
STRICT = ("-W", "--keep-going", "--nitpicky")
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
JOURNAL, STOCK, MYSTMD, FLOOR = "journal", "stock", "mystmd", "floor"
PEER_NAMES = (STOCK, MYSTMD, FLOOR)
#: column heads
TITLES = {
    JOURNAL: "this project",
    STOCK: "stock stack",
    MYSTMD: "mystmd",
    FLOOR: "floor (lower bound)",
}


class BenchError(RuntimeError):
    """A build the benchmark needs failed; the message carries its output."""


@dataclass(frozen=True)
class Sample:
    seconds: float
    #: bytes; the largest single process (the main one or a worker), not a sum
    peak_rss: int
    #: for a measurement that checks its output: "ok", or what is wrong
    check: str | None = None


def measured(command: Sequence[str], env: dict[str, str], cwd: Path | None = None) -> tuple[Sample, str]:
    """Run ``command``: its wall time, the peak RSS of its largest process, and its output."""
    start = time.perf_counter()
    with subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    ) as process:
        output = process.stdout.read().decode("utf-8", errors="replace")
        # wait4, not wait: it gives this child's resource usage, descendants included
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)  # reaped: Popen must not wait again
    if process.returncode:
        raise BenchError(f"{' '.join(command)} failed ({process.returncode}):\n{output[-5000:]}")
    return Sample(seconds, usage.ru_maxrss * 1024), output  # Linux counts ru_maxrss in KiB


@dataclass(frozen=True)
class Weight:
    """A page's first view: its HTML and every stylesheet and script it loads."""

    page: str
    raw: int
    gzipped: int


class Tool:
    """One tool building its corpus, written to ``root/source``, into ``root``."""

    #: measurement -> why this tool cannot take it
    skips: dict[str, str]

    def __init__(self, name: str, corpus: Corpus, root: Path, env: dict[str, str]) -> None:
        self.name, self.corpus, self.root, self.env = name, corpus, root, env
        self.skips = {}
        self.write()

    @property
    def source(self) -> Path:
        return self.root / "source"

    def write(self) -> None:
        WRITERS[self.name](self.corpus, self.source)

    def clean(self) -> Sample:
        raise NotImplementedError

    def rebuild(self) -> Sample:
        raise NotImplementedError

    def page_text(self, page: str) -> str:
        """The text of the built ``page`` (a docname)."""
        raise NotImplementedError

    def pdf(self) -> Sample:
        raise NotImplementedError

    def first_views(self) -> tuple[Weight, Weight]:
        """The newest article (no edit touches it) and the front page."""
        raise NotImplementedError

    def search_index(self) -> int:
        """Bytes of the site's search index."""
        raise NotImplementedError


class SphinxTool(Tool):
    """The journal, the stock stack and the floor: `python -m sphinx`, strictly."""

    def sphinx(self, build: str, builder: str = "html", clean: bool = False) -> Sample:
        if clean:
            shutil.rmtree(self.root / build, ignore_errors=True)
        command = [
            sys.executable, "-m", "sphinx", "--builder", builder, *STRICT,
            "--doctree-dir", str(self.root / build / "doctrees"),
            str(self.source), str(self.root / build / builder),
        ]  # fmt: skip
        return measured(command, self.env)[0]

    @property
    def site(self) -> Path:
        return self.root / "site" / "html"

    def clean(self) -> Sample:
        return self.sphinx("site", clean=True)

    def rebuild(self) -> Sample:
        return self.sphinx("site")

    def page_text(self, page: str) -> str:
        return lxml_html.parse(self.site / f"{page}.html").getroot().text_content()

    def pdf(self) -> Sample:
        """Sphinx writes the LaTeX, then latexmk typesets the journal's document, cold."""
        written = self.sphinx("pdf", builder="latex", clean=True)
        latex = self.root / "pdf" / "latex"
        tex = latex / journal_settings()["latex_documents"][0][1]
        typeset, _ = measured([*LATEXMK, tex.name], self.env, cwd=latex)
        lost = missing_characters(tex.with_suffix(".log").read_text(encoding="utf-8", errors="replace"))
        return Sample(
            written.seconds + typeset.seconds,
            max(written.peak_rss, typeset.peak_rss),
            f"{len(lost)} missing characters" if lost else "ok",
        )

    def first_views(self) -> tuple[Weight, Weight]:
        article = self.site / "articles" / f"{self.corpus.articles[-1].slug}.html"
        return page_weight(self.site, article), page_weight(self.site, self.site / "index.html")

    def search_index(self) -> int:
        return (self.site / "searchindex.js").stat().st_size


class MystTool(Tool):
    """mystmd's `myst build --site`: the site's content (every page's AST as JSON, the search
    index, the references), without the HTML of a theme."""

    def __init__(self, corpus: Corpus, root: Path, env: dict[str, str]) -> None:
        super().__init__(MYSTMD, corpus, root, env)
        self.skips["PDF of the article"] = (
            "`myst build --pdf` downloads its LaTeX template (plain_latex) from api.mystmd.org"
        )
        self.skips["first view"] = (
            "no HTML: `myst build --html` downloads its theme (book-theme) from api.mystmd.org, "
            "it is not an npm package"
        )

    def myst(self) -> Sample:
        # no --strict: it would check every link of the site over the network
        sample, output = measured([str(MYST), "build", "--site", "--ci"], self.env, cwd=self.source)
        if "⛔" in output:  # an error mystmd reports and builds on
            raise BenchError(f"myst build --site in {self.source} reported errors:\n{output[-5000:]}")
        return sample

    def clean(self) -> Sample:
        shutil.rmtree(self.source / "_build", ignore_errors=True)
        return self.myst()

    def rebuild(self) -> Sample:
        return self.myst()

    def page_text(self, page: str) -> str:
        for path in (self.source / "_build" / "site" / "content").glob("*.json"):
            content = json.loads(path.read_text(encoding="utf-8"))
            if content.get("location") == f"/{page}.md":
                return "".join(texts(content["mdast"]))
        raise BenchError(f"mystmd wrote no page for {page}")

    def search_index(self) -> int:
        return (self.source / "_build" / "site" / "myst.search.json").stat().st_size


def texts(node: object) -> Iterator[str]:
    """The text values of a mystmd AST, in order."""
    if isinstance(node, dict):
        if node.get("type") == "text":
            yield node.get("value", "")
        yield from texts(node.get("children", []))
    elif isinstance(node, list):
        for child in node:
            yield from texts(child)


def mystmd_missing() -> str:
    """Why mystmd cannot be measured here, or ""."""
    if not shutil.which("node"):
        return "node is not installed"
    if not MYST.is_file():
        return "not installed: npm ci --prefix benchmarks/peers"
    return ""


def make_tools(articles: int, root: Path, peers: Sequence[str], env: dict[str, str]) -> list[Tool]:
    entries = default_entries(articles)
    tools: list[Tool] = [SphinxTool(JOURNAL, make_corpus(articles, entries), root / JOURNAL, env)]
    for name in peers:
        corpus = make_corpus(articles, entries)
        if name == MYSTMD:
            tools.append(MystTool(corpus, root / name, env))
        else:
            tools.append(SphinxTool(name, corpus, root / name, env))
    return tools


def build_env(workdir: Path) -> dict[str, str]:
    """The builds' environment: with Python's bytecode cache, as a user's builds have it.

    Without it (PYTHONDONTWRITEBYTECODE=1, as on this workplace), every build compiles every
    module it imports from source: 60 % of a one-article build, and more for the tool that
    imports more. The cache goes in the work directory, not into the installed packages.
    """
    env = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
    return {**env, "PYTHONPYCACHEPREFIX": str(workdir / "pycache")}


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


# -- Measurements: each is one run on one tool --------------------------------------

CLEAN = "clean build"
NO_OP = "no-op rebuild"
ARTICLE_EDIT = "one-article edit"
PDF = "PDF of the article"


def clean_build(tool: Tool, run: int) -> Sample:
    return tool.clean()


def no_op_rebuild(tool: Tool, run: int) -> Sample:
    return tool.rebuild()


def rebuild_after(edit: Callable[[Corpus, int], Change]) -> Callable[[Tool, int], Sample]:
    """Edit the corpus (a new value each run), rebuild, and check the edited page."""

    def rebuild(tool: Tool, run: int) -> Sample:
        change = edit(tool.corpus, run)
        tool.write()
        sample = tool.rebuild()
        return replace(sample, check="ok" if change.expected in tool.page_text(change.page) else "stale")

    return rebuild


def article_pdf(tool: Tool, run: int) -> Sample:
    return tool.pdf()


#: in order; the clean build's output is the site the rebuilds rebuild
HTML_MEASUREMENTS = (
    (CLEAN, clean_build),
    (NO_OP, no_op_rebuild),
    (ARTICLE_EDIT, rebuild_after(edit_article)),
    ("one bib-entry edit", rebuild_after(edit_bib_entry)),
    ("one data-file edit", rebuild_after(edit_data_file)),
)
PDF_MEASUREMENTS = ((PDF, article_pdf),)


# -- Running ----------------------------------------------------------------------


@dataclass(frozen=True)
class Config:
    """What to measure; the defaults are the full benchmark of issue 17."""

    #: sizes (N) measured in full; the PDF at the smallest
    sizes: tuple[int, ...] = (1, 20, 200)
    #: further sizes for the scaling table: clean builds only (50 and 800: "flat from 50 to 800")
    scaling_sizes: tuple[int, ...] = (50, 800)
    runs: int = 3
    #: one run each: at N = 800 the stock stack's clean build takes many minutes
    scaling_runs: int = 1
    pdf: bool = True
    peers: tuple[str, ...] = PEER_NAMES


@dataclass
class Row:
    name: str
    articles: int
    #: tool name -> samples, in run order
    samples: dict[str, list[Sample]]

    def median(self, tool: str) -> float | None:
        samples = self.samples.get(tool)
        return statistics.median(sample.seconds for sample in samples) if samples else None


@dataclass
class Results:
    config: Config
    rows: list[Row] = field(default_factory=list)
    #: per size: tool -> (article page, front page)
    weights: dict[int, dict[str, tuple[Weight, Weight]]] = field(default_factory=dict)
    #: per size: tool -> bytes of the search index
    search: dict[int, dict[str, int]] = field(default_factory=dict)
    #: (tool, measurement) -> why it was not measured
    skipped: dict[tuple[str, str], str] = field(default_factory=dict)
    #: tools of the run, in column order
    tools: list[str] = field(default_factory=list)
    started: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))

    def row(self, name: str, articles: int) -> Row | None:
        return next((row for row in self.rows if row.name == name and row.articles == articles), None)


def measure(name: str, step: Callable[[Tool, int], Sample], tools: list[Tool], runs: int) -> Row:
    takers = [tool for tool in tools if name not in tool.skips]
    row = Row(name, len(tools[0].corpus.articles), {tool.name: [] for tool in takers})
    for run in range(1, runs + 1):
        for tool in takers:  # ABAB...: every tool once per run
            sample = step(tool, run)
            row.samples[tool.name].append(sample)
            progress(f"N={row.articles} {name}, run {run}/{runs}, {tool.name}: {sample.seconds:.2f} s")
    return row


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def run_bench(
    config: Config, workdir: Path, size_done: Callable[[Results], None] = lambda results: None
) -> Results:
    """Measure every size of ``config``; ``size_done`` sees the results so far after each size."""
    results = Results(config)
    peers = list(config.peers)
    if MYSTMD in peers and (reason := mystmd_missing()):
        peers.remove(MYSTMD)
        results.skipped[MYSTMD, "*"] = reason
    results.tools = [JOURNAL, *peers]
    pdf_missing = missing_requirements() if config.pdf else []
    env = build_env(workdir)
    for size in config.sizes:
        tools = make_tools(size, workdir / f"n{size}", peers, env)
        if size == config.sizes[0]:
            for tool in tools:  # untimed: fills the bytecode cache, so no tool's first run pays for it
                tool.clean()
        measurements = list(HTML_MEASUREMENTS)
        if size == min(config.sizes):
            if not config.pdf:
                results.skipped["*", PDF] = "not asked for (--no-pdf)"
            elif pdf_missing:
                results.skipped["*", PDF] = f"TeX or fonts missing ({', '.join(pdf_missing)}); see README.md"
            else:
                measurements += PDF_MEASUREMENTS
        for tool in tools:
            results.skipped.update(((tool.name, what), reason) for what, reason in tool.skips.items())
        for name, step in measurements:
            results.rows.append(measure(name, step, tools, config.runs))
        results.weights[size] = {
            tool.name: tool.first_views() for tool in tools if "first view" not in tool.skips
        }
        results.search[size] = {tool.name: tool.search_index() for tool in tools}
        size_done(results)
    for size in sorted(set(config.scaling_sizes) - set(config.sizes)):
        tools = make_tools(size, workdir / f"n{size}", peers, env)
        results.rows.append(measure(CLEAN, clean_build, tools, config.scaling_runs))
        size_done(results)
    return results


# -- The goals of issue 17 -----------------------------------------------------------


@dataclass(frozen=True)
class Verdict:
    goal: str
    #: what was measured, as text; empty when it could not be
    measured: str
    #: the ratio (or size) compared with the limit, or None with the reason in ``skip``
    value: float | None
    limit: float
    skip: str = ""

    @property
    def mark(self) -> str:
        if self.value is None:
            return "not measured"
        return "**met**" if self.value <= self.limit else "**missed**"


def ratio_goal(
    goal: str, limit: float, top: tuple[str, str, int], bottom: tuple[str, str, int], results: Results
) -> Verdict:
    """``top`` over ``bottom``, each (tool, measurement, N), medians of the runs."""
    values = []
    for tool, name, size in (top, bottom):
        row = results.row(name, size)
        seconds = row.median(tool) if row else None
        if seconds is None:
            return Verdict(goal, "", None, limit, why_missing(results, tool, name, size))
        values.append((tool, seconds))
    (tool_a, a), (tool_b, b) = values
    shown = f"{a:.2f} s / {b:.2f} s ({TITLES[tool_a]} / {TITLES[tool_b]})"
    return Verdict(goal, shown, a / b, limit)


def why_missing(results: Results, tool: str, name: str, size: int) -> str:
    for key in ((tool, "*"), ("*", name), (tool, name)):
        if key in results.skipped:
            return f"{TITLES[tool]}, {name}: {results.skipped[key]}"
    if tool not in results.tools:
        return f"{TITLES[tool]} not in this run (--peers)"
    return f"N = {size} not in this run"


def goals(results: Results) -> list[Verdict]:
    sizes = sorted({row.articles for row in results.rows if row.name == CLEAN})
    full = sorted(results.config.sizes)
    small, large = (full[0], full[-1]) if full else (1, 200)
    return [
        ratio_goal(
            "Clean build, 1 article: ≤ 1.5× the stock stack",
            1.5,
            (JOURNAL, CLEAN, 1),
            (STOCK, CLEAN, 1),
            results,
        ),
        ratio_goal(
            "Clean build, 20 articles: ≤ 1.2× the stock stack",
            1.2,
            (JOURNAL, CLEAN, 20),
            (STOCK, CLEAN, 20),
            results,
        ),
        ratio_goal(
            "Clean build, 200 articles: ≤ 0.8× mystmd",
            0.8,
            (JOURNAL, CLEAN, 200),
            (MYSTMD, CLEAN, 200),
            results,
        ),
        ratio_goal(
            "Clean build, 200 articles: ≤ 0.5× the stock stack",
            0.5,
            (JOURNAL, CLEAN, 200),
            (STOCK, CLEAN, 200),
            results,
        ),
        per_article_flat(results, sizes),
        ratio_goal(
            f"No-op rebuild at N = {large}: ≤ 1.2× the stock stack's no-op on a 1-article site",
            1.2,
            (JOURNAL, NO_OP, large),
            (STOCK, NO_OP, 1),
            results,
        ),
        no_op_flat(results, small, large),
        ratio_goal(
            "One-article edit at 200 articles: ≤ 1.5× a no-op",
            1.5,
            (JOURNAL, ARTICLE_EDIT, 200),
            (JOURNAL, NO_OP, 200),
            results,
        ),
        ratio_goal(
            "PDF of the article: ≤ 1.3× the stock stack's",
            1.3,
            (JOURNAL, PDF, small),
            (STOCK, PDF, small),
            results,
        ),
        weight_goal(results, 1, "First view of an article: ≤ 30 kB gzipped", 30_000, None),
        weight_goal(results, 2, "First view of the front page at 200 articles: ≤ 40 kB gzipped", 40_000, 200),
        search_flat(results),
        memory_goal(results, sizes),
    ]


def no_op_flat(results: Results, small: int, large: int) -> Verdict:
    goal = f"No-op rebuild flat in N: at N = {large} ≤ 1.2× at N = {small}"
    if small == large:
        return Verdict(goal, "", None, 1.2, "needs two sizes")
    return ratio_goal(goal, 1.2, (JOURNAL, NO_OP, large), (JOURNAL, NO_OP, small), results)


def per_article_flat(results: Results, sizes: list[int]) -> Verdict:
    """Time per article at the largest N within 10 % of that at the smallest N of at least 50:
    below 50 the fixed cost decides, and any larger N would look flat."""
    goal = "Clean build: time per article flat from 50 to 800 (largest N ≤ 1.1× smallest)"
    base = [size for size in sizes if size >= 50]
    if len(base) < 2:
        return Verdict(goal, "", None, 1.1, "needs N = 50 and a larger N")
    low, high = results.row(CLEAN, base[0]), results.row(CLEAN, base[-1])
    a, b = high.median(JOURNAL) / high.articles, low.median(JOURNAL) / low.articles
    shown = f"{a * 1000:.0f} ms at N = {high.articles} / {b * 1000:.0f} ms at N = {low.articles}"
    return Verdict(goal, shown, a / b, 1.1)


def weight_goal(results: Results, which: int, goal: str, limit: int, size: int | None) -> Verdict:
    """``which``: 1 the article page, 2 the front page; at ``size``, or the largest N run."""
    measured_sizes = sorted(size for size, by_tool in results.weights.items() if JOURNAL in by_tool)
    size = size if size in measured_sizes else (None if size else (measured_sizes or [None])[-1])
    if size is None:
        return Verdict(goal, "", None, limit / 1000, "that N is not in this run")
    weight = results.weights[size][JOURNAL][which - 1]
    return Verdict(goal, f"{kilobytes(weight.gzipped)} at N = {size}", weight.gzipped / 1000, limit / 1000)


def search_flat(results: Results) -> Verdict:
    """Search index per article at the largest N within 10 % of that at N = 20 or more."""
    goal = "Search index per article flat (largest N ≤ 1.1× the smallest N of at least 20)"
    sizes = sorted(size for size in results.search if size >= 20)
    if len(sizes) < 2:
        return Verdict(goal, "", None, 1.1, "needs two sizes of at least 20 articles")
    a = results.search[sizes[-1]][JOURNAL] / sizes[-1]
    b = results.search[sizes[0]][JOURNAL] / sizes[0]
    shown = f"{kilobytes(a)} at N = {sizes[-1]} / {kilobytes(b)} at N = {sizes[0]}"
    return Verdict(goal, shown, a / b, 1.1)


def memory_goal(results: Results, sizes: list[int]) -> Verdict:
    goal = "Peak memory at 800 articles: ≤ the stock stack's"
    row = results.row(CLEAN, 800) or (results.row(CLEAN, sizes[-1]) if sizes else None)
    if row is None or STOCK not in row.samples:
        return Verdict(goal, "", None, 1.0, why_missing(results, STOCK, CLEAN, 800))
    a, b = max_rss(row.samples[JOURNAL]), max_rss(row.samples[STOCK])
    shown = f"{mebibytes(a)} / {mebibytes(b)} at N = {row.articles}" + (
        "" if row.articles == 800 else " (N = 800 not in this run)"
    )
    return Verdict(goal, shown, a / b, 1.0)


# -- Reporting ----------------------------------------------------------------------


def max_rss(samples: list[Sample]) -> int:
    return max(sample.peak_rss for sample in samples)


def mebibytes(size: int) -> str:
    return f"{size / 2**20:.0f} MiB"


def kilobytes(size: float) -> str:
    return f"{size / 1000:.1f} kB"


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


def cell(row: Row, tool: str, show: Callable[[list[Sample]], str]) -> str:
    samples = row.samples.get(tool)
    return show(samples) if samples else "skipped"


def ratio(row: Row, top: str, bottom: str) -> str:
    a, b = row.median(top), row.median(bottom)
    return f"{a / b:.2f}×" if a is not None and b is not None else "skipped"


def times_table(results: Results) -> str:
    peers = results.tools[1:]
    rows = []
    for row in results.rows:
        if row.articles not in results.config.sizes:
            continue
        medians = [
            cell(row, tool, lambda s: f"{statistics.median(x.seconds for x in s):.2f} s")
            for tool in results.tools
        ]
        outputs = " / ".join(cell(row, tool, checks) or "–" for tool in results.tools)
        rows.append(
            [row.name, str(row.articles), str(len(row.samples[JOURNAL])), *medians,
             *(ratio(row, JOURNAL, peer) for peer in peers),
             outputs if any(sample.check for sample in row.samples[JOURNAL]) else ""]
        )  # fmt: skip
    heads = ["measurement", "N", "runs", *(TITLES[tool] for tool in results.tools),
             *(f"this project / {TITLES[peer]}" for peer in peers),
             f"output ({' / '.join(results.tools)})"]  # fmt: skip
    return table(heads, rows)


def memory_table(results: Results) -> str:
    rows = [
        [
            row.name,
            str(row.articles),
            *(cell(row, tool, lambda s: mebibytes(max_rss(s))) for tool in results.tools),
        ]
        for row in results.rows
        if row.articles in results.config.sizes
    ]
    return table(["measurement", "N", *(TITLES[tool] for tool in results.tools)], rows)


def scaling_table(results: Results) -> str:
    rows = []
    for row in sorted((row for row in results.rows if row.name == CLEAN), key=lambda row: row.articles):
        per_article = [
            f"{seconds:.2f} s ({seconds / row.articles * 1000:.0f} ms)"
            if (seconds := row.median(tool))
            else "skipped"
            for tool in results.tools
        ]
        rows.append(
            [
                str(row.articles),
                str(len(row.samples[JOURNAL])),
                *per_article,
                mebibytes(max_rss(row.samples[JOURNAL])),
            ]
        )
    heads = ["N", "runs", *(TITLES[tool] for tool in results.tools), "peak RSS, this project"]
    return table(heads, rows)


def weights_table(results: Results) -> str:
    rows = []
    for size, by_tool in results.weights.items():
        for index, what in enumerate(("article page", "front page")):
            cells = [
                f"{kilobytes(by_tool[tool][index].raw)} / {kilobytes(by_tool[tool][index].gzipped)}"
                if tool in by_tool
                else "skipped"
                for tool in results.tools
            ]
            rows.append([what, str(size), *cells])
    return table(["page (first view)", "N", *(f"{TITLES[tool]} raw / gzip" for tool in results.tools)], rows)


def search_table(results: Results) -> str:
    rows = [
        [
            str(size),
            *(f"{kilobytes(by_tool[tool])} ({kilobytes(by_tool[tool] / size)})" for tool in results.tools),
        ]
        for size, by_tool in results.search.items()
    ]
    return table(["N", *(f"{TITLES[tool]} (per article)" for tool in results.tools)], rows)


def goals_table(results: Results) -> str:
    rows = [
        [verdict.goal, verdict.measured or "–",
         (f"{verdict.value:.2f}" if verdict.value is not None else f"skipped: {verdict.skip}"),
         f"≤ {verdict.limit:g}", verdict.mark]
        for verdict in goals(results)
    ]  # fmt: skip
    return table(["goal", "measured", "value", "goal", "verdict"], rows)


def skipped_notes(results: Results) -> str:
    if not results.skipped:
        return ""
    lines = [
        f"- {TITLES.get(tool, 'every tool') if tool != '*' else 'every tool'}, "
        f"{'everything' if what == '*' else what}: {reason}\n"
        for (tool, what), reason in sorted(results.skipped.items())
    ]
    return "\nNot measured:\n\n" + "".join(lines)


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
    for name, command in (("node", ["node", "--version"]), ("mystmd", [str(MYST), "--version"]),
                          ("xelatex", ["xelatex", "--version"])):  # fmt: skip
        if shutil.which(command[0]):
            version = subprocess.run(command, capture_output=True, text=True, check=False)
            facts.append((name, (version.stdout.splitlines() or ["?"])[0]))
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


def command_line(config: Config) -> str:
    return (
        f"python -m benchmarks.bench --sizes {joined(config.sizes)} --scaling-sizes "
        f"{joined(config.scaling_sizes)} --runs {config.runs} --scaling-runs {config.scaling_runs}"
        f" --peers {','.join(config.peers)}" + ("" if config.pdf else " --no-pdf")
    )


def report(results: Results, note: str = "") -> str:
    config = results.config
    reduced = "" if config == Config() else f" (the full run, with no options, is {describe(Config())})"
    return "".join(
        [
            "# Benchmark results\n\n",
            f"Measured on {results.started:%Y-%m-%d %H:%M} UTC by `{command_line(config)}`{reduced}. ",
            "See benchmarks/README.md for what each row means.\n\n",
            f"{note}\n\n" if note else "",
            unfinished(results),
            "## Goals (issue 17)\n\n",
            "Each ratio is of medians measured in this run, the tools taking turns run by run.\n\n",
            goals_table(results),
            "\n## Machine\n\n",
            table(("", ""), machine()),
            "\n## Build times\n\n",
            "N articles citing a bibliography of M = 2N entries (at least 8); medians of the runs. ",
            "Serial builds; the PDF is Sphinx's LaTeX and latexmk's typesetting of the journal ",
            "document, at the smallest N.\n\n",
            times_table(results),
            skipped_notes(results),
            "\n## Peak memory\n\n",
            "The largest single process of each build, the most of any run.\n\n",
            memory_table(results),
            f"\n## Scaling: clean build at N = {joined(sorted(planned_sizes(config)))}\n\n",
            "Median, and time per article.\n\n",
            scaling_table(results),
            "\n## Page weight\n\n",
            "Bytes of a page's first view, its HTML and every stylesheet and script it loads, raw and ",
            "gzipped (level 9, file by file).\n\n",
            weights_table(results),
            "\n## Search index\n\n",
            "Bytes of the site's search index (Sphinx's searchindex.js, mystmd's myst.search.json).\n\n",
            search_table(results),
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
        f"{config.runs} runs each, against {', '.join(config.peers)}"
    )


def joined(sizes: Sequence[int]) -> str:
    return ",".join(map(str, sizes)) or '""'


def sizes(text: str) -> tuple[int, ...]:
    return tuple(int(size) for size in text.split(",") if size.strip())


def peer_names(text: str) -> tuple[str, ...]:
    names = tuple(name.strip() for name in text.split(",") if name.strip())
    unknown = set(names) - set(PEER_NAMES)
    if unknown:
        raise argparse.ArgumentTypeError(
            f"unknown peer {', '.join(sorted(unknown))}; known: {', '.join(PEER_NAMES)}"
        )
    return names


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=sizes, default=Config.sizes, help="N measured in full (1,20,200)")
    parser.add_argument(
        "--scaling-sizes", type=sizes, default=Config.scaling_sizes, help="N for clean builds only (50,800)"
    )
    parser.add_argument("--runs", type=int, default=Config.runs, help="runs per measurement (3)")
    parser.add_argument(
        "--scaling-runs", type=int, default=Config.scaling_runs, help="runs at the scaling sizes (1)"
    )
    parser.add_argument("--no-pdf", action="store_true", help="leave out the PDF row")
    parser.add_argument(
        "--peers",
        type=peer_names,
        default=Config.peers,
        help=f"tools to compare with ({','.join(PEER_NAMES)})",
    )
    parser.add_argument("--note", default="", help="a paragraph for the top of the report")
    parser.add_argument("--output", type=Path, default=RESULTS, help="where to write the results")
    parser.add_argument(
        "--workdir", type=Path, help="build here and keep it (default: a temporary directory)"
    )
    args = parser.parse_args(argv)
    config = Config(
        sizes=args.sizes,
        scaling_sizes=args.scaling_sizes,
        runs=args.runs,
        scaling_runs=args.scaling_runs,
        pdf=not args.no_pdf,
        peers=args.peers,
    )

    def save(results: Results) -> None:
        # after every size: a long run that is stopped keeps what it measured
        args.output.write_text(report(results, args.note), encoding="utf-8")
        progress(f"Written to {args.output}")

    with tempfile.TemporaryDirectory(prefix="kwelle-bench-") as scratch:
        results = run_bench(config, args.workdir or Path(scratch), save)
    print(report(results, args.note))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
