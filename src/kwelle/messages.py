"""Texts that are not a page's paragraphs (front matter, chart descriptions) as messages of its catalog.

A module puts such texts into the doctree before Sphinx's ``Locale`` transform, as a
:class:`messages` node holding one paragraph per text, each located at the file and line it
was written on. ``sphinx-build -b gettext`` then extracts each as a msgid of its own,
``Locale`` translates them as it translates any paragraph, and :func:`read_messages` reads
them back, translated where the catalog has them. They print nothing: outside a gettext
build they leave the doctree as they are read.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from docutils import nodes

from kwelle.config import is_translation
from kwelle.upstream.sphinx import extracts_messages

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment


class messages(nodes.Element, nodes.Invisible):  # noqa: N801 (docutils node naming)
    """Texts to translate, one paragraph each; ``kwelle_message`` names each."""


@dataclass(frozen=True)
class Text:
    text: str
    #: False where this edition's catalog leaves it in the source language
    translated: bool = True


def wanted(env: BuildEnvironment) -> bool:
    """Whether this build translates or extracts messages: other builds need none."""
    return is_translation(env) or extracts_messages(env)


def message(key: str, text: str, source: str, line: int | None) -> nodes.paragraph:
    """One text as a message located at ``source``:``line``."""
    paragraph = nodes.paragraph(text, text, kwelle_message=key)
    paragraph.source, paragraph.line = source, line
    return paragraph


def read_messages(env: BuildEnvironment, node: messages) -> dict[str, Text]:
    """Each message's text, as this edition has it; the node leaves the doctree unless a
    gettext build still has to extract it."""
    found = {
        paragraph["kwelle_message"]: Text(paragraph.astext(), paragraph.get("translated", True) is not False)
        for paragraph in node.findall(nodes.paragraph)
    }
    if not extracts_messages(env):
        node.parent.remove(node)
    return found
