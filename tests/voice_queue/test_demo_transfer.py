"""The demo Kamailio as scripts/run-demo.sh copies and starts it (kamailio-demo.cfg with its include
huitong-routes.cfg, -A WITH_AUTH -A WITH_QUEUES): agent1's engine transfers a queue caller (a separate pjsua2
process, number shown or withheld) to agent2's SIP user or back to the queue number; the REFER gets the
server's ticket, the caller's new call reaches agent2 (another process) on the same interaction."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.sip_server.conftest import AgentPeer
from tests.voice_queue.caller import WITHHELD
from tests.voice_queue.conftest import rig_in_temp_dir
from tests.voice_queue.rig import Rig, demo_rig
from tests.voice_queue.test_voice_queue import Agent, MakeCaller
from tests.voice_queue.test_voice_transfer import agent_id, colleague, connected, moved_to_agent2, transfer

__all__ = ["colleague"]  # agent2's phone, the fixture of the deployment's transfer tests


@pytest.fixture(scope="module")
def rig() -> Iterator[Rig]:
    """This module's agent, colleague and callers talk to the demo Kamailio instead of the deployment one."""
    with rig_in_temp_dir("huitong-demo-transfer-", demo_rig) as demo:
        yield demo


@pytest.mark.parametrize(("to", "number"), [("agent", "+8613700137111"), ("agent", WITHHELD),
                                            ("queue", WITHHELD)])
def test_the_demo_config_moves_a_transferred_caller_to_agent2(
        rig: Rig, agent: Agent, colleague: AgentPeer, caller: MakeCaller, to: str, number: str) -> None:
    call = connected(rig, agent, caller, number)
    target = transfer(rig, agent, call, to, "demo transfer")
    moved_to_agent2(rig, agent, colleague, call, target)  # ticket in the Refer-To, agent2 answers, agent1 off
    record = rig.interaction(call.iid)
    assert (record["status"], record["assigned_agent_id"]) == ("active", agent_id(rig, "agent2"))
    assert record["external_ref"] != call.first_call_id  # the caller's new call, same interaction
    call.person.send("hangup")
    colleague.expect("disconnected ", timeout=10)
    rig.finish(call.iid, "agent2")
    assert rig.interaction(call.iid)["status"] == "closed"
