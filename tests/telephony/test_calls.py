"""Real calls through a real Kamailio on loopback: our engine against a separate pjsua2 peer."""

from __future__ import annotations

import pytest

from app.telephony import events as ev
from app.telephony.settings import SipAccount


def test_agent_registers_and_calls_a_peer_who_answers(registered, peer_factory):
    eng, log = registered
    peer = peer_factory("peer", answer_after=0.1)
    call_id = eng.dial("peer").result(5)
    peer.expect("incoming")
    connected = log.wait_for(ev.CallDidConnect, lambda e: e.call_id == call_id)
    assert "peer@" in connected.remote_uri
    peer.expect("state CONFIRMED")
    eng.hangup(call_id).result(5)
    ended = log.wait_for(ev.CallDidEnd, lambda e: e.call_id == call_id)
    assert ended.connected_seconds >= 0
    peer.expect("disconnected")


def test_inbound_call_rings_with_interaction_id_and_agent_answers(registered, peer_factory, kamailio):
    eng, log = registered
    peer = peer_factory("customer", answer_after=None)
    peer.send(f"call sip:agent1@{kamailio.domain} X-Interaction-Id: iid-42")
    arrived = log.wait_for(ev.CallDidArrive)
    assert arrived.headers["x-interaction-id"] == "iid-42"
    assert arrived.remote_number == "customer"
    peer.expect("state EARLY")
    eng.answer(arrived.call_id).result(5)
    log.wait_for(ev.CallDidConnect, lambda e: e.call_id == arrived.call_id)
    peer.expect("state CONFIRMED")
    peer.send("hangup")
    ended = log.wait_for(ev.CallDidEnd, lambda e: e.call_id == arrived.call_id)
    assert ended.code in (200, 0) or ended.code // 100 == 2


def test_agent_rejects_a_ringing_call_and_the_caller_hears_busy(registered, peer_factory, kamailio):
    eng, log = registered
    peer = peer_factory("customer", answer_after=None)
    peer.send(f"call sip:agent1@{kamailio.domain}")
    arrived = log.wait_for(ev.CallDidArrive)
    eng.reject(arrived.call_id).result(5)
    assert peer.expect("disconnected").endswith("486")
    log.wait_for(ev.CallDidEnd, lambda e: e.call_id == arrived.call_id)


def test_call_to_a_nonexistent_number_ends_with_a_clear_reason_and_no_stuck_line(registered):
    eng, log = registered
    call_id = eng.dial("4999").result(5)
    ended = log.wait_for(ev.CallDidEnd, lambda e: e.call_id == call_id)
    assert ended.code == 404
    assert "Not Found" in ended.reason
    # the line is free again: a second call can be placed
    second = eng.dial("4998").result(5)
    log.wait_for(ev.CallDidEnd, lambda e: e.call_id == second)


def test_undiallable_input_is_refused_with_a_message_and_nothing_is_sent(registered):
    eng, log = registered
    with pytest.raises(ValueError, match="is not a number that can be dialled"):
        eng.dial("not a number <script>").result(5)
    assert not any(isinstance(e, ev.CallDidChangeState) for e in log.events)


def test_unreachable_registrar_reports_failed_registration(engine):
    eng, log = engine
    from tests.fixtures.ports import free_port

    dead = f"127.0.0.1:{free_port()}"
    eng.register(SipAccount(username="agent1", password="", domain=dead, transport="tcp")).result(5)
    failed = log.wait_for(ev.RegistrationDidChange, lambda e: e.state is ev.RegistrationState.FAILED,
                          timeout=40)
    assert failed.code >= 400


def _connected_call(registered, peer_factory):
    eng, log = registered
    peer = peer_factory("peer", answer_after=0.05)
    call_id = eng.dial("peer").result(5)
    log.wait_for(ev.CallDidConnect, lambda e: e.call_id == call_id)
    peer.expect("media active")
    return eng, log, peer, call_id


def test_hold_puts_the_customer_on_hold_and_resume_brings_them_back(registered, peer_factory):
    eng, _log, peer, call_id = _connected_call(registered, peer_factory)
    eng.hold(call_id).result(5)
    peer.expect("media held")
    eng.resume(call_id).result(5)
    peer.expect("media active")


def test_resume_pressed_before_the_hold_went_through_still_resumes(registered, peer_factory):
    """An agent who clicks Hold then Resume at once: pjsua refuses a second re-INVITE while the first is in
    flight, so the engine sends it as soon as it can instead of dropping it."""
    eng, log, peer, call_id = _connected_call(registered, peer_factory)
    eng.hold(call_id).result(5)
    eng.resume(call_id).result(5)
    peer.expect("media held")
    peer.expect("media active")
    assert not any(isinstance(e, ev.CommandDidFail) for e in log.events)


def test_dtmf_digits_reach_the_far_end_in_order(registered, peer_factory):
    eng, _log, peer, call_id = _connected_call(registered, peer_factory)
    eng.send_dtmf(call_id, "12#").result(5)
    assert [peer.expect("dtmf") for _ in range(3)] == ["dtmf 1", "dtmf 2", "dtmf #"]


def test_bad_dtmf_and_unknown_call_ids_are_refused_without_touching_the_call(registered, peer_factory):
    eng, log, _peer, call_id = _connected_call(registered, peer_factory)
    with pytest.raises(ValueError, match="are not DTMF digits"):
        eng.send_dtmf(call_id, "1x").result(5)
    with pytest.raises(KeyError, match="there is no call 3"):
        eng.hangup(3).result(5)
    assert not any(isinstance(e, ev.CallDidEnd) for e in log.events)


def test_registration_and_calls_work_over_tcp(engine, kamailio, peer_factory):
    eng, log = engine
    account = SipAccount(username="agent1", password="", domain=kamailio.domain, transport="tcp")
    eng.register(account).result(5)
    log.wait_for(ev.RegistrationDidChange, lambda e: e.state is ev.RegistrationState.REGISTERED)
    peer_factory("peer", answer_after=0.05)
    call_id = eng.dial("peer").result(5)
    log.wait_for(ev.CallDidConnect, lambda e: e.call_id == call_id)
    # and inbound: Kamailio relays it over our TCP connection, so it passes the registrar check
    caller = peer_factory("customer", answer_after=None)
    caller.send(f"call sip:agent1@{kamailio.domain}")
    arrived = log.wait_for(ev.CallDidArrive)
    eng.answer(arrived.call_id).result(5)
    caller.expect("state CONFIRMED")


def test_second_caller_rings_while_the_agent_is_on_a_call(registered, peer_factory, kamailio):
    eng, log, _peer, first = _connected_call(registered, peer_factory)
    second_caller = peer_factory("customer2", answer_after=None)
    second_caller.send(f"call sip:agent1@{kamailio.domain}")
    waiting = log.wait_for(ev.CallDidArrive, lambda e: e.remote_number == "customer2")
    assert waiting.call_id != first
    eng.hold(first).result(5)
    eng.answer(waiting.call_id).result(5)
    log.wait_for(ev.CallDidConnect, lambda e: e.call_id == waiting.call_id)
    second_caller.expect("state CONFIRMED")
    assert not any(isinstance(e, ev.CallDidEnd) and e.call_id == first for e in log.events)
