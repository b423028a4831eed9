"""Call features with real calls through Kamailio: DTMF by SIP INFO, blind and attended transfer."""

from __future__ import annotations

import pytest

from app.telephony import events as ev
from app.telephony.settings import SipAccount


def _dial_connected(eng, log, peer_user):
    call_id = eng.dial(peer_user).result(5)
    log.wait_for(ev.CallDidConnect, lambda e: e.call_id == call_id)
    return call_id


def test_dtmf_by_sip_info_reaches_the_far_end_in_order(registered, peer_factory):
    eng, log = registered
    peer = peer_factory("peer", answer_after=0.05)
    call_id = _dial_connected(eng, log, "peer")
    peer.expect("media active")
    eng.send_dtmf(call_id, "159*#", method="info").result(5)
    got = [peer.expect("dtmf") for _ in range(5)]
    assert got == ["dtmf 1 info", "dtmf 5 info", "dtmf 9 info", "dtmf * info", "dtmf # info"]


def test_account_can_choose_sip_info_as_its_dtmf_method(engine, kamailio, peer_factory):
    eng, log = engine
    eng.register(SipAccount(username="agent1", password="", domain=kamailio.domain,
                            dtmf_method="info")).result(5)
    log.wait_for(ev.RegistrationDidChange, lambda e: e.state is ev.RegistrationState.REGISTERED)
    peer = peer_factory("peer", answer_after=0.05)
    call_id = _dial_connected(eng, log, "peer")
    peer.expect("media active")
    eng.send_dtmf(call_id, "42").result(5)
    assert [peer.expect("dtmf") for _ in range(2)] == ["dtmf 4 info", "dtmf 2 info"]
    eng.send_dtmf(call_id, "7", method="rfc4733").result(5)
    assert peer.expect("dtmf") == "dtmf 7"


def test_unknown_dtmf_method_is_refused(registered, peer_factory):
    eng, log = registered
    peer_factory("peer", answer_after=0.05)
    call_id = _dial_connected(eng, log, "peer")
    with pytest.raises(ValueError, match="unknown DTMF method"):
        eng.send_dtmf(call_id, "1", method="carrier-pigeon").result(5)
    with pytest.raises(ValueError, match="unknown DTMF method"):
        SipAccount(username="a", password="", domain="x", dtmf_method="smoke")


def test_blind_transfer_connects_the_customer_to_the_target_and_frees_the_agent(registered, peer_factory,
                                                                                kamailio):
    eng, log = registered
    customer = peer_factory("customer", answer_after=0.05)
    target = peer_factory("expert", answer_after=0.05)
    call_id = _dial_connected(eng, log, "customer")
    customer.expect("media active")
    eng.transfer(call_id, "expert").result(5)
    assert f"sip:expert@{kamailio.domain}" in customer.expect("refer")
    target.expect("incoming")
    target.expect("state CONFIRMED")
    log.wait_for(ev.CallTransferDidSucceed, lambda e: e.call_id == call_id)
    log.wait_for(ev.CallDidEnd, lambda e: e.call_id == call_id)
    assert any(isinstance(e, ev.CallTransferDidProgress) for e in log.events)
    # the customer is still talking to the expert after our leg ended
    customer.expect("disconnected")  # our leg
    target.send("hangup")
    target.expect("disconnected")


def test_blind_transfer_to_a_missing_number_fails_and_the_call_stays(registered, peer_factory):
    eng, log = registered
    customer = peer_factory("customer", answer_after=0.05)
    call_id = _dial_connected(eng, log, "customer")
    customer.expect("media active")
    eng.transfer(call_id, "4999").result(5)
    customer.expect("refer")
    failed = log.wait_for(ev.CallTransferDidFail, lambda e: e.call_id == call_id)
    assert failed.code == 404
    assert not any(isinstance(e, ev.CallDidEnd) and e.call_id == call_id for e in log.events)
    eng.send_dtmf(call_id, "5").result(5)  # the call is still ours and alive
    assert customer.expect("dtmf") == "dtmf 5"


def test_attended_transfer_consults_then_joins_customer_and_expert(registered, peer_factory):
    eng, log = registered
    customer = peer_factory("customer", answer_after=0.05)
    expert = peer_factory("expert", answer_after=0.05)
    first = _dial_connected(eng, log, "customer")
    customer.expect("media active")
    eng.hold(first).result(5)
    customer.expect("media held")
    consult = _dial_connected(eng, log, "expert")
    expert.expect("media active")
    eng.transfer_attended(first, consult).result(5)
    assert "Replaces" in customer.expect("refer")
    expert.expect("replaced")
    log.wait_for(ev.CallTransferDidSucceed, lambda e: e.call_id == first)
    log.wait_for(ev.CallDidEnd, lambda e: e.call_id == first)
    log.wait_for(ev.CallDidEnd, lambda e: e.call_id == consult)
    # customer and expert now talk directly: the expert's new call is confirmed and lives on
    expert.expect("state CONFIRMED")
    customer.send("hangup")
    expert.expect("disconnected")


def test_attended_transfer_to_the_same_call_is_refused(registered, peer_factory):
    eng, log = registered
    peer_factory("customer", answer_after=0.05)
    call_id = _dial_connected(eng, log, "customer")
    with pytest.raises(ValueError, match="cannot be transferred to itself"):
        eng.transfer_attended(call_id, call_id).result(5)


def test_far_end_refer_is_reported_and_followed_with_a_new_call(registered, peer_factory, kamailio):
    eng, log = registered
    customer = peer_factory("customer", answer_after=0.05)
    billing = peer_factory("billing", answer_after=0.05)
    first = _dial_connected(eng, log, "customer")
    customer.expect("media active")
    customer.send(f"xfer sip:billing@{kamailio.domain}")
    asked = log.wait_for(ev.CallWillTransfer, lambda e: e.call_id == first)
    assert f"sip:billing@{kamailio.domain}" in asked.target
    billing.expect("incoming")
    followed = log.wait_for(ev.CallDidConnect, lambda e: e.call_id != first)
    assert "billing@" in followed.remote_uri
    assert customer.expect("xfer-status 200") == "xfer-status 200"
    eng.hangup(followed.call_id).result(5)
    billing.expect("disconnected")
