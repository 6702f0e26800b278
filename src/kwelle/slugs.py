"""One rule for every name made from text: article files, tag pages, chart files, anchors.

Hangul is romanised by the Revised Romanization of Korean (korean-romanizer, which applies
its pronunciation rules: 한국 -> "hanguk", not the letter-by-letter "hangug"), so a Korean
title reads as Koreans spell it in Latin letters; python-slugify transliterates every other
script and makes the name lowercase, hyphenated and at most :data:`MAX_LENGTH` characters,
cut at a word boundary. A text that leaves no letters or digits (emoji, punctuation) gets a
name from its hash, so a name is never empty and the same text always gives the same name.
"""

from __future__ import annotations

import functools
import hashlib
import re
from typing import TYPE_CHECKING

from korean_romanizer.romanizer import Romanizer
from slugify import slugify as _slugify

if TYPE_CHECKING:
    from collections.abc import Iterable

#: long enough for a headline's first words, short enough for any file system and URL
MAX_LENGTH = 60
#: a run of Korean words: Hangul syllables and the spaces between them
HANGUL = re.compile(r"[\uac00-\ud7a3]+(?:\s+[\uac00-\ud7a3]+)*")
#: apostrophes join a word ("Korea's" -> "koreas"), they do not split it
_APOSTROPHES = [("'", ""), ("’", "")]


@functools.cache
def slugify(text: str) -> str:
    """A name from ``text``: "Korea's Gen Z & AI" -> "koreas-gen-z-ai",
    "한국 AI 정책" -> "hanguk-ai-jeongchaek"."""
    latin = HANGUL.sub(lambda run: Romanizer(run[0]).romanize(), text)
    slug = _slugify(latin, max_length=MAX_LENGTH, word_boundary=True, replacements=_APOSTROPHES)
    return slug or "n-" + hashlib.sha256(text.encode()).hexdigest()[:8]


def unique_slugs(texts: Iterable[str]) -> dict[str, str]:
    """Each distinct text's name, none shared: where several texts give the same name, the
    first in sorted order keeps it and the others get "-2", "-3" in that order."""
    names: dict[str, str] = {}
    taken: set[str] = set()
    for text in sorted(set(texts)):
        base = name = slugify(text)
        number = 1
        while name in taken:
            number += 1
            name = f"{base}-{number}"
        names[text] = name
        taken.add(name)
    return names
