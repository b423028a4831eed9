"""`RoutingApi` against a real server: state with a break reason, bad input refused with the server's code
and nothing changed, catalogues, transfer targets, queue figures, an offer accepted and wrapped up once."""

from __future__ import annotations

import time
import uuid

import pytest

from app.sync.api_client import ApiClient
from app.sync.errors import ApiError
from app.sync.routing_api import RoutingApi
from tests.fixtures.server import DEMO_PASSWORD, ServerProcess
from tests.sync.test_inbox_support import arrive, new_customer


def _api(server: ServerProcess, username: str) -> RoutingApi:
    client = ApiClient(server.url)
    client.login(username, DEMO_PASSWORD)
    return RoutingApi(client)


def test_state_catalogues_offers_and_wrap_up(live_server: ServerProcess) -> None:
    api = _api(live_server, "agent1")
    assert api.me().state == "offline"
    assert [r.code for r in api.reasons()] == ["lunch", "meeting", "training"]
    assert "resolved" in [d.code for d in api.dispositions()]
    queues = {q.name: q for q in api.queues()}
    assert queues["Sales 销售"].number == "8000"
    assert queues["Sales 销售"].disposition_required
    assert not queues["Support 客服"].disposition_required
    support = queues["Support 客服"].id
    admin = ApiClient(live_server.url)
    admin.login("admin", DEMO_PASSWORD)
    admin._request("PUT", f"/api/v1/routing/queues/{support}", json={"disposition_required": True})

    with pytest.raises(ApiError) as refused:
        api.set_state("break")
    assert refused.value.code == "reason_required"
    assert api.me().state == "offline"  # nothing changed
    state = api.set_state("break", "meeting")
    assert (state.state, state.reason_code) == ("break", "meeting")
    targets = {a.display_name: a.state for a in api.agents()}
    assert targets["Agent One 一号"] == "break"
    assert targets["Agent Two 二号"] == "offline"

    assert api.set_state("available").state == "available"
    customer = new_customer(live_server, "Zhou Xun", "zhou@example.cn")
    iid = arrive(live_server.database_url, customer, "hello")["interaction_id"]
    deadline = time.monotonic() + 15
    while not (offers := api.me().offers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert [o.interaction_id for o in offers] == [iid]
    offer = offers[0]
    assert 0 < offer.seconds_left() <= (offer.expires_at - offer.created_at).total_seconds()
    assert api.accept(offer.id).status == "accepted"
    assert api.accept(offer.id).status == "accepted"  # twice is harmless
    assert [i.id for i in api.my_work()] == [iid]
    assert api.end(iid).status == "wrap_up"
    with pytest.raises(ApiError) as needs:
        api.wrap_up(iid, client_id=str(uuid.uuid4()), disposition=None, note="")
    assert needs.value.code == "disposition_required"
    client_id = str(uuid.uuid4())
    assert api.wrap_up(iid, client_id=client_id, disposition="callback", note="ring back").status == "closed"
    assert api.wrap_up(iid, client_id=client_id, disposition="callback", note="ring back").status == "closed"
    figures = {f.name: f for f in api.figures()}
    assert figures["Support 客服"].answered == 1
    assert figures["Support 客服"].waiting == 0
