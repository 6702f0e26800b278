"""The front-matter schema: every mistake names the field and its line."""

from __future__ import annotations

import datetime as dt

import pytest

from kwelle.articles.frontmatter import Author, FrontMatterError, parse_article_meta, read_front_matter

VALID = """\
---
title: A Title
deck: One sentence.
authors:
  - name: Min-ji Park
    role: reporter
  - Hans Weber
published: 2026-03-05
updated: 2026-04-01
tags: [budgets, Germany]
image: ../images/lead.svg
image_alt: A blue square.
image_credit: Test Journal
---

Body.
"""


def parse(source: str):
    return parse_article_meta(*read_front_matter(source))


def test_valid_front_matter() -> None:
    meta = parse(VALID)
    assert meta.title == "A Title"
    assert meta.authors == (Author("Min-ji Park", "reporter"), Author("Hans Weber"))
    assert meta.published == dt.date(2026, 3, 5)
    assert meta.tags == ("budgets", "Germany")
    assert meta.lines["image"] == 11


def test_no_front_matter() -> None:
    assert read_front_matter("# Just a page\n") == ({}, {})


@pytest.mark.parametrize(
    ("old", "new", "field", "line", "message"),
    [
        ("deck: One sentence.\n", "", "deck", 1, "missing required field 'deck'"),
        (
            "tags: [budgets, Germany]\n",
            "tags: [budgets, Germany]\nmood: sunny\n",
            "mood",
            11,
            "unknown field 'mood'",
        ),
        ("published: 2026-03-05", "published: 5 March 2026", "published", 8, "a date written YYYY-MM-DD"),
        ("published: 2026-03-05", "published: 2026-02-30", "published", 8, "a date written YYYY-MM-DD"),
        ("updated: 2026-04-01", "updated: 2026-01-01", "updated", 9, "is before 'published'"),
        ("title: A Title", "title: 42", "title", 2, "must be a non-empty string"),
        ("tags: [budgets, Germany]", "tags: budgets", "tags", 10, "must be a non-empty list"),
        ("  - Hans Weber\n", "  - nom: Hans Weber\n", "authors", 4, "unknown key 'nom'"),
        ("    role: reporter\n", "    role: reporter\n  - role: editor\n", "authors", 4, "needs 'name'"),
    ],
)
def test_invalid_front_matter(old: str, new: str, field: str, line: int, message: str) -> None:
    assert old in VALID
    with pytest.raises(FrontMatterError, match=message) as caught:
        parse(VALID.replace(old, new))
    assert (caught.value.field, caught.value.line) == (field, line)


def test_malformed_yaml_names_the_line() -> None:
    with pytest.raises(FrontMatterError, match="not valid YAML") as caught:
        parse(VALID.replace("deck: One sentence.", "deck: [One sentence."))
    assert caught.value.line >= 3
