"""A chart's words as messages of its page's catalog, and the chart as an edition shows them.

The description's ``title``, ``caption``, ``axis_label`` and ``missing``, the directive's
``:alt:``, and from the CSV each row's ``basis``, its ``annotation`` and the cells of the
columns its label is made of (where they are words: "Korea", "2026 proposal"), each at its
own file and line (kwelle.messages). The numbers keep their digits and take the edition's
decimal and group signs (CLDR's, through Babel): "1.39" and "7,028" read "1,39" and "7.028"
in German, as written in English and Korean.
"""

from __future__ import annotations

import dataclasses
import re
import string
from typing import TYPE_CHECKING

from babel.numbers import get_decimal_symbol, get_group_symbol

from kwelle.infographics.data import key_line, read_text
from kwelle.messages import message, messages

if TYPE_CHECKING:
    from pathlib import Path

    from kwelle.infographics.data import Chart
    from kwelle.messages import Text

KIND = "chart"
#: the description's texts
DESCRIBED = ("title", "caption", "axis_label", "missing")
_WORD = re.compile(r"[^\W\d_]", re.UNICODE)
#: a number as the data and the arithmetic write it: "7,028", "10.1398", "1.39"
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_CELL_NUMBER = re.compile(r"[-+]?\d[\d,]*(?:\.\d+)?")


def label_columns(chart: Chart) -> list[str]:
    return [name for _, name, _, _ in string.Formatter().parse(chart.label_template) if name]


def chart_messages(chart: Chart, csv_path: Path, alt: str | None, page: str, line: int) -> messages:
    """The chart's texts, each located where it is written (``alt``: the directive's, on
    ``page`` at ``line``)."""
    toml = csv_path.with_suffix(".toml")
    description = read_text(toml)
    node = messages(kwelle_messages=KIND)
    for key in DESCRIBED:
        text = getattr(chart, key)
        if text and key_line(description, key):  # "missing" has a default no one wrote
            node += message(key, text, str(toml), key_line(description, key))
    if alt:
        node += message("alt", alt, page, line)
    for index, row in enumerate(chart.rows):
        for column in label_columns(chart):
            if _WORD.search(row.cells[column]):
                node += message(f"rows.{index}.{column}", row.cells[column], str(csv_path), row.line)
        if row.annotation:
            node += message(f"rows.{index}.annotation", row.annotation, str(csv_path), row.line)
        node += message(f"rows.{index}.basis", row.basis, str(csv_path), row.line)
    return node


def translated_chart(chart: Chart, found: dict[str, Text]) -> Chart:
    """``chart`` with the edition's texts (``found``: key -> kwelle.messages.Text)."""

    def text(key: str, source: str) -> str:
        return found[key].text if key in found else source

    rows = []
    for index, row in enumerate(chart.rows):
        cells = {name: text(f"rows.{index}.{name}", value) for name, value in row.cells.items()}
        rows.append(
            dataclasses.replace(
                row,
                label=chart.label_template.format(**cells) if chart.label_template else row.label,
                basis=text(f"rows.{index}.basis", row.basis),
                annotation=text(f"rows.{index}.annotation", row.annotation),
                cells=cells,
            )
        )
    return dataclasses.replace(
        chart, rows=tuple(rows), **{key: text(key, getattr(chart, key)) for key in DESCRIBED}
    )


def with_number_signs(chart: Chart, language: str) -> Chart:
    """``chart`` with its numbers (bar labels, data table, arithmetic) in ``language``'s decimal
    and group signs; the digits are the data's."""
    decimal, group = get_decimal_symbol(language), get_group_symbol(language)
    if (decimal, group) == (".", ","):  # the data's own signs
        return chart
    signs = str.maketrans({".": decimal, ",": group})

    def local(text: str) -> str:
        return _NUMBER.sub(lambda number: number.group().translate(signs), text)

    rows = tuple(
        dataclasses.replace(
            row,
            value_texts=tuple(map(local, row.value_texts)),
            arithmetic=local(row.arithmetic),
            # the data table's number cells ("0.9", "-1.5"); words and labels stay as they are
            cells={
                name: local(cell) if _CELL_NUMBER.fullmatch(cell) else cell
                for name, cell in row.cells.items()
            },
        )
        for row in chart.rows
    )
    return dataclasses.replace(chart, rows=rows)
