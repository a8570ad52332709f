"""Marking the searched words in titles and snippets, safely: the text is escaped, only <mark> is added."""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

MIN_TERM_LENGTH = 2


def query_terms(query):
    """The words of a query worth marking, longest first so that "petani" wins over "tani"."""
    words = {word for word in re.split(r"\W+", query) if len(word) >= MIN_TERM_LENGTH}
    return sorted(words, key=lambda word: (-len(word), word))


def _pattern(terms):
    return re.compile("|".join(re.escape(term) for term in terms), re.IGNORECASE) if terms else None


def highlight(text, terms):
    """`text` escaped, with every occurrence of a term wrapped in <mark>."""
    text = text or ""
    pattern = _pattern(terms)
    if pattern is None:
        return escape(text)
    parts, position = [], 0
    for match in pattern.finditer(text):
        parts.append(escape(text[position : match.start()]))
        parts.append(f"<mark>{escape(match.group())}</mark>")
        position = match.end()
    parts.append(escape(text[position:]))
    html = "".join(parts)
    return mark_safe(html)  # nosec B308 B703  # every piece above is escaped


def excerpt(text, terms, length=240):
    """About `length` characters of `text` around the first term found, cut at word boundaries."""
    text = " ".join((text or "").split())
    if len(text) <= length:
        return text
    pattern = _pattern(terms)
    match = pattern.search(text) if pattern else None
    start = 0
    if match and match.end() > length:
        start = max(0, match.start() - length // 3)
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < match.start() else start
    end = start + length
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return f"{prefix}{text[start:end]}{suffix}"
