"""The search index is stemmed by PyStemmer, and stems as the reader's browser does."""

from __future__ import annotations

import re

import pytest
import snowballstemmer
import Stemmer
from snowballstemmer.english_stemmer import EnglishStemmer
from snowballstemmer.german_stemmer import GermanStemmer
from sphinx.search.de import SearchGerman
from sphinx.search.en import SearchEnglish

from conftest import DOCS

FLAGSHIP = DOCS / "articles" / "why-korea-leads-ai-now.md"
FLAGSHIP_DE = DOCS / "locale" / "de" / "LC_MESSAGES" / "articles" / "why-korea-leads-ai-now.po"


def test_sphinx_is_handed_the_c_stemmer() -> None:
    """snowballstemmer gives Sphinx PyStemmer's stemmer when it is installed: stemming a
    200-article journal's index takes a tenth of the time (benchmarks/README.md)."""
    assert snowballstemmer.stemmer is Stemmer.Stemmer
    assert isinstance(SearchEnglish({}).stemmer, Stemmer.Stemmer)


@pytest.mark.parametrize(
    ("search", "python_stemmer", "text"),
    [(SearchEnglish, EnglishStemmer, FLAGSHIP), (SearchGerman, GermanStemmer, FLAGSHIP_DE)],
    ids=["en", "de"],
)
def test_the_index_stems_as_the_browser_does(search: type, python_stemmer: type, text) -> None:
    """The browser stems a query with Sphinx's JavaScript stemmer, generated from the same
    Snowball algorithm as snowballstemmer's Python one: PyStemmer must stem each word of the
    flagship as that one does, or a search would miss the page."""
    words = sorted(set(re.findall(r"[^\W\d_]+", text.read_text(encoding="utf-8").lower())))
    assert len(words) > 500  # the flagship's vocabulary, not a sample
    index = search({})
    python = python_stemmer()
    assert [index.stem(word) for word in words] == [python.stemWord(word) for word in words]
