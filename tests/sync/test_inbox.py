"""The inbox against a real server: list, filter and page conversations; replies through the outbox."""

from __future__ import annotations

import itertools
import threading
import uuid

from app.domain import Message
from app.sync.inbox import CHANNELS, SCOPES, STATUS_FILTERS, InboxFilter, interaction_of
from app.sync.outbox import MESSAGE_KIND
from tests.fixtures.server import DEMO_PASSWORD
from tests.sync.conftest import Rig, wait_for
from tests.sync.test_inbox_support import arrive, new_customer, server_messages


class InboxRecorder:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.sent: list[tuple[str, Message]] = []
        self.failed: list[tuple[str, str]] = []
        self.typing: list[tuple[int, str, bool]] = []

    def on_message_sent(self, client_id: str, message: Message) -> None:
        with self.lock:
            self.sent.append((client_id, message))

    def on_message_failed(self, client_id: str, reason: str) -> None:
        with self.lock:
            self.failed.append((client_id, reason))

    def on_typing(self, interaction_id: int, party: str, active: bool) -> None:
        with self.lock:
            self.typing.append((interaction_id, party, active))


def test_list_filter_and_page_match_the_server(own_rig: Rig) -> None:
    db = own_rig.server.database_url
    customer = new_customer(own_rig.server, "周杰", "zhou.jie@example.cn")
    chats = [arrive(db, customer, f"chat {i}")["interaction_id"] for i in range(7)]
    mails = [arrive(db, customer, f"mail {i}", channel="email", subject=f"Invoice {i}")["interaction_id"]
             for i in range(3)]
    svc, _ = own_rig.service()
    agent = svc.login("agent1", DEMO_PASSWORD, remember=False)
    for iid in (chats[0], mails[0]):  # a reply claims an unassigned conversation
        svc.api.post_message(iid, client_id=str(uuid.uuid4()), body="On it.")
    svc.inbox.set_status(chats[1], "active")
    svc.inbox.set_status(chats[1], "closed")

    everything = svc.inbox.page(InboxFilter(status="all"), limit=1000).items
    assert {i.id for i in everything} == set(chats + mails)
    assert [i.last_seq for i in everything] == sorted((i.last_seq for i in everything), reverse=True)
    assert {i.customer_name for i in everything} == {"周杰"}

    # Paging by the last_seq cursor walks every row exactly once.
    seen, before = [], None
    while True:
        page = svc.inbox.page(InboxFilter(status="all"), before=before, limit=3)
        seen.extend(i.id for i in page.items)
        if page.next_before is None:
            break
        before = page.next_before
    assert seen == [i.id for i in everything]

    mine = svc.inbox.page(InboxFilter(scope="mine", status="all")).items
    assert {i.id for i in mine} == {chats[0], mails[0], chats[1]}
    assert {i.id for i in svc.inbox.page(InboxFilter(channel="email")).items} == set(mails)
    assert [i.id for i in svc.inbox.page(InboxFilter(status="closed")).items] == [chats[1]]
    unread = {i.id: i.unread for i in everything}
    assert unread[chats[2]] == 1
    assert unread[mails[2]] == 1

    # The client-side rule for live rows agrees with the server for every filter combination.
    for scope, channel, status in itertools.product(SCOPES, (None, *CHANNELS), STATUS_FILTERS):
        flt = InboxFilter(scope, channel, status)
        server_ids = {i.id for i in svc.inbox.page(flt, limit=1000).items}
        assert server_ids == {i.id for i in everything if flt.matches(i, agent.id)}, flt


def test_reply_goes_through_the_outbox_exactly_once(rig: Rig) -> None:
    customer = new_customer(rig.server, "Ada Brown", "ada.brown@example.com")
    iid = arrive(rig.server.database_url, customer, "Where is my parcel?")["interaction_id"]
    svc, rec = rig.service()
    inbox_rec = InboxRecorder()
    svc.add_inbox_listener(inbox_rec)
    svc.login("agent1", DEMO_PASSWORD, remember=False)
    svc.start_live()
    interaction = svc.inbox.interaction(iid)
    client_id = svc.inbox.send_reply(interaction, "It left the depot this morning.")
    wait_for(lambda: inbox_rec.sent, what="the reply acknowledged")
    [(sent_id, message)] = inbox_rec.sent
    assert sent_id == client_id
    assert message.client_id == client_id
    assert (message.direction, message.body) == ("out", "It left the depot this morning.")
    assert [m["client_id"] for m in server_messages(rig.server, iid)].count(client_id) == 1
    # The live echo: a chat event for this message, then its delivery moving on (no sender → sent).
    wait_for(lambda: any(interaction_of(e) == iid and e.payload.get("message_id") == message.id
                         for e in rec.events), what="the reply's live event")
    wait_for(lambda: next(m for m in server_messages(rig.server, iid) if m["id"] == message.id)["delivery"]
             in ("sent", "delivered"), what="delivery moved on")
    assert svc.outbox_items() == []
    [(_, sent_again)] = inbox_rec.sent
    assert svc.api.post_message(iid, client_id=client_id, body="again").id == sent_again.id  # idempotent


def test_reply_written_while_the_server_is_down_is_delivered_once_after_restart(own_rig: Rig) -> None:
    customer = new_customer(own_rig.server, "Li Na", "li.na@example.cn")
    iid = arrive(own_rig.server.database_url, customer, "你好")["interaction_id"]
    svc, rec = own_rig.service()
    svc.login("agent1", DEMO_PASSWORD, remember=False)
    interaction = svc.inbox.interaction(iid)
    own_rig.server.stop()
    client_id = svc.inbox.send_reply(interaction, "written while the server was down")
    [item] = svc.inbox.unsent_replies(iid)
    assert (item.client_id, item.kind, item.interaction_id, item.state) == (client_id, MESSAGE_KIND, iid,
                                                                           "pending")
    wait_for(lambda: any(i.attempts >= 2 for i in svc.outbox_items()), what="retries while down")
    own_rig.restart_server()
    wait_for(lambda: rec.outbox[-1] == 0, timeout=25, what="outbox drained")
    assert [m["client_id"] for m in server_messages(own_rig.server, iid)].count(client_id) == 1


def test_server_killed_between_post_written_and_acknowledged_delivers_once(own_rig: Rig) -> None:
    from tests.sync.test_inbox_support import HoldingProxy

    customer = new_customer(own_rig.server, "Chen Wei", "chen.wei@example.cn")
    iid = arrive(own_rig.server.database_url, customer, "Is anyone there?")["interaction_id"]
    own_rig.proxy.close()
    own_rig.proxy = proxy = HoldingProxy(own_rig.port)
    svc, rec = own_rig.service()
    inbox_rec = InboxRecorder()
    svc.add_inbox_listener(inbox_rec)
    svc.login("agent1", DEMO_PASSWORD, remember=False)
    svc.api.timeout = 2.0
    interaction = svc.inbox.interaction(iid)
    svc.api.access_token()  # a fresh token now, so the held request is the POST itself
    proxy.hold = True
    client_id = svc.inbox.send_reply(interaction, "sent into the void")
    # The server receives and commits the POST, but its answer never reaches the client...
    wait_for(lambda: client_id in [m["client_id"] for m in server_messages(own_rig.server, iid)],
             what="the server committed the reply")
    assert inbox_rec.sent == []
    own_rig.server.proc.kill()  # ...and the server dies before anything is acknowledged.
    own_rig.server.proc.wait()
    proxy.hold = False
    wait_for(lambda: any(i.attempts >= 1 for i in svc.outbox_items()), what="the client noticed")
    assert svc.inbox.unsent_replies(iid)[0].client_id == client_id
    own_rig.restart_server()
    wait_for(lambda: inbox_rec.sent, timeout=25, what="the resend acknowledged")
    assert inbox_rec.sent[0][0] == client_id
    assert [m["client_id"] for m in server_messages(own_rig.server, iid)].count(client_id) == 1
    assert rec.outbox[-1] == 0


def test_a_refused_reply_is_kept_as_failed_and_can_be_retried(rig: Rig) -> None:
    customer = new_customer(rig.server, "Bo Yang", "bo.yang@example.cn")
    iid = arrive(rig.server.database_url, customer, "bye")["interaction_id"]
    svc, _ = rig.service()
    inbox_rec = InboxRecorder()
    svc.add_inbox_listener(inbox_rec)
    svc.login("agent1", DEMO_PASSWORD, remember=False)
    svc.inbox.set_status(iid, "closed")
    interaction = svc.inbox.interaction(iid)
    client_id = svc.inbox.send_reply(interaction, "too late")
    wait_for(lambda: inbox_rec.failed, what="the refusal")
    assert inbox_rec.failed[0][0] == client_id
    assert "closed" in inbox_rec.failed[0][1]
    assert [(i.client_id, i.state) for i in svc.inbox.unsent_replies(iid)] == [(client_id, "failed")]
    svc.inbox.set_status(iid, "active")  # reopen, then retry the same row: it goes out once
    svc.inbox.retry_unsent(client_id)
    wait_for(lambda: inbox_rec.sent, what="the retried reply")
    assert [m["client_id"] for m in server_messages(rig.server, iid)].count(client_id) == 1
