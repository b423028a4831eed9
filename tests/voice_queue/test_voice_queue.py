"""A customer calls a queue number through the deployment Kamailio; the server picks the agent."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from typing import Any

import requests

from app.telephony import events as ev
from app.telephony.engine import SoftphoneEngine
from tests.telephony.conftest import EventLog
from tests.voice_queue.rig import QUEUE_NUMBER, Caller, Rig, wait_until

Agent = tuple[SoftphoneEngine, EventLog]
MakeCaller = Callable[[str], Caller]


def queue_uri(rig: Rig, number: str = QUEUE_NUMBER) -> str:
    return f"sip:{number}@{rig.domain}"


def known_customer(rig: Rig, phone: str, name: str) -> int:
    r = requests.post(f"{rig.api.url}/api/v1/customers", timeout=10,
                      headers={"Authorization": f"Bearer {rig.token('agent1')}"},
                      json={"client_id": str(uuid.uuid5(uuid.NAMESPACE_URL, "tel:" + phone)), "display_name": name,
                            "identities": [{"kind": "phone", "value": phone}]})
    r.raise_for_status()
    return int(r.json()["id"])


def ringing(log: EventLog, after: int = 0, timeout: float = 10.0) -> Any:
    """The next CallDidArrive at the agent's engine (after the first `after` events of the log)."""
    return log.wait_for(ev.CallDidArrive, lambda e: log.events.index(e) >= after, timeout=timeout)


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
