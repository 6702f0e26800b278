"""Search that finds Korean words: Hangul words are indexed without their particles.

Korean writes a noun and its particle as one word (대통령은, 대통령이, 대통령의: "the
president" with topic, subject, possessive markers). Sphinx has no Korean search language:
with ``language = "ko"`` it falls back to English, and an English site indexes each form
as it is written, so a search for 대통령 misses 대통령은 (its partial matching starts at three
letters; most Korean nouns have two). Here the words a page is split into, and the words of
a query, lose a trailing particle before anything else happens, by the same list in Python
and in the browser, so every form of a noun meets in one index term. Everything else is
Sphinx's English search, unchanged: the Porter stemmer, stop words and the query splitter.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

from sphinx.search.en import SearchEnglish

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: particles (and particle pairs) that end a Korean word, longest first
PARTICLES = tuple(
    sorted(
        (
            "은", "는", "이", "가", "을", "를", "의", "에", "와", "과", "도", "만", "로", "으로",
            "에서", "에게", "한테", "께서", "부터", "까지", "보다", "처럼", "마다", "이나", "나",
            "에는", "에도", "에서는", "에서도", "으로는", "로는", "과의", "와의", "에의", "까지는",
            "이라고", "라고", "이다", "이며", "이자",
        ),
        key=len,
        reverse=True,
    )
)  # fmt: skip
#: a particle comes off only where the rest is a word of two syllables or more (국가 stays)
MIN_STEM = 2
_HANGUL_WORD = re.compile(r"[\uac00-\ud7a3]+")


def strip_particle(word: str) -> str:
    """대통령은 -> 대통령, 인공지능에 -> 인공지능; a word not all Hangul is returned as it is."""
    if not _HANGUL_WORD.fullmatch(word):
        return word
    for particle in PARTICLES:
        if word.endswith(particle) and len(word) - len(particle) >= MIN_STEM:
            return word[: -len(particle)]
    return word


#: the browser's splitQuery: Sphinx's default splitter, then the same particle rule
_JS_SPLITTER = """
const kwelleParticles = PARTICLES;
const kwelleStripParticle = (word) => {
  if (!/^[\\uac00-\\ud7a3]+$/.test(word)) return word;
  for (const particle of kwelleParticles) {
    if (word.endsWith(particle) && word.length - particle.length >= MIN_STEM)
      return word.slice(0, -particle.length);
  }
  return word;
};
var splitQuery = (query) =>
  query
    .split(/[^\\p{Letter}\\p{Number}_\\p{Emoji_Presentation}]+/gu)
    .filter((term) => term)
    .map(kwelleStripParticle);
""".replace("PARTICLES", json.dumps(PARTICLES, ensure_ascii=False)).replace("MIN_STEM", str(MIN_STEM))


class SearchEnglishKorean(SearchEnglish):
    """English search that also indexes Korean words by their particle-less form."""

    js_splitter_code = _JS_SPLITTER

    def split(self, input: str) -> list[str]:
        return [strip_particle(word) for word in super().split(input)]


class SearchKorean(SearchEnglishKorean):
    """``language = "ko"``: the same index, where Sphinx would fall back to plain English."""

    lang = "ko"  # language_name stays "English": Sphinx names the browser's stemmer by it


def setup_search(app: Sphinx) -> None:
    app.add_search_language(SearchEnglishKorean)
    app.add_search_language(SearchKorean)
