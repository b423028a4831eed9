"""sipp (a SIP tool no one here wrote) through the real Kamailio against our engine: inbound, outbound."""

from __future__ import annotations

from app.telephony import events as ev
from tests.telephony.sipp.runner import Sipp, register_sipp_uas


def test_sipp_customer_calls_the_agent_who_answers_then_the_customer_hangs_up(registered, kamailio):
    eng, log = registered
    sipp = Sipp("uac_call.xml", kamailio.domain, service="agent1").start()
    try:
        arrived = log.wait_for(ev.CallDidArrive)
        assert arrived.remote_number == "13800138000"
        assert arrived.headers["x-interaction-id"] == "sipp-1"
        eng.answer(arrived.call_id).result(5)
        log.wait_for(ev.CallDidConnect, lambda e: e.call_id == arrived.call_id)
        ended = log.wait_for(ev.CallDidEnd, lambda e: e.call_id == arrived.call_id)
        assert ended.connected_seconds > 0.1
        assert sipp.wait() == 0, sipp.log()
    finally:
        sipp.stop()


def test_agent_calls_a_sipp_phone_through_kamailio_and_hangs_up(registered, kamailio):
    eng, log = registered
    uas = Sipp("uas_answer.xml", None).start()
    try:
        register_sipp_uas(kamailio, "customer7", uas)
        call_id = eng.dial("customer7").result(5)
        states = [log.wait_for(ev.CallDidChangeState, lambda e, s=s: e.call_id == call_id and e.state is s)
                  for s in (ev.CallState.EARLY, ev.CallState.CONFIRMED)]
        assert states[0].code == 180
        connected = log.wait_for(ev.CallDidConnect, lambda e: e.call_id == call_id)
        assert "customer7@" in connected.remote_uri
        eng.hangup(call_id).result(5)
        ended = log.wait_for(ev.CallDidEnd, lambda e: e.call_id == call_id)
        assert ended.code == 200
        assert uas.wait() == 0, uas.log()
    finally:
        uas.stop()
    register_sipp_uas(kamailio, "customer7", uas, expires=0)
