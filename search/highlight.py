"""Marking the searched words in titles and snippets, safely: the text is escaped, only <mark> is added.

A word is marked when it contains a searched word, or when it has the same Indonesian root as one
(search/stemming.py): "bersih" marks "membersihkan", as the index matched it.
"""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

from search.stemming import WORD, stem_word, words

MIN_TERM_LENGTH = 2


def query_terms(query):
    """The words of a query worth marking, longest first so that "petani" wins over "tani"."""
    words = {word for word in re.split(r"\W+", query) if len(word) >= MIN_TERM_LENGTH}
    return sorted(words, key=lambda word: (-len(word), word))


def query_stems(query):
    """The roots of the words of a query, for marking the other forms of each word."""
    return frozenset(stem_word(word) for word in words(query) if len(word) >= MIN_TERM_LENGTH)


def _pattern(terms):
    return re.compile("|".join(re.escape(term) for term in terms), re.IGNORECASE) if terms else None


def _spans(text, terms, stems):
    """The (start, end) stretches of `text` to mark, sorted and merged."""
    pattern = _pattern(terms)
    spans = [match.span() for match in pattern.finditer(text)] if pattern else []
    if stems:
        spans += [match.span() for match in WORD.finditer(text) if stem_word(match.group()) in stems]
    merged = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def highlight(text, terms, stems=()):
    """`text` escaped, with every occurrence of a term, and every word of one of `stems`, in <mark>."""
    text = text or ""
    spans = _spans(text, terms, stems)
    if not spans:
        return escape(text)
    parts, position = [], 0
    for start, end in spans:
        parts.append(escape(text[position:start]))
        parts.append(f"<mark>{escape(text[start:end])}</mark>")
        position = end
    parts.append(escape(text[position:]))
    html = "".join(parts)
    return mark_safe(html)  # nosec B308 B703  # every piece above is escaped


def matches(text, terms, stems=()):
    """Whether `text` has a term, or a word of one of `stems`."""
    return bool(_spans(text or "", terms, stems))


def excerpt(text, terms, length=240, stems=()):
    """About `length` characters of `text` around the first term found, cut at word boundaries."""
    text = " ".join((text or "").split())
    if len(text) <= length:
        return text
    spans = _spans(text, terms, stems)
    start = 0
    if spans and spans[0][1] > length:
        match_start = spans[0][0]
        start = max(0, match_start - length // 3)
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < match_start else start
    end = start + length
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return f"{prefix}{text[start:end]}{suffix}"
