"""The lead image is produced by the repository itself, byte for byte."""

from __future__ import annotations

import lead_image as artwork
from lxml import etree

from conftest import DOCS

LEAD_IMAGE = DOCS / "images" / "ai-budget-tiles.svg"


def test_committed_lead_image_is_what_the_code_draws() -> None:
    assert LEAD_IMAGE.read_text(encoding="utf-8") == artwork.lead_image_svg(), (
        "regenerate it: python tools/lead_image.py docs/images/ai-budget-tiles.svg"
    )


def test_tiles_are_the_budget_figures() -> None:
    svg = etree.fromstring(artwork.lead_image_svg().encode())
    tiles = [rect for rect in svg.iter("{http://www.w3.org/2000/svg}rect") if rect.get("rx")]
    assert len(tiles) == 101  # ₩10.1 tn in ₩0.1 tn tiles
    assert sum(tile.get("fill") == artwork.GOLD for tile in tiles) == 33  # the 2025 main budget's ₩3.3 tn


def test_columns_grow_by_one() -> None:
    assert artwork.column_heights(14, first=2) == [2, 3, 4, 5]
    assert artwork.column_heights(10, first=2) == [2, 3, 4, 1]
    assert sum(artwork.column_heights(101)) == 101


def test_command_line(tmp_path) -> None:
    target = tmp_path / "lead.svg"
    assert artwork.main([str(target)]) == 0
    assert target.read_text(encoding="utf-8") == artwork.lead_image_svg()
    assert artwork.main([]) == 2
