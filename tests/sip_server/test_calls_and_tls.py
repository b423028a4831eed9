"""Two credentialed agents call each other through the record-routing proxy; agents register over TLS
only when they trust the server's certificate."""

from __future__ import annotations

import ssl
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from app.telephony import events as ev
from app.telephony.engine import SoftphoneEngine
from tests.sip_server.certs import make_ca
from tests.sip_server.conftest import AgentPeer
from tests.sip_server.deployment import SipServer
from tests.sip_server.sip_wire import register_over_tls
from tests.sip_server.test_registration import account, outcome
from tests.telephony.conftest import EventLog

Engine = Callable[..., tuple[SoftphoneEngine, EventLog]]


def test_two_credentialed_agents_call_each_other_through_the_proxy(
        sip: SipServer, credentials: Callable[[str], Any], engine_factory: Engine,
        agent_peer: Callable[[dict[str, Any]], AgentPeer]) -> None:
    peer = agent_peer(credentials("agent2"))
    peer.expect("registered 200")
    eng, log = engine_factory()
    eng.register(account(credentials("agent1"))).result(5)
    assert isinstance(outcome(log), ev.RegistrationDidChange)

    call_id = eng.dial("agent2").result(5)
    incoming = peer.expect("incoming ")
    assert "sip:agent1@" in incoming  # From is the authenticated agent
    assert f"rr=<sip:127.0.0.1:{sip.port};" in incoming  # Kamailio stays in the path…
    assert ";lr" in incoming  # …as a loose router
    log.wait_for(ev.CallDidConnect, lambda e: e.call_id == call_id)
    peer.expect("state CONFIRMED")
    eng.hangup(call_id).result(5)  # the BYE follows the recorded route
    peer.expect("disconnected ")
    log.wait_for(ev.CallDidEnd, lambda e: e.call_id == call_id)

    # and the other way round: agent2 calls agent1, who answers
    peer.send(f"call sip:agent1@{sip.domain}")
    arrived = log.wait_for(ev.CallDidArrive)
    assert "agent2" in arrived.remote_uri
    eng.answer(arrived.call_id).result(5)
    log.wait_for(ev.CallDidConnect, lambda e: e.call_id == arrived.call_id)
    peer.send("hangup")
    log.wait_for(ev.CallDidEnd, lambda e: e.call_id == arrived.call_id)


def test_engine_registers_over_tls_with_the_servers_ca(sip: SipServer, credentials: Callable[[str], Any],
                                                       engine_factory: Engine) -> None:
    eng, log = engine_factory(tls_ca_file=str(sip.pki.ca_pem))
    eng.register(account(credentials("agent1"), transport="tls", domain=sip.tls_domain)).result(5)
    result = outcome(log)
    assert isinstance(result, ev.RegistrationDidChange), result
    assert result.code == 200


def test_engine_refuses_a_server_it_does_not_trust(sip: SipServer, credentials: Callable[[str], Any],
                                                   engine_factory: Engine, tmp_path: Path) -> None:
    other_ca, _ = make_ca(tmp_path / "other", "Some Other CA")
    eng, log = engine_factory(tls_ca_file=str(other_ca))
    eng.register(account(credentials("agent1"), transport="tls", domain=sip.tls_domain)).result(5)
    result = outcome(log)
    assert isinstance(result, ev.RegistrationDidFail), result


def test_a_tls_client_trusting_the_ca_registers(sip: SipServer, credentials: Callable[[str], Any]) -> None:
    creds = credentials("agent1")
    context = ssl.create_default_context(cafile=str(sip.pki.ca_pem))
    response = register_over_tls(context=context, port=sip.tls_port, user="agent1",
                                 auth_username=creds["auth_username"], password=creds["password"])
    assert response.code == 200, response
    refused = register_over_tls(context=context, port=sip.tls_port, user="agent1",
                                auth_username=creds["auth_username"], password="not-the-password")
    assert refused.code == 401, refused


@pytest.mark.filterwarnings("ignore:ssl.TLSVersion.TLSv1_1 is deprecated:DeprecationWarning")
def test_tls_is_version_1_2_or_newer(sip: SipServer) -> None:
    old = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    old.load_verify_locations(str(sip.pki.ca_pem))
    old.minimum_version = old.maximum_version = ssl.TLSVersion.TLSv1_1
    old.set_ciphers("ALL:@SECLEVEL=0")  # this client offers TLS 1.1 for real…
    with pytest.raises(ssl.SSLError, match="ALERT_PROTOCOL_VERSION"):  # …and the server says no
        register_over_tls(context=old, port=sip.tls_port, user="agent1", auth_username="x", password="x")
    context = ssl.create_default_context(cafile=str(sip.pki.ca_pem))
    context.maximum_version = ssl.TLSVersion.TLSv1_2
    response = register_over_tls(context=context, port=sip.tls_port, user="agent1", auth_username="x",
                                 password="x")
    assert response.code == 401  # TLS 1.2 is accepted (and the bad credentials then refused)


def test_a_client_that_does_not_trust_the_certificate_fails(sip: SipServer,
                                                            credentials: Callable[[str], Any]) -> None:
    creds = credentials("agent1")
    system_store_only = ssl.create_default_context()  # the test CA is not in it
    with pytest.raises(ssl.SSLCertVerificationError):
        register_over_tls(context=system_store_only, port=sip.tls_port, user="agent1",
                          auth_username=creds["auth_username"], password=creds["password"])
    wrong_name = ssl.create_default_context(cafile=str(sip.pki.ca_pem))
    with pytest.raises(ssl.SSLCertVerificationError):
        register_over_tls(context=wrong_name, port=sip.tls_port, user="agent1", server_name="sip.example.com",
                          auth_username=creds["auth_username"], password=creds["password"])
