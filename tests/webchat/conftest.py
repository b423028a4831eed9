"""Web chat test fixtures: the in-process app (SQLite, PostgreSQL), a real server process, visitor helpers."""

from __future__ import annotations

import json
import tempfile
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import requests
from websockets.sync.client import ClientConnection, connect

from tests.backend.conftest import agent, as_user, client, db_url, lead, settings  # noqa: F401 - fixtures
from tests.fixtures.server import ServerProcess, start_server

VISITOR_HEADER = "X-Huitong-Visitor"


@pytest.fixture(scope="module")
def chat_server() -> Iterator[ServerProcess]:
    """One real seeded server (SQLite) for the module; generous session limits since every test shares
    the loopback address."""
    url = f"sqlite:///{tempfile.mkdtemp(prefix='huitong-webchat-')}/huitong.sqlite3"
    server = start_server(url, HUITONG_WEBCHAT_SESSIONS_PER_MINUTE="6000",
                          HUITONG_WEBCHAT_CONNECTS_PER_MINUTE="6000")
    yield server
    server.stop()


class Visitor:
    """A widget stand-in speaking the visitor protocol to a real server."""

    def __init__(self, base: str, token: str = "") -> None:
        self.base = base
        r = requests.post(f"{base}/api/v1/webchat/session", json={"token": token}, timeout=10)
        r.raise_for_status()
        self.session = r.json()
        self.token: str = self.session["token"]
        self.visitor_id: str = self.session["visitor_id"]

    @property
    def headers(self) -> dict[str, str]:
        return {VISITOR_HEADER: self.token}

    def profile(self, **fields: str) -> requests.Response:
        return requests.post(f"{self.base}/api/v1/webchat/profile", json=fields, headers=self.headers,
                             timeout=10)

    def post(self, body: str, client_id: str | None = None, **extra: Any) -> requests.Response:
        return requests.post(f"{self.base}/api/v1/webchat/messages", headers=self.headers, timeout=10,
                             json={"client_id": client_id or str(uuid.uuid4()), "body": body, **extra})

    def socket(self, since: int = 0) -> VisitorSocket:
        ws_base = self.base.replace("http://", "ws://")
        conn = connect(f"{ws_base}/api/v1/webchat/ws?token={self.token}&since={since}", open_timeout=10)
        return VisitorSocket(conn.__enter__())


class VisitorSocket:
    def __init__(self, conn: ClientConnection) -> None:
        self.conn = conn
        self.frames: list[dict[str, Any]] = []

    def send(self, frame: dict[str, Any]) -> None:
        self.conn.send(json.dumps(frame))

    def next(self, predicate: Callable[[dict[str, Any]], bool], timeout: float = 10) -> dict[str, Any]:
        """The first frame (seen or arriving) matching predicate; TimeoutError otherwise."""
        for frame in self.frames:
            if predicate(frame):
                self.frames.remove(frame)
                return frame
        while True:
            frame = json.loads(self.conn.recv(timeout=timeout))
            if predicate(frame):
                return frame
            self.frames.append(frame)

    def of_type(self, kind: str, timeout: float = 10) -> dict[str, Any]:
        return self.next(lambda f: f.get("type") == kind, timeout)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> VisitorSocket:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


@pytest.fixture
def visitor_factory(chat_server: ServerProcess) -> Callable[..., Visitor]:
    return lambda token="": Visitor(chat_server.url, token)


@pytest.fixture(scope="module")
def agent_headers(chat_server: ServerProcess) -> dict[str, str]:
    return {"Authorization": f"Bearer {chat_server.login('agent1')['access_token']}"}
