"""Fixtures: the deployment Kamailio + the Huitong server (one per session), the engine, credentials."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from app.telephony.engine import SoftphoneEngine
from app.telephony.settings import EngineSettings
from tests.fixtures.line_process import LineProcess
from tests.fixtures.server import REPO
from tests.sip_server.deployment import SipServer, sip_server
from tests.telephony.conftest import EventLog

Credentials = dict[str, Any]


@pytest.fixture(scope="session")
def sip() -> Iterator[SipServer]:
    if shutil.which("kamailio") is None or shutil.which("openssl") is None:
        if os.environ.get("CI"):
            pytest.fail("kamailio/openssl missing; scripts/setup.sh should have installed them")
        pytest.skip("needs Kamailio and openssl: run scripts/setup.sh")
    workdir = Path(tempfile.mkdtemp(prefix="huitong-sipsrv-"))
    try:
        with sip_server(workdir) as server:
            yield server
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def issue(sip: SipServer, username: str) -> Credentials:
    """What the client does: log in, then POST /api/v1/sip/credentials."""
    token = sip.api.login(username)["access_token"]
    r = requests.post(f"{sip.api.url}/api/v1/sip/credentials", headers={"Authorization": f"Bearer {token}"},
                      timeout=10)
    r.raise_for_status()
    return dict(r.json())


@pytest.fixture
def credentials(sip: SipServer) -> Callable[[str], Credentials]:
    return lambda username: issue(sip, username)


@pytest.fixture
def engine_factory() -> Iterator[Callable[..., tuple[SoftphoneEngine, EventLog]]]:
    started: list[SoftphoneEngine] = []

    def make(tls_ca_file: str = "") -> tuple[SoftphoneEngine, EventLog]:
        assert not started, "one engine per process"
        log = EventLog()
        eng = SoftphoneEngine(EngineSettings(null_audio=True, tls_ca_file=tls_ca_file), log)
        eng.start()
        started.append(eng)
        return eng, log

    yield make
    for eng in started:
        eng.stop()


class AgentPeer(LineProcess):
    """tests/sip_server/agent_peer.py in its own process, registered with its own credentials."""

    def __init__(self, sip: SipServer, creds: Credentials) -> None:
        env = dict(os.environ, HUITONG_PEER_PASSWORD=creds["password"], PYTHONPATH=str(REPO))
        super().__init__([sys.executable, "-m", "tests.sip_server.agent_peer", "--domain", sip.domain,
                          "--user", creds["username"], "--auth-user", creds["auth_username"]],
                         cwd=REPO, env=env)


@pytest.fixture
def agent_peer(sip: SipServer) -> Iterator[Callable[[Credentials], AgentPeer]]:
    peers: list[AgentPeer] = []

    def make(creds: Credentials) -> AgentPeer:
        peers.append(AgentPeer(sip, creds))
        return peers[-1]

    yield make
    for p in peers:
        p.stop()
