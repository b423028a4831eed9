"""The demo Kamailio (packaging/kamailio/kamailio-demo.cfg -A WITH_AUTH, as scripts/run-demo.sh starts it):
agent1 and agent2 register and call each other with credentials from the demo server; nobody else gets in."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from app.telephony import events as ev
from app.telephony.engine import SoftphoneEngine
from app.telephony.settings import SipAccount
from tests.fixtures.ports import free_port
from tests.fixtures.server import start_server
from tests.sip_server.conftest import AgentPeer, issue
from tests.sip_server.deployment import PACKAGING, SipServer, running_kamailio, write_secret_include
from tests.sip_server.test_registration import account, outcome
from tests.telephony.conftest import EventLog

Engine = Callable[..., tuple[SoftphoneEngine, EventLog]]


@pytest.fixture(scope="module")
def demo() -> Iterator[SipServer]:
    if shutil.which("kamailio") is None:
        if os.environ.get("CI"):
            pytest.fail("kamailio is not installed; scripts/setup.sh should have installed it")
        pytest.skip("needs Kamailio: run scripts/setup.sh")
    workdir = Path(tempfile.mkdtemp(prefix="huitong-demo-sip-"))
    data_dir = workdir / "data"
    data_dir.mkdir()
    port = free_port()
    cfg = workdir / "kamailio.cfg"  # run-demo.sh copies it into the data dir beside the include the same way
    cfg.write_text((PACKAGING / "kamailio-demo.cfg").read_text().replace(":5060", f":{port}"))
    write_secret_include(workdir, data_dir)
    api = start_server(f"sqlite:///{data_dir / 'huitong.sqlite3'}", HUITONG_DATA_DIR=str(data_dir),
                       HUITONG_SIP_DOMAIN=f"127.0.0.1:{port}")
    try:
        with running_kamailio(workdir, cfg, port, ["-A", "WITH_AUTH"]):
            yield SipServer(port, 0, None, api, workdir)  # type: ignore[arg-type]  # no TLS in the demo
    finally:
        api.stop()
        shutil.rmtree(workdir, ignore_errors=True)


def test_demo_agents_call_each_other_with_server_issued_credentials(demo: SipServer,
                                                                    engine_factory: Engine) -> None:
    peer = AgentPeer(demo, issue(demo, "agent2"))
    try:
        peer.expect("registered 200")
        eng, log = engine_factory()
        eng.register(account(issue(demo, "agent1"))).result(5)
        assert isinstance(outcome(log), ev.RegistrationDidChange)
        call_id = eng.dial("agent2").result(5)
        assert f"rr=<sip:127.0.0.1:{demo.port};" in peer.expect("incoming <sip:agent1@")
        log.wait_for(ev.CallDidConnect, lambda e: e.call_id == call_id)
        eng.hangup(call_id).result(5)
        peer.expect("disconnected ")
    finally:
        peer.stop()


@pytest.mark.parametrize("kind", ["no password", "other agent"])
def test_demo_refuses_registrations_without_own_credentials(demo: SipServer, engine_factory: Engine,
                                                            kind: str) -> None:
    eng, log = engine_factory()
    if kind == "no password":
        eng.register(SipAccount("agent1", "", demo.domain)).result(5)  # what worked before auth
    else:
        eng.register(account(issue(demo, "agent1"), username="agent2")).result(5)
    result: Any = outcome(log)
    assert isinstance(result, ev.RegistrationDidFail), result
    assert result.code == (401 if kind == "no password" else 403)


def test_demo_config_without_auth_still_starts_for_the_telephony_fixture(tmp_path: Path) -> None:
    port = free_port()
    cfg = tmp_path / "kamailio.cfg"
    cfg.write_text((PACKAGING / "kamailio-demo.cfg").read_text().replace(":5060", f":{port}"))
    with running_kamailio(tmp_path, cfg, port, []):
        pass  # answered OPTIONS without any huitong-secret.cfg
    with contextlib.suppress(FileNotFoundError):
        (tmp_path / "huitong-secret.cfg").unlink()
    check = subprocess.run(["kamailio", "-c", "-f", str(cfg), "-A", "WITH_AUTH"], capture_output=True,
                           text=True, timeout=30, check=False)
    assert check.returncode != 0  # with auth asked for and no secret include, it refuses to start
    assert "huitong-secret.cfg" in check.stdout + check.stderr
