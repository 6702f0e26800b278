"""The Author guide's tables, written from the code itself so the two cannot disagree:
``{frontmatter-fields}`` from :class:`kwelle.articles.frontmatter.ArticleMeta`, and
``{journal-settings}`` from :class:`kwelle.config.JournalConfig`."""

from __future__ import annotations

import typing
from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from kwelle.articles.frontmatter import ArticleMeta, is_required, schema_fields
from kwelle.config import PREFIX, default_of, settings, type_of

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def type_name(hint: object) -> str:
    if typing.get_origin(hint) is tuple:
        return "list"
    if typing.get_origin(hint) is dict:
        return "mapping"
    return {str: "text", "date": "date"}.get(hint, getattr(hint, "__name__", str(hint)))


def table(
    title: str,
    classes: str,
    head: list[str],
    widths: tuple[int, ...],
    rows: list[list[str]],
    *,
    code_columns: tuple[int, ...] = (0,),
) -> nodes.table:
    """A table whose ``code_columns`` are code (a field or setting name, a Python value): as
    literals they keep straight quotes in every edition's smart-quote style."""
    table = nodes.table(classes=[classes])
    table += nodes.title(title, title)
    group = nodes.tgroup(cols=len(head))
    table += group
    for width in widths:
        group += nodes.colspec(colwidth=width)
    thead = nodes.thead()
    thead += _row(head)
    group += thead
    body = nodes.tbody()
    for row in rows:
        body += _row(row, code_columns)
    group += body
    return table


class FrontMatterFields(SphinxDirective):
    option_spec: ClassVar[dict] = {}

    def run(self) -> list[nodes.Node]:
        hints = typing.get_type_hints(ArticleMeta)
        rows = [
            [name, type_name(hints[name]), "yes" if is_required(spec) else "no",
             spec.metadata["doc"]]
            for name, spec in schema_fields().items()
        ]  # fmt: skip
        fields = table("Front-matter fields", "kwelle-frontmatter-fields", ["field", "type", "required",
                       "what it is"], (2, 1, 1, 6), rows)  # fmt: skip
        self.set_source_info(fields)
        return [fields]


class JournalSettings(SphinxDirective):
    option_spec: ClassVar[dict] = {}

    def run(self) -> list[nodes.Node]:
        rows = [
            [
                PREFIX + setting.name,
                type_of(setting).__name__,
                repr(default_of(setting)),
                setting.metadata["doc"],
            ]
            for setting in settings()
        ]
        found = table("Settings in conf.py", "kwelle-settings", ["setting", "type", "default", "what it is"],
                      (3, 1, 1, 6), rows, code_columns=(0, 2))  # fmt: skip
        self.set_source_info(found)
        return [found]


def _row(texts: list[str], code_columns: tuple[int, ...] = ()) -> nodes.row:
    row = nodes.row()
    for index, text in enumerate(texts):
        content = nodes.literal(text, text) if index in code_columns else nodes.Text(text)
        row += nodes.entry("", nodes.paragraph("", "", content))
    return row


def setup_authorguide(app: Sphinx) -> None:
    app.add_directive("frontmatter-fields", FrontMatterFields)
    app.add_directive("journal-settings", JournalSettings)
