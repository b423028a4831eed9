"""The voice-queue rig: the real Huitong server (routing on, a voice queue with a number, the voice routing
secret) and the deployment Kamailio (packaging/kamailio/kamailio.cfg) on free loopback ports asking it — or
the demo Kamailio as scripts/run-demo.sh starts it (`demo_rig`) — plus helpers to act as the agent's client
(state, offers) and to run callers. Used by the tests and the benchmark.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests

from tests.fixtures.line_process import LineProcess
from tests.fixtures.ports import free_port
from tests.fixtures.server import REPO, ServerProcess, start_server
from tests.sip_server.certs import make_pki
from tests.sip_server.deployment import (
    PACKAGING,
    deployment_defines,
    running_kamailio,
    write_deployment,
    write_secret_include,
)

QUEUE_NUMBER = "8001"
Json = dict[str, Any]


def voice_include(router: str, secret: str) -> str:
    """`huitong-voice.cfg` as an operator writes it beside kamailio.cfg (README "Voice queues")."""
    return f'#!define VOICE_ROUTER "{router}"\n#!define VOICE_SECRET "{secret}"\n'


@dataclass
class Rig:
    """Kamailio on `port` (UDP/TCP) asking the server `api` about calls to queue `QUEUE_NUMBER`."""

    port: int
    api: ServerProcess
    workdir: Path
    queue_id: int = 0
    tokens: dict[str, str] = field(default_factory=dict)

    @property
    def domain(self) -> str:
        return f"127.0.0.1:{self.port}"

    def log(self) -> str:
        return (self.workdir / "kamailio.log").read_text(errors="replace")

    def token(self, username: str) -> str:
        if username not in self.tokens:
            self.tokens[username] = str(self.api.login(username)["access_token"])
        return self.tokens[username]

    def call(self, method: str, path: str, username: str = "agent1", expect: int | None = None,
             **kwargs: Any) -> Any:
        """The JSON answer; `expect` = the error status the caller wants (else any error raises)."""
        r = requests.request(method, f"{self.api.url}{path}", timeout=10,
                             headers={"Authorization": f"Bearer {self.token(username)}"}, **kwargs)
        if expect is not None:
            assert r.status_code == expect, r.text
        else:
            r.raise_for_status()
        return r.json() if r.content else None

    def credentials(self, username: str) -> Json:
        return dict(self.call("POST", "/api/v1/sip/credentials", username))

    def set_state(self, state: str, username: str = "agent1") -> None:
        self.call("PUT", "/api/v1/routing/me", username, json={"state": state})

    def interaction(self, interaction_id: int) -> Json:
        return dict(self.call("GET", f"/api/v1/interactions/{interaction_id}"))

    def find_call(self, sip_call_id: str) -> Json | None:
        """The voice interaction whose external_ref is this SIP Call-ID (as a supervisor sees them all)."""
        items = self.call("GET", "/api/v1/interactions", "lead",
                          params={"scope": "all", "channel": "voice", "status": "all", "limit": 200})["items"]
        return next((i for i in items if i["external_ref"] == sip_call_id), None)

    def accept_offer(self, interaction_id: int, username: str = "agent1") -> Json:
        """What the agent's client does on answering: accept the pending offer for this interaction."""
        offers = self.call("GET", "/api/v1/offers", username)
        offer = next(o for o in offers if o["interaction_id"] == interaction_id)
        return dict(self.call("POST", f"/api/v1/offers/{offer['id']}/accept", username))

    def finish(self, interaction_id: int, username: str = "agent1") -> None:
        """Hang-up bookkeeping as the client does it: end the call and wrap it up."""
        self.call("POST", f"/api/v1/interactions/{interaction_id}/end", username)
        self.call("POST", f"/api/v1/interactions/{interaction_id}/wrap_up", username,
                  json={"client_id": str(uuid.uuid4()), "disposition": None, "note": ""})


def make_queue(api: ServerProcess, number: str = QUEUE_NUMBER) -> int:
    admin = api.login("admin")["access_token"]
    r = requests.post(f"{api.url}/api/v1/routing/queues", headers={"Authorization": f"Bearer {admin}"},
                      json={"name": f"Hotline {number}", "channels": ["voice"], "number": number}, timeout=10)
    r.raise_for_status()
    return int(r.json()["id"])


@contextlib.contextmanager
def voice_rig(workdir: Path, *, tick_ms: int | None = None) -> Iterator[Rig]:
    """Server + deployment Kamailio sharing a data dir (SIP secret) and the voice routing secret."""
    data_dir = workdir / "data"
    data_dir.mkdir(parents=True)
    pki = make_pki(workdir / "pki")
    port, tls_port = free_port(), free_port()
    voice_secret = secrets.token_urlsafe(24)
    cfg = write_deployment(workdir, data_dir, pki)
    api = start_server(f"sqlite:///{data_dir / 'huitong.sqlite3'}", HUITONG_DATA_DIR=str(data_dir),
                       HUITONG_SIP_DOMAIN=f"127.0.0.1:{port}", HUITONG_SIP_TTL="600",
                       HUITONG_VOICE_ROUTE_SECRET=voice_secret)
    try:
        (workdir / "huitong-voice.cfg").write_text(voice_include(api.url, voice_secret))
        queue_id = make_queue(api)
        defines = deployment_defines(workdir, port, tls_port)
        if tick_ms is not None:
            defines += ["-A", f"QUEUE_TICK_MS={tick_ms}"]
        with running_kamailio(workdir, cfg, port, defines):
            yield Rig(port, api, workdir, queue_id)
    finally:
        api.stop()


def copy_demo_files(data_dir: Path) -> Path:
    """Runs scripts/run-demo.sh's own lines that copy its Kamailio files into the data dir (the config and
    the routes it includes); the copied config."""
    lines = [line.strip() for line in (REPO / "scripts/run-demo.sh").read_text().splitlines()
             if line.strip().startswith("cp packaging/kamailio/")]
    assert lines, "run-demo.sh copies no Kamailio files"
    subprocess.run(["bash", "-euc", "\n".join(lines)], cwd=REPO, check=True, timeout=30,
                   env={**os.environ, "HUITONG_DATA_DIR": str(data_dir)})
    return data_dir / "kamailio.cfg"


@contextlib.contextmanager
def demo_rig(workdir: Path) -> Iterator[Rig]:
    """The server and the demo Kamailio as scripts/run-demo.sh starts them (config and include copied into
    the data dir, the SIP secret written beside it, -A WITH_AUTH -A WITH_QUEUES -A VOICE_ROUTER, no voice
    secret: both on loopback), on a free port instead of 5060."""
    data_dir = workdir / "data"
    data_dir.mkdir(parents=True)
    port = free_port()
    cfg = copy_demo_files(data_dir)
    cfg.write_text(cfg.read_text().replace(":5060", f":{port}"))
    write_secret_include(data_dir, data_dir)
    api = start_server(f"sqlite:///{data_dir / 'huitong.sqlite3'}", HUITONG_DATA_DIR=str(data_dir),
                       HUITONG_SIP_DOMAIN=f"127.0.0.1:{port}", HUITONG_SIP_TTL="600")
    try:
        queue_id = make_queue(api)
        defines = ["-A", "WITH_AUTH", "-A", "WITH_QUEUES", "-A", f'VOICE_ROUTER="{api.url}"']
        with running_kamailio(workdir, cfg, port, defines):
            yield Rig(port, api, workdir, queue_id)
    finally:
        api.stop()


class Caller(LineProcess):
    """tests/voice_queue/caller.py in its own process: a customer calling from `number` via a trunk."""

    def __init__(self, proxy: str, number: str) -> None:
        super().__init__([sys.executable, "-m", "tests.voice_queue.caller", "--proxy", proxy,
                          "--number", number], name="caller", cwd=REPO)

    def dial(self, uri: str, header: str = "") -> str:
        """Calls `uri`; the SIP Call-ID of the call."""
        self.send(f"call {uri} {header}".rstrip())
        return self.expect("callid ").split(" ", 1)[1]


def wait_until(check: Callable[[], Any], timeout: float = 10.0, every: float = 0.05) -> Any:
    """Polls `check` until it returns something truthy; that value (else AssertionError)."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout}s")
        time.sleep(every)


__all__ = ["PACKAGING", "QUEUE_NUMBER", "Caller", "Rig", "demo_rig", "voice_rig", "wait_until"]
