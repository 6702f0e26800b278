"""Readable anchors for Korean headings, by the journal's one slug rule (kwelle.slugs).

Docutils makes a section's id from its title in ASCII, so a Hangul heading loses its words:
"## 성장 전망" became ``#id4`` and "한국의 AI 예산" ``#ai``, unreadable and changing with
the page's other headings. A heading with Hangul gets its romanised slug as its first id
(``#seongjang-jeonmang``), the one the table of contents and the theme link to; the id it
had stays as a second one, so links already made to it (MyST's ``[](#…)``) still land.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.transforms import SphinxTransform

from kwelle.slugs import HANGUL, slugify

if TYPE_CHECKING:
    from sphinx.application import Sphinx


class KoreanSectionIds(SphinxTransform):
    """Each section titled in Hangul gets the slug of its title as its first id."""

    default_priority = 100  # before Sphinx's collectors read the ids, whatever a transform does

    def apply(self, **kwargs: object) -> None:
        for section in self.document.findall(nodes.section):
            title = section.next_node(nodes.title)
            if title is None or not HANGUL.search(title.astext()):
                continue
            base = name = slugify(title.astext())
            number = 1
            while name in self.document.ids:
                number += 1
                name = f"{base}-{number}"
            section["ids"].insert(0, name)
            self.document.ids[name] = section


def setup_anchors(app: Sphinx) -> None:
    app.add_transform(KoreanSectionIds)
