"""TLS signalling verified against a CA made at test time, and SRTP off / optional / mandatory."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from app.telephony import events as ev
from app.telephony.engine import SoftphoneEngine
from app.telephony.settings import EngineSettings, SipAccount
from tests.telephony.conftest import EventLog
from tests.telephony.kamailio import Kamailio, features_server, require_kamailio
from tests.telephony.tls_certs import make_ca, make_pki


@contextmanager
def running_engine(settings: EngineSettings) -> Iterator[tuple[SoftphoneEngine, EventLog]]:
    log = EventLog()
    eng = SoftphoneEngine(settings, log)
    eng.start()
    try:
        yield eng, log
    finally:
        eng.stop()


@contextmanager
def tls_kamailio(folder: Path, san: str = "IP:127.0.0.1") -> Iterator[tuple[Kamailio, Path]]:
    require_kamailio()
    pki = make_pki(folder, san)
    server = features_server(tls_cfg=pki.tls_cfg)
    try:
        yield server.start(), pki.ca_cert
    finally:
        server.close()


def register_with_srtp(eng, log, kam: Kamailio, srtp: str) -> None:
    eng.register(SipAccount(username="agent1", password="", domain=kam.domain, srtp=srtp)).result(5)
    log.wait_for(ev.RegistrationDidChange, lambda e: e.state is ev.RegistrationState.REGISTERED)


def tls_account(kam: Kamailio, **kw) -> SipAccount:
    return SipAccount(username="agent1", password="", domain=kam.tls_domain, transport="tls", **kw)


def test_registers_and_calls_over_tls_with_the_server_verified(tmp_path, peer_factory):
    with tls_kamailio(tmp_path) as (kam, ca), \
            running_engine(EngineSettings(null_audio=True, tls_ca_file=str(ca))) as (eng, log):
        eng.register(tls_account(kam)).result(5)
        log.wait_for(ev.RegistrationDidChange, lambda e: e.state is ev.RegistrationState.REGISTERED)
        peer = peer_factory("peer", answer_after=0.05, kam=kam)
        call_id = eng.dial("peer").result(5)
        log.wait_for(ev.CallDidConnect, lambda e: e.call_id == call_id)
        peer.expect("media active")
        # and inbound, over the same TLS connection
        caller = peer_factory("customer", answer_after=None, kam=kam)
        caller.send(f"call sip:agent1@{kam.domain}")
        arrived = log.wait_for(ev.CallDidArrive)
        eng.answer(arrived.call_id).result(5)
        caller.expect("state CONFIRMED")


def test_untrusted_server_certificate_fails_registration_clearly(tmp_path):
    other_ca, _key = make_ca(tmp_path / "other", "Someone Else's CA")
    with tls_kamailio(tmp_path / "server") as (kam, _ca), \
            running_engine(EngineSettings(null_audio=True, tls_ca_file=str(other_ca))) as (eng, log):
        eng.register(tls_account(kam)).result(5)
        failed = log.wait_for(ev.RegistrationDidFail, timeout=20)
        assert failed.reason == ("the SIP server's TLS certificate is not trusted "
                                 "(not signed by the configured CA)")
        assert not any(isinstance(e, ev.RegistrationDidChange) and e.state is ev.RegistrationState.REGISTERED
                       for e in log.events)


def test_certificate_for_another_name_fails_registration_clearly(tmp_path):
    with tls_kamailio(tmp_path, san="DNS:sip.elsewhere.example") as (kam, ca), \
            running_engine(EngineSettings(null_audio=True, tls_ca_file=str(ca))) as (eng, log):
        eng.register(tls_account(kam)).result(5)
        failed = log.wait_for(ev.RegistrationDidFail, timeout=20)
        assert failed.reason == ("the SIP server's TLS certificate was issued for another name than the "
                                 "server's address")


@pytest.mark.parametrize("peer_srtp", ["optional", "mandatory"])
def test_mandatory_srtp_connects_encrypted_with_a_peer_that_offers_it(engine, kamailio, peer_factory,
                                                                      peer_srtp):
    eng, log = engine
    register_with_srtp(eng, log, kamailio, "mandatory")
    peer = peer_factory("peer", answer_after=0.05, srtp=peer_srtp)
    call_id = eng.dial("peer").result(5)
    log.wait_for(ev.CallDidConnect, lambda e: e.call_id == call_id)
    peer.expect("media active")
    assert peer.expect("secure") == "secure yes"


def test_optional_srtp_falls_back_to_plain_rtp_with_a_peer_without_it(engine, kamailio, peer_factory):
    eng, log = engine
    register_with_srtp(eng, log, kamailio, "optional")
    peer = peer_factory("peer", answer_after=0.05, srtp="off")
    call_id = eng.dial("peer").result(5)
    log.wait_for(ev.CallDidConnect, lambda e: e.call_id == call_id)
    assert peer.expect("secure") == "secure no"


def test_mandatory_srtp_against_a_peer_without_it_fails_cleanly_and_frees_the_line(engine, kamailio,
                                                                                   peer_factory):
    eng, log = engine
    register_with_srtp(eng, log, kamailio, "mandatory")
    peer_factory("peer", answer_after=0.05, srtp="off")
    call_id = eng.dial("peer").result(5)
    ended = log.wait_for(ev.CallDidEnd, lambda e: e.call_id == call_id)
    assert ended.code // 100 in (4, 5)
    assert not any(isinstance(e, ev.CallDidConnect) for e in log.events)
    # the line is free: a plain call to an SRTP-capable peer still works
    peer_factory("secure", answer_after=0.05, srtp="optional")
    second = eng.dial("secure").result(5)
    log.wait_for(ev.CallDidConnect, lambda e: e.call_id == second)
