"""SVG images in the PDF edition: converted once per content, not once per document.

sphinxcontrib-svg2pdfconverter runs rsvg-convert on an SVG each time a document showing it
is written. The PDF edition writes the journal and each article as a document of its own,
so every chart was converted twice, and a lead image shared by articles once per article
(at 200 articles, 800 conversions: most of the LaTeX phase). A converted file is stamped
with its SVG's modification time and reused while the two agree.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from sphinxcontrib.rsvgconverter.rsvgconverter import RSVGConverter

if TYPE_CHECKING:
    from sphinx.application import Sphinx


class ReusingRSVGConverter(RSVGConverter):
    # first: sphinxcontrib's own converter then finds the image converted already
    default_priority = RSVGConverter.default_priority - 1

    def convert(self, _from: str | os.PathLike[str], _to: str | os.PathLike[str]) -> bool:
        source, target = Path(_from), Path(_to)
        stamp = source.stat().st_mtime_ns
        if target.exists() and target.stat().st_mtime_ns == stamp:
            return True
        if not super().convert(source, target):
            return False
        os.utime(target, ns=(stamp, stamp))
        return True


def setup_svgimages(app: Sphinx) -> None:
    app.setup_extension("sphinxcontrib.rsvgconverter")
    app.add_post_transform(ReusingRSVGConverter)
