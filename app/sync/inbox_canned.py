"""Canned replies, stored locally in a JSON file beside the cache (per computer, editable by hand).

Chosen over a server list because agents keep personal snippets and they must work offline; the file is
created with the defaults the UI supplies (in the agent's language) the first time it is read.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)
FILE_NAME = "canned_replies.json"


@dataclass(frozen=True, slots=True)
class CannedReply:
    shortcut: str  # typed after "/" to filter, e.g. "hello"
    title: str
    body: str

    def matches(self, text: str) -> bool:
        needle = text.strip().casefold()
        return not needle or any(needle in s.casefold() for s in (self.shortcut, self.title, self.body))


class CannedStore:
    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    def load(self, defaults: list[CannedReply]) -> list[CannedReply]:
        """The stored replies; writes `defaults` when there is no file. A broken file is logged, kept."""
        if not self.path.exists():
            self.save(defaults)
            return list(defaults)
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
            return [CannedReply(str(r["shortcut"]), str(r.get("title") or r["shortcut"]), str(r["body"]))
                    for r in raw if isinstance(r, dict)]
        except (OSError, ValueError, KeyError, TypeError) as exc:
            log.warning("canned replies file %s unreadable (%s); using defaults", self.path,
                        type(exc).__name__)
            return list(defaults)

    def save(self, replies: list[CannedReply]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        rows = [{"shortcut": r.shortcut, "title": r.title, "body": r.body} for r in replies]
        tmp.write_text(json.dumps(rows, ensure_ascii=False, indent=2), encoding="utf-8")
        os.replace(tmp, self.path)


def filter_replies(replies: list[CannedReply], text: str) -> list[CannedReply]:
    """Shortcut prefix matches first, then any other match, keeping the stored order inside each group."""
    needle = text.strip().casefold()
    first = [r for r in replies if r.shortcut.casefold().startswith(needle)]
    rest = [r for r in replies if r not in first and r.matches(needle)]
    return first + rest
