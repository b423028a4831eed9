"""The durable outbox: notes written offline reach the server exactly once, even across restarts."""

from __future__ import annotations

import pytest
import requests

from tests.fixtures.server import DEMO_PASSWORD
from tests.sync.conftest import Rig, wait_for


def _server_events_with(rig: Rig, customer_id: int, client_id: str) -> list[dict[str, object]]:
    token = rig.server.login("agent2")["access_token"]
    r = requests.get(f"{rig.server.url}/api/v1/customers/{customer_id}/timeline", params={"limit": 200},
                     headers={"Authorization": f"Bearer {token}"}, timeout=10)
    r.raise_for_status()
    return [e for e in r.json()["items"] if e["client_id"] == client_id]


def test_note_written_while_server_is_down_is_delivered_once_when_it_is_back(
        own_rig: Rig, any_customer_id: int) -> None:
    svc, rec = own_rig.service()
    svc.login("agent1", DEMO_PASSWORD, remember=False)
    own_rig.server.stop()
    client_id = svc.add_note(any_customer_id, "written offline")
    assert rec.outbox[-1] == 1
    wait_for(lambda: any(i.attempts >= 2 for i in svc.outbox_items()), what="retries while down")
    own_rig.restart_server()
    wait_for(lambda: rec.outbox[-1] == 0, timeout=20, what="outbox drained")
    assert len(_server_events_with(own_rig, any_customer_id, client_id)) == 1
    assert svc.outbox_items() == []
    # The sent note is in the cache, so it shows when the customer is opened offline.
    cached = svc.cached_customer(any_customer_id)
    assert cached is None or client_id in [e.client_id for e in cached[1].items]


@pytest.mark.keyring
def test_outbox_survives_a_restart_of_the_client(
        rig: Rig, secure_keyring: str, any_customer_id: int) -> None:
    svc, _ = rig.service()
    svc.login("agent1", DEMO_PASSWORD, remember=True)
    rig.proxy.cut()
    client_id = svc.add_note(any_customer_id, "survives a restart")
    svc.close()
    rig.proxy.resume()

    svc2, rec2 = rig.service()
    assert svc2.resume_session() is not None
    wait_for(lambda: rec2.outbox and rec2.outbox[-1] == 0, timeout=20, what="outbox drained after restart")
    assert len(_server_events_with(rig, any_customer_id, client_id)) == 1


def test_a_refused_note_is_kept_as_failed_and_does_not_block_the_next(
        rig: Rig, any_customer_id: int) -> None:
    svc, _rec = rig.service()
    svc.login("agent1", DEMO_PASSWORD, remember=False)
    bad = svc.add_note(987654321, "no such customer")
    good = svc.add_note(any_customer_id, "after the refused one")
    wait_for(lambda: not any(i.state == "pending" for i in svc.outbox_items()), what="both processed")
    items = svc.outbox_items()
    assert [(i.client_id, i.state) for i in items] == [(bad, "failed")]
    assert items[0].last_error
    assert len(_server_events_with(rig, any_customer_id, good)) == 1


def test_resending_with_the_same_client_id_returns_the_same_event(rig: Rig, any_customer_id: int) -> None:
    import uuid

    svc, _ = rig.service()
    svc.login("agent1", DEMO_PASSWORD, remember=False)
    client_id = str(uuid.uuid4())
    first, again = (svc.api.post_event(any_customer_id, client_id=client_id, kind="note", channel="internal",
                                       body="x") for _ in range(2))
    assert first.seq == again.seq
    assert len(_server_events_with(rig, any_customer_id, client_id)) == 1
