"""Share links: each network's own share page, reached by a plain link. No third-party script
runs on a KIM site, and the shared URL is the page's canonical URL with nothing added."""

from dataclasses import dataclass
from urllib.parse import quote

# Small single-path icons (24×24), drawn inline so that no request leaves the site.
ICONS = {
    "whatsapp": (
        "M12 2a10 10 0 0 0-8.6 15.1L2 22l5-1.3A10 10 0 1 0 12 2zm0 2a8 8 0 1 1-4.2 14.8l-.3-.2-3 .8.8-2.9-.2-.3"
        "A8 8 0 0 1 12 4zM8.8 7.5c-.2 0-.5.1-.8.4-.3.3-1 1-1 2.5s1 2.9 1.2 3.1c.2.2 2.1 3.3 5.2 4.5 2.6 1 3.1.8"
        " 3.6.7.6-.1 1.8-.7 2-1.4.3-.7.3-1.3.2-1.4l-.6-.4-1.9-.9c-.3-.1-.5-.1-.7.1l-.9 1.1c-.2.2-.3.2-.6.1a6.5"
        " 6.5 0 0 1-3.2-2.8c-.2-.4.2-.4.7-1.3.1-.2 0-.3 0-.5l-.9-2.1c-.2-.6-.5-.5-.7-.5z"
    ),
    "facebook": "M13.5 22v-8h2.8l.4-3.3h-3.2V8.6c0-.9.3-1.6 1.6-1.6h1.7V4.1c-.3 0-1.3-.1-2.5-.1-2.5 0-4.2 1.5-4.2"
    " 4.3v2.4H7.3V14h2.8v8z",
    "x": "M3 3h5.2l4.3 6 5.3-6h2.4l-6.6 7.5L21 21h-5.2l-4.7-6.5L5.4 21H3l7-8z",
    "telegram": "M21.4 3.6 2.9 10.8c-1.2.5-1.2 1.3-.2 1.6l4.7 1.5 1.8 5.6c.2.6.4.8.9.8.4 0 .6-.2.9-.5l2.3-2.2"
    " 4.7 3.5c.9.5 1.5.2 1.7-.8l3.1-14.6c.3-1.3-.5-1.8-1.4-1.5zM8.7 14l9.2-5.8c.4-.3.8-.1.5.2l-7.6 6.9-.3"
    " 3.2z",
    "copy": "M8 7V3h13v13h-4v4H4V7zm2 0h7v7h2V5h-9zM6 9v9h9V9z",
    "share": "M18 16a3 3 0 0 0-2.4 1.2l-6.7-3.4a3 3 0 0 0 0-1.6l6.7-3.4A3 3 0 1 0 15 7l-6.7 3.4a3 3 0 1 0 0 3.2"
    "L15 17a3 3 0 1 0 3-1z",
}


@dataclass
class ShareLink:
    network: str
    name: str
    href: str
    icon: str


def _q(text):
    return quote(str(text), safe="")


def share_links(url, title):
    """The links of WhatsApp, Facebook, X and Telegram for `url` (absolute, canonical) and `title`."""
    url, title = str(url), " ".join(str(title).split())
    return [
        ShareLink("whatsapp", "WhatsApp", f"https://wa.me/?text={_q(f'{title} {url}')}", ICONS["whatsapp"]),
        ShareLink("facebook", "Facebook", f"https://www.facebook.com/sharer/sharer.php?u={_q(url)}", ICONS["facebook"]),
        ShareLink("x", "X", f"https://twitter.com/intent/tweet?url={_q(url)}&text={_q(title)}", ICONS["x"]),
        ShareLink("telegram", "Telegram", f"https://t.me/share/url?url={_q(url)}&text={_q(title)}", ICONS["telegram"]),
    ]
