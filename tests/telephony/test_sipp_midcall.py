"""sipp mid-call requests through the real Kamailio: hold/resume re-INVITEs and REFER, sent to our engine."""

from __future__ import annotations

import pytest

from app.telephony import events as ev
from tests.telephony.sipp.runner import Sipp, register_sipp_uas


def answer_sipp_call(registered, sipp: Sipp):
    eng, log = registered
    arrived = log.wait_for(ev.CallDidArrive)
    eng.answer(arrived.call_id).result(5)
    log.wait_for(ev.CallDidConnect, lambda e: e.call_id == arrived.call_id)
    return arrived.call_id


def sipfrag_statuses(sipp: Sipp) -> list[str]:
    """The status lines carried by the NOTIFY bodies (message/sipfrag) sipp received, in order."""
    received = sipp.messages.read_text(errors="replace").split("-" * 47)
    notifies = [m for m in received if "message received" in m and "\nNOTIFY " in m]
    return [line.strip() for m in notifies for line in m.splitlines() if line.strip().startswith("SIP/2.0 ")]


def test_customer_holds_and_resumes_and_the_engine_answers_each_reinvite(registered, kamailio):
    _eng, log = registered
    sipp = Sipp("uac_hold.xml", kamailio.domain).start()
    try:
        call_id = answer_sipp_call(registered, sipp)
        # sipp itself checks the answers: a=recvonly to the sendonly hold, a=inactive to the inactive
        # one, a=sendrecv to each resume
        assert sipp.wait() == 0, sipp.log()
        ended = log.wait_for(ev.CallDidEnd, lambda e: e.call_id == call_id)
        assert ended.connected_seconds > 0.5
    finally:
        sipp.stop()
    # the engine told the UI each time: held (sendonly), resumed, held (inactive), resumed
    changes = [(e.held_by_remote, e.held_locally) for e in log.events
               if isinstance(e, ev.CallDidChangeMedia) and e.call_id == call_id]
    assert changes == [(True, False), (False, False), (True, False), (False, False)]
    # and in order with the call: every change between connect and end
    order = [type(e).__name__ for e in log.events if getattr(e, "call_id", None) == call_id
             and isinstance(e, ev.CallDidConnect | ev.CallDidChangeMedia | ev.CallDidEnd)]
    assert order == ["CallDidConnect"] + ["CallDidChangeMedia"] * 4 + ["CallDidEnd"]



def test_refer_from_the_far_end_is_reported_and_followed_to_the_target(registered, kamailio):
    eng, log = registered
    if not hasattr(ev, "CallWillTransfer"):
        # The engine as committed before transfer support let pjsua2 follow REFER on its own: the new call
        # reused the original Call object, the original call's end was never reported, and libDestroy()
        # then crashed the process. Running it would take the whole test session down with it.
        pytest.xfail("the engine does not handle REFER yet (no CallWillTransfer event)")
    target = Sipp("uas_answer.xml", None).start()
    sipp = Sipp("uac_refer.xml", kamailio.domain, keys={"refer_to": "transfer-target"}).start()
    try:
        register_sipp_uas(kamailio, "transfer-target", target)
        original = answer_sipp_call(registered, sipp)
        will = log.wait_for(ev.CallWillTransfer, lambda e: e.call_id == original)
        assert "transfer-target@" in will.target
        follow = log.wait_for(ev.CallDidConnect, lambda e: "transfer-target@" in e.remote_uri)
        assert follow.call_id != original
        # sipp checked 202 Accepted and answered each NOTIFY; the last sipfrag must be the target's 200
        assert sipp.wait() == 0, sipp.log()
        assert sipfrag_statuses(sipp)[-1] == "SIP/2.0 200 OK", sipp.log()
        log.wait_for(ev.CallDidEnd, lambda e: e.call_id == original)
        eng.hangup(follow.call_id).result(5)
        log.wait_for(ev.CallDidEnd, lambda e: e.call_id == follow.call_id)
        assert target.wait() == 0, target.log()
    finally:
        sipp.stop()
        target.stop()
    register_sipp_uas(kamailio, "transfer-target", target, expires=0)
