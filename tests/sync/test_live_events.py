"""Live events over the WebSocket: delivery, resume after a cut and a server restart, offline reading."""

from __future__ import annotations

import pytest

from app.domain import ConnectionState
from app.sync.errors import ServerUnreachable
from tests.fixtures.server import DEMO_PASSWORD
from tests.sync.conftest import Rig, wait_for


def test_event_posted_by_another_agent_arrives_live(rig: Rig, any_customer_id: int) -> None:
    svc, rec = rig.service()
    svc.login("agent1", DEMO_PASSWORD, remember=False)
    svc.start_live()
    wait_for(lambda: ConnectionState.CONNECTED in rec.states, what="CONNECTED")
    posted = rig.post_as("agent2", any_customer_id, "你好, live")
    wait_for(lambda: any(e.seq == posted["seq"] for e in rec.events), what="the live event")
    event = next(e for e in rec.events if e.seq == posted["seq"])
    assert (event.body, event.author_name is not None, event.customer_id) == ("你好, live", True,
                                                                              any_customer_id)
    assert rec.states[0] == ConnectionState.CONNECTING


def test_after_a_cut_and_server_restart_missed_events_arrive_in_order_once(
        own_rig: Rig, any_customer_id: int) -> None:
    svc, rec = own_rig.service()
    svc.login("agent1", DEMO_PASSWORD, remember=False)
    svc.start_live()
    wait_for(lambda: ConnectionState.CONNECTED in rec.states, what="CONNECTED")
    first = own_rig.post_as("agent2", any_customer_id, "before the cut")
    wait_for(lambda: any(e.seq == first["seq"] for e in rec.events), what="first event")

    own_rig.proxy.cut()
    wait_for(lambda: ConnectionState.RECONNECTING in rec.states, what="RECONNECTING")
    own_rig.restart_server()  # same database, same port
    missed = [own_rig.post_as("agent2", any_customer_id, f"missed {i}")["seq"] for i in range(3)]
    n_states = len(rec.states)
    own_rig.proxy.resume()

    wait_for(lambda: ConnectionState.CONNECTED in rec.states[n_states:], what="CONNECTED again")
    wait_for(lambda: {e.seq for e in rec.events} >= set(missed), what="the missed events")
    seqs = [e.seq for e in rec.events]
    assert seqs == sorted(set(seqs)), "events must arrive in seq order, each once"
    assert [e.body for e in rec.events if e.seq in missed] == ["missed 0", "missed 1", "missed 2"]
    after_cut = rec.states[rec.states.index(ConnectionState.RECONNECTING):]
    assert ConnectionState.CONNECTED in after_cut


def test_a_previously_seen_customer_opens_offline(own_rig: Rig, any_customer_id: int) -> None:
    svc, _ = own_rig.service()
    svc.login("agent1", DEMO_PASSWORD, remember=False)
    own_rig.post_as("agent2", any_customer_id, "seen while online")
    customer, page = svc.fetch_customer(any_customer_id)
    found = svc.search_customers(customer.display_name)
    assert any(c.id == customer.id for c in found)

    own_rig.server.stop()
    with pytest.raises(ServerUnreachable):
        svc.fetch_customer(any_customer_id)
    cached = svc.cached_customer(any_customer_id)
    assert cached is not None
    c2, page2 = cached
    assert c2 == customer
    assert [e.seq for e in page2.items] == [e.seq for e in page.items]
    assert "seen while online" in [e.body for e in page2.items]
    # Search and paging fall back to the cache instead of failing.
    assert any(c.id == customer.id for c in svc.search_customers(customer.display_name[:2]))
    older = svc.older_events(any_customer_id, before=page.items[0].seq + 1)
    assert [e.seq for e in older.items] == [e.seq for e in page.items]


def test_stop_is_fast(rig: Rig) -> None:
    import time

    svc, rec = rig.service()
    svc.login("agent1", DEMO_PASSWORD, remember=False)
    svc.start_live()
    wait_for(lambda: ConnectionState.CONNECTED in rec.states, what="CONNECTED")
    started = time.monotonic()
    svc.close()
    assert time.monotonic() - started < 1.0


def _expired_token(rig: Rig, agent_id: int, role: str) -> str:
    import jwt

    return jwt.encode({"sub": str(agent_id), "role": role, "typ": "access", "iat": 1, "exp": 2},
                      rig.server.env["HUITONG_SECRET_KEY"], algorithm="HS256")


def test_socket_closed_with_4401_refreshes_the_token_and_reconnects(rig: Rig, any_customer_id: int) -> None:
    svc, rec = rig.service()
    agent = svc.login("agent1", DEMO_PASSWORD, remember=False)
    svc.api._access = _expired_token(rig, agent.id, agent.role)  # the client still believes it valid
    svc.start_live()
    posted = rig.post_as("agent2", any_customer_id, "after 4401")
    wait_for(lambda: any(e.seq == posted["seq"] for e in rec.events), what="event after re-auth")
    assert rec.lost == []


def test_revoked_session_on_the_live_socket_asks_to_log_in_again(rig: Rig) -> None:
    import requests

    svc, rec = rig.service()
    agent = svc.login("agent1", DEMO_PASSWORD, remember=False)
    r = requests.post(f"{rig.server.url}/api/v1/auth/logout",
                      json={"refresh_token": svc.api.current_refresh_token()},
                      headers={"Authorization": f"Bearer {svc.api.access_token()}"}, timeout=10)
    assert r.status_code == 204
    svc.api._access = _expired_token(rig, agent.id, agent.role)
    svc.start_live()
    wait_for(lambda: rec.lost, what="on_session_lost")
    assert "log in" in rec.lost[0].lower() or rec.lost[0]
    assert svc.agent is None


@pytest.mark.keyring
def test_remembered_session_starts_offline_and_connects_when_the_server_returns(
        own_rig: Rig, secure_keyring: object, any_customer_id: int) -> None:
    svc, _ = own_rig.service()
    svc.login("agent1", DEMO_PASSWORD, remember=True)
    svc.fetch_customer(any_customer_id)
    svc.close()
    own_rig.proxy.cut()

    svc2, rec2 = own_rig.service()
    agent = svc2.resume_session()  # server unreachable: the cached agent, no password needed
    assert agent is not None
    assert agent.username == "agent1"
    assert svc2.cached_customer(any_customer_id) is not None
    svc2.start_live()
    wait_for(lambda: ConnectionState.RECONNECTING in rec2.states, what="RECONNECTING while cut")
    own_rig.proxy.resume()
    posted = own_rig.post_as("agent2", any_customer_id, "back online")
    wait_for(lambda: any(e.seq == posted["seq"] for e in rec2.events), what="live event after coming online")


def test_a_live_merge_moves_the_cached_timeline_to_the_surviving_customer(rig: Rig) -> None:
    import random

    import requests

    svc, rec = rig.service()
    svc.login("agent1", DEMO_PASSWORD, remember=False)
    number = f"+86139{random.randint(10_000_000, 99_999_999)}"
    source, _ = svc.resolve_phone(number)
    target, _ = svc.api.resolve_identity("email", f"m{random.randint(1, 10**9)}@example.com", "Target")
    note = rig.post_as("agent2", source.id, "on the source")
    svc.fetch_customer(source.id)
    svc.fetch_customer(target.id)
    svc.start_live()
    wait_for(lambda: ConnectionState.CONNECTED in rec.states, what="CONNECTED")

    lead = rig.server.login("lead")["access_token"]
    r = requests.post(f"{rig.server.url}/api/v1/customers/{target.id}/merge", json={"source_id": source.id},
                      headers={"Authorization": f"Bearer {lead}"}, timeout=10)
    assert r.status_code == 200, r.text
    wait_for(lambda: any(e.kind == "merge" for e in rec.events), what="the merge event")
    cached = svc.cached_customer(source.id)  # the merged-away id opens the survivor, offline
    assert cached is not None
    assert cached[0].id == target.id
    assert note["seq"] in [e.seq for e in cached[1].items]
    assert [c.id for c in svc.api.search_customers(number)] == [target.id]
