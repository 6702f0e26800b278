"""Safe by default: what an article cannot do, whatever its author pastes in.

- No raw HTML: MyST's HTML syntax is off, and an HTML tag left in the text (which would
  otherwise print as text) is an error naming the line; ``{raw}`` is disabled.
- No file insertion: ``{include}`` and friends cannot read files off the build machine.
- Math, if any, is drawn at build time as inline SVG (no MathJax from a CDN).
- The ePub and PDF builds never fetch an image from another host (Sphinx would download it).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

logger = logging.getLogger(__name__)

#: tags that would run code or pull content in, had the HTML not been disabled
_PASTED_HTML = re.compile(
    r"<\s*/?\s*(script|iframe|style|object|embed|form|link|meta|img|svg)\b", re.IGNORECASE
)
DOCUTILS_SETTINGS = {"raw_enabled": False, "file_insertion_enabled": False}


def harden_config(app: Sphinx, config: Config) -> None:
    config.myst_disable_syntax = sorted({*config.myst_disable_syntax, "html_block", "html_inline"})
    config.html_math_renderer = "imgmath"
    config.imgmath_image_format = "svg"
    config.imgmath_embed = True  # the SVG goes into the page: no file, no request


def harden_docutils(app: Sphinx) -> None:
    app.env.settings.update(DOCUTILS_SETTINGS)


class NoPastedHtml(SphinxTransform):
    """HTML tags that MyST left as text: say so, rather than print them to readers."""

    default_priority = 100

    def apply(self, **kwargs: object) -> None:
        for text in self.document.findall(nodes.Text):
            match = _PASTED_HTML.search(text)
            if match and not isinstance(text.parent, (nodes.literal, nodes.literal_block)):
                logger.error(
                    "raw HTML (%s) is not allowed; write Markdown, or a directive", match.group(0).strip(),
                    location=text.parent, type="kwelle", subtype="html",
                )  # fmt: skip


class NoRemoteImages(SphinxPostTransform):
    """Builders that cannot link an image (ePub, LaTeX) would download it: say so instead.
    (The HTML build links it, and its output scan rules on the link.)"""

    default_priority = 99  # before Sphinx's ImageDownloader (100)
    #: the builders without remote images, for which Sphinx would fetch them
    builders = ("epub", "latex", "texinfo")

    def run(self, **kwargs: object) -> None:
        for image in list(self.document.findall(nodes.image)):
            if "://" in image["uri"]:
                logger.error(
                    "remote image %s: the ePub and PDF use only images from the source folder", image["uri"],
                    location=image, type="kwelle", subtype="remote",
                )  # fmt: skip
                # a figure is its image: without it, the caption alone is no figure (nor valid XHTML)
                gone = image.parent if isinstance(image.parent, nodes.figure) else image
                gone.parent.remove(gone)


def setup_hardening(app: Sphinx) -> None:
    app.setup_extension("sphinx.ext.imgmath")
    app.connect("config-inited", harden_config)
    app.connect("builder-inited", harden_docutils)
    app.add_transform(NoPastedHtml)
    app.add_post_transform(NoRemoteImages)
