"""A customer calls a queue number through the deployment Kamailio; the server picks the agent."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from typing import Any

import requests

from app.telephony import events as ev
from app.telephony.engine import SoftphoneEngine
from tests.sip_server.conftest import AgentPeer
from tests.telephony.conftest import EventLog
from tests.voice_queue.rig import QUEUE_NUMBER, Caller, Rig, wait_until

Agent = tuple[SoftphoneEngine, EventLog]
MakeCaller = Callable[[str], Caller]


def queue_uri(rig: Rig, number: str = QUEUE_NUMBER) -> str:
    return f"sip:{number}@{rig.domain}"


def known_customer(rig: Rig, phone: str, name: str) -> int:
    r = requests.post(f"{rig.api.url}/api/v1/customers", timeout=10,
                      headers={"Authorization": f"Bearer {rig.token('agent1')}"},
                      json={"client_id": str(uuid.uuid5(uuid.NAMESPACE_URL, "tel:" + phone)),
                            "display_name": name, "identities": [{"kind": "phone", "value": phone}]})
    r.raise_for_status()
    return int(r.json()["id"])


def ringing(log: EventLog, after: int = 0, timeout: float = 10.0) -> Any:
    """The next CallDidArrive at the agent's engine (after the first `after` events of the log)."""
    return log.wait_for(ev.CallDidArrive, lambda e: any(x is e for x in log.events[after:]), timeout=timeout)


def connect(rig: Rig, eng: SoftphoneEngine, log: EventLog, arrived: Any, person: Caller) -> int:
    """The agent's client answers: accept the offer, answer the phone; the caller is connected."""
    iid = int(arrived.headers["x-interaction-id"])
    rig.accept_offer(iid)
    eng.answer(arrived.call_id).result(5)
    person.expect("state CONFIRMED")
    log.wait_for(ev.CallDidConnect, lambda e: e.call_id == arrived.call_id)
    return iid


def hang_up(rig: Rig, eng: SoftphoneEngine, log: EventLog, arrived: Any, person: Caller, iid: int) -> None:
    eng.hangup(arrived.call_id).result(5)
    person.expect("disconnected ")
    log.wait_for(ev.CallDidEnd, lambda e: e.call_id == arrived.call_id)
    rig.finish(iid)


def test_a_free_agent_rings_at_once_with_the_interaction_of_the_resolved_customer(
        rig: Rig, agent: Agent, caller: MakeCaller) -> None:
    eng, log = agent
    customer_id = known_customer(rig, "+8613800138001", "Wang Fang 王芳")
    rig.set_state("available")
    person = caller("+8613800138001")
    sip_call_id = person.dial(queue_uri(rig), "X-Interaction-Id: 999999")  # made up by the caller
    arrived = ringing(log)
    iid = int(arrived.headers["x-interaction-id"])
    call = rig.interaction(iid)
    assert iid != 999999
    assert (call["channel"], call["external_ref"], call["customer_id"]) == ("voice", sip_call_id, customer_id)
    assert call["status"] == "offered"
    assert call["customer_name"] == "Wang Fang 王芳"
    assert call["queue_id"] == rig.queue_id
    assert connect(rig, eng, log, arrived, person) == iid
    assert rig.interaction(iid)["status"] == "active"
    assert rig.interaction(iid)["assigned_agent_id"] == rig.call("GET", "/api/v1/me")["id"]
    hang_up(rig, eng, log, arrived, person, iid)


def no_ring(log: EventLog, seconds: float) -> None:
    """The agent's phone stays quiet for `seconds` (several queue ticks)."""
    time.sleep(seconds)
    assert [e for e in log.events if isinstance(e, ev.CallDidArrive)] == []


def test_while_the_only_agent_is_busy_the_caller_rings_and_waits_then_connects(
        rig: Rig, agent: Agent, caller: MakeCaller) -> None:
    eng, log = agent
    person = caller("+8613800138002")
    sip_call_id = person.dial(queue_uri(rig))
    assert person.expect("state EARLY") == "state EARLY 180"
    waiting = wait_until(lambda: rig.find_call(sip_call_id))
    assert waiting["status"] == "queued"
    position = rig.call("GET", f"/api/v1/interactions/{waiting['id']}/queue_position")
    assert (position["waiting"], position["position"]) == (True, 1)
    no_ring(log, 2.0)
    assert rig.interaction(waiting["id"])["status"] == "queued"  # still there: nobody gave up on it
    rig.set_state("available")
    arrived = ringing(log)
    assert int(arrived.headers["x-interaction-id"]) == waiting["id"]
    assert arrived.remote_number.endswith("8613800138002")
    iid = connect(rig, eng, log, arrived, person)
    assert rig.interaction(iid)["status"] == "active"
    hang_up(rig, eng, log, arrived, person, iid)


def test_a_caller_waits_while_the_agent_is_on_another_call_and_rings_when_it_ends(
        rig: Rig, agent: Agent, caller: MakeCaller) -> None:
    eng, log = agent
    rig.set_state("available")
    first = caller("+8613800138003")
    first.dial(queue_uri(rig))
    arrived = ringing(log)
    first_iid = connect(rig, eng, log, arrived, first)
    second = caller("+8613800138004")
    sip_call_id = second.dial(queue_uri(rig))
    assert second.expect("state EARLY") == "state EARLY 180"
    waiting = wait_until(lambda: rig.find_call(sip_call_id))
    time.sleep(1.5)
    assert len([e for e in log.events if isinstance(e, ev.CallDidArrive)]) == 1  # capacity: one call
    assert rig.interaction(waiting["id"])["status"] == "queued"
    mark = len(log.events)  # before hanging up: the waiting call may ring as soon as the agent is free
    hang_up(rig, eng, log, arrived, first, first_iid)  # ends, wraps up: after-call work, then ...
    rig.set_state("available")  # ... the agent is ready again
    nxt = ringing(log, after=mark)
    assert int(nxt.headers["x-interaction-id"]) == waiting["id"]
    iid = connect(rig, eng, log, nxt, second)
    hang_up(rig, eng, log, nxt, second, iid)


def test_a_caller_who_hangs_up_while_waiting_is_abandoned_and_never_rings_the_agent(
        rig: Rig, agent: Agent, caller: MakeCaller) -> None:
    _eng, log = agent
    person = caller("+8613800138005")
    sip_call_id = person.dial(queue_uri(rig))
    person.expect("state EARLY 180")
    waiting = wait_until(lambda: rig.find_call(sip_call_id))
    time.sleep(1.2)  # parked: past the first ask, asked again by the tick
    person.send("hangup")
    assert person.expect("disconnected ").startswith("disconnected 487")
    wait_until(lambda: rig.interaction(waiting["id"])["status"] == "abandoned")
    rig.set_state("available")
    no_ring(log, 2.0)
    assert rig.interaction(waiting["id"])["status"] == "abandoned"
    figures = next(f for f in rig.call("GET", "/api/v1/routing/figures") if f["queue_id"] == rig.queue_id)
    assert figures["abandoned"] >= 1
    assert figures["waiting"] == 0


def test_an_unknown_queue_number_gets_a_clean_404(rig: Rig, caller: MakeCaller) -> None:
    person = caller("+8613800138006")
    person.dial(queue_uri(rig, "9999"))
    assert person.expect("disconnected ", timeout=5) == "disconnected 404 Queue Not Found"
    assert "state EARLY" not in " ".join(person.seen)


def test_an_outside_caller_cannot_ring_an_agent_directly(rig: Rig, agent: Agent, caller: MakeCaller) -> None:
    _eng, log = agent
    rig.set_state("available")
    person = caller("+8613800138007")
    person.dial(f"sip:agent1@{rig.domain}")  # agent1 is registered, but only queue numbers are open
    assert person.expect("disconnected ", timeout=5) == "disconnected 404 Queue Not Found"
    assert [e for e in log.events if isinstance(e, ev.CallDidArrive)] == []


def test_a_credentialed_agent_may_call_a_queue_number_too(rig: Rig, agent: Agent) -> None:
    eng, log = agent
    rig.set_state("available")
    colleague = AgentPeer(rig, rig.credentials("agent2"))  # type: ignore[arg-type]  # needs .domain only
    try:
        colleague.expect("registered 200")
        colleague.send(f"call {queue_uri(rig)}")
        arrived = ringing(log)
        iid = int(arrived.headers["x-interaction-id"])
        assert "agent2" in arrived.remote_uri
        rig.accept_offer(iid)
        eng.answer(arrived.call_id).result(5)
        colleague.expect("state CONFIRMED")
        eng.hangup(arrived.call_id).result(5)  # the BYE follows the recorded route
        colleague.expect("disconnected ")
        rig.finish(iid)
    finally:
        colleague.stop()
