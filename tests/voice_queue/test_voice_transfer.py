"""Transferring a routed call moves the live call, not only its record: agent1's engine REFERs the caller
(a separate pjsua2 process) to agent2's SIP user or to the queue number through the real Kamailio; the
caller's new call reaches agent2 (another process) and carries on the same interaction, whose timeline
shows the transfer."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from app.telephony import events as ev
from tests.sip_server.conftest import AgentPeer
from tests.voice_queue.rig import QUEUE_NUMBER, Rig, wait_until
from tests.voice_queue.test_voice_queue import Agent, MakeCaller, connect, queue_uri, ringing


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


def transfer_actions(rig: Rig, iid: int, customer_id: int) -> list[dict[str, Any]]:
    page = rig.call("GET", f"/api/v1/customers/{customer_id}/timeline", "lead", params={"limit": 100})
    return [e["payload"] for e in page["items"] if e["kind"] == "interaction"
            and e["payload"].get("interaction_id") == iid and e["payload"].get("action") == "transferred"]


def agent_id(rig: Rig, username: str) -> int:
    return int(rig.call("GET", "/api/v1/me", username)["id"])


@pytest.mark.parametrize("to", ["agent", "queue"])
def test_a_transferred_call_reaches_the_second_agent_on_the_same_interaction(
        rig: Rig, agent: Agent, colleague: AgentPeer, caller: MakeCaller, to: str) -> None:
    eng, log = agent
    rig.set_state("available")
    person = caller("+8613800138111")
    first_call_id = person.dial(queue_uri(rig))
    arrived = ringing(log)
    iid = connect(rig, eng, log, arrived, person)
    rig.set_state("available", "agent2")
    agent2 = agent_id(rig, "agent2")
    # what the agent's client does on Transfer: the record first, then the REFER of the live call
    body = {"agent_id": agent2, "queue_id": None} if to == "agent" else {"agent_id": None,
                                                                         "queue_id": rig.queue_id}
    rig.call("POST", f"/api/v1/interactions/{iid}/transfer", json={**body, "note": "wants billing"})
    target = "agent2" if to == "agent" else QUEUE_NUMBER
    eng.transfer(arrived.call_id, target).result(5)
    assert f"sip:{target}@{rig.domain}" in person.expect("transfer ", timeout=10)
    colleague.expect("incoming ", timeout=15)
    colleague.expect("state CONFIRMED", timeout=10)
    person.expect("state CONFIRMED", timeout=10)  # the caller talks to agent2 now
    log.wait_for(ev.CallTransferDidSucceed, lambda e: e.call_id == arrived.call_id, timeout=10)
    log.wait_for(ev.CallDidEnd, lambda e: e.call_id == arrived.call_id, timeout=10)  # agent1's leg is done
    rig.accept_offer(iid, "agent2")  # agent2's client accepts on answering
    record = rig.interaction(iid)
    assert (record["status"], record["assigned_agent_id"]) == ("active", agent2)
    assert record["external_ref"] != first_call_id  # the caller's new call carries the same interaction
    assert rig.find_call(first_call_id) is None
    moved = wait_until(lambda: transfer_actions(rig, iid, record["customer_id"]))
    assert moved[0]["from_agent_id"] == agent_id(rig, "agent1")
    assert moved[0]["to_agent_id"] == (agent2 if to == "agent" else None)
    assert moved[0]["note"] == "wants billing"
    person.send("hangup")
    colleague.expect("disconnected ", timeout=10)
    rig.finish(iid, "agent2")
    assert rig.interaction(iid)["status"] == "closed"


def test_a_transfer_whose_call_cannot_move_is_taken_back_and_the_caller_stays(
        rig: Rig, agent: Agent, caller: MakeCaller) -> None:
    """agent2 shows available but no phone of theirs is registered: the REFER fails, the caller is still
    on agent1's line, and agent1's client takes the interaction back (nobody else may)."""
    eng, log = agent
    rig.set_state("available")
    person = caller("+8613800138222")
    first_call_id = person.dial(queue_uri(rig))
    arrived = ringing(log)
    iid = connect(rig, eng, log, arrived, person)
    rig.set_state("available", "agent2")
    try:
        agent2 = agent_id(rig, "agent2")
        rig.call("POST", f"/api/v1/interactions/{iid}/transfer",
                 json={"agent_id": agent2, "queue_id": None, "note": "billing"})
        eng.transfer(arrived.call_id, "agent2").result(5)
        failed = log.wait_for(ev.CallTransferDidFail, lambda e: e.call_id == arrived.call_id, timeout=20)
        assert failed.code >= 300
        assert not any(isinstance(e, ev.CallDidEnd) and e.call_id == arrived.call_id for e in log.events)
        refused = rig.call("POST", f"/api/v1/interactions/{iid}/reclaim", "agent2", expect=403)
        assert refused["error"]["code"] == "not_your_transfer"
        # The server may have seen the transfer's new call fail first (Kamailio reports it) and given the
        # interaction back already; the client's reclaim is then a harmless repeat.
        back = rig.call("POST", f"/api/v1/interactions/{iid}/reclaim", "agent1")
        assert (back["status"], back["assigned_agent_id"]) == ("active", agent_id(rig, "agent1"))
        assert rig.interaction(iid)["external_ref"] == first_call_id  # the call the caller is still on
        assert rig.call("GET", "/api/v1/routing/me", "agent2")["offers"] == []
        assert rig.call("POST", f"/api/v1/interactions/{iid}/reclaim", "agent1")["status"] == "active"
        page = rig.call("GET", f"/api/v1/customers/{back['customer_id']}/timeline", "lead",
                        params={"limit": 100})
        actions = [e["payload"].get("action") for e in page["items"] if e["kind"] == "interaction"
                   and e["payload"].get("interaction_id") == iid]
        assert "transfer_failed" in actions
        person.send("hangup")
        log.wait_for(ev.CallDidEnd, lambda e: e.call_id == arrived.call_id, timeout=10)
    finally:
        rig.set_state("offline", "agent2")
