"""Registration lifecycle: ephemeral credentials renewed in place, network changes, registrar restarts."""

from __future__ import annotations

import base64
import hashlib
import hmac
import time

import pytest

from app.telephony import events as ev
from app.telephony.settings import SipAccount
from tests.telephony.kamailio import features_server, require_kamailio

SECRET = "test-shared-secret"


def ephemeral(user: str, lifetime: float) -> tuple[str, str]:
    """auth_ephemeral credentials as the Huitong server issues them."""
    username = f"{int(time.time() + lifetime)}:{user}"
    password = base64.b64encode(hmac.new(SECRET.encode(), username.encode(), hashlib.sha1).digest()).decode()
    return username, password


def registrations(log) -> int:
    return sum(isinstance(e, ev.RegistrationDidChange) and e.state is ev.RegistrationState.REGISTERED
               for e in log.events)


def wait_registered(log, count: int, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while registrations(log) < count:
        assert time.monotonic() < deadline, f"not registered {count} times; events: {log.events}"
        time.sleep(0.05)


@pytest.fixture
def auth_kamailio():
    require_kamailio()
    server = features_server(secret=SECRET)
    try:
        yield server.start()
    finally:
        server.close()


def test_new_ephemeral_credentials_update_the_account_in_place_without_dropping_calls(
        engine, auth_kamailio, peer_factory):
    eng, log = engine
    kam = auth_kamailio
    user1, pass1 = ephemeral("agent1", 3)
    account = SipAccount(username="agent1", password=pass1, auth_username=user1, domain=kam.domain)
    eng.register(account).result(5)
    wait_registered(log, 1)
    peer = peer_factory("peer", answer_after=0.05, kam=kam)
    first = eng.dial("peer").result(5)
    log.wait_for(ev.CallDidConnect, lambda e: e.call_id == first)
    peer.expect("media active")

    user2, pass2 = ephemeral("agent1", 300)
    renewed = SipAccount(username="agent1", password=pass2, auth_username=user2, domain=kam.domain)
    eng.register(renewed).result(5)
    wait_registered(log, 2)
    assert not any(isinstance(e, ev.CallDidEnd) for e in log.events)

    time.sleep(3.5)  # the first credentials have expired now: only the new ones can work
    other = peer_factory("other", answer_after=0.05, kam=kam)
    second = eng.dial("other").result(5)  # Kamailio challenges the INVITE; the new password answers
    log.wait_for(ev.CallDidConnect, lambda e: e.call_id == second)
    other.expect("state CONFIRMED")
    eng.send_dtmf(first, "3").result(5)  # the first call lived through it all
    assert peer.expect("dtmf") == "dtmf 3"


def test_expired_credentials_fail_registration_with_the_server_refusal(engine, auth_kamailio):
    eng, log = engine
    user, password = ephemeral("agent1", -60)
    eng.register(SipAccount(username="agent1", password=password, auth_username=user,
                            domain=auth_kamailio.domain)).result(5)
    failed = log.wait_for(ev.RegistrationDidFail)
    assert failed.code in (401, 403)


def test_handle_ip_change_re_registers_and_keeps_the_call(registered, peer_factory):
    eng, log = registered
    peer = peer_factory("peer", answer_after=0.05)
    call_id = eng.dial("peer").result(5)
    log.wait_for(ev.CallDidConnect, lambda e: e.call_id == call_id)
    peer.expect("media active")
    before = registrations(log)
    eng.handle_ip_change().result(5)
    wait_registered(log, before + 1)
    eng.send_dtmf(call_id, "8").result(5)
    assert peer.expect("dtmf") == "dtmf 8"
    assert not any(isinstance(e, ev.CallDidEnd) for e in log.events)


def test_engine_registers_again_by_itself_after_the_registrar_restarts(engine):
    """Over TCP (and TLS) the dropped connection tells pjsua the registrar is gone; it retries every
    `reg_retry_seconds`. Over UDP nothing tells it: it registers again at the next refresh."""
    require_kamailio()
    eng, log = engine
    server = features_server()
    try:
        kam = server.start()
        eng.register(SipAccount(username="agent1", password="", domain=kam.domain, transport="tcp",
                                register_expires=60, reg_retry_seconds=1)).result(5)
        wait_registered(log, 1)
        server.stop()
        time.sleep(0.5)
        server.start()  # same ports, empty location table
        wait_registered(log, 2, timeout=15)
    finally:
        server.close()


def call_rings(caller, domain: str) -> bool:
    """One call to agent1: True when it rings (the caller hangs it up again), False on 404/480."""
    caller.send(f"call sip:agent1@{domain}")
    outcome = caller.expect("", timeout=5)
    while not outcome.startswith(("state EARLY", "disconnected")):
        outcome = caller.expect("", timeout=5)
    return outcome.startswith("state EARLY")


def restart(server) -> None:
    server.stop()
    time.sleep(0.5)
    server.start()  # same ports, empty location table: agent1 is unknown until it registers again


def test_over_udp_the_engine_is_reachable_again_soon_after_the_registrar_restarts(engine, peer_factory):
    """Nothing on UDP tells the phone that Kamailio restarted with an empty location table; the
    periodic refresh (`udp_refresh_seconds`) puts the binding back, so calls reach the agent again."""
    require_kamailio()
    eng, log = engine
    server = features_server()
    try:
        kam = server.start()
        eng.register(SipAccount(username="agent1", password="", domain=kam.domain, transport="udp",
                                register_expires=300, udp_refresh_seconds=1)).result(5)
        wait_registered(log, 1)
        restart(server)
        restarted = time.monotonic()
        caller = peer_factory("customer", answer_after=None, kam=kam)
        while not call_rings(caller, kam.domain):
            assert time.monotonic() - restarted < 20, f"never reachable again; events: {log.events}"
            time.sleep(0.3)
        arrived = log.wait_for(ev.CallDidArrive)
        eng.answer(arrived.call_id).result(5)
        caller.expect("state CONFIRMED")
        # the quiet refreshes did not flood the UI with "registered" events
        assert registrations(log) == 1
    finally:
        server.close()


def test_without_the_udp_refresh_a_restarted_registrar_loses_the_agent(engine, peer_factory):
    """udp_refresh_seconds=0 (REGISTER only before expiry): the same restart leaves agent1 unknown —
    what the refresh above is for."""
    require_kamailio()
    eng, log = engine
    server = features_server()
    try:
        kam = server.start()
        eng.register(SipAccount(username="agent1", password="", domain=kam.domain, transport="udp",
                                register_expires=300, udp_refresh_seconds=0)).result(5)
        wait_registered(log, 1)
        restart(server)
        caller = peer_factory("customer", answer_after=None, kam=kam)
        time.sleep(3)  # three times the interval the test above refreshes at
        assert not call_rings(caller, kam.domain)
        assert not any(isinstance(e, ev.CallDidArrive) for e in log.events)
    finally:
        server.close()
