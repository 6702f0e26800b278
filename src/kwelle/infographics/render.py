"""Drawing an infographic with matplotlib, as SVG, and its alt text.

The figure sits on its own white card, so it reads the same in furo's light and dark
themes. Output is deterministic (no dates, fixed SVG ids) so that builds are reproducible.
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
import logging
import re
import textwrap
import warnings
from typing import TYPE_CHECKING

from kwelle.i18n import _
from kwelle.infographics.data import Chart, Row, format_number

if TYPE_CHECKING:
    from collections.abc import Iterator

    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

#: the journal's palette: blue for the main series, gold for the second, grey for text
PALETTE = ("#1f4fa8", "#e0a800", "#6c8ebf")
INK, MUTED = "#1a1a1a", "#5f6b7a"
SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
FONT, FONT_SIZE = "DejaVu Sans", 10  # DejaVu Sans has ₩, €, ¥ and superscript digits
#: Hangul (and Chinese and Japanese) that DejaVu Sans lacks: Debian's fonts-noto-cjk
CJK_FONT = "Noto Sans CJK KR"
_CJK = re.compile(r"[\u1100-\u11ff\u2e80-\u9fff\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff\uff00-\uffef]")
#: white space around the chart, and matplotlib's tick length and padding, in points
EDGE, TICK = 6.0, 3.5
#: a grouped chart's rows are this far apart (a bar chart's, 1)
GROUP_BAND = 1.6
#: bumped whenever the drawing code changes, so cached charts are redrawn
RENDER_VERSION = "3"


def note_marker(number: int) -> str:
    return str(number).translate(SUPERSCRIPTS)


def describe(chart: Chart) -> str:
    """Alt text from the data: what the chart shows, its largest and smallest values."""
    points = [
        (value, f"{row.label}{'' if len(chart.series) == 1 else ', ' + series}", text)
        for row in chart.rows
        for series, value, text in zip(chart.series, row.values, row.value_texts, strict=True)
        if value is not None
    ]
    if chart.kind == "bar":
        kind = _("Bar chart: %(title)s.") % {"title": chart.title}
    else:
        kind = _("Grouped bar chart (%(series)s): %(title)s.") % {
            "series": ", ".join(chart.series),
            "title": chart.title,
        }
    parts = [kind]
    if chart.axis_label:
        parts.append(_("Values: %(axis)s.") % {"axis": chart.axis_label})
    if points:
        largest, smallest = max(points), min(points)
        for template, (_value, label, text) in (
            (_("Largest: %(label)s, %(value)s."), largest),
            (_("Smallest: %(label)s, %(value)s."), smallest),
        ):
            parts.append(template % {"label": label, "value": f"{text} {chart.units}"})
    parts.extend(f"{row.label}: {chart.missing}." for row in chart.rows if all(v is None for v in row.values))
    return " ".join(parts)


class ChartFontError(RuntimeError):
    """The chart's text needs a font the machine lacks, or a glyph no font of the chart has."""


def chart_fonts(chart: Chart) -> list[str]:
    """The font families of a chart, found through matplotlib's font manager: DejaVu Sans,
    and Noto Sans CJK KR where the chart's text has Hangul (matplotlib falls back to it
    glyph by glyph; the SVG names both, so a browser or rsvg-convert picks the same)."""
    from matplotlib.font_manager import FontProperties, findfont  # noqa: PLC0415

    if not _CJK.search(repr(dataclasses.astuple(chart))):
        return [FONT]
    try:
        findfont(FontProperties(family=CJK_FONT), fallback_to_default=False)
    except ValueError:
        raise ChartFontError(
            f"the chart's text has Hangul, which needs the font {CJK_FONT!r}; "
            "on Debian or Ubuntu: apt-get install fonts-noto-cjk"
        ) from None
    return [FONT, CJK_FONT]


@contextlib.contextmanager
def _no_font_problems() -> Iterator[None]:
    """Raise :class:`ChartFontError` on any font warning while drawing: a missing glyph
    ("Glyph 54620 missing from font(s)"), or a family matplotlib cannot find."""
    problems: list[str] = []
    handler = logging.Handler(logging.WARNING)
    handler.emit = lambda record: problems.append(record.getMessage())  # type: ignore[method-assign]
    font_log = logging.getLogger("matplotlib.font_manager")
    font_log.addHandler(handler)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            yield
        problems += [str(w.message) for w in caught if "glyph" in str(w.message).lower()]
    finally:
        font_log.removeHandler(handler)
    if problems:
        shown = "; ".join(dict.fromkeys(problems))
        raise ChartFontError(f"{len(problems)} font warning(s) while drawing the chart: {shown}")


def prepare() -> None:
    """Import what drawing needs, and find its font: a quarter of a second before any chart."""
    from matplotlib.backends import backend_svg  # noqa: F401, PLC0415
    from matplotlib.figure import Figure  # noqa: F401, PLC0415
    from matplotlib.font_manager import FontProperties, findfont  # noqa: PLC0415

    findfont(FontProperties(family=FONT))


def render(chart: Chart) -> bytes:
    """The chart as SVG."""
    from matplotlib import rc_context  # noqa: PLC0415 (only builds that draw pay for matplotlib)
    from matplotlib.figure import Figure  # noqa: PLC0415

    fonts = chart_fonts(chart)
    settings = {
        "font.family": fonts,
        "font.size": FONT_SIZE,
        "svg.fonttype": "none",  # text stays text: small files, crisp at any zoom
        # "costs $5 and $6" is text, not mathtext, and never TeX
        "text.parse_math": False,
        "text.usetex": False,
        "svg.hashsalt": f"kwelle-{chart.name}",  # stable ids: reproducible SVG
        "axes.edgecolor": MUTED,
        "text.color": INK,
        "xtick.color": MUTED,
        "ytick.color": INK,
    }
    with rc_context(settings), _no_font_problems():
        height = 0.9 + 0.55 * len(chart.rows) * (1 if chart.kind == "bar" else GROUP_BAND)
        figure = Figure(figsize=(8, height), facecolor="white")
        axes = figure.add_subplot()
        draw, band = (_draw_bars, 1.0) if chart.kind == "bar" else (_draw_grouped_bars, GROUP_BAND)
        draw(axes, chart)
        axes.set_xlabel(chart.axis_label, color=MUTED)
        for side in ("top", "right", "left"):
            axes.spines[side].set_visible(False)
        axes.tick_params(axis="y", length=0)
        axes.grid(axis="x", color="#e3e7ec", linewidth=0.8)
        axes.set_axisbelow(True)
        _fit(figure, axes, band, fonts)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None}, facecolor="white")
    return buffer.getvalue()


def _fit(figure: Figure, axes: Axes, band: float, fonts: list[str]) -> None:
    """Place the axes around its measured labels: what tight_layout does, without drawing the
    figure an extra time to measure it (a third of a chart's drawing time)."""
    from matplotlib.font_manager import FontProperties  # noqa: PLC0415
    from matplotlib.textpath import text_to_path  # noqa: PLC0415

    font = FontProperties(family=fonts, size=FONT_SIZE)
    labels = [label.get_text() for label in axes.get_yticklabels()]
    label_width = max(
        text_to_path.get_text_width_height_descent(line, font, ismath=False)[0]
        for label in labels
        for line in label.split("\n")
    )
    line = 1.2 * FONT_SIZE  # matplotlib's line spacing
    # a row's label is centred on it and may be taller than the row: it takes room above and below
    half_label = max(label.count("\n") + 1 for label in labels) * line / 2
    x_axis = TICK + TICK + line + TICK + line  # tick, pad, tick labels, label pad, axis label
    positions = axes.get_yticks()
    axes.set_ylim(min(positions) - band / 2, max(positions) + band / 2)
    width, height = figure.get_figwidth() * 72, figure.get_figheight() * 72
    top, bottom = EDGE, EDGE + x_axis
    for _attempt in range(2):  # the overflow depends on the axes' height, which depends on it
        row_half = (height - top - bottom) / (2 * len(labels))
        overflow = max(0.0, half_label - row_half)
        top, bottom = EDGE + overflow, EDGE + max(x_axis, overflow)
    figure.subplots_adjust(
        left=(EDGE + label_width + TICK) / width,
        right=1 - (EDGE + 2 * TICK) / width,  # half the last tick label may pass the axis end
        top=1 - top / height,
        bottom=bottom / height,
    )


def _labels(chart: Chart) -> list[str]:
    """Row labels with the number of their note (notes are numbered in row order)."""
    return [f"{row.label} {note_marker(number)}" for number, row in enumerate(chart.rows, start=1)]


def _draw_bars(axes: Axes, chart: Chart) -> None:
    positions = list(range(len(chart.rows)))[::-1]  # first row at the top
    values = [row.values[0] for row in chart.rows]
    largest = max((v for v in values if v is not None), default=0) or 1  # all zero: an axis still
    axes.barh(positions, [v or 0 for v in values], color=PALETTE[0], height=0.6)
    for position, row in zip(positions, chart.rows, strict=True):
        if row.values[0] is None:
            axes.text(0, position, f" {chart.missing}", va="center", color=MUTED, style="italic")
        else:
            axes.text(
                row.values[0] + largest * 0.01, position, f"{row.value_texts[0]} {chart.units}", va="center"
            )
    axes.set_yticks(positions, _labels(chart))
    axes.set_xlim(0, largest * 1.18)


def _draw_grouped_bars(axes: Axes, chart: Chart) -> None:
    count = len(chart.series)
    width = 0.8 / count
    positions = [index * GROUP_BAND for index in range(len(chart.rows))][::-1]
    largest = max((v for row in chart.rows for v in row.values if v is not None), default=0) or 1
    for offset, series in enumerate(chart.series):
        shifts = [p + (count - 1 - offset - (count - 1) / 2) * width for p in positions]
        values = [row.values[offset] or 0 for row in chart.rows]
        axes.barh(shifts, values, height=width * 0.9, color=PALETTE[offset % len(PALETTE)], label=series)
        for shift, row in zip(shifts, chart.rows, strict=True):
            if row.values[offset] is not None:
                axes.text(
                    row.values[offset] + largest * 0.01,
                    shift,
                    row.value_texts[offset],
                    va="center",
                    fontsize=9,
                )
    labels = [_with_annotation(label, row) for label, row in zip(_labels(chart), chart.rows, strict=True)]
    axes.set_yticks(positions, labels)
    axes.set_xlim(0, largest * 1.15)
    axes.legend(loc="lower right", frameon=False, ncols=count)


def _with_annotation(label: str, row: Row) -> str:
    if not row.annotation:
        return label
    return f"{label}\n" + "\n".join(textwrap.wrap(row.annotation, 34))


__all__ = ["RENDER_VERSION", "describe", "format_number", "note_marker", "prepare", "render"]
