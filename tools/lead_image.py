"""The flagship article's lead image, drawn from the budget figures it reports.

Each tile is ₩0.1 trillion of Korea's proposed 2026 AI budget (₩10.1 tn); the gold
tiles are the ₩3.3 tn of the 2025 main budget (without that year's supplementary budgets).
Pure Python writing SVG text, so the same code gives the same bytes on every machine:

    python tools/lead_image.py docs/images/ai-budget-tiles.svg
"""

from __future__ import annotations

import sys
from pathlib import Path

AI_BUDGET_2026_TRILLION_WON = 10.1
AI_BUDGET_2025_TRILLION_WON = 3.3  # the 2025 main budget, as the article compares
TILE_TRILLION_WON = 0.1

WIDTH, HEIGHT = 1200, 630  # the usual social-card proportions
TILE, GAP = 34, 6
FIRST_COLUMN_HEIGHT = 2
NAVY, BLUE, GOLD = "#0d1b2a", "#2f6fde", "#f2b705"


def column_heights(tiles: int, first: int = FIRST_COLUMN_HEIGHT) -> list[int]:
    """Stack ``tiles`` in columns one tile taller than the last, the final one partial."""
    heights: list[int] = []
    height = first
    while tiles > 0:
        heights.append(min(height, tiles))
        tiles -= heights[-1]
        height += 1
    return heights


def lead_image_svg() -> str:
    total = round(AI_BUDGET_2026_TRILLION_WON / TILE_TRILLION_WON)
    gold = round(AI_BUDGET_2025_TRILLION_WON / TILE_TRILLION_WON)
    heights = column_heights(total)
    step = TILE + GAP
    left = (WIDTH - len(heights) * step + GAP) // 2
    bottom = HEIGHT - 70
    tiles = []
    index = 0
    for column, height in enumerate(heights):
        for row in range(height):
            colour = GOLD if index < gold else BLUE
            x, y = left + column * step, bottom - (row + 1) * step + GAP
            tiles.append(f'<rect x="{x}" y="{y}" width="{TILE}" height="{TILE}" rx="4" fill="{colour}"/>')
            index += 1
    body = "\n  ".join(tiles)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}">\n'
        f'  <rect width="{WIDTH}" height="{HEIGHT}" fill="{NAVY}"/>\n'
        f'  <rect x="0" y="{bottom + 20}" width="{WIDTH}" height="2" fill="{GOLD}" opacity="0.5"/>\n'
        f"  {body}\n"
        "</svg>\n"
    )


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    Path(args[0]).write_text(lead_image_svg(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
