"""IMAP connection helpers on `imaplib`: connect with TLS as configured, new UIDs, fetch, IDLE."""

from __future__ import annotations

import contextlib
import imaplib
import io
import re
import select
import ssl
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass

_UID = re.compile(rb"UID (\d+)")
FETCH_CHUNK = 50


@dataclass(frozen=True)
class ImapConfig:
    host: str
    port: int
    security: str
    username: str
    password: str
    folder: str
    tls_verify: bool
    timeout: float = 30.0


def tls_context(verify: bool) -> ssl.SSLContext:
    context = ssl.create_default_context()
    if not verify:  # an admin's explicit choice for a private server with a self-signed certificate
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    return context


def connect(cfg: ImapConfig) -> imaplib.IMAP4:
    """Connected, logged in, folder selected read-only (we never change flags in the customer's mailbox)."""
    conn: imaplib.IMAP4
    if cfg.security == "ssl":
        conn = imaplib.IMAP4_SSL(cfg.host, cfg.port, ssl_context=tls_context(cfg.tls_verify),
                                 timeout=cfg.timeout)
    else:
        conn = imaplib.IMAP4(cfg.host, cfg.port, timeout=cfg.timeout)
        if cfg.security == "starttls":
            conn.starttls(ssl_context=tls_context(cfg.tls_verify))
    try:
        login(conn, cfg.username, cfg.password)
        status, data = conn.select(_quote(cfg.folder), readonly=True)
        if status != "OK":
            raise imaplib.IMAP4.error(f"cannot open folder {cfg.folder!r}: {data!r}")
    except BaseException:
        close(conn)
        raise
    return conn


def login(conn: imaplib.IMAP4, username: str, password: str) -> None:
    """LOGIN for ASCII credentials; else AUTHENTICATE PLAIN (UTF-8), which imaplib's LOGIN cannot send."""
    if (username + password).isascii() or "AUTH=PLAIN" not in conn.capabilities:
        conn.login(username, password)
        return
    conn.authenticate("PLAIN", lambda _challenge: f"\0{username}\0{password}".encode())


def _quote(folder: str) -> str:
    return '"' + folder.replace("\\", "\\\\").replace('"', '\\"') + '"'


def close(conn: imaplib.IMAP4) -> None:
    with contextlib.suppress(OSError, imaplib.IMAP4.error):
        conn.logout()


def uidvalidity(conn: imaplib.IMAP4) -> int:
    _, data = conn.response("UIDVALIDITY")
    value = data[0] if data else None
    if value is None:
        _status, data = conn.status(_quote("INBOX"), "(UIDVALIDITY)")
        match = re.search(rb"UIDVALIDITY (\d+)", data[0] if data and isinstance(data[0], bytes) else b"")
        return int(match.group(1)) if match else 0
    return int(value)


def new_uids(conn: imaplib.IMAP4, after: int) -> list[int]:
    status, data = conn.uid("SEARCH", f"UID {after + 1}:*")
    if status != "OK":
        raise imaplib.IMAP4.error(f"UID SEARCH failed: {data!r}")
    uids = [int(x) for x in (data[0] or b"").split()] if data else []
    return sorted(u for u in uids if u > after)  # "n:*" always matches the last message


def fetch(conn: imaplib.IMAP4, uids: list[int]) -> Iterator[tuple[int, bytes]]:
    """(uid, raw bytes) in UID order, a few at a time, without setting \\Seen."""
    for start in range(0, len(uids), FETCH_CHUNK):
        chunk = uids[start:start + FETCH_CHUNK]
        status, data = conn.uid("FETCH", ",".join(map(str, chunk)), "(UID BODY.PEEK[])")
        if status != "OK":
            raise imaplib.IMAP4.error(f"UID FETCH failed: {data!r}")
        found: dict[int, bytes] = {}
        for item in data:
            if isinstance(item, tuple) and len(item) == 2:
                match = _UID.search(item[0])
                if match:
                    found[int(match.group(1))] = item[1]
        for uid in chunk:
            if uid in found:
                yield uid, found[uid]


def _buffered(conn: imaplib.IMAP4) -> bool:
    """Whether a server line is already waiting in imaplib's buffers (so select() would not see it)."""
    sock = conn.sock
    if isinstance(sock, ssl.SSLSocket) and sock.pending():
        return True
    timeout = sock.gettimeout()
    sock.setblocking(False)
    try:
        reader = conn.file
        return isinstance(reader, io.BufferedReader) and bool(reader.peek(1))
    except (BlockingIOError, ssl.SSLWantReadError, OSError):
        return False
    finally:
        sock.settimeout(timeout)


def idle(conn: imaplib.IMAP4, seconds: float, stop: threading.Event) -> bool:
    """IMAP IDLE (RFC 2177) until the server reports new mail, `seconds` pass or `stop` is set.

    Returns True when the server announced something. Leaves the connection ready for commands.
    """
    tag = b"HTI" + str(int(time.monotonic() * 1000) % 10**8).encode()
    conn.send(tag + b" IDLE\r\n")
    news = False
    while True:  # untagged news may come before the continuation
        first = conn.readline()
        if first.startswith(b"+"):
            break
        if not first or not first.startswith(b"*"):
            raise imaplib.IMAP4.error(f"IDLE refused: {first!r}")
        news = news or b"EXISTS" in first
    deadline = time.monotonic() + seconds
    while not stop.is_set() and time.monotonic() < deadline and not news:
        wait = max(0.0, min(0.5, deadline - time.monotonic()))
        ready = _buffered(conn) or bool(select.select([conn.sock], [], [], wait)[0])
        if ready:
            line = conn.readline()
            if not line:
                raise imaplib.IMAP4.abort("the server closed the connection during IDLE")
            news = line.startswith(b"*") and (b"EXISTS" in line or b"RECENT" in line)
    conn.send(b"DONE\r\n")
    while True:
        line = conn.readline()
        if not line:
            raise imaplib.IMAP4.abort("the server closed the connection after IDLE")
        if line.startswith(tag):
            if not line[len(tag):].strip().startswith(b"OK"):
                raise imaplib.IMAP4.error(f"IDLE ended badly: {line!r}")
            return news
        news = news or (b"EXISTS" in line)
