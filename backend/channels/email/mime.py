"""MIME parsing with the standard library: never raises, always yields something to show.

`parse(raw)` returns a `ParsedEmail`: decoded headers (RFC 2047, GB2312/GBK/Big5/UTF-8…), the plain-text
body (from the HTML part when there is no text part), the raw HTML, attachments and inline (cid) images.
A message the parser cannot make sense of is marked `broken` with a reason; its raw text becomes the body.
"""

from __future__ import annotations

import codecs
import email
import email.header
import email.policy
import email.utils
import hashlib
import html as html_lib
import re
from dataclasses import dataclass, field
from email.message import Message
from email.utils import getaddresses, parseaddr, parsedate_to_datetime

MAX_BODY_CHARS = 1_000_000
RAW_PREVIEW_CHARS = 200_000
# Mail labelled GB2312 is very often really GBK (or GB18030); decode with the superset.
CHARSET_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030",
                   "big5": "big5hkscs", "x-big5": "big5hkscs", "ks_c_5601-1987": "euc-kr",
                   "unknown-8bit": "utf-8", "x-unknown": "utf-8", "us-ascii": "utf-8", "ascii": "utf-8"}
_MSGID = re.compile(r"<[^<>\s]+>")


@dataclass
class Attachment:
    name: str
    mime: str
    data: bytes
    content_id: str = ""
    inline: bool = False


@dataclass
class ParsedEmail:
    message_id: str
    subject: str = ""
    from_name: str = ""
    from_address: str = ""
    to: list[str] = field(default_factory=list)
    cc: list[str] = field(default_factory=list)
    reply_to: str = ""
    date: str = ""
    in_reply_to: str = ""
    references: list[str] = field(default_factory=list)
    text: str = ""
    html: str | None = None
    attachments: list[Attachment] = field(default_factory=list)
    broken: bool = False
    problems: list[str] = field(default_factory=list)
    auto_submitted: bool = False

    def headers(self) -> dict[str, object]:
        """What the agent's view shows (the message payload)."""
        return {"from": _format(self.from_name, self.from_address), "from_address": self.from_address,
                "to": self.to, "cc": self.cc, "subject": self.subject, "date": self.date,
                "message_id": self.message_id, "in_reply_to": self.in_reply_to,
                "references": self.references, "reply_to": self.reply_to}


def _format(name: str, address: str) -> str:
    return f"{name} <{address}>" if name and address else address or name


def decode_bytes(data: bytes, charset: str | None) -> str:
    """Bytes in a declared charset; unknown or lying charsets fall back to UTF-8, GB18030, Big5."""
    tried: list[str] = []
    if charset:
        name = charset.strip().strip('"').lower()
        name = CHARSET_ALIASES.get(name, name)
        try:
            codecs.lookup(name)
            tried.append(name)
        except LookupError:
            pass
    for fallback in ("utf-8", "gb18030", "big5hkscs"):
        if fallback not in tried:
            tried.append(fallback)
    for name in tried:
        try:
            return data.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode(tried[0] if tried else "utf-8", errors="replace")


def decode_header_value(value: object) -> str:
    """An RFC 2047 header as text, tolerant of raw 8-bit bytes and mislabelled charsets."""
    if value is None:
        return ""
    try:
        parts = email.header.decode_header(value if isinstance(value, email.header.Header) else str(value))
    except Exception:  # a header so broken the decoder gives up: show it as it is
        return str(value)
    out = []
    for chunk, charset in parts:
        if isinstance(chunk, bytes):
            out.append(decode_bytes(chunk, charset))
        else:
            out.append(chunk)
    text = "".join(out)
    return " ".join(text.replace("\r", " ").replace("\n", " ").split())


def _raw_header(msg: Message, name: str) -> str:
    value = msg.get(name)
    if value is None:
        return ""
    if isinstance(value, email.header.Header):  # 8-bit bytes the parser could not name
        return decode_header_value(value)
    raw = str(value)
    if any("\udc80" <= ch <= "\udcff" for ch in raw):
        # 8-bit header bytes surrogate-escaped by the parser: recover the bytes and guess the charset.
        return decode_bytes(raw.encode("ascii", "surrogateescape"), None)
    return decode_header_value(raw)


def _addresses(msg: Message, name: str) -> list[str]:
    values = [_raw_header(msg, name)] if msg.get(name) else []
    try:
        pairs = getaddresses(values)
    except Exception:
        return values
    return [_format(n, a) for n, a in pairs if a or n]


def message_ids(value: str) -> list[str]:
    """Message-IDs in a header value, in order, each `<…>`."""
    return _MSGID.findall(value or "")


def synthetic_message_id(raw: bytes) -> str:
    """A stable Message-ID for a message that has none (the same bytes always get the same id)."""
    return f"<{hashlib.sha256(raw).hexdigest()[:32]}@missing-id.huitong>"


def html_to_text(html: str) -> str:
    """A readable plain-text version of an HTML body (tags dropped, blocks become lines)."""
    text = re.sub(r"(?is)<(script|style|head)\b.*?</\1\s*>", " ", html)
    text = re.sub(r"(?i)<br\s*/?>|</(p|div|li|tr|h[1-6]|blockquote)\s*>", "\n", text)
    text = re.sub(r"(?s)<[^>]*>", "", text)
    text = html_lib.unescape(text)
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _part_text(part: Message) -> str:
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        payload = str(part.get_payload() or "").encode("utf-8", "surrogateescape")
    return decode_bytes(payload, part.get_content_charset())


def _filename(part: Message) -> str:
    name = part.get_param("filename", header="content-disposition") or part.get_param("name")
    if isinstance(name, tuple):  # RFC 2231 (charset, language, value)
        name = email.utils.collapse_rfc2231_value(name)
    return decode_header_value(name) if name else ""


def _walk(msg: Message, parsed: ParsedEmail) -> None:
    texts: list[str] = []
    htmls: list[str] = []
    for part in msg.walk():
        if part.is_multipart() or part.get_content_maintype() == "multipart":
            continue
        ctype = part.get_content_type()
        disposition = (part.get("Content-Disposition") or "").split(";")[0].strip().lower()
        name = _filename(part)
        cid = (part.get("Content-ID") or "").strip().strip("<>")
        is_body = disposition != "attachment" and not name and ctype in ("text/plain", "text/html")
        if is_body and ctype == "text/plain":
            texts.append(_part_text(part))
        elif is_body and ctype == "text/html":
            htmls.append(_part_text(part))
        elif ctype == "message/rfc822" or part.get_content_maintype() == "message":
            data = part.as_bytes() if not isinstance(part.get_payload(), list) else b""
            parsed.attachments.append(Attachment(name or "message.eml", "message/rfc822", data))
        else:
            decoded = part.get_payload(decode=True)
            data = decoded if isinstance(decoded, bytes) else str(part.get_payload() or "").encode(
                "utf-8", "surrogateescape")
            default = "inline-image" if ctype.startswith("image/") else "attachment"
            parsed.attachments.append(Attachment(name or default, ctype, data, content_id=cid,
                                                 inline=bool(cid) and disposition != "attachment"))
    parsed.text = "\n\n".join(t for t in texts if t.strip())[:MAX_BODY_CHARS]
    parsed.html = "\n".join(htmls)[:MAX_BODY_CHARS] if htmls else None
    if not parsed.text.strip() and parsed.html:
        parsed.text = html_to_text(parsed.html)[:MAX_BODY_CHARS]


def _headers(msg: Message, parsed: ParsedEmail) -> None:
    parsed.subject = _raw_header(msg, "Subject")
    name, address = parseaddr(_raw_header(msg, "From"))
    parsed.from_name, parsed.from_address = name.strip(), address.strip()
    parsed.to = _addresses(msg, "To")
    parsed.cc = _addresses(msg, "Cc")
    parsed.reply_to = parseaddr(_raw_header(msg, "Reply-To"))[1]
    date = _raw_header(msg, "Date")
    try:
        parsed.date = parsedate_to_datetime(date).isoformat() if date else ""
    except (TypeError, ValueError, IndexError):
        parsed.date = date
    ids = message_ids(str(msg.get("Message-ID") or ""))
    if ids:
        parsed.message_id = ids[0]
    in_reply = message_ids(str(msg.get("In-Reply-To") or ""))
    parsed.in_reply_to = in_reply[0] if in_reply else ""
    parsed.references = message_ids(str(msg.get("References") or ""))[-50:]
    auto = str(msg.get("Auto-Submitted") or "").lower()
    parsed.auto_submitted = bool(auto) and auto != "no"


def parse(raw: bytes) -> ParsedEmail:
    """Parses one message; never raises. Unusable structure → `broken`, body = the raw text."""
    parsed = ParsedEmail(message_id=synthetic_message_id(raw))
    try:
        msg: Message = email.message_from_bytes(raw, policy=email.policy.compat32)
    except Exception as exc:  # the stdlib parser is lenient; this is a last resort
        return _tidy(_broken(parsed, raw, f"unparseable: {type(exc).__name__}"))
    for step in (_headers, _walk):
        try:
            step(msg, parsed)
        except Exception as exc:  # one bad header or part must not lose the rest
            parsed.problems.append(f"{step.__name__.strip('_')}: {type(exc).__name__}: {exc}"[:300])
    defects = [type(d).__name__ for part in msg.walk() for d in getattr(part, "defects", [])]
    parsed.problems.extend(sorted(set(defects)))
    structural = {"StartBoundaryNotFoundDefect", "CloseBoundaryNotFoundDefect",
                  "MultipartInvariantViolationDefect", "NoBoundaryInMultipartDefect",
                  "MissingHeaderBodySeparatorDefect"}
    if (parsed.problems and not defects) or structural & set(defects):
        return _tidy(_broken(parsed, raw, "; ".join(parsed.problems) or "no readable body"))
    return _tidy(parsed)


def _clean_text(text: str) -> str:
    """Line ends as \n, no NUL (PostgreSQL text cannot hold it), no trailing blank lines."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "").rstrip()


def _tidy(parsed: ParsedEmail) -> ParsedEmail:
    parsed.text = _clean_text(parsed.text)
    if parsed.html is not None:
        parsed.html = parsed.html.replace("\x00", "")
    for name in ("subject", "from_name", "from_address", "reply_to", "date"):
        setattr(parsed, name, getattr(parsed, name).replace("\x00", ""))
    parsed.to = [a.replace("\x00", "") for a in parsed.to]
    parsed.cc = [a.replace("\x00", "") for a in parsed.cc]
    return parsed


def _broken(parsed: ParsedEmail, raw: bytes, reason: str) -> ParsedEmail:
    parsed.broken = True
    if reason not in parsed.problems:
        parsed.problems.append(reason)
    if not parsed.text.strip():
        parsed.text = decode_bytes(raw[:RAW_PREVIEW_CHARS], None)
    return parsed

