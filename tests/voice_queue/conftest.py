"""Fixtures: one voice rig per session (server + deployment Kamailio), the agent's engine, callers."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import requests

from app.telephony import events as ev
from app.telephony.engine import SoftphoneEngine
from app.telephony.settings import EngineSettings
from tests.sip_server.test_registration import account, outcome
from tests.telephony.conftest import EventLog
from tests.voice_queue.rig import Caller, Rig, voice_rig


def require_kamailio() -> None:
    if shutil.which("kamailio") is None or shutil.which("openssl") is None:
        if os.environ.get("CI"):
            pytest.fail("kamailio/openssl missing; scripts/setup.sh should have installed them")
        pytest.skip("needs Kamailio and openssl: run scripts/setup.sh")


@contextlib.contextmanager
def rig_in_temp_dir(prefix: str,
                    start: Callable[[Path], contextlib.AbstractContextManager[Rig]]) -> Iterator[Rig]:
    """A rig (the deployment's `voice_rig` or the demo's `demo_rig`) in a fresh work dir, removed after."""
    require_kamailio()
    workdir = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        with start(workdir) as rig:
            yield rig
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture(scope="session")
def rig() -> Iterator[Rig]:
    with rig_in_temp_dir("huitong-voiceq-", voice_rig) as r:
        yield r


@contextlib.contextmanager
def registered_agent(rig: Rig) -> Iterator[tuple[SoftphoneEngine, EventLog]]:
    """agent1's softphone engine registered with server-issued credentials; agent1 busy to begin with."""
    rig.set_state("busy")
    log = EventLog()
    eng = SoftphoneEngine(EngineSettings(null_audio=True), log)
    eng.start()
    try:
        eng.register(account(rig.credentials("agent1"))).result(5)
        assert isinstance(outcome(log), ev.RegistrationDidChange)
        yield eng, log
    finally:
        eng.stop()
        with contextlib.suppress(requests.RequestException):  # a test may have stopped the server
            rig.set_state("offline")


@pytest.fixture
def agent(rig: Rig) -> Iterator[tuple[SoftphoneEngine, EventLog]]:
    with registered_agent(rig) as pair:
        yield pair


@pytest.fixture
def caller(rig: Rig) -> Iterator[Callable[[str], Caller]]:
    started: list[Caller] = []

    def make(number: str) -> Caller:
        started.append(Caller(rig.domain, number))
        return started[-1]

    yield make
    for c in started:
        c.stop()
