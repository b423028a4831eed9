"""The demo Kamailio as run-demo.sh starts it (-A WITH_AUTH -A WITH_QUEUES): a queue call rings the agent;
with the server gone, callers get a clear 503 instead of ringing for ever. Both configs include one copy of
the queue and transfer routes (huitong-routes.cfg)."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from app.telephony import events as ev
from tests.sip_server.deployment import PACKAGING
from tests.voice_queue.conftest import registered_agent, rig_in_temp_dir
from tests.voice_queue.rig import Caller, Rig, demo_rig
from tests.voice_queue.test_voice_queue import Agent, connect, hang_up, queue_uri, ringing

SHARED_ROUTES = ("QUEUE", "QFIRST", "QUEUE_TICK", "QROUTE", "TO_AGENT", "QUEUE_ASK", "TRANSFER_TICKET",
                 "TRANSFER_ASK", "QUEUE_CANCEL", "QUEUE_ABANDONED", "QUEUE_ABANDON_NOW", "QUEUE_ABANDON_HTTP")


def test_the_deployment_and_demo_configs_include_one_copy_of_the_queue_routes() -> None:
    shared = (PACKAGING / "huitong-routes.cfg").read_text()
    for name in SHARED_ROUTES:
        assert f"route[{name}] {{" in shared
    for cfg in ("kamailio.cfg", "kamailio-demo.cfg"):
        text = (PACKAGING / cfg).read_text()
        assert 'include_file "huitong-routes.cfg"' in text
        assert [name for name in SHARED_ROUTES if f"route[{name}] {{" in text] == []  # no second copy


@pytest.fixture(scope="module")
def demo() -> Iterator[Rig]:
    with rig_in_temp_dir("huitong-voiceq-demo-", demo_rig) as rig:
        yield rig


@pytest.fixture
def demo_agent(demo: Rig) -> Iterator[Agent]:
    with registered_agent(demo) as pair:
        yield pair


def test_demo_config_rings_the_free_agent_for_a_queue_call(demo: Rig, demo_agent: Agent) -> None:
    eng, log = demo_agent
    demo.set_state("available")
    person = Caller(demo.domain, "+8613900139001")
    try:
        sip_call_id = person.dial(queue_uri(demo))
        arrived = ringing(log)
        iid = int(arrived.headers["x-interaction-id"])
        assert demo.interaction(iid)["external_ref"] == sip_call_id
        connect(demo, eng, log, arrived, person)
        hang_up(demo, eng, log, arrived, person, iid)
        person.dial(f"sip:agent1@{demo.domain}")  # outside callers reach queue numbers only
        assert person.expect("disconnected ", timeout=5) == "disconnected 404 Queue Not Found"
    finally:
        person.stop()


def test_with_the_server_gone_waiting_and_new_callers_get_503(demo: Rig, demo_agent: Agent) -> None:
    _eng, log = demo_agent  # agent1 registered but busy: the first caller waits
    waiting = Caller(demo.domain, "+8613900139002")
    late = Caller(demo.domain, "+8613900139003")
    try:
        waiting.dial(queue_uri(demo))
        waiting.expect("state EARLY 180")
        demo.api.stop()  # the Huitong server goes away while the caller waits
        stopped = time.monotonic()
        assert waiting.expect("disconnected ", timeout=15) == "disconnected 503 Queue Service Unavailable"
        assert time.monotonic() - stopped < 10  # QUEUE_SERVER_FAILS (10) ticks of 0.5 s, not a hang
        late.dial(queue_uri(demo))
        at = time.monotonic()
        assert late.expect("disconnected ", timeout=5) == "disconnected 503 Queue Service Unavailable"
        assert time.monotonic() - at < 3
        assert "state EARLY" not in " ".join(late.seen)
        assert [e for e in log.events if isinstance(e, ev.CallDidArrive)] == []
        assert "the Huitong server" in demo.log()
    finally:
        waiting.stop()
        late.stop()
