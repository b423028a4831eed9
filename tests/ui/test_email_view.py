"""The e-mail reader in the agent client, against a real server with mail filed through the real ingest path:
sanitised HTML shown formatted, no remote picture fetched before "Show images" (a real local HTTP server
counts the requests), attachments downloaded into the agent's cache and opened, Save as…, a clear message
when the server lost a file, and older messages paged in when the agent scrolls to the top."""

from __future__ import annotations

import os
import struct
import threading
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import requests
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from pytestqt.qtbot import QtBot

from app.sync.email_files import safe_file_name
from backend.channels.email import service as email_service
from backend.channels.email import storage
from backend.db import Database
from backend.interactions import service as interactions
from backend.settings import Settings
from tests.fixtures.server import ServerProcess
from tests.sync.test_inbox_support import new_customer
from tests.ui.conftest import DeskFactory, rest_headers
from tests.ui.file_opener import FileOpener
from tests.ui.inbox_steps import open_conversation, open_inbox


def _png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    """A valid solid-colour PNG, built by hand (what the sender's "tracker" and the inline photo serve)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    rows = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows))
            + chunk(b"IEND", b""))


PIXEL = _png(120, 40, (220, 60, 50))
PHOTO = _png(160, 90, (60, 120, 200))
PDF = b"%PDF-1.4\n% Huitong test invoice\n" + bytes(range(256)) * 40 + b"\n%%EOF\n"


class Tracker:
    """A tiny HTTP server standing in for a sender's image host; remembers every request."""

    def __init__(self) -> None:
        self.requests: list[dict[str, str]] = []
        tracker = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                headers = {k.lower(): v for k, v in self.headers.items()}
                tracker.requests.append({"path": self.path, **headers})
                self.send_response(200)
                self.send_header("Content-Type", "image/png")
                self.send_header("Content-Length", str(len(PIXEL)))
                self.end_headers()
                self.wfile.write(PIXEL)

            def log_message(self, *_args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture
def tracker() -> Iterator[Tracker]:
    t = Tracker()
    yield t
    t.server.shutdown()
    t.server.server_close()


@pytest.fixture
def mail_server(server_factory: Callable[..., ServerProcess], tmp_path: Path,
                monkeypatch: pytest.MonkeyPatch) -> ServerProcess:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))  # the agent's attachment cache
    return server_factory(HUITONG_DATA_DIR=str(tmp_path / "server-data"), HUITONG_EMAIL_FETCH="0")


def _mailbox(server: ServerProcess) -> int:
    r = requests.post(f"{server.url}/api/v1/email/mailboxes", headers=rest_headers(server, "admin"),
                      timeout=10,
                      json={"name": "Support", "address": "support@huitong.example", "imap_host": "127.0.0.1",
                            "imap_username": "support", "password": "x", "smtp_host": "127.0.0.1"})
    r.raise_for_status()
    return int(r.json()["id"])


def _ingest(server: ServerProcess, raw: bytes, uid: int) -> Filed:
    """Files a fetched e-mail exactly as the IMAP fetcher does, in the server's database and data dir."""
    settings = Settings(database_url=server.database_url, secret_key="unused",
                        data_dir=Path(server.env["HUITONG_DATA_DIR"]))
    db = Database(server.database_url)
    try:
        with db.sessions() as session:
            result = email_service.ingest(session, settings=settings, mailbox_id=_mailbox_id(server),
                                          raw=raw, uidvalidity=1, uid=uid)
            assert result is not None
            assert result.interaction_id is not None
            assert result.message_id is not None
            return Filed(result.interaction_id, result.message_id)
    finally:
        db.dispose()


@dataclass(frozen=True)
class Filed:
    interaction_id: int
    message_id: int


_MAILBOXES: dict[str, int] = {}


def _mailbox_id(server: ServerProcess) -> int:
    if server.url not in _MAILBOXES:
        _MAILBOXES[server.url] = _mailbox(server)
    return _MAILBOXES[server.url]


def _rich_mail(tracker_url: str) -> bytes:
    msg = EmailMessage()
    msg["From"] = "Ada Lovelace <ada@customer.test>"
    msg["To"] = "support@huitong.example"
    msg["Subject"] = "Order HT-7731 arrived damaged"
    msg["Message-ID"] = "<rich-1@customer.test>"
    msg.set_content("Order shipped damaged. Hello agent, see the photo.")
    msg.add_alternative(
        "<h1>Order arrived damaged</h1><p>Hello <b>agent</b>, the box was <i>crushed</i>. "
        '<a href="https://track.example/HT-7731">Tracking</a></p>'
        '<p><img src="cid:photo@customer.test" alt="photo"></p>'
        f'<p><img src="{tracker_url}/open.png?m=rich-1" alt="tracker"></p>', subtype="html")
    html_part = msg.get_body(("html",))
    assert isinstance(html_part, EmailMessage)
    html_part.add_related(PHOTO, maintype="image", subtype="png", cid="<photo@customer.test>",
                          filename="photo.png", disposition="inline")
    msg.add_attachment(PDF, maintype="application", subtype="pdf", filename="../../etc/Invoice HT-7731.pdf")
    msg.add_attachment(b"gone soon", maintype="text", subtype="plain", filename="notes.txt")
    return msg.as_bytes()


def test_html_mail_is_formatted_and_remote_images_wait_for_show_images(
        qtbot: QtBot, mail_server: ServerProcess, desk_factory: DeskFactory, tracker: Tracker,
        tmp_path: Path) -> None:
    filed = _ingest(mail_server, _rich_mail(tracker.url), uid=1)
    page = open_inbox(qtbot, desk_factory(mail_server.url), height=860)
    open_conversation(qtbot, page, filed.interaction_id, 1)
    conv = page.conversation
    reader = conv.reader
    qtbot.waitUntil(lambda: reader.html_loaded, timeout=10_000)
    assert reader.isVisible()
    assert reader.message is not None
    assert reader.message.id == filed.message_id
    text = reader.browser.toPlainText()
    assert "Order arrived damaged" in text
    assert "the box was crushed" in text
    html = reader.browser.document().toHtml()
    assert "font-weight:700" in html  # <b> and <h1> kept their formatting
    assert "font-style:italic" in html
    assert "From: Ada Lovelace <ada@customer.test>" in reader.header.text()
    # The inline cid: picture came through the server's attachment API; the remote one did not come at all.
    assert any(src.startswith("/api/v1/email/attachments/") for src in reader.browser.images)
    assert not any(src.startswith(tracker.url) for src in reader.browser.images)
    assert not reader.images_bar.isHidden()
    assert reader.show_images_button.text() == "Show images"
    qtbot.wait(700)
    assert tracker.requests == []
    shot = Path(os.environ.get("HUITONG_SCREENSHOT_DIR") or "/tmp")
    shot.mkdir(parents=True, exist_ok=True)
    assert page.window().grab().save(str(shot / "email_view_blocked.png"))

    qtbot.mouseClick(reader.show_images_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any(src.startswith(tracker.url) for src in reader.browser.images), timeout=10_000)
    assert reader.images_bar.isHidden()
    qtbot.wait(700)
    assert [r["path"] for r in tracker.requests] == ["/open.png?m=rich-1"]
    assert "authorization" not in tracker.requests[0]  # the agent's token never leaves for the sender's host
    assert "Tracking" in reader.browser.toPlainText()
    assert page.window().grab().save(str(shot / "email_view_images.png"))

    # Opening the message again blocks the pictures again: the choice was for that showing only.
    conv.open_message(conv.model.message(0))
    qtbot.waitUntil(lambda: reader.html_loaded, timeout=10_000)
    assert not reader.images_bar.isHidden()
    qtbot.wait(300)
    assert len(tracker.requests) == 1


def test_attachment_downloads_into_the_agent_cache_and_opens_and_saves(
        qtbot: QtBot, mail_server: ServerProcess, desk_factory: DeskFactory, tracker: Tracker,
        tmp_path: Path) -> None:
    filed = _ingest(mail_server, _rich_mail(tracker.url), uid=1)
    page = open_inbox(qtbot, desk_factory(mail_server.url), height=860)
    open_conversation(qtbot, page, filed.interaction_id, 1)
    reader = page.conversation.reader
    qtbot.waitUntil(lambda: reader.message is not None and len(reader.buttons) == 3, timeout=10_000)
    names = [b.text() for b in reader.buttons]
    assert names[1].startswith("../../etc/Invoice HT-7731.pdf ·")
    assert "KB" in names[1]
    opener = FileOpener()
    QDesktopServices.setUrlHandler("file", opener, "open")  # type: ignore[arg-type]
    try:
        qtbot.mouseClick(reader.buttons[1], Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: len(opener.paths) == 1, timeout=10_000)
    finally:
        QDesktopServices.unsetUrlHandler("file")
    [opened] = opener.paths
    assert opened.read_bytes() == PDF
    assert opened.name == "Invoice HT-7731.pdf"  # a name only, never the mail's path
    cache = tmp_path / "xdg-cache" / "huitong" / "attachments"
    assert opened.resolve().is_relative_to(cache.resolve())
    assert "Opened" in reader.status.text()

    saved = tmp_path / "chosen" / "invoice-copy.pdf"
    saved.parent.mkdir()
    reader.ask_save_path = lambda suggested: str(saved) if suggested == "Invoice HT-7731.pdf" else ""
    reader.buttons[1].menu().actions()[1].trigger()  # "Save as…"
    qtbot.waitUntil(lambda: saved.exists() and saved.read_bytes() == PDF, timeout=10_000)
    qtbot.waitUntil(lambda: "Saved" in reader.status.text(), timeout=5000)

    # The server lost the file behind the third attachment: a clear message, nothing opened.
    data_dir = Path(mail_server.env["HUITONG_DATA_DIR"])
    for path in storage.attachments_dir(data_dir).rglob("*"):
        if path.is_file() and path.read_bytes() == b"gone soon":
            path.unlink()
    QDesktopServices.setUrlHandler("file", opener, "open")  # type: ignore[arg-type]
    try:
        reader.open_attachment(2)
        qtbot.waitUntil(lambda: "could not be downloaded" in reader.status.text(), timeout=10_000)
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert "no longer on the server" in reader.status.text()
    assert len(opener.paths) == 1


def test_older_messages_page_in_when_scrolled_to_the_top(
        qtbot: QtBot, mail_server: ServerProcess, desk_factory: DeskFactory) -> None:
    customer = new_customer(mail_server, "Paging Pat", "pat@customer.test")
    db = Database(mail_server.database_url)
    try:
        with db.sessions() as session:
            interaction, _ = interactions.open_interaction(session, channel="email", customer_id=customer,
                                                           subject="A long thread")
            for n in range(1, 121):
                interactions.add_message(session, interaction, direction="in", body=f"Message number {n}",
                                         author_name="Paging Pat", payload={"from": "pat@customer.test"})
            iid = interaction.id
    finally:
        db.dispose()
    page = open_inbox(qtbot, desk_factory(mail_server.url), height=860)
    open_conversation(qtbot, page, iid, 50)
    conv = page.conversation
    qtbot.wait(500)
    assert conv.model.rowCount() == 50  # the newest page only
    assert conv.model.message(49).body == "Message number 120"
    assert conv.model.older_cursor is not None
    bar = conv.messages.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.value() == bar.maximum() and bar.maximum() > 0, timeout=5000)

    bar.setValue(bar.minimum())  # the agent scrolls to the top
    qtbot.waitUntil(lambda: conv.model.rowCount() == 100, timeout=10_000)
    assert conv.model.message(0).body == "Message number 21"
    assert conv.model.message(50).body == "Message number 71"
    qtbot.wait(200)
    assert 0 < bar.value() < bar.maximum()  # still reading where they were, not thrown to either end
    bar.setValue(bar.minimum())
    qtbot.waitUntil(lambda: conv.model.rowCount() == 120, timeout=10_000)
    assert [conv.model.message(r).body for r in range(120)] == [f"Message number {n}" for n in range(1, 121)]
    assert conv.model.older_cursor is None
    assert conv.older_label.isHidden()


@pytest.mark.parametrize(("name", "mime", "expected"), [
    ("../../etc/passwd", "", "passwd"),
    ("..\\..\\Windows\\evil.exe", "application/octet-stream", "evil.exe"),
    ("CON.txt", "text/plain", "attachment_CON.txt"),
    ("", "application/pdf", "attachment.pdf"),
    ("...", "", "attachment"),
    ("报价单\x00<v2>.xlsx", "", "报价单_v2_.xlsx"),
    ("a" * 300 + ".pdf", "", "a" * 116 + ".pdf"),
])
def test_attachment_file_names_are_names_only(name: str, mime: str, expected: str) -> None:
    assert safe_file_name(name, mime) == expected
