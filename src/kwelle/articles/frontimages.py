"""Front-page images: each article's lead image at the widths a phone, a tablet and a desktop
need, made at build time with Pillow, so that a phone does not load the desktop image.

An SVG draws sharp at any width: there is nothing to resize, and it is published as it is.
Files are named after their content (a hash of the source), so an unchanged image is never
made again and a changed one never reaches a reader from a stale cache.
"""

from __future__ import annotations

import hashlib
import posixpath
from dataclasses import dataclass
from pathlib import Path

from docutils import nodes
from lxml import etree

from kwelle.files import write_atomically

#: where the images are published, inside the HTML output
PUBLISHED = "_front"
#: widths made of a raster image, in CSS pixels; none wider than the source
WIDTHS = (480, 960, 1440)
RASTER = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".webp": "WEBP"}


@dataclass(frozen=True)
class Variant:
    path: str  # relative to the HTML output
    width: int  # 0: an SVG


@dataclass(frozen=True)
class FrontImage:
    variants: tuple[Variant, ...]
    #: the source's width and height, (0, 0) if unknown: the page reserves its box before it loads
    size: tuple[int, int]


def _svg_size(data: bytes) -> tuple[int, int]:
    """An SVG's proportions: its width and height in pixels, or its viewBox."""
    try:
        root = etree.fromstring(data, parser=etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError:
        return (0, 0)
    box = (root.get("viewBox") or "").replace(",", " ").split()
    for width, height in ((root.get("width"), root.get("height")), [*box[2:4], None, None][:2]):
        try:
            return (round(float(width)), round(float(height)))
        except (TypeError, ValueError):  # absent, or in units such as "10cm"
            continue
    return (0, 0)


def publish(source: Path, outdir: Path) -> FrontImage:
    """Write the image's front-page files (once per content) and say what they are."""
    data = source.read_bytes()
    stem = f"{source.stem}-{hashlib.sha256(data).hexdigest()[:12]}"
    folder = outdir / PUBLISHED
    folder.mkdir(parents=True, exist_ok=True)
    kind = RASTER.get(source.suffix.lower())
    if kind is None:  # SVG: one file for every width
        target = folder / f"{stem}{source.suffix.lower()}"
        if not target.exists():
            write_atomically(target, data)
        return FrontImage((Variant(f"{PUBLISHED}/{target.name}", 0),), _svg_size(data))
    from PIL import Image  # noqa: PLC0415 (only a journal with raster lead images needs Pillow)

    with Image.open(source) as image:
        width, height = image.size
        widths = sorted({min(w, width) for w in WIDTHS})
        variants = []
        for target_width in widths:
            target = folder / f"{stem}-{target_width}w{source.suffix.lower()}"
            if not target.exists():
                resized = image.resize((target_width, round(height * target_width / width)), Image.LANCZOS)
                partial = target.with_name(f"{target.name}.part")
                resized.save(partial, format=kind, optimize=True)
                partial.replace(target)
            variants.append(Variant(f"{PUBLISHED}/{target.name}", target_width))
    return FrontImage(tuple(variants), (width, height))


class front_image(nodes.General, nodes.Element):  # noqa: N801 (docutils node naming)
    """An ``<img>`` with ``srcset`` (attributes: src, srcset, sizes, alt, width, height, loading)."""


def visit_front_image(self: object, node: front_image) -> None:
    attributes = {
        name: node[name] for name in ("src", "srcset", "sizes", "width", "height") if node.get(name)
    }
    tag = self.starttag(
        node, "img", "", empty=True, alt=node["alt"], loading=node["loading"], decoding="async", **attributes
    )
    self.body.append(tag)
    raise nodes.SkipNode


def image_node(image: FrontImage, here: str, alt: str, sizes: str, *, lazy: bool) -> front_image:
    """The node for a page at ``here`` (a folder relative to the output)."""

    def href(variant: Variant) -> str:
        return posixpath.relpath(variant.path, here)

    node = front_image(alt=alt, loading="lazy" if lazy else "eager", src=href(image.variants[0]))
    if image.variants[0].width:
        node["srcset"] = ", ".join(f"{href(v)} {v.width}w" for v in image.variants)
        node["sizes"] = sizes
    if all(image.size):
        node["width"], node["height"] = str(image.size[0]), str(image.size[1])
    return node
