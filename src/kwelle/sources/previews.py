"""Citation previews: hovering or focusing a citation shows the source it points to.

Each citation link is followed by the formatted entry it links to, hidden until the link
is hovered or focused (CSS alone, so it needs no script; positioned over the text, so
nothing moves). ``kwelle-previews.js`` adds what assistive technology needs
(role="tooltip", aria-describedby) and Escape to dismiss. Without either, the link
still goes to the entry in the article's References.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from kwelle.sources.latex import node_text

if TYPE_CHECKING:
    from sphinx.application import Sphinx


class CitationPreviews(SphinxPostTransform):
    default_priority = 15  # once citations are resolved into links (10)
    formats = ("html",)

    def run(self, **kwargs: object) -> None:
        entries = {
            entry_id: " ".join(node_text(citation[-1]).split())
            for citation in self.document.findall(nodes.citation)
            for entry_id in citation["ids"]
        }
        for number, link in enumerate(self._citation_links(), start=1):
            target = link.get("refid") or link.get("refuri", "").partition("#")[2]
            if target in entries:
                preview = nodes.inline("", entries[target], classes=["kwelle-cite-preview"])
                preview["ids"].append(f"kwelle-preview-{number}")
                link.parent.insert(link.parent.index(link) + 1, preview)

    def _citation_links(self) -> list[nodes.reference]:
        return [
            link
            for citation in self.document.findall(nodes.inline)
            if "bibtex-citation" in citation["classes"]
            for link in citation.findall(nodes.reference)
        ]


def setup_previews(app: Sphinx) -> None:
    app.add_post_transform(CitationPreviews)
    app.add_js_file("kwelle-previews.js", loading_method="defer")
