"""``nox -s new -- "Article title"``: start an article that already builds cleanly.

    python -m kwelle.cli.scaffold "Article title" [--docs DOCS]

Writes ``DOCS/articles/<slug>.md`` with valid front matter (today's date, the journal's
lead image until the article has its own) and a References dropdown. The slug comes from
the title by the journal's one rule (:mod:`kwelle.slugs`: Hangul romanised, at most 60
characters), or from ``--slug``. It never overwrites: an existing article with that slug is
an error naming the title that has it, and the file stays as it was.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from kwelle.articles.frontmatter import FrontMatterError, read_front_matter
from kwelle.config import read_settings
from kwelle.slugs import HANGUL, slugify

TEMPLATE = """\
---
title: {title}
deck: One sentence that says what the article argues.
authors:
  - name: {author}
published: {today}
updated: {today}
tags: [{tag}]
language: {language}
image: {image}
image_alt: {image_alt}
image_credit: {image_credit}
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


class ArticleExistsError(FileExistsError):
    """The title's file name is taken; the message names the article that has it."""


def existing_title(path: Path) -> str:
    try:
        data, _ = read_front_matter(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, FrontMatterError):
        return ""
    return str(data.get("title", ""))


def quoted(text: str) -> str:
    """``text`` as a YAML double-quoted scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def create_article(docs: Path, title: str, today: dt.date, slug: str = "") -> Path:
    """Write the new article; ``slug`` (default: from the title, :mod:`kwelle.slugs`) names its file.
    Its byline and lead image are the journal's ``kwelle_scaffold_*`` settings (conf.py)."""
    if not title.strip():
        raise ValueError("the title is empty; give the article's headline")
    settings, project = read_settings(docs)
    if not settings.scaffold_image or not settings.scaffold_image_alt:
        raise ValueError(
            f"{docs / 'conf.py'}: set kwelle_scaffold_image and kwelle_scaffold_image_alt, the lead image "
            "a new article starts with (relative to the article) and what it shows"
        )
    name = slugify(slug or title)
    path = docs / settings.articles_dir / f"{name}.md"
    # a title in Hangul starts a Korean article: the page, feed and PDF say so (kwelle.articles.languages)
    language = "ko" if HANGUL.search(title) else "en"
    text = TEMPLATE.format(
        title=quoted(title),
        author=quoted(settings.scaffold_author or f"{project} editors"),
        today=today.isoformat(),
        tag="draft",
        language=language,
        image=quoted(settings.scaffold_image),
        image_alt=quoted(settings.scaffold_image_alt),
        image_credit=quoted(settings.scaffold_image_credit or project),
    )
    try:
        with path.open("x", encoding="utf-8") as handle:  # "x": fail rather than overwrite
            handle.write(text)
    except FileExistsError:
        other = existing_title(path)
        same = f" (the title {other!r} gives the same name)" if other and other != title else ""
        raise ArticleExistsError(
            f"{path}: an article with this name exists{same}; choose another title, "
            "or name the file with --slug"
        ) from None
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="nox -s new --", description="Start a new article.")
    parser.add_argument("title", help="the article's title")
    parser.add_argument("--docs", type=Path, default=Path("docs"), help="the journal's source folder")
    parser.add_argument("--slug", default="", help="the file name, if not the one made from the title")
    args = parser.parse_args(argv)
    try:
        path = create_article(args.docs, args.title, dt.datetime.now(dt.UTC).date(), args.slug)
    except (ArticleExistsError, ValueError) as err:
        print(err, file=sys.stderr)
        return 1
    except OSError as err:
        print(f"{err.filename}: cannot write the article: {err.strerror}", file=sys.stderr)
        return 1
    print(f"Created {path}: edit its front matter, then `nox -s serve` to preview it.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
