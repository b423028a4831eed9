"""Which thread a message belongs to: by Message-ID, In-Reply-To and References, subject as a fallback.

Pure functions; the service looks the candidates up in the database.
"""

from __future__ import annotations

import re

from backend.channels.email.mime import ParsedEmail

# Reply / forward prefixes in English and Chinese mail clients, repeated or numbered ("Re[2]:", "回复：").
_PREFIX = re.compile(
    r"^\s*((re|fw|fwd|aw|sv|antw|回复|回覆|答复|答覆|转发|轉寄|转寄)\s*(\[\d+\])?\s*[:：]\s*)+",
    re.IGNORECASE)
_SPACES = re.compile(r"\s+")


def normalise_subject(subject: str) -> str:
    """The subject without reply/forward prefixes, whitespace folded, case-folded."""
    return _SPACES.sub(" ", _PREFIX.sub("", subject or "")).strip().casefold()


def looks_like_reply(subject: str) -> bool:
    return bool(_PREFIX.match(subject or ""))


def reply_subject(subject: str) -> str:
    """`Re: <subject>` without stacking prefixes."""
    base = _PREFIX.sub("", subject or "").strip()
    return f"Re: {base}" if base else "Re:"


def ancestors(parsed: ParsedEmail) -> list[str]:
    """Message-IDs this message answers, nearest first (In-Reply-To, then References newest → oldest)."""
    seen: list[str] = []
    for ref in [parsed.in_reply_to, *reversed(parsed.references)]:
        if ref and ref not in seen and ref != parsed.message_id:
            seen.append(ref)
    return seen


def root_guess(parsed: ParsedEmail) -> str:
    """The thread root when no known message matches: the oldest reference, else the message itself."""
    if parsed.references:
        return parsed.references[0]
    return parsed.in_reply_to or parsed.message_id


def references_for_reply(parent_references: list[str], parent_id: str, limit: int = 20) -> list[str]:
    """The References of a reply: the parent's References plus the parent, root kept when trimming."""
    refs = [r for r in parent_references if r != parent_id] + ([parent_id] if parent_id else [])
    if len(refs) > limit:
        refs = [refs[0], *refs[-(limit - 1):]]
    return refs
