"""baresip, a softphone no one here wrote, calling our engine through Kamailio and being called by it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app.telephony import events as ev
from tests.telephony.baresip import Baresip


@pytest.fixture
def baresip(kamailio) -> Iterator[Baresip]:
    phone = Baresip(kamailio.domain, user="bare", answermode="auto").start()
    yield phone
    phone.stop()


def test_baresip_calls_the_agent_who_answers_and_the_call_connects(registered, kamailio, baresip):
    eng, log = registered
    assert baresip.command("dial", f"sip:agent1@{kamailio.domain}")["ok"]
    arrived = log.wait_for(ev.CallDidArrive)
    assert arrived.remote_number == "bare"
    baresip.expect("CALL_RINGING")
    eng.answer(arrived.call_id).result(5)
    log.wait_for(ev.CallDidConnect, lambda e: e.call_id == arrived.call_id)
    established = baresip.expect("CALL_ESTABLISHED")
    assert "agent1@" in established["peeruri"]
    eng.hangup(arrived.call_id).result(5)
    baresip.expect("CALL_CLOSED")
    log.wait_for(ev.CallDidEnd, lambda e: e.call_id == arrived.call_id)


def test_agent_calls_baresip_which_answers_and_hangs_up(registered, baresip):
    eng, log = registered
    call_id = eng.dial("bare").result(5)
    connected = log.wait_for(ev.CallDidConnect, lambda e: e.call_id == call_id)
    assert "bare@" in connected.remote_uri
    baresip.expect("CALL_ESTABLISHED")
    assert baresip.command("hangup")["ok"]
    ended = log.wait_for(ev.CallDidEnd, lambda e: e.call_id == call_id)
    assert ended.connected_seconds > 0
