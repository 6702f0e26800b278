"""``{frontmatter-fields}``: the Author guide's table of front-matter fields, written from
the schema itself (:class:`kwelle.articles.frontmatter.ArticleMeta`), so the two cannot disagree."""

from __future__ import annotations

import dataclasses
import typing
from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from kwelle.articles.frontmatter import ArticleMeta, schema_fields

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def type_name(hint: object) -> str:
    if typing.get_origin(hint) is tuple:
        return "list"
    return {str: "text", "date": "date"}.get(hint, getattr(hint, "__name__", str(hint)))


class FrontMatterFields(SphinxDirective):
    option_spec: ClassVar[dict] = {}

    def run(self) -> list[nodes.Node]:
        hints = typing.get_type_hints(ArticleMeta)
        table = nodes.table(classes=["kwelle-frontmatter-fields"])
        table += nodes.title("Front-matter fields", "Front-matter fields")
        group = nodes.tgroup(cols=4)
        table += group
        for width in (2, 1, 1, 6):
            group += nodes.colspec(colwidth=width)
        head = nodes.thead()
        head += _row(["field", "type", "required", "what it is"])
        group += head
        body = nodes.tbody()
        for name, spec in schema_fields().items():
            required = spec.default is dataclasses.MISSING
            body += _row(
                [name, type_name(hints[name]), "yes" if required else "no", spec.metadata["doc"]], code=True
            )
        group += body
        self.set_source_info(table)
        return [table]


def _row(texts: list[str], *, code: bool = False) -> nodes.row:
    row = nodes.row()
    for index, text in enumerate(texts):
        content = nodes.literal(text, text) if code and index == 0 else nodes.Text(text)
        row += nodes.entry("", nodes.paragraph("", "", content))
    return row


def setup_authorguide(app: Sphinx) -> None:
    app.add_directive("frontmatter-fields", FrontMatterFields)
