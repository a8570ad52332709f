"""What the platform's e-mails carry."""

import re

ACTIVATION_LINK = re.compile(r"https?://[^\s]+/aktivasi/[^\s/]+/[^\s/]+/")


def activation_path_from(text):
    """The path of the (last) activation link in an e-mail body or command output."""
    links = ACTIVATION_LINK.findall(text)
    assert links, f"no activation link in: {text!r}"
    return "/" + links[-1].split("/", 3)[3]
