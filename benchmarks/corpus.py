"""Synthetic journals for the benchmark: N articles citing an M-entry bibliography.

    python -m benchmarks.corpus TARGET [--articles N] [--entries M] [--floor]

The journal corpus is built with the journal's real ``docs/conf.py`` and extension: every
article has front matter, 3 to 5 citations, an infographic drawn from a small CSV, a Hangul
phrase and the References dropdown. The floor corpus has the same prose for plain Sphinx
and myst-parser: citations as plain text, the chart's data as a table, the references as a
section. A corpus is a model (:class:`Corpus`); editing the model and writing it again
rewrites only the files whose text changed, which is how the benchmark times rebuilds.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import random
import re
import runpy
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
JOURNAL_CONF = REPO / "docs" / "conf.py"
LEAD_IMAGE = REPO / "docs" / "images" / "ai-budget-tiles.svg"
#: the article whose prose every corpus article is made of
FLAGSHIP = REPO / "docs" / "articles" / "why-korea-leads-ai-now.md"
MIN_PARAGRAPH_WORDS = 15
LEAD_IMAGE_ALT = "A mosaic of small blue and gold tiles rising in columns like a bar chart."

#: the References page groups of docs/conf.py: the charts' sources, and the rest
CHART_GROUP = "budget-share"
TEXT_GROUP = "article"
CITATIONS_PER_ARTICLE = (3, 5)
ROWS_PER_CHART = 3
#: enough for the most citations an article makes, beside one chart's sources
MIN_ENTRIES = CITATIONS_PER_ARTICLE[1] + ROWS_PER_CHART
SECTIONS_PER_ARTICLE = 6
PARAGRAPHS_PER_SECTION = 4
#: the chart follows this section's paragraphs; the Hangul phrase ends this one's first
CHART_SECTION, HANGUL_SECTION = 1, 3
FIRST_PUBLISHED = dt.date(2024, 1, 1)


@dataclass(frozen=True)
class Institution:
    name: str
    key_prefix: str
    region: str
    site: str


INSTITUTIONS = (
    Institution("Ministry of Economy and Finance", "moef", "KR", "www.moef.go.kr"),
    Institution("Ministry of Science and ICT", "msit", "KR", "www.msit.go.kr"),
    Institution("Korea Development Institute", "kdi", "KR", "www.kdi.re.kr"),
    Institution("Bank of Korea", "bok", "KR", "www.bok.or.kr"),
    Institution("Congressional Budget Office", "cbo", "US", "www.cbo.gov"),
    Institution("National Science Foundation", "nsf", "US", "www.nsf.gov"),
    Institution("Bundesministerium der Finanzen", "bmf", "DE", "www.bundesfinanzministerium.de"),
    Institution("Statistisches Bundesamt", "destatis", "DE", "www.destatis.de"),
    Institution("Cabinet Office of Japan", "cao", "JP", "www5.cao.go.jp"),
    Institution("Ministry of Finance Japan", "mof", "JP", "www.mof.go.jp"),
    Institution("Organisation for Economic Co-operation and Development", "oecd", "intl", "www.oecd.org"),
    Institution("International Monetary Fund", "imf", "intl", "www.imf.org"),
)

#: a chart row per region: the economy, its budget's currency unit and size in that unit
ECONOMIES = {
    "KR": ("Korea", "₩ tn", 728.0),
    "US": ("United States", "$ bn", 7028.0),
    "DE": ("Germany", "€ bn", 524.5),
    "JP": ("Japan", "¥ tn", 122.3),
    "intl": ("European Union", "€ bn", 199.4),
}


@dataclass(frozen=True)
class Topic:
    title: str  # as in a headline
    subject: str  # as in a sentence
    tag: str


TOPICS = (
    Topic("AI Budgets", "the AI budget", "AI policy"),
    Topic("Chip Exports", "the chip industry", "semiconductors"),
    Topic("Digital Government", "digital government", "public services"),
    Topic("Green Industry", "green industrial policy", "climate"),
    Topic("Gen Z Consumers", "Gen Z spending", "Gen Z culture"),
    Topic("Start-up Funding", "start-up funding", "start-ups"),
    Topic("Ageing Workforce", "the ageing workforce", "demography"),
    Topic("Culture Exports", "the culture industry", "K-culture"),
    Topic("Battery Makers", "the battery industry", "industry"),
    Topic("Smart Cities", "smart-city programmes", "cities"),
    Topic("Foreign Workers", "the rules for foreign workers", "labour"),
    Topic("Public Research", "public research funding", "research"),
)
HEADLINES = (
    "Why Korea Bets on {topic}",
    "What Europe Can Learn from Korea's {topic}",
    "Inside Korea's {topic}",
    "The Politics of {topic}",
    "{topic} after the Boom",
    "A Field Guide to Korea's {topic}",
)
REPORT_TITLES = (
    "{topic} Outlook {year}",
    "Annual Report on {topic}, {year}",
    "{topic}: A Policy Review",
    "Statistical Bulletin on {topic} ({year})",
)
AUTHORS = ("Mina Park", "Jonas Weber", "Seo-yeon Kim", "Claire Dubois", "Haruto Sato", "Lena Hoffmann")
HANGUL = (
    ("인공지능 예산", "the AI budget"),
    ("디지털 정부", "digital government"),
    ("반도체 산업", "the chip industry"),
    ("청년 창업", "young founders"),
    ("저출산 고령화", "fewer births, longer lives"),
    ("녹색 성장", "green growth"),
)
HEADINGS = (
    "A country-sized laboratory",
    "Follow the money",
    "The view from the ministries",
    "What the numbers hide",
    "A generation that decides",
    "Europe's homework",
    "The regional picture",
    "Risks on the horizon",
    "Lessons from the first year",
    "Between plan and practice",
)


@dataclass
class Source:
    """A bib entry, as the bibliography holds it and as a citation prints it."""

    key: str
    author: str
    title: str
    year: int
    url: str
    group: str
    region: str


@dataclass(frozen=True)
class Citation:
    key: str
    #: ``{cite:t}`` "Author (Year)" rather than ``{cite:p}`` "(Author, Year)"
    textual: bool = False


#: text and citations, in reading order
Paragraph = list[str | Citation]


@dataclass
class ChartRow:
    country: str
    ai: str  # as written in the CSV
    total: str
    unit: str
    source: str
    basis: str


@dataclass
class Article:
    slug: str
    title: str
    deck: str
    author: str
    published: dt.date
    tags: tuple[str, ...]
    topic: Topic
    #: (heading, paragraphs) in order
    sections: list[tuple[str, list[Paragraph]]]
    chart_rows: list[ChartRow]
    #: bumped by an edit: a revision adds a note to the first section
    revision: int = 0

    @property
    def citations(self) -> list[Citation]:
        return [
            part
            for _, paragraphs in self.sections
            for paragraph in paragraphs
            for part in paragraph
            if isinstance(part, Citation)
        ]

    @property
    def chart_title(self) -> str:
        return f"{self.topic.title}: AI as a share of the budget"

    def cited_keys(self) -> list[str]:
        """Every source the article cites, in the text or in its chart, each once."""
        keys = [citation.key for citation in self.citations] + [row.source for row in self.chart_rows]
        return list(dict.fromkeys(keys))


@dataclass
class Corpus:
    articles: list[Article]
    sources: dict[str, Source]

    def label(self, citation: Citation) -> str:
        """A citation as plain text, the way the journal's author-year style prints it."""
        source = self.sources[citation.key]
        if citation.textual:
            return f"{source.author} ({source.year})"
        return f"({source.author}, {source.year})"


def default_entries(articles: int) -> int:
    """M when not given: two bib entries per article, so sources are shared between articles."""
    return max(2 * articles, MIN_ENTRIES)


def make_corpus(articles: int, entries: int) -> Corpus:
    """A deterministic corpus: the same sizes always give the same text."""
    if articles < 1 or entries < MIN_ENTRIES:
        raise ValueError(f"need at least 1 article and {MIN_ENTRIES} bib entries")
    sources = [_source(index) for index in range(entries)]
    # every chart-group entry must be declared by a chart (the build checks), so the
    # charts' rows, taken in turn, cover the whole chart pool
    chart_pool_size = min(ROWS_PER_CHART * articles, max(ROWS_PER_CHART, entries // 5))
    for source in sources[:chart_pool_size]:
        source.group = CHART_GROUP
    chart_pool, text_pool = sources[:chart_pool_size], sources[chart_pool_size:]
    corpus = Corpus([], {source.key: source for source in sources})
    for index in range(articles):
        rows = [chart_pool[(ROWS_PER_CHART * index + row) % chart_pool_size] for row in range(ROWS_PER_CHART)]
        corpus.articles.append(_article(index, rows, text_pool))
    return corpus


def _source(index: int) -> Source:
    rng = random.Random(f"source {index}")
    institution = rng.choice(INSTITUTIONS)
    year = rng.randint(2019, 2025)
    title = rng.choice(REPORT_TITLES).format(topic=rng.choice(TOPICS).title, year=year)
    return Source(
        key=f"{institution.key_prefix}{index:04d}",
        author=institution.name,
        title=title,
        year=year,
        url=f"https://{institution.site}/report/{index:04d}",
        group=TEXT_GROUP,
        region=institution.region,
    )


def _article(index: int, chart_sources: list[Source], text_pool: list[Source]) -> Article:
    rng = random.Random(f"article {index}")
    topic = rng.choice(TOPICS)
    headline = rng.choice(HEADLINES).format(topic=topic.title)
    title = f"{headline} ({index + 1})"  # headlines repeat past a few articles; titles may not
    headings = rng.sample(HEADINGS, SECTIONS_PER_ARTICLE)
    real = flagship_paragraphs()
    # a different selection of the flagship's paragraphs, in its order, for each article
    chosen = iter(sorted(rng.sample(range(len(real)), SECTIONS_PER_ARTICLE * PARAGRAPHS_PER_SECTION)))
    sections = [
        (heading, [_paragraph(real[next(chosen)]) for _ in range(PARAGRAPHS_PER_SECTION)])
        for heading in headings
    ]
    paragraphs = [paragraph for _, section in sections for paragraph in section]
    cited = rng.sample(text_pool, rng.randint(*CITATIONS_PER_ARTICLE))
    # in reading order: the first citation is parenthetical (the benchmark edits its year)
    places = sorted(rng.sample(range(len(paragraphs)), len(cited)))
    for number, (source, place) in enumerate(zip(cited, places, strict=True)):
        paragraph = paragraphs[place]
        if number and rng.random() < 0.3:
            paragraph += [" As ", Citation(source.key, textual=True), " shows, the pattern has held before."]
        else:
            paragraph[-1:-1] = [" ", Citation(source.key)]
    phrase, meaning = rng.choice(HANGUL)
    sections[HANGUL_SECTION][1][0].append(f' In Seoul the debate goes by two words, {phrase}: "{meaning}".')
    return Article(
        slug=f"{index:04d}-" + re.sub(r"[^a-z0-9]+", "-", headline.lower()).strip("-"),
        title=title,
        deck=f"How {topic.subject} became a test of Korea's ability to plan, spend and adapt, "
        "and what Europe can take from it.",
        author=rng.choice(AUTHORS),
        published=FIRST_PUBLISHED + dt.timedelta(days=index),
        tags=(topic.tag, "Korea"),
        topic=topic,
        sections=sections,
        chart_rows=[_chart_row(rng, source) for source in chart_sources],
    )


@functools.cache
def flagship_paragraphs() -> tuple[str, ...]:
    """The prose paragraphs of the journal's flagship article, its citations and links taken out:
    the corpus is real article text, cited afresh from the corpus's own bibliography."""
    body = FLAGSHIP.read_text(encoding="utf-8").split("\n---\n", 1)[1]
    paragraphs = []
    for block in (block.strip() for block in body.split("\n\n")):
        # headings, directives, lists and a sentence that names its source ({cite:t}) are not prose
        if not block or block[0] in "#`:|-*>" or "\n" in block or "{cite:t}" in block:
            continue
        text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", re.sub(r" ?\{cite:p\}`[^`]*`", "", block))
        if len(text.split()) >= MIN_PARAGRAPH_WORDS:
            # escaped, a dollar is a dollar for every tool (mystmd reads $...$ as maths)
            paragraphs.append(text.replace("$", "\\$"))
    return tuple(paragraphs)


def _paragraph(text: str) -> Paragraph:
    """The last full stop is a part of its own, so a citation can go before it."""
    return [text[:-1], "."] if text.endswith(".") else [text, ""]


def _chart_row(rng: random.Random, source: Source) -> ChartRow:
    country, unit, budget = ECONOMIES[source.region]
    total = budget * rng.uniform(0.95, 1.05)
    ai = total * rng.uniform(0.05, 1.5) / 100
    return ChartRow(
        country=country,
        ai=f"{max(ai, 0.01):.2f}",
        total=f"{total:.1f}",
        unit=unit,
        source=source.key,
        basis=f"{source.author}, {source.year}: AI spending over the total budget.",
    )


# -- Writing ------------------------------------------------------------------

REFERENCES_HEADING = "# References\n\nEvery source of the journal, by group.\n\n"


@functools.cache
def journal_settings() -> dict[str, object]:
    """The journal's docs/conf.py, evaluated: its source groups and LaTeX documents."""
    return runpy.run_path(str(JOURNAL_CONF))


def write_journal(corpus: Corpus, target: Path) -> None:
    """The corpus as the journal: real conf.py and extension, bibliography, data files."""
    files = {
        "conf.py": _conf(),
        "index.md": _index("```{article-list}\n```\n\n" + _toctree(hidden=True)),
        "references.md": f"{REFERENCES_HEADING}```{{source-groups}}\n```\n",
        "refs.bib": "\n".join(_bib_entry(source) for source in corpus.sources.values()),
    }
    for article in corpus.articles:
        files[f"articles/{article.slug}.md"] = _journal_article(article)
        files[f"data/{article.slug}.csv"] = _chart_csv(article)
        files[f"data/{article.slug}.toml"] = _chart_toml(article)
    _write(target, files)
    _write_bytes(target / "images" / LEAD_IMAGE.name, LEAD_IMAGE.read_bytes())


def write_floor(corpus: Corpus, target: Path) -> None:
    """The corpus for plain Sphinx and myst-parser: the same prose, nothing of the journal's."""
    group_titles = journal_settings()["kwelle_source_groups"]
    references = "\n".join(
        f"## {group_titles[group]}\n\n"
        + _reference_list(corpus, [key for key, source in corpus.sources.items() if source.group == group])
        for group in (CHART_GROUP, TEXT_GROUP)
    )
    files = {
        "conf.py": _conf(
            'extensions = ["myst_parser"]  # the floor: plain Sphinx and myst-parser only',
            'html_theme = "alabaster"  # Sphinx\'s own default theme',
            "html_theme_options = {}  # the journal's are furo's",
        ),
        "index.md": _index(_toctree(hidden=False)),
        "references.md": REFERENCES_HEADING + references,
    }
    for article in corpus.articles:
        files[f"articles/{article.slug}.md"] = _floor_article(corpus, article)
    _write(target, files)


#: the stock stack: what a Sphinx journal uses without kwelle
STOCK_EXTENSIONS = (
    "myst_parser",
    "sphinx_design",
    "sphinxcontrib.bibtex",
    "sphinxcontrib.rsvgconverter",  # the lead image, an SVG, into the PDF (as the journal does)
)


def write_stock(corpus: Corpus, target: Path) -> None:
    """The corpus for the stock stack (Sphinx, MyST, sphinx-design, sphinxcontrib-bibtex, furo):
    the same prose, toctree and bibliography, citations as sphinxcontrib-bibtex's own roles and
    the chart as its data in a table."""
    group_titles = journal_settings()["kwelle_source_groups"]
    references = "\n".join(
        f'## {group_titles[group]}\n\n```{{bibliography}}\n:filter: group % "{group}"\n```\n'
        for group in (CHART_GROUP, TEXT_GROUP)
    )
    files = {
        "conf.py": _conf(
            f"extensions = {list(STOCK_EXTENSIONS)!r}  # the stock stack, no kwelle",
            'bibtex_reference_style = "author_year"',
            'bibtex_default_style = "plain"',
        ),
        "index.md": _index(_toctree(hidden=False)),
        "references.md": REFERENCES_HEADING + references,
        "refs.bib": "\n".join(_bib_entry(source) for source in corpus.sources.values()),
    }
    for article in corpus.articles:
        files[f"articles/{article.slug}.md"] = _stock_article(article) + _DROPDOWN_BIBLIOGRAPHY
    _write(target, files)
    _write_bytes(target / "images" / LEAD_IMAGE.name, LEAD_IMAGE.read_bytes())


#: mystmd builds the site's content without its theme (benchmarks/README.md says why)
MYSTMD_TEMPLATE = "site-template"


def write_mystmd(corpus: Corpus, target: Path) -> None:
    """The corpus for mystmd: the stock stack's articles (mystmd lists each page's references
    itself), a myst.yml with the same table of contents, and a References page as text."""
    toc = "".join(f"    - file: articles/{article.slug}.md\n" for article in reversed(corpus.articles))
    files = {
        "myst.yml": (
            "version: 1\n"
            "project:\n"
            "  title: K-Welle Journal\n"
            "  bibliography: [refs.bib]\n"
            "  toc:\n"
            "    - file: index.md\n"
            "    - title: Articles\n"
            f"      children:\n{toc.replace('    - ', '        - ')}"
            "    - file: references.md\n"
            "site:\n"
            f"  template: ./{MYSTMD_TEMPLATE}\n"
        ),
        # a site template of metadata only: `myst build --site` reads it instead of downloading one
        f"{MYSTMD_TEMPLATE}/template.yml": "myst: v1\nkind: site\ntitle: Content only (no theme)\n",
        "index.md": _index("", sections=False),  # myst.yml is the table of contents
        "references.md": REFERENCES_HEADING + _reference_list(corpus, list(corpus.sources)),
        "refs.bib": "\n".join(_bib_entry(source) for source in corpus.sources.values()),
    }
    for article in corpus.articles:
        files[f"articles/{article.slug}.md"] = _stock_article(article)
    _write(target, files)
    _write_bytes(target / "images" / LEAD_IMAGE.name, LEAD_IMAGE.read_bytes())


def _conf(*overrides: str) -> str:
    """A conf.py that runs the journal's own, then ``overrides``."""
    path = str(JOURNAL_CONF)
    return "\n".join(
        [
            '"""Benchmark corpus: the journal\'s own docs/conf.py, read from the repository."""',
            "import pathlib",
            "",
            f"_JOURNAL_CONF = {path!r}",
            'exec(compile(pathlib.Path(_JOURNAL_CONF).read_text(encoding="utf-8"), _JOURNAL_CONF, "exec"))',
            *overrides,
            "",
        ]
    )


def _index(articles: str, *, sections: bool = True) -> str:
    """The front page; ``sections``: with the toctree of the sections, as docs/index.md."""
    return (
        "# K-Welle Journal\n\n*Korea's policy, industry and Gen Z culture, explained for Europe's "
        f"students and young innovators.*\n\n## Articles\n\n{articles}"
        + ("```{toctree}\n:maxdepth: 1\n\nreferences\n```\n" if sections else "")
    )


def _toctree(*, hidden: bool) -> str:
    options = ":hidden:\n" if hidden else ""
    return f"```{{toctree}}\n{options}:glob:\n:reversed:\n\narticles/*\n```\n\n"


def _bib_entry(source: Source) -> str:
    return (
        f"@misc{{{source.key},\n"
        f"  author   = {{{{{source.author}}}}},\n"
        f"  title    = {{{source.title}}},\n"
        f"  year     = {{{source.year}}},\n"
        f"  url      = {{{source.url}}},\n"
        f"  group    = {{{source.group}}},\n"
        f"  region   = {{{source.region}}},\n"
        "}\n"
    )


def _body(article: Article, cite: Callable[[Citation], str], chart: str) -> str:
    """The article's sections; ``cite`` writes a citation, ``chart`` follows the chart section."""
    parts = []
    for number, (heading, paragraphs) in enumerate(article.sections):
        texts = [
            "".join(cite(part) if isinstance(part, Citation) else part for part in paragraph)
            for paragraph in paragraphs
        ]
        if number == 0 and article.revision:
            texts.append(f"*Revision {article.revision}: the figures in this article were checked again.*")
        if number == CHART_SECTION:
            texts.append(chart)
        parts.append(f"## {heading}\n\n" + "\n\n".join(texts) + "\n")
    return "\n".join(parts)


def _journal_article(article: Article) -> str:
    body = _body(
        article,
        _cite_role,
        f"```{{infographic}} /data/{article.slug}.csv\n```",
    )
    return (
        "---\n"
        f"title: {article.title}\n"
        f"deck: {article.deck}\n"
        f"authors:\n  - name: {article.author}\n    role: staff writer\n"
        f"published: {article.published.isoformat()}\n"
        f"updated: {article.published.isoformat()}\n"
        f"tags: [{', '.join(article.tags)}]\n"
        f"image: ../images/{LEAD_IMAGE.name}\n"
        f"image_alt: {LEAD_IMAGE_ALT}\n"
        "image_credit: K-Welle Journal\n"
        "---\n\n"
        f"{body}\n{_DROPDOWN_BIBLIOGRAPHY}"
    )


_DROPDOWN_BIBLIOGRAPHY = (
    ":::{dropdown} References\n```{bibliography}\n:filter: docname in docnames\n```\n:::\n"
)


def _stock_article(article: Article) -> str:
    """The article with MyST's and sphinxcontrib-bibtex's own markup: the lead image at the top,
    the chart's data as a table citing its sources."""
    table = "".join(
        f"| {row.country} | {row.ai} | {row.total} | {row.unit} | {{cite:p}}`{row.source}` | {row.basis} |\n"
        for row in article.chart_rows
    )
    chart = (
        f"**{article.chart_title}**\n\n"
        f"| country | AI | total | unit | source | basis |\n|---|---|---|---|---|---|\n{table}"
    )
    body = _body(article, _cite_role, chart)
    lead = f"![{LEAD_IMAGE_ALT}](../images/{LEAD_IMAGE.name})\n\n"
    return f"---\ntitle: {article.title}\n---\n\n{lead}{body}\n"


def _cite_role(citation: Citation) -> str:
    return f"{{cite:{'t' if citation.textual else 'p'}}}`{citation.key}`"


def _floor_article(corpus: Corpus, article: Article) -> str:
    table = "".join(
        f"| {row.country} | {row.ai} | {row.total} | {row.unit} | "
        f"{corpus.label(Citation(row.source))} | {row.basis} |\n"
        for row in article.chart_rows
    )
    chart = (
        f"**{article.chart_title}**\n\n"
        f"| country | AI | total | unit | source | basis |\n|---|---|---|---|---|---|\n{table}"
    )
    body = _body(article, corpus.label, chart)
    references = _reference_list(corpus, article.cited_keys())
    return f"---\ntitle: {article.title}\n---\n\n{body}\n## References\n\n{references}"


def _reference_list(corpus: Corpus, keys: list[str]) -> str:
    entries = (corpus.sources[key] for key in keys)
    return "".join(f"- {s.author} ({s.year}). *{s.title}*. <{s.url}>\n" for s in entries)


def _chart_csv(article: Article) -> str:
    rows = "".join(
        f'{row.country},{row.ai},{row.unit},{row.total},{row.unit},{row.source},"{row.basis}"\n'
        for row in article.chart_rows
    )
    return f"country,ai,ai_unit,total,total_unit,sources,basis\n{rows}"


def _chart_toml(article: Article) -> str:
    return (
        f'title = "{article.chart_title}"\n'
        'kind = "bar"\nlabel = "{country}"\nvalue = "ai / total"\nunits = "%"\n'
        'axis_label = "AI spending as a share of the total budget (%), derived"\n'
        f'group = "{CHART_GROUP}"\n'
        'caption = "Each bar is derived from two cited figures: the AI amount over the total budget."\n'
    )


def _write(target: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        _write_bytes(target / name, text.encode("utf-8"))


def _write_bytes(path: Path, content: bytes) -> None:
    """Write only a changed file: Sphinx rebuilds by modification time."""
    if path.is_file() and path.read_bytes() == content:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)


# -- Edits: what the benchmark changes between rebuilds --------------------------


@dataclass(frozen=True)
class Change:
    """Where an edit shows: the page to rebuild and a text it must then contain."""

    page: str
    expected: str


def edit_article(corpus: Corpus, revision: int) -> Change:
    """Add a revision note to the first article."""
    article = corpus.articles[0]
    article.revision = revision
    return Change(f"articles/{article.slug}", f"Revision {revision}:")


def edit_bib_entry(corpus: Corpus, revision: int) -> Change:
    """Change the year of the first article's first source, cited in parentheses."""
    article = corpus.articles[0]
    source = corpus.sources[article.citations[0].key]
    source.year = 2040 + revision  # after every year the corpus prints
    return Change(f"articles/{article.slug}", f"{source.author}, {source.year}")


def edit_data_file(corpus: Corpus, revision: int) -> Change:
    """Change one value in the first article's chart data."""
    article = corpus.articles[0]
    row = article.chart_rows[0]
    row.ai = f"{revision}.125"  # three decimals: no other number in the corpus is written so
    return Change(f"articles/{article.slug}", row.ai)


#: the corpus for each tool the benchmark builds
WRITERS: dict[str, Callable[[Corpus, Path], None]] = {
    "journal": write_journal,
    "stock": write_stock,
    "mystmd": write_mystmd,
    "floor": write_floor,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("target", type=Path, help="directory to write the corpus into")
    parser.add_argument("--articles", type=int, default=50, help="number of articles (N)")
    parser.add_argument("--entries", type=int, help="bib entries (M; default 2N, at least 8)")
    parser.add_argument("--variant", choices=WRITERS, default="journal", help="which tool's corpus (journal)")
    args = parser.parse_args(argv)
    corpus = make_corpus(args.articles, args.entries or default_entries(args.articles))
    WRITERS[args.variant](corpus, args.target)
    print(f"{len(corpus.articles)} articles, {len(corpus.sources)} bib entries: {args.target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
