"""E-mail fixtures: a real dovecot per test, a real aiosmtpd listener, the app on SQLite (and PostgreSQL)."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session
from fastapi.testclient import TestClient

from backend.auth.passwords import make_hasher
from backend.db import Database
from backend.demo import seed_agents
from backend.main import create_app
from backend.migrate import upgrade
from backend.settings import Settings
from tests.backend.conftest import PASSWORD, SECRET, Headers, login
from tests.email import dovecot as dovecot_mod
from tests.fixtures.ports import free_port

CORPUS = Path(__file__).parent / "corpus"
REFUSED = "nobody@refused.test"
ALL_CORPUS = sorted(p.name for p in CORPUS.glob("*.eml"))


@pytest.fixture
def dovecot() -> Iterator[dovecot_mod.Dovecot]:
    if not dovecot_mod.available():
        if os.environ.get("CI"):
            pytest.fail("dovecot is not installed; scripts/setup.sh should have installed dovecot-imapd")
        pytest.skip("dovecot not installed: run scripts/setup.sh (apt package 'dovecot-imapd')")
    server = dovecot_mod.start()
    try:
        yield server
    finally:
        server.stop()


@dataclass
class SmtpSink:
    port: int
    received: list[tuple[Envelope, EmailMessage]] = field(default_factory=list)

    def wait(self, count: int, timeout: float = 20.0) -> list[tuple[Envelope, EmailMessage]]:
        deadline = time.monotonic() + timeout
        while len(self.received) < count and time.monotonic() < deadline:
            time.sleep(0.05)
        return self.received


class _Handler:
    def __init__(self, sink: SmtpSink) -> None:
        self.sink = sink

    async def handle_RCPT(self, server: SMTP, session: Session, envelope: Envelope, address: str,
                          rcpt_options: list[str]) -> str:
        if address == REFUSED:
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        raw = envelope.original_content or b""
        msg = message_from_bytes(raw, policy=policy.default)
        assert isinstance(msg, EmailMessage)
        self.sink.received.append((envelope, msg))
        return "250 Message accepted"


@pytest.fixture
def smtp_sink() -> Iterator[SmtpSink]:
    sink = SmtpSink(free_port())
    controller = Controller(_Handler(sink), hostname="127.0.0.1", port=sink.port)
    controller.start()
    try:
        yield sink
    finally:
        controller.stop()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def email_settings(request: pytest.FixtureRequest, tmp_path: Path) -> Settings:
    url = str(request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "postgres_url"))
    upgrade(url)
    db = Database(url)
    with db.sessions() as session:
        seed_agents(session, hasher=make_hasher(fast=True), password=PASSWORD)
    db.dispose()
    return Settings(database_url=url, secret_key=SECRET, argon2_fast=True, data_dir=tmp_path / "data")


@dataclass
class EmailApp:
    settings: Settings
    client: TestClient
    admin: Headers
    agent: Headers

    def restart(self) -> None:
        """Stops the whole app (fetchers included) and starts a new one on the same database."""
        self.client.__exit__(None, None, None)
        self.client = TestClient(create_app(self.settings))
        self.client.__enter__()
        self.admin = auth(self.client, "admin")
        self.agent = auth(self.client, "agent1")

    def add_mailbox(self, server: dovecot_mod.Dovecot, smtp_port: int = 1, **extra: Any) -> dict[str, Any]:
        body = {"name": "Support", "address": server.user, "display_name": "汇通客服",
                "imap_host": "127.0.0.1", "imap_port": server.port, "imap_security": "none",
                "imap_username": server.user, "password": server.password, "smtp_host": "127.0.0.1",
                "smtp_port": smtp_port, "smtp_security": "none", "poll_seconds": 5, **extra}
        r = self.client.post("/api/v1/email/mailboxes", headers=self.admin, json=body)
        assert r.status_code == 201, r.text
        return dict(r.json())

    def interactions(self) -> list[dict[str, Any]]:
        r = self.client.get("/api/v1/interactions", headers=self.agent,
                            params={"channel": "email", "status": "all", "limit": 1000})
        assert r.status_code == 200, r.text
        return list(r.json()["items"])

    def messages(self, interaction_id: int) -> list[dict[str, Any]]:
        r = self.client.get(f"/api/v1/interactions/{interaction_id}/messages", headers=self.agent,
                            params={"limit": 200})
        assert r.status_code == 200, r.text
        return list(reversed(r.json()["items"]))  # oldest first

    def all_inbound(self) -> list[dict[str, Any]]:
        return [m for i in self.interactions() for m in self.messages(i["id"]) if m["direction"] == "in"]

    def wait_for(self, check: Callable[[], bool], timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if check():
                return
            time.sleep(0.1)
        raise AssertionError("the condition did not come true in time")


def auth(client: TestClient, username: str) -> Headers:
    return {"Authorization": f"Bearer {login(client, username)['access_token']}"}


@pytest.fixture
def email_app(email_settings: Settings) -> Iterator[EmailApp]:
    client = TestClient(create_app(email_settings))
    client.__enter__()
    app = EmailApp(email_settings, client, auth(client, "admin"), auth(client, "agent1"))
    try:
        yield app
    finally:
        app.client.__exit__(None, None, None)


def corpus(name: str) -> bytes:
    return (CORPUS / name).read_bytes()
