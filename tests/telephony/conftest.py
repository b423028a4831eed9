"""Telephony fixtures: a real Kamailio, a scripted peer process, and our engine with its event log."""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from app.telephony import events as ev
from app.telephony.engine import SoftphoneEngine
from app.telephony.settings import EngineSettings, SipAccount
from tests.fixtures.line_process import LineProcess
from tests.telephony.audio_check import write_tone
from tests.telephony.kamailio import REPO, Kamailio

OUR_HZ = 1000.0  # the tone_engine's "microphone"


class PeerProcess(LineProcess):
    def __init__(self, kam: Kamailio, user: str, answer_after: float | None, srtp: str = "off",
                 tone: float | None = None) -> None:
        argv = [sys.executable, "-m", "tests.telephony.sip_peer", "--domain", kam.domain, "--user", user,
                "--srtp", srtp]
        if answer_after is not None:
            argv += ["--answer-after", str(answer_after)]
        if tone is not None:
            argv += ["--tone", str(tone)]
        super().__init__(argv, cwd=REPO)
        self.expect_or_kill("registered 200")


@pytest.fixture
def peer_factory(kamailio: Kamailio) -> Iterator[Callable[..., PeerProcess]]:
    peers: list[PeerProcess] = []

    def make(user: str = "peer", answer_after: float | None = 0.1, srtp: str = "off",
             tone: float | None = None, kam: Kamailio | None = None) -> PeerProcess:
        peers.append(PeerProcess(kam or kamailio, user, answer_after, srtp, tone))
        return peers[-1]

    yield make
    for p in peers:
        p.stop()


class EventLog:
    """Collects engine events (engine thread) for assertions (test thread)."""

    def __init__(self) -> None:
        self.events: list[Any] = []
        self._cond = threading.Condition()

    def __call__(self, event: ev.EngineEvent) -> None:
        with self._cond:
            self.events.append(event)
            self._cond.notify_all()

    def wait_for(self, kind: type, predicate: Callable[[Any], bool] = lambda e: True,
                 timeout: float = 10.0) -> Any:
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                for e in self.events:
                    if isinstance(e, kind) and predicate(e):
                        return e
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"no {kind.__name__} matching; events: {self.events}")
                self._cond.wait(left)


@pytest.fixture
def engine() -> Iterator[tuple[SoftphoneEngine, EventLog]]:
    log = EventLog()
    eng = SoftphoneEngine(EngineSettings(null_audio=True), log)
    eng.start()
    yield eng, log
    eng.stop()


@pytest.fixture
def registered(engine: tuple[SoftphoneEngine, EventLog], kamailio: Kamailio,
               ) -> tuple[SoftphoneEngine, EventLog]:
    eng, log = engine
    eng.register(SipAccount(username="agent1", password="", domain=kamailio.domain)).result(5)
    log.wait_for(ev.RegistrationDidChange, lambda e: e.state is ev.RegistrationState.REGISTERED)
    return eng, log


@pytest.fixture
def tone_engine(kamailio: Kamailio, tmp_path: Path) -> Iterator[tuple[SoftphoneEngine, EventLog]]:
    """A registered engine whose microphone is a looped 1 kHz tone (EngineSettings.capture_wav)."""
    log = EventLog()
    mic = write_tone(tmp_path / "mic-1khz.wav", OUR_HZ)
    eng = SoftphoneEngine(EngineSettings(null_audio=True, capture_wav=str(mic)), log)
    eng.start()
    eng.register(SipAccount(username="agent1", password="", domain=kamailio.domain)).result(5)
    log.wait_for(ev.RegistrationDidChange, lambda e: e.state is ev.RegistrationState.REGISTERED)
    yield eng, log
    eng.stop()
