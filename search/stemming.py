"""Indonesian stemming for the embedded SQLite index, and for marking results on either database.

Sastrawi (PySastrawi, the Nazief–Adriani algorithm with a dictionary of root words) takes a word to
its root: "membersihkan", "pembersihan" and "dibersihkan" all become "bersih", "pertanian" and
"petani" become "tani". A word it cannot take back to a known root is returned unchanged, so
English, names and numbers pass through as they are: every locale is stemmed with it
(docs/search-feeds-sitemaps.md, "Stemming").
"""

import re
from functools import lru_cache

from Sastrawi.Dictionary.ArrayDictionary import ArrayDictionary
from Sastrawi.Stemmer.Stemmer import Stemmer
from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

WORD = re.compile(r"\w+")
# Enough for every distinct word of a province's pages; each entry is two short strings.
STEM_CACHE_SIZE = 100_000


@lru_cache(maxsize=1)
def _stemmer():
    # Sastrawi's 30,000-word dictionary, read once per process on first use. Its own cached stemmer
    # keeps every word it ever saw; `stem_word`'s bounded cache is used instead.
    return Stemmer(ArrayDictionary(StemmerFactory().get_words()))


@lru_cache(maxsize=STEM_CACHE_SIZE)
def stem_word(word):
    """The root of one word, lower case. Words with digits or underscores are kept as they are."""
    word = word.lower()
    if not word.isalpha():
        return word
    return _stemmer().stem_word(word) or word


def words(text):
    """The words of `text`, as the index sees them."""
    return WORD.findall(text or "")


def stem_text(text):
    """`text` as space-separated roots: what the SQLite index stores and what a query is matched as."""
    return " ".join(stem_word(word) for word in words(text))
