"""After an HTML or ePub build, read each page it wrote as a browser would and fail on what a
reader must not get: a script, stylesheet, font, frame or image from another host; a
link that is not https, mailto, relative or a fragment; an inline event handler. A failed
ePub is removed, so that it cannot be published. (The PDF's links: kwelle.safety.pdfscan.)

Pages the build did not write were read when they were (kwelle.cli.safebuild makes the build
after a failed one read every page again), so a rebuild costs what it writes.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from lxml import html as lxml_html
from sphinx.util import logging

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)

URL_ATTRIBUTES = ("href", "src", "action", "formaction", "data", "poster", "cite")
#: elements whose URL the browser fetches as the page loads (links are only followed)
LOADS = {"script", "img", "iframe", "source", "video", "audio", "track", "object", "embed", "input"}
LINK_SCHEMES = {"https", "mailto"}
#: a link a reader follows to another site may be plain http: the page loads nothing from it
FOLLOWED_SCHEMES = LINK_SCHEMES | {"http"}
#: <link rel=...> values that make the browser fetch (canonical, alternate only name a URL)
FETCHING_RELS = {
    "stylesheet",
    "icon",
    "shortcut",
    "apple-touch-icon",
    "preload",
    "modulepreload",
    "prefetch",
    "manifest",
}


def _loads(element: lxml_html.HtmlElement) -> bool:
    if element.tag == "link":
        return bool(FETCHING_RELS & set((element.get("rel") or "").lower().split()))
    return element.tag in LOADS


def is_safe_link(url: str, *, followed: bool = False) -> bool:
    """A link a reader may follow: https, mailto, relative or a fragment; plain http too where
    the reader ``followed`` it to another site (a hyperlink, not a resource the page names)."""
    parts = urlsplit(url.strip())
    schemes = FOLLOWED_SCHEMES if followed else LINK_SCHEMES
    return (not parts.scheme and not parts.netloc) or parts.scheme.lower() in schemes


def violations(page: lxml_html.HtmlElement) -> Iterator[str]:
    """What is wrong with one parsed page, one message per problem."""
    for element in page.iter():
        if not isinstance(element.tag, str):
            continue
        for name in element.attrib:
            if name.lower().startswith("on"):
                yield f"inline event handler {name}= on <{element.tag}>"
        for name in URL_ATTRIBUTES:
            url = element.get(name)
            if url is None:
                continue
            parts = urlsplit(url.strip())
            local = not parts.scheme and not parts.netloc
            if _loads(element):  # an inline data: image (math drawn at build time) loads nothing
                if not (local or parts.scheme == "data"):
                    yield f"<{element.tag} {name}> loads {url} from another host"
            elif not is_safe_link(url, followed=(element.tag, name) == ("a", "href")):
                yield f"<{element.tag} {name}> points to {url}: only https, mailto, relative or # links"
        if element.tag == "img" and element.get("srcset") and "//" in element.get("srcset"):
            yield f"<img srcset> loads {element.get('srcset')} from another host"


class OutputScan:
    #: file times may lag the clock a little: a page written since this much before the start counts
    MARGIN = 2.0

    def __init__(self) -> None:
        self.started = 0.0

    def start(self, app: Sphinx) -> None:
        self.started = time.time()

    def scan(self, app: Sphinx, exception: Exception | None) -> None:
        if exception or app.builder.format != "html":
            return
        outdir = Path(app.outdir)
        found = False
        for path in sorted(outdir.rglob(f"*{app.builder.out_suffix}")):
            if path.stat().st_mtime < self.started - self.MARGIN:
                continue
            page = lxml_html.parse(path).getroot()
            for problem in violations(page):
                logger.error("%s: %s", path.relative_to(outdir), problem, type="kwelle", subtype="output")
                found = True
        if found and app.builder.name.startswith("epub"):
            for book in outdir.glob("*.epub"):
                book.unlink()


def setup_outputscan(app: Sphinx) -> None:
    scan = OutputScan()
    app.connect("builder-inited", scan.start)
    app.connect("build-finished", scan.scan)
