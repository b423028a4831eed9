"""Reading what the engine needs out of raw SIP text: headers and the caller's number."""

from __future__ import annotations

import re

_URI_USER = re.compile(r"sips?:([^@;>]+)@", re.IGNORECASE)
DIALABLE = re.compile(r"^[0-9A-Za-z+*#._\-]{1,64}$")
# Headers the client acts on; anything else in a hostile message is ignored.
WANTED_HEADERS = ("x-interaction-id", "p-asserted-identity", "from", "call-id")


def parse_headers(whole_msg: str, wanted: tuple[str, ...] = WANTED_HEADERS) -> dict[str, str]:
    """The first value of each wanted header (lower-case names), from the start line to the blank line."""
    headers: dict[str, str] = {}
    head = whole_msg.split("\r\n\r\n", 1)[0].split("\n\n", 1)[0]
    for line in head.splitlines()[1:]:
        name, sep, value = line.partition(":")
        key = name.strip().lower()
        if sep and key in wanted and key not in headers:
            headers[key] = value.strip()[:512]
    return headers


def number_from_uri(uri: str) -> str:
    """`"Li Na" <sip:+8613812345678@host>` → `+8613812345678`; empty when there is no user part."""
    match = _URI_USER.search(uri)
    return match.group(1) if match else ""


def target_uri(target: str, domain: str) -> str:
    """What the agent typed (a number, an extension or a full SIP URI) as a SIP URI.

    Raises ValueError with a plain message when it cannot be dialled.
    """
    text = target.strip()
    if text.lower().startswith(("sip:", "sips:")):
        if "@" not in text or any(c in text for c in "\r\n<>\"' "):
            raise ValueError(f"'{target}' is not a SIP address that can be dialled")
        return text
    cleaned = re.sub(r"[\s()\-]", "", text)
    if not DIALABLE.match(cleaned):
        raise ValueError(f"'{target}' is not a number that can be dialled")
    return f"sip:{cleaned}@{domain}"
