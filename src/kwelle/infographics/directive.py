"""The ``{infographic}`` directive: a chart drawn at build time from a cited data file.

    ```{infographic} /data/ai-budget-share-2026.csv
    :alt: (optional) replaces the alt text generated from the data
    ```

Under the chart: its caption, a "Sources:" line of real citations, numbered notes
(each row's basis and, for derived values, the arithmetic), a closed "Show the data"
dropdown with the numbers as a table, a link to download the CSV (in HTML also the chart
as SVG and PNG, and its permalink: kwelle.infographics.images) and, in an article, a
"Cite this chart" line.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.transforms import SphinxTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.logging import get_node_location

from kwelle.articles.citethis import article_url, chart_citation
from kwelle.articles.store import articles
from kwelle.config import get_config
from kwelle.envstore import PerDocument
from kwelle.files import write_atomically
from kwelle.i18n import _, ui_language
from kwelle.infographics.data import Chart, DataError, Limits, read_chart, read_text
from kwelle.infographics.images import chart_files, chart_images
from kwelle.infographics.render import ChartFontError, describe
from kwelle.infographics.translation import chart_messages, translated_chart, with_number_signs
from kwelle.messages import messages, read_messages, wanted
from kwelle.safety.confinement import generated_folder, outside_source
from kwelle.safety.spreadsheets import neutralise
from kwelle.slugs import slugify
from kwelle.upstream.sphinx import LOCALE_PRIORITY, extracts_messages
from kwelle.upstream.sphinx_design import create_component

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)


class InfographicDirective(SphinxDirective):
    required_arguments = 1
    option_spec: ClassVar[dict] = {"alt": directives.unchanged_required}

    def run(self) -> list[nodes.Node]:
        rel_csv, csv_path = self.env.relfn2path(self.arguments[0], self.env.docname)
        csv_path = Path(csv_path)
        # editing the data or its description rebuilds this page
        self.env.note_dependency(rel_csv)
        self.env.note_dependency(str(Path(rel_csv).with_suffix(".toml")))
        try:
            for path in (csv_path, csv_path.with_suffix(".toml")):
                if outside_source(self.env, path):
                    raise DataError(f"{self.arguments[0]!r} is outside the source folder", path)
            entries = self.env.get_domain("cite").bibdata.data.entries
            chart = read_chart(csv_path, entries, Limits.from_config(get_config(self.env)))
            download = self._published_csv(csv_path)
        except DataError as err:
            logger.error("infographic: %s", err, location=(self.env.docname, self.lineno), type="kwelle",
                         subtype="infographic")  # fmt: skip
            return []
        charts(self.env).setdefault(self.env.docname, []).append((rel_csv, chart.group, chart.all_sources))
        docdir = Path(self.env.doc2path(self.env.docname)).parent
        # drawn after Locale (DrawChart), in the edition's words: here, what needs the parser
        container = nodes.container(
            ids=[f"infographic-{slugify(chart.name)}"], classes=["kwelle-infographic"], kwelle_chart=chart.name,
            kwelle_chart_spec=(chart, str(csv_path), self.options.get("alt")),
        )  # fmt: skip
        self.set_source_info(container)
        container += self._sources_line(chart)
        container += self._download(os.path.relpath(download, docdir).replace(os.sep, "/"))
        if wanted(self.env):
            container += chart_messages(
                chart, csv_path, self.options.get("alt"), container.source, self.lineno
            )
        return [container]

    def _published_csv(self, csv_path: Path) -> Path:
        """The CSV readers download: the data, safe to open in a spreadsheet (same name, own folder)."""
        data = csv_path.read_bytes()
        target = generated_folder(self.env) / hashlib.sha256(data).hexdigest()[:16] / csv_path.name
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(target, neutralise(read_text(csv_path)).encode("utf-8"))
        return target

    def _sources_line(self, chart: Chart) -> nodes.paragraph:
        cite = self.env.get_domain("cite").role("p")
        refs, messages = cite("cite:p", "", ",".join(chart.all_sources), self.lineno, self.state.inliner)
        return nodes.paragraph(
            "", "", nodes.strong("", _("Sources: ")), *refs, *messages, classes=["kwelle-chart-sources"]
        )

    def _download(self, target: str) -> nodes.paragraph:
        label = _("Download the data (CSV)")
        link = addnodes.download_reference(
            "",
            "",
            nodes.literal(label, label),
            reftarget=target,
            refdoc=self.env.docname,
            refexplicit=True,
        )
        return nodes.paragraph("", "", link, classes=["kwelle-chart-download"])


class DrawChart(SphinxTransform):
    """Each chart, in the edition's words: the image (drawn once per content and words), its
    caption, notes, data and "Cite this chart" line, around what the directive put."""

    default_priority = LOCALE_PRIORITY + 3  # after the article's title is the edition's

    def apply(self, **kwargs: object) -> None:
        if extracts_messages(self.env):  # -b gettext: the chart's words are its messages, no drawing
            return
        for container in list(self.document.findall(nodes.container)):
            if "kwelle_chart_spec" in container:
                self.draw(container)

    def draw(self, container: nodes.container) -> None:
        chart, csv_path, alt = container.attributes.pop("kwelle_chart_spec")
        words = next((n for n in container.children if isinstance(n, messages)), None)
        found = read_messages(self.env, words) if words is not None else {}
        chart = with_number_signs(translated_chart(chart, found), ui_language(self.env, self.env.docname))
        translations = {key: text.text for key, text in found.items()}
        try:
            image = chart_images(self.env).image(
                chart, Path(csv_path), translations, get_node_location(container)
            )
        except ChartFontError as err:
            logger.error("infographic: %s: %s", csv_path, err, location=container, type="kwelle",
                         subtype="infographic")  # fmt: skip
            container.parent.remove(container)
            return
        chart_files(self.env).setdefault(self.env.docname, {})[chart.name] = str(image)
        docdir = Path(self.env.doc2path(self.env.docname)).parent
        figure = nodes.figure(classes=["kwelle-chart"])
        uri = os.path.relpath(image, docdir).replace(os.sep, "/")
        figure += nodes.image(uri=uri, alt=found["alt"].text if "alt" in found else alt or describe(chart))
        caption = nodes.caption("", "", nodes.strong(chart.title, chart.title))
        if chart.caption:
            caption += nodes.Text(f" {chart.caption}")
        figure += caption
        container.insert(0, figure)
        container.insert(2, _notes(chart))
        container.insert(3, _data_dropdown(chart))
        meta = articles(self.env).get(self.env.docname)
        if meta is not None:  # an article's chart is cited as part of it
            url = f"{article_url(self.config.html_baseurl or '', self.env.docname)}#{container['ids'][0]}"
            language = ui_language(self.env, self.env.docname)
            text = chart_citation(meta, chart.title, self.config.project, url, language)
            container += nodes.paragraph(
                "",
                "",
                nodes.strong("", _("Cite this chart: ")),
                nodes.Text(text),
                classes=["kwelle-chart-cite"],
            )


def _notes(chart: Chart) -> nodes.enumerated_list:
    notes = nodes.enumerated_list(enumtype="arabic", classes=["kwelle-chart-notes"])
    for row in chart.rows:
        derived = _("derived, %(arithmetic)s. ") % {"arithmetic": row.arithmetic} if row.arithmetic else ""
        text = f"{row.label}: {derived}{row.basis}"
        notes += nodes.list_item("", nodes.paragraph(text, text))
    return notes


def _data_dropdown(chart: Chart) -> nodes.container:
    dropdown = create_component(
        "dropdown", opened=False, type="dropdown", has_title=True, icon=None, chevron=None,
        container_classes=["sd-mb-3", "kwelle-chart-data"], title_classes=[], body_classes=[],
    )  # fmt: skip
    title = _("Show the data")
    dropdown += nodes.rubric(title, title)
    dropdown += data_table(chart)
    return dropdown


def data_table(chart: Chart) -> nodes.table:
    """The chart's numbers as an accessible table: a caption, column heads, a row head per row."""
    derived = len(chart.series) == 1 and "/" in chart.series[0]
    columns = [name for name in chart.columns if name not in ("sources", "basis")]
    heads = [*columns, _("share (%(units)s)") % {"units": chart.units}] if derived else columns
    table = nodes.table(classes=["kwelle-data-table"])
    title = _("Data: %(title)s") % {"title": chart.title}
    table += nodes.title(title, title)
    group = nodes.tgroup(cols=len(heads))
    table += group
    for index in range(len(heads)):
        group += nodes.colspec(colwidth=1, stub=1 if index == 0 else 0)
    head = nodes.thead()
    head += _table_row(heads)
    group += head
    body = nodes.tbody()
    for row in chart.rows:
        cells = [row.cells[name] for name in columns]
        body += _table_row([*cells, row.value_texts[0] or chart.missing] if derived else cells)
    group += body
    return table


def _table_row(texts: list[str]) -> nodes.row:
    row = nodes.row()
    for text in texts:
        # the data as written: no curly quotes or dashes (Sphinx's smartquotes honours this flag)
        row += nodes.entry("", nodes.paragraph(text, text, support_smartquotes=False))
    return row


#: each page's infographics: (data file, References group, declared sources)
CHARTS = PerDocument("kwelle_infographics")


def charts(env: BuildEnvironment) -> dict[str, list[tuple[str, str, tuple[str, ...]]]]:
    return CHARTS.of(env)
