"""Infographic data: a CSV of rows and a TOML description beside it, read and checked.

Pure Python (no Sphinx, no matplotlib). Every error names the file and, where it
can, the CSV line and column, so an author can go straight to the mistake.

The description (``<name>.toml`` beside ``<name>.csv``)::

    title = "AI share in 2026 government budgets"
    kind = "bar"                     # bar | grouped-bar
    label = "{country}: {reading}"   # how a row is named, from its columns
    value = "ai / total"             # bar: a column, or "a / b" for a derived share in per cent
    values = ["2025", "2026"]        # grouped-bar: one column per series
    annotation = "lever"             # grouped-bar: a column printed beside each group
    axis_label = "..."
    units = "%"
    group = "budget-share"           # the References page group of its sources
    caption = "..."
    missing = "not separately budgeted"   # what an empty value says (no bar is drawn)
    sources = ["key"]                # sources for the chart as a whole, beside each row's

Each CSV row names its ``sources`` (bib keys, separated by spaces) and its ``basis``
(how the number was obtained, and its caveats). A derived share ``a / b`` may give its
amounts' units in ``a_unit`` and ``b_unit`` columns ("₩ tn", "$ bn"), used in the notes.
"""

from __future__ import annotations

import csv
import io
import itertools
import math
import re
import string
import tomllib
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from kwelle.config import Bounds

KINDS = ("bar", "grouped-bar")
_RATIO = re.compile(r"^\s*(?P<numerator>[^/]+?)\s*/\s*(?P<denominator>[^/]+?)\s*$")
#: larger values than this (in any unit) are a typing mistake, and overflow the axis arithmetic
LARGEST = 1e18
_SCALES = {"tn": 1e12, "trillion": 1e12, "bn": 1e9, "billion": 1e9, "m": 1e6, "million": 1e6}


@dataclass(frozen=True)
class Limits(Bounds):
    """How big a chart's data may be: each bound is a ``kwelle_max_*`` setting."""

    #: the CSV file, in bytes (kwelle_max_csv_bytes)
    csv_bytes: int
    #: data rows of the CSV, the header not counted (kwelle_max_csv_rows)
    csv_rows: int
    #: bars drawn: rows times series (kwelle_max_chart_bars)
    chart_bars: int


DEFAULT_LIMITS = Limits.from_config()


class DataError(ValueError):
    """A mistake in an infographic's data, located as precisely as the reader can use."""

    def __init__(self, message: str, path: Path, line: int | None = None, column: str | None = None) -> None:
        where = f"{path}:{line}" if line else str(path)
        if column:
            message = f"column {column!r}: {message}"
        super().__init__(f"{where}: {message}")
        self.path, self.line, self.column = path, line, column


@dataclass(frozen=True)
class Row:
    label: str
    #: one value per series; None where the data says there is no number (no bar)
    values: tuple[float | None, ...]
    #: the same values as printed: as written in the CSV, or as the journal rounds a share
    value_texts: tuple[str, ...]
    sources: tuple[str, ...]
    basis: str
    annotation: str = ""
    #: how a derived value was computed, e.g. "₩10.1 tn ÷ ₩728 tn = 1.39 %"
    arithmetic: str = ""
    #: the row's cells as written, for the data table
    cells: dict[str, str] = field(default_factory=dict)
    line: int = 0


@dataclass(frozen=True)
class Chart:
    name: str
    title: str
    kind: str
    series: tuple[str, ...]
    rows: tuple[Row, ...]
    group: str
    caption: str = ""
    axis_label: str = ""
    units: str = ""
    missing: str = "no figure"
    sources: tuple[str, ...] = ()
    columns: tuple[str, ...] = ()
    #: how a row is named, from its cells ("{country}: {reading}")
    label_template: str = ""

    @property
    def all_sources(self) -> tuple[str, ...]:
        """Every source the chart declares, each once, in order of appearance."""
        keys = [*self.sources, *(key for row in self.rows for key in row.sources)]
        return tuple(dict.fromkeys(keys))


def format_number(value: float) -> str:
    """A derived share as the journal prints it: two decimals, two significant digits below 1."""
    if value == 0 or abs(value) >= 1:
        return f"{value:,.2f}"
    exponent = int(f"{abs(value):e}".split("e")[1])  # 0.047 -> -2
    return f"{value:.{1 - exponent}f}"


@dataclass(frozen=True)
class _Description:
    """The parsed .toml description, and where each key sits in it (for messages)."""

    path: Path
    spec: dict
    text: str

    def line(self, key: str) -> int | None:
        return key_line(self.text, key)

    def error(self, message: str, key: str) -> DataError:
        return DataError(message, self.path, self.line(key))


def key_line(text: str, key: str) -> int | None:
    """The line of a description's ``key = ...`` (None if it has none)."""
    match = re.search(rf"^\s*{re.escape(key)}\s*=", text, re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else None


def read_text(path: Path, limit: int | None = None) -> str:
    """A data file's text: UTF-8 (a BOM allowed), at most ``limit`` bytes."""
    size = path.stat().st_size
    if limit is not None and size > limit:
        raise DataError(f"the file is {size:,} bytes; the limit is {limit:,} (kwelle_max_csv_bytes)", path)
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        raise DataError(
            f"not UTF-8 text (byte 0x{data[err.start]:02x}); save it as UTF-8", path, line
        ) from None


def read_chart(csv_path: Path, known_keys: Collection[str], limits: Limits = DEFAULT_LIMITS) -> Chart:
    """Read ``csv_path`` and its ``.toml`` description; raise :class:`DataError` on any mistake."""
    if not csv_path.is_file():
        raise DataError("data file not found", csv_path)
    description = _read_description(csv_path.with_suffix(".toml"))
    spec = description.spec
    reader = csv.DictReader(io.StringIO(read_text(csv_path, limits.csv_bytes), newline=""))
    try:
        columns = tuple(reader.fieldnames or ())
    except csv.Error as err:
        raise DataError(f"not valid CSV: {err}", csv_path, reader.line_num) from None
    label = spec.get("label", "{" + (columns[0] if columns else "label") + "}")
    series, series_columns, derived = _series(description)
    _check_columns(description, csv_path, columns, label, series_columns)
    row_reader = _RowReader(csv_path, known_keys, label, series_columns, derived, spec.get("annotation", ""))
    # numbered as the file's lines: line 1 is the header; one row past the limit is read, no more
    records = enumerate(itertools.islice(reader, limits.csv_rows + 1), start=2)
    rows = []
    try:
        for number, record in records:
            if number - 1 > limits.csv_rows:
                raise DataError(
                    f"more than {limits.csv_rows:,} rows (kwelle_max_csv_rows)", csv_path, reader.line_num
                )
            if (number - 1) * len(series) > limits.chart_bars:
                raise DataError(
                    f"more than {limits.chart_bars:,} bars (rows times series; kwelle_max_chart_bars)",
                    csv_path,
                    reader.line_num,
                )
            rows.append(row_reader.read(record, number))
    except csv.Error as err:
        raise DataError(f"not valid CSV: {err}", csv_path, reader.line_num) from None
    rows = tuple(rows)
    if not rows:
        raise DataError("the data file has no rows", csv_path, 2)
    chart_sources = tuple(spec.get("sources", ()))
    for key in chart_sources:
        if key not in known_keys:
            raise description.error(f"source {key!r} is not a key in the bibliography", "sources")
    return Chart(
        name=csv_path.stem,
        title=spec["title"],
        kind=spec["kind"],
        series=series,
        rows=rows,
        group=spec["group"],
        caption=spec.get("caption", ""),
        axis_label=spec.get("axis_label", ""),
        units=spec.get("units", ""),
        missing=spec.get("missing", "no figure"),
        sources=chart_sources,
        columns=columns,
        label_template=label,
    )


def _read_description(path: Path) -> _Description:
    if not path.is_file():
        raise DataError("description not found (a .toml file beside the CSV)", path)
    text = read_text(path)
    try:
        description = _Description(path, tomllib.loads(text), text)
    except tomllib.TOMLDecodeError as err:
        raise DataError(f"not valid TOML: {err}", path) from None
    for key in ("title", "kind", "group"):
        value = description.spec.get(key)
        if not isinstance(value, str) or not value.strip():
            raise description.error(f"{key!r} must be given (a non-empty string)", key)
    if description.spec["kind"] not in KINDS:
        kind = description.spec["kind"]
        raise description.error(f"unknown chart kind {kind!r}; use one of: {', '.join(KINDS)}", "kind")
    return description


def _series(description: _Description) -> tuple[tuple[str, ...], tuple[str, ...], bool]:
    """The plotted series' names, the columns they are read from, and whether they are a derived share."""
    spec = description.spec
    if spec["kind"] == "bar":
        value = spec.get("value")
        if not isinstance(value, str):
            raise description.error("a bar chart needs 'value' (a column, or 'a / b')", "value")
        ratio = _RATIO.match(value)
        return (value,), ((ratio["numerator"], ratio["denominator"]) if ratio else (value,)), bool(ratio)
    series = tuple(spec.get("values", ()))
    if not series:
        raise description.error("a grouped-bar chart needs 'values' (a list of columns)", "values")
    return series, series, False


def _check_columns(
    description: _Description,
    csv_path: Path,
    columns: tuple[str, ...],
    label: str,
    series_columns: tuple[str, ...],
) -> None:
    """Every column the description names, and ``sources`` and ``basis``, must be in the CSV."""
    value_key = "value" if description.spec["kind"] == "bar" else "values"
    needed = {}
    try:
        fields = [(name, conversion, spec) for _, name, spec, conversion in string.Formatter().parse(label)]
    except ValueError as err:
        raise description.error(f"'label' is not a valid template: {err}", "label") from None
    for name, conversion, spec in fields:
        if name is None:
            continue
        if not name or conversion or spec:  # "{}", "{name!r}", "{name:>99999}": a column, as written
            raise description.error("'label' may only name columns, as {column}", "label")
        needed[name] = "label"
    needed |= dict.fromkeys(series_columns, value_key)
    if description.spec.get("annotation"):
        needed[description.spec["annotation"]] = "annotation"
    for name, key in needed.items():
        if name not in columns:
            raise description.error(
                f"unknown column {name!r} (in {key!r}); the CSV has: {', '.join(columns)}", key
            )
    for name in ("sources", "basis"):
        if name not in columns:
            raise DataError(f"the CSV needs a {name!r} column", csv_path, 1)


@dataclass(frozen=True)
class _RowReader:
    """Reads CSV records into :class:`Row` objects, the same way for every row of one chart."""

    csv_path: Path
    known_keys: Collection[str]
    label: str
    series_columns: tuple[str, ...]
    derived: bool
    annotation: str

    def read(self, record: dict[str, str | None], number: int) -> Row:
        cells = {name: (value or "").strip() for name, value in record.items() if name is not None}
        sources = tuple(cells["sources"].replace(";", " ").replace(",", " ").split())
        if not sources:
            raise DataError("the row names no source", self.csv_path, number, "sources")
        for key in sources:
            if key not in self.known_keys:
                raise DataError(
                    f"source {key!r} is not a key in the bibliography", self.csv_path, number, "sources"
                )
        if not cells["basis"]:
            raise DataError(
                "the row gives no basis (how its number was obtained)", self.csv_path, number, "basis"
            )
        numbers = [_number(cells, name, self.csv_path, number) for name in self.series_columns]
        if self.derived:
            values, arithmetic = _ratio(numbers, cells, self.series_columns)
            if arithmetic is None:
                raise DataError(
                    "the total is zero: no share can be computed",
                    self.csv_path,
                    number,
                    self.series_columns[1],
                )
            value_texts = tuple("" if v is None else format_number(v) for v in values)
        else:
            values, arithmetic = tuple(numbers), ""
            value_texts = tuple(cells[name] for name in self.series_columns)
        return Row(
            label=self.label.format(**cells),
            values=values,
            value_texts=value_texts,
            sources=sources,
            basis=cells["basis"],
            annotation=cells.get(self.annotation, ""),
            arithmetic=arithmetic,
            cells=cells,
            line=number,
        )


def _number(cells: dict[str, str], name: str, path: Path, line: int) -> float | None:
    text = cells[name].replace(",", "")
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        raise DataError(f"{cells[name]!r} is not a number", path, line, name) from None
    if not math.isfinite(value):  # "inf", "nan": no bar can show them
        raise DataError(f"{cells[name]!r} is not a finite number", path, line, name)
    if abs(value) > LARGEST:
        raise DataError(f"{cells[name]!r} is out of range (at most {LARGEST:.0e})", path, line, name)
    return value


def _ratio(
    numbers: list[float | None], cells: dict[str, str], names: tuple[str, ...]
) -> tuple[tuple[float | None], str | None]:
    """A derived share in per cent, and the arithmetic that gives it, in the amounts' units
    (None for the arithmetic when the total is zero)."""
    numerator, denominator = numbers
    if numerator is None or denominator is None:
        return (None,), ""
    units = [cells.get(f"{name}_unit", "") for name in names]
    scaled = [
        amount * _SCALES.get(unit.split()[-1] if unit else "", 1.0)
        for amount, unit in zip(numbers, units, strict=True)
    ]
    if scaled[1] == 0:
        return (None,), None
    share = scaled[0] / scaled[1] * 100
    amounts = [_amount(cells[name], unit) for name, unit in zip(names, units, strict=True)]
    return (share,), f"{amounts[0]} ÷ {amounts[1]} = {format_number(share)} %"


def _amount(written: str, unit: str) -> str:
    """“₩10.1 tn” from “10.1” and “₩ tn”: the currency sign sticks to the number."""
    sign, _, scale = unit.partition(" ")
    return f"{sign}{written} {scale}".strip()
