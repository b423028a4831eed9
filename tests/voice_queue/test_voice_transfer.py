"""Transferring a routed call moves the live call, not only its record: agent1's engine REFERs the caller
(a separate pjsua2 process) to agent2's SIP user or to the queue number through the real Kamailio, which
embeds the server's single-use transfer ticket in the Refer-To; the caller's new call carries it, reaches
agent2 (another process) and carries on the same interaction — also when the caller's number is withheld —
whose timeline shows the transfer. A forged or spent ticket is refused and changes nothing."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from app.telephony import events as ev
from tests.sip_server.conftest import AgentPeer
from tests.voice_queue.caller import WITHHELD
from tests.voice_queue.rig import QUEUE_NUMBER, Caller, Rig, wait_until
from tests.voice_queue.test_voice_queue import Agent, MakeCaller, connect, queue_uri, ringing

TICKET = re.compile(r"X-Huitong-Transfer=([0-9]+\.[A-Za-z0-9_-]+)")


@pytest.fixture
def colleague(rig: Rig) -> Iterator[AgentPeer]:
    """agent2's phone, registered and answering at once; agent2 busy until the test says otherwise."""
    rig.set_state("busy", "agent2")
    peer = AgentPeer(rig, rig.credentials("agent2"))  # type: ignore[arg-type]  # needs .domain only
    try:
        peer.expect("registered 200")
        yield peer
    finally:
        peer.stop()
        rig.set_state("offline", "agent2")


@dataclass
class Connected:
    """A caller talking to agent1 on a routed call."""

    person: Caller
    first_call_id: str
    arrived: Any  # agent1's CallDidArrive
    iid: int


def connected(rig: Rig, agent: Agent, caller: MakeCaller, number: str) -> Connected:
    """`number` calls the queue; agent1 (available) answers; agent2 then shows available."""
    eng, log = agent
    rig.set_state("available")
    person = caller(number)
    first_call_id = person.dial(queue_uri(rig))
    arrived = ringing(log)
    iid = connect(rig, eng, log, arrived, person)
    rig.set_state("available", "agent2")
    return Connected(person, first_call_id, arrived, iid)


def transfer(rig: Rig, agent: Agent, call: Connected, to: str, note: str) -> str:
    """What the agent's client does on Transfer: the record first, then the REFER of the live call to the
    target (agent2's SIP user or the queue number), which is returned."""
    body = ({"agent_id": agent_id(rig, "agent2"), "queue_id": None} if to == "agent"
            else {"agent_id": None, "queue_id": rig.queue_id})
    rig.call("POST", f"/api/v1/interactions/{call.iid}/transfer", json={**body, "note": note})
    target = "agent2" if to == "agent" else QUEUE_NUMBER
    agent[0].transfer(call.arrived.call_id, target).result(5)
    return target


def moved_to_agent2(rig: Rig, agent: Agent, colleague: AgentPeer, call: Connected, target: str) -> str:
    """The caller follows the REFER (whose Refer-To carries a ticket) and talks to agent2, who accepts;
    agent1's leg ends. The ticket."""
    log = agent[1]
    refer_to = call.person.expect("transfer ", timeout=10)
    assert f"sip:{target}@{rig.domain}" in refer_to
    ticket = TICKET.search(refer_to)
    assert ticket is not None, refer_to
    colleague.expect("incoming ", timeout=15)
    colleague.expect("state CONFIRMED", timeout=10)
    call.person.expect("state CONFIRMED", timeout=10)  # the caller talks to agent2 now
    log.wait_for(ev.CallTransferDidSucceed, lambda e: e.call_id == call.arrived.call_id, timeout=10)
    log.wait_for(ev.CallDidEnd, lambda e: e.call_id == call.arrived.call_id, timeout=10)  # agent1's leg done
    rig.accept_offer(call.iid, "agent2")  # agent2's client accepts on answering
    return ticket.group(1)


def transfer_actions(rig: Rig, iid: int, customer_id: int) -> list[dict[str, Any]]:
    page = rig.call("GET", f"/api/v1/customers/{customer_id}/timeline", "lead", params={"limit": 100})
    return [e["payload"] for e in page["items"] if e["kind"] == "interaction"
            and e["payload"].get("interaction_id") == iid and e["payload"].get("action") == "transferred"]


def agent_id(rig: Rig, username: str) -> int:
    return int(rig.call("GET", "/api/v1/me", username)["id"])


@pytest.mark.parametrize("number", ["+8613800138111", WITHHELD])
@pytest.mark.parametrize("to", ["agent", "queue"])
def test_a_transferred_call_reaches_the_second_agent_on_the_same_interaction(
        rig: Rig, agent: Agent, colleague: AgentPeer, caller: MakeCaller, to: str, number: str) -> None:
    call = connected(rig, agent, caller, number)
    target = transfer(rig, agent, call, to, "wants billing")
    moved_to_agent2(rig, agent, colleague, call, target)
    record = rig.interaction(call.iid)
    agent2 = agent_id(rig, "agent2")
    assert (record["status"], record["assigned_agent_id"]) == ("active", agent2)
    assert record["external_ref"] != call.first_call_id  # the caller's new call carries the same interaction
    assert rig.find_call(call.first_call_id) is None
    moved = wait_until(lambda: transfer_actions(rig, call.iid, record["customer_id"]))
    assert moved[0]["from_agent_id"] == agent_id(rig, "agent1")
    assert moved[0]["to_agent_id"] == (agent2 if to == "agent" else None)
    assert moved[0]["note"] == "wants billing"
    call.person.send("hangup")
    colleague.expect("disconnected ", timeout=10)
    rig.finish(call.iid, "agent2")
    assert rig.interaction(call.iid)["status"] == "closed"


def test_a_forged_or_spent_transfer_ticket_is_refused_and_changes_nothing(
        rig: Rig, agent: Agent, colleague: AgentPeer, caller: MakeCaller) -> None:
    """Another withheld-number caller dials agent2 with the spent ticket of someone's transfer, or a forged
    one for that interaction: Kamailio answers 403, agent2's phone never rings, the interaction stays put."""
    call = connected(rig, agent, caller, WITHHELD)
    ticket = moved_to_agent2(rig, agent, colleague, call, transfer(rig, agent, call, "agent", ""))
    before = rig.interaction(call.iid)
    intruder = caller(WITHHELD)
    for forged in (ticket, f"{call.iid}.{ticket.partition('.')[2][::-1]}"):
        intruder.dial(f"sip:agent2@{rig.domain}", f"X-Huitong-Transfer: {forged}")
        assert intruder.expect("disconnected ", timeout=10) == "disconnected 403 Transfer Refused"
    after = rig.interaction(call.iid)
    assert {k: after[k] for k in ("status", "assigned_agent_id", "external_ref")} == {
        k: before[k] for k in ("status", "assigned_agent_id", "external_ref")}
    assert rig.call("GET", "/api/v1/routing/me", "agent2")["offers"] == []
    call.person.send("hangup")
    colleague.expect("disconnected ", timeout=10)
    with pytest.raises(AssertionError):
        colleague.expect("incoming ", timeout=1)  # the intruder never rang agent2
    rig.finish(call.iid, "agent2")


def test_a_transfer_whose_call_cannot_move_is_taken_back_and_the_caller_stays(
        rig: Rig, agent: Agent, caller: MakeCaller) -> None:
    """agent2 shows available but no phone of theirs is registered: the REFER fails, the caller is still
    on agent1's line, and agent1's client takes the interaction back (nobody else may)."""
    log = agent[1]
    call = connected(rig, agent, caller, "+8613800138222")
    try:
        transfer(rig, agent, call, "agent", "billing")
        failed = log.wait_for(ev.CallTransferDidFail, lambda e: e.call_id == call.arrived.call_id, timeout=20)
        assert failed.code >= 300
        assert not any(isinstance(e, ev.CallDidEnd) and e.call_id == call.arrived.call_id for e in log.events)
        refused = rig.call("POST", f"/api/v1/interactions/{call.iid}/reclaim", "agent2", expect=403)
        assert refused["error"]["code"] == "not_your_transfer"
        # The server may have seen the transfer's new call fail first (Kamailio reports it) and given the
        # interaction back already; the client's reclaim is then a harmless repeat.
        back = rig.call("POST", f"/api/v1/interactions/{call.iid}/reclaim", "agent1")
        assert (back["status"], back["assigned_agent_id"]) == ("active", agent_id(rig, "agent1"))
        assert rig.interaction(call.iid)["external_ref"] == call.first_call_id  # the call the caller is on
        assert rig.call("GET", "/api/v1/routing/me", "agent2")["offers"] == []
        assert rig.call("POST", f"/api/v1/interactions/{call.iid}/reclaim", "agent1")["status"] == "active"
        page = rig.call("GET", f"/api/v1/customers/{back['customer_id']}/timeline", "lead",
                        params={"limit": 100})
        actions = [e["payload"].get("action") for e in page["items"] if e["kind"] == "interaction"
                   and e["payload"].get("interaction_id") == call.iid]
        assert "transfer_failed" in actions
        call.person.send("hangup")
        log.wait_for(ev.CallDidEnd, lambda e: e.call_id == call.arrived.call_id, timeout=10)
    finally:
        rig.set_state("offline", "agent2")
