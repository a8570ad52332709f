"""English that must not reach an editor or a moderator, and what of an admin answer a person reads.

Shared by the server-rendered walk (tests/kim_sites/test_admin_language.py) and the browser check
of script-rendered text (tests/e2e/test_admin_language.py).
"""

import json
import re

from bs4 import BeautifulSoup, Comment

# English once seen on these screens. Matched as whole words, case-sensitive. "Status" is not here: it
# is an Indonesian word (KBBI) and the catalog uses it as such.
LEAKS = (
    "Wagtail",
    "ago",
    "Slug",
    "slug",
    "Root",
    "Search",
    "Sheet1",
    "Greenwich",
    "Mean Time",
    "Dashboard",
    "Pages",
    "Images",
    "Documents",
    "Settings",
    "Edit",
    "Delete",
    "Save",
    "Publish",
    "Preview",
    "Cancel",
    "Actions",
    "Live",
    "Draft",
    "Author",
    "Help",
    "Log out",
    "Account",
    "Sign in",
    "Password",
    "Forgotten",
    "minutes",
    "hours",
    "Submit",
    "Upload",
    "Choose",
    "Add",
    "Sidebar",
    "Toggle",
    "(kim_sites.",
    "(wagtailcore.",
    "(home.",
)


def _whole(word):
    start = r"(?<!\w)" if re.match(r"\w", word) else ""
    end = r"(?!\w)" if re.search(r"\w$", word) else ""
    return start + re.escape(word) + end


LEAK_RE = re.compile("|".join(_whole(word) for word in LEAKS))

# Attributes whose text a person reads or hears.
TEXT_ATTRIBUTES = ("aria-label", "title", "placeholder", "alt", "aria-description")
# Wagtail's controllers that swap text in from a data attribute (shown while a button works, in a tooltip).
TEXT_DATA_ATTRIBUTES = ("data-w-progress-active-value", "data-w-tooltip-content-value")


def _labels(value):
    """The labels in the sidebar's telepath props (the menu is drawn from them by JavaScript)."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key in ("label", "title", "footer_text") and isinstance(item, str):
                yield item
            else:
                yield from _labels(item)
    elif isinstance(value, list):
        for item in value:
            yield from _labels(item)


def visible_text(html):
    """What a person sees or hears of an admin answer, one piece per line."""
    soup = BeautifulSoup(html, "html.parser")
    pieces = []
    props = soup.find(id="wagtail-sidebar-props")
    if props is not None:
        pieces += list(_labels(json.loads(props.string)))
    for tag in soup(["script", "style", "noscript"]):
        tag.decompose()
    for comment in soup.find_all(string=lambda text: isinstance(text, Comment)):
        comment.extract()
    for template in soup.find_all("template"):
        # A <template>'s content is parsed as text by html.parser; read it as markup.
        pieces += visible_text(template.decode_contents()).splitlines()
        template.decompose()
    title = soup.find("title")
    if title is not None:
        pieces.append(title.get_text())
    for tag in soup.find_all(True):
        for attribute in TEXT_ATTRIBUTES + TEXT_DATA_ATTRIBUTES:
            if tag.get(attribute):
                pieces.append(tag[attribute])
        if tag.name == "input" and tag.get("type") in ("submit", "button", "reset") and tag.get("value"):
            pieces.append(tag["value"])
        if tag.name == "option":
            pieces.append(tag.get_text())
    body = soup.body or soup
    pieces += [text.strip() for text in body.find_all(string=True) if text.strip()]
    return "\n".join(pieces)


def leaks(text):
    return sorted(
        {
            f"{match.group(0)!r} in {line.strip()[:120]!r}"
            for line in text.splitlines()
            for match in LEAK_RE.finditer(line)
        }
    )
