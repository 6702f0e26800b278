"""``nox -s new -- "Article title"``: start an article that already builds cleanly.

    python -m kwelle.cli.scaffold "Article title" [--docs DOCS]

Writes ``DOCS/articles/<slug>.md`` with valid front matter (today's date, the journal's
lead image until the article has its own) and a References dropdown. It never
overwrites: an existing article with that slug is an error, and the file stays as it was.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import unicodedata
from pathlib import Path

TEMPLATE = """\
---
title: {title}
deck: One sentence that says what the article argues.
authors:
  - name: K-Welle Journal editors
published: {today}
updated: {today}
tags: [{tag}]
image: ../images/ai-budget-tiles.svg
image_alt: A mosaic of small tiles, most in deep blue and a third of them in gold, rising in columns like a bar chart.
image_credit: K-Welle Journal
---

% Replace the deck, tags and lead image above, then write. Cite every figure with
% {{cite:p}}`key` (keys from docs/refs.bib); the Author guide has the details.

## First section

Start with the argument in two or three sentences.

:::{{dropdown}} References
```{{bibliography}}
:filter: docname in docnames
```
:::
"""


def slugify(title: str) -> str:
    """A file name from a title: "Korea's Gen Z & AI" -> "koreas-gen-z-ai"."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_title.lower().replace("'", "")).strip("-")


def create_article(docs: Path, title: str, today: dt.date) -> Path:
    slug = slugify(title)
    if not slug:
        raise ValueError(f"the title {title!r} gives no file name; use letters or digits")
    path = docs / "articles" / f"{slug}.md"
    quoted = '"' + title.replace("\\", "\\\\").replace('"', '\\"') + '"'
    text = TEMPLATE.format(title=quoted, today=today.isoformat(), tag="draft")
    with path.open("x", encoding="utf-8") as handle:  # "x": fail rather than overwrite
        handle.write(text)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="nox -s new --", description="Start a new article.")
    parser.add_argument("title", help="the article's title")
    parser.add_argument("--docs", type=Path, default=Path("docs"), help="the journal's source folder")
    args = parser.parse_args(argv)
    try:
        path = create_article(args.docs, args.title, dt.datetime.now(dt.UTC).date())
    except FileExistsError as err:
        print(f"{err.filename}: an article with this name exists; choose another title", file=sys.stderr)
        return 1
    except ValueError as err:
        print(err, file=sys.stderr)
        return 1
    print(f"Created {path}: edit its front matter, then `nox -s serve` to preview it.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
