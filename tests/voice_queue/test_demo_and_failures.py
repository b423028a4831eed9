"""The demo Kamailio as run-demo.sh starts it (-A WITH_AUTH -A WITH_QUEUES): a queue call rings the agent;
with the server gone, callers get a clear 503 instead of ringing for ever. Both configs share one queue
block."""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.telephony import events as ev
from tests.fixtures.ports import free_port
from tests.fixtures.server import start_server
from tests.sip_server.deployment import PACKAGING, running_kamailio, write_secret_include
from tests.voice_queue.conftest import registered_agent, require_kamailio
from tests.voice_queue.rig import Caller, Rig, make_queue
from tests.voice_queue.test_voice_queue import Agent, connect, hang_up, queue_uri, ringing

BLOCK_START = "####### Voice queues (this block is identical"
BLOCK_END = "####### Voice queues end #######"


def queue_block(name: str) -> str:
    text = (PACKAGING / name).read_text()
    return text[text.index(BLOCK_START):text.index(BLOCK_END)]


def test_the_deployment_and_demo_configs_share_one_queue_block() -> None:
    assert queue_block("kamailio.cfg") == queue_block("kamailio-demo.cfg")


@pytest.fixture(scope="module")
def demo() -> Iterator[Rig]:
    require_kamailio()
    workdir = Path(tempfile.mkdtemp(prefix="huitong-voiceq-demo-"))
    data_dir = workdir / "data"
    data_dir.mkdir()
    port = free_port()
    cfg = workdir / "kamailio.cfg"  # as run-demo.sh: the demo config beside the secret include
    cfg.write_text((PACKAGING / "kamailio-demo.cfg").read_text().replace(":5060", f":{port}"))
    write_secret_include(workdir, data_dir)
    api = start_server(f"sqlite:///{data_dir / 'huitong.sqlite3'}", HUITONG_DATA_DIR=str(data_dir),
                       HUITONG_SIP_DOMAIN=f"127.0.0.1:{port}")
    try:
        queue_id = make_queue(api)
        defines = ["-A", "WITH_AUTH", "-A", "WITH_QUEUES", "-A", f'VOICE_ROUTER="{api.url}"']
        with running_kamailio(workdir, cfg, port, defines):
            yield Rig(port, api, workdir, queue_id)
    finally:
        api.stop()
        shutil.rmtree(workdir, ignore_errors=True)


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
