"""Helpers for the sync tests: a recording listener, a restartable server behind a cuttable proxy."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from app.domain import ConnectionState, TimelineEvent
from app.sync.service import SyncService
from tests.fixtures.server import DEMO_PASSWORD, ServerProcess, start_server
from tests.sync.tcp_proxy import TcpProxy


def wait_for(predicate: Callable[[], object], timeout: float = 15.0, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


class Recorder:
    """A SyncListener that remembers everything it was told."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.states: list[ConnectionState] = []
        self.details: list[str] = []
        self.events: list[TimelineEvent] = []
        self.lost: list[str] = []
        self.outbox: list[int] = []

    def on_connection_state(self, state: ConnectionState, detail: str) -> None:
        with self.lock:
            self.states.append(state)
            self.details.append(detail)

    def on_event(self, event: TimelineEvent) -> None:
        with self.lock:
            self.events.append(event)

    def on_session_lost(self, reason: str) -> None:
        self.lost.append(reason)

    def on_outbox_changed(self, pending: int) -> None:
        self.outbox.append(pending)


class Rig:
    """A real server (restartable on the same port and database) reached through a cuttable proxy."""

    def __init__(self, server: ServerProcess, cache_dir: Path, *, owns_server: bool) -> None:
        self.server = server
        self.owns_server = owns_server
        self.port = int(server.url.rsplit(":", 1)[1])
        self.proxy = TcpProxy(self.port)
        self.cache_dir = cache_dir
        self.services: list[SyncService] = []

    def service(self, **kw: object) -> tuple[SyncService, Recorder]:
        svc = SyncService(self.proxy.url, cache_dir=self.cache_dir, **kw)  # type: ignore[arg-type]
        rec = Recorder()
        svc.add_listener(rec)
        self.services.append(svc)
        return svc, rec

    def restart_server(self) -> None:
        assert self.owns_server, "use own_rig to stop or restart the server"
        self.server.stop()
        self.server = start_server(self.server.database_url, seed=False, port=self.port)

    def post_as(self, username: str, customer_id: int, body: str) -> dict[str, object]:
        import uuid

        import requests

        token = self.server.login(username, DEMO_PASSWORD)["access_token"]
        r = requests.post(f"{self.server.url}/api/v1/customers/{customer_id}/timeline",
                          json={"client_id": str(uuid.uuid4()), "kind": "chat", "channel": "web",
                                "body": body},
                          headers={"Authorization": f"Bearer {token}"}, timeout=10)
        r.raise_for_status()
        return dict(r.json())

    def close(self) -> None:
        for svc in self.services:
            svc.close()
        self.proxy.close()
        if self.owns_server:
            self.server.stop()


@pytest.fixture(scope="session")
def shared_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    """One seeded server for the tests that never stop it (starting one costs ~3 s)."""
    server = start_server(f"sqlite:///{tmp_path_factory.mktemp('sync-srv') / 'huitong.sqlite3'}")
    yield server
    server.stop()


@pytest.fixture
def rig(shared_server: ServerProcess, tmp_path: Path) -> Iterator[Rig]:
    """The shared server behind this test's own proxy (so keyring entries and caches never collide)."""
    r = Rig(shared_server, tmp_path / "cache", owns_server=False)
    yield r
    r.close()


@pytest.fixture
def own_rig(server_factory: Callable[..., ServerProcess], tmp_path: Path) -> Iterator[Rig]:
    """A server of this test's own, which it may stop and restart."""
    r = Rig(server_factory(), tmp_path / "cache", owns_server=True)
    yield r
    r.close()


@pytest.fixture
def secure_keyring(secret_service: None, monkeypatch: pytest.MonkeyPatch) -> str:
    """The real Secret Service backend for this test's keyring helpers (they inherit the environment)."""
    backend = "keyring.backends.SecretService.Keyring"
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", backend)
    return backend


@pytest.fixture
def fail_keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    """What `keyring` picks with no usable store at all."""
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")


@pytest.fixture
def any_customer_id(request: pytest.FixtureRequest) -> int:
    import requests

    rig: Rig = request.getfixturevalue("own_rig" if "own_rig" in request.fixturenames else "rig")
    token = rig.server.login()["access_token"]
    r = requests.get(f"{rig.server.url}/api/v1/customers", params={"q": "", "limit": 5},
                     headers={"Authorization": f"Bearer {token}"}, timeout=10)
    r.raise_for_status()
    items = r.json()["items"]
    if not items:
        r = requests.post(f"{rig.server.url}/api/v1/customers/resolve",
                          json={"kind": "phone", "value": "+8613800138000", "display_name": "王小明"},
                          headers={"Authorization": f"Bearer {token}"}, timeout=10)
        r.raise_for_status()
        return int(r.json()["customer"]["id"])
    return int(items[0]["id"])
