"""Splits an e-mail body into what the sender wrote and the quoted history below it (plain Python).

Recognises `>` quoting, "On … wrote:" / "在 … 写道：" attributions, Outlook's "-----Original Message-----"
and "From: … Sent: …" blocks, and the `-- ` signature separator is left in the visible part.
"""

from __future__ import annotations

import re

_ATTRIBUTION = re.compile(
    r"^(On .{3,200} wrote:|在.{2,200}写道[:：]|.{2,200}於.{2,200}寫道[:：]|-{2,}\s*Original Message\s*-{2,}|"
    r"-{2,}\s*原始邮件\s*-{2,}|-{2,}\s*原始郵件\s*-{2,}|_{10,})\s*$", re.IGNORECASE)
_OUTLOOK_FROM = re.compile(r"^(From|发件人|寄件者)\s*[:：]", re.IGNORECASE)


def split_quoted(body: str) -> tuple[str, str]:
    """(new text, quoted text); quoted is "" when there is none. Only a trailing quote block is folded:
    inline answers between quotes stay visible."""
    lines = body.splitlines()
    cut = len(lines)
    for i, line in enumerate(lines):
        stripped = line.strip()
        if _ATTRIBUTION.match(stripped) or (_OUTLOOK_FROM.match(stripped) and _looks_like_outlook(lines, i)):
            cut = i
            break
    else:
        # No attribution: fold a trailing run of '>' lines (blank lines inside it allowed).
        j = len(lines)
        while j > 0 and (lines[j - 1].startswith(">") or not lines[j - 1].strip()):
            j -= 1
        if any(line.startswith(">") for line in lines[j:]):
            cut = j
    if cut >= len(lines) or not any(line.strip() for line in lines[:cut]):
        return body, ""  # nothing quoted, or nothing but quote: show it all rather than an empty message
    visible = "\n".join(lines[:cut]).rstrip()
    quoted = "\n".join(lines[cut:]).strip("\n")
    return visible, quoted


def _looks_like_outlook(lines: list[str], i: int) -> bool:
    window = " ".join(lines[i:i + 5]).casefold()
    return any(k in window for k in ("sent:", "发送时间", "寄件日期", "date:")) and \
        any(k in window for k in ("subject:", "主题", "主旨"))
