"""The visitor WebSocket against a real server process: messages both ways, idempotent retries, resume
after a drop, receipts, typing both ways (ephemeral), closing and rating, internal notes kept internal."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from typing import Any

import pytest
import requests
from sqlalchemy import select
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect

from backend.db import Database
from backend.timeline.models import Event
from tests.fixtures.server import ServerProcess
from tests.webchat.conftest import Visitor


def api(server: ServerProcess, headers: dict[str, str], method: str, path: str, **kw: Any) -> Any:
    r = requests.request(method, f"{server.url}/api/v1{path}", headers=headers, timeout=10, **kw)
    assert r.status_code < 300, r.text
    return r.json() if r.content else None


def reply(server: ServerProcess, headers: dict[str, str], iid: int, body: str,
          **extra: Any) -> dict[str, Any]:
    return dict(api(server, headers, "POST", f"/interactions/{iid}/messages",
                    json={"client_id": str(uuid.uuid4()), "body": body, **extra}))


def messages(server: ServerProcess, headers: dict[str, str], iid: int) -> list[dict[str, Any]]:
    return list(api(server, headers, "GET", f"/interactions/{iid}/messages")["items"])


def test_first_message_opens_a_queued_chat_and_a_retry_is_stored_once(
        chat_server: ServerProcess, agent_headers: dict[str, str],
        visitor_factory: Callable[..., Visitor]) -> None:
    visitor = visitor_factory()
    cid = str(uuid.uuid4())
    with visitor.socket() as ws:
        hello = ws.of_type("hello")
        assert hello["interaction_id"] is None
        ws.send({"type": "message", "client_id": cid, "body": "你好, where is my order?"})
        ack = ws.of_type("ack")
        echoed = ws.of_type("message")["message"]
        ws.send({"type": "message", "client_id": cid, "body": "你好, where is my order?"})  # a retry
        again = ws.of_type("ack")
    assert ack["id"] == again["id"] == echoed["id"]
    assert echoed["client_id"] == cid
    assert echoed["direction"] == "in"
    row = api(chat_server, agent_headers, "GET", f"/interactions/{ack['interaction_id']}")
    assert (row["channel"], row["status"], row["external_ref"]) == ("chat", "queued", visitor.visitor_id)
    bodies = [m["body"] for m in messages(chat_server, agent_headers, row["id"])]
    assert bodies == ["你好, where is my order?"]
    # the same client id over REST is still the same message
    r = visitor.post("你好, where is my order?", client_id=cid)
    assert r.status_code == 200
    assert r.json()["id"] == ack["id"]
    # a second message joins the open interaction
    second = visitor.post("Order A-17")
    assert second.status_code == 201
    assert second.json()["interaction_id"] == row["id"]


def test_agent_reply_reaches_the_socket_and_receipts_move_delivery(
        chat_server: ServerProcess, agent_headers: dict[str, str],
        visitor_factory: Callable[..., Visitor]) -> None:
    visitor = visitor_factory()
    iid = visitor.post("Hello?").json()["interaction_id"]
    with visitor.socket() as ws:
        ws.of_type("hello")
        sent = reply(chat_server, agent_headers, iid, "Hi! How can I help?")
        frame = ws.next(lambda f: f.get("type") == "message" and f["message"]["id"] == sent["id"])
        assert frame["message"]["direction"] == "out"
        assert frame["message"]["body"] == "Hi! How can I help?"
        ws.send({"type": "delivered", "id": sent["id"]})
        ws.send({"type": "read", "id": sent["id"]})
        ws.send({"type": "ping"})
        ws.of_type("pong")
    [mine] = [m for m in messages(chat_server, agent_headers, iid) if m["id"] == sent["id"]]
    assert mine["delivery"] == "read"


def test_resume_after_a_drop_loses_nothing(chat_server: ServerProcess, agent_headers: dict[str, str],
                                           visitor_factory: Callable[..., Visitor]) -> None:
    visitor = visitor_factory()
    first = visitor.post("one").json()
    iid = first["interaction_id"]
    with visitor.socket() as ws:
        ws.of_type("hello")
        seen = ws.of_type("message")["message"]["id"]
    assert seen == first["id"]
    missed = [reply(chat_server, agent_headers, iid, f"while you were away {n}")["id"] for n in range(3)]
    reloaded = Visitor(chat_server.url, visitor.token)  # a page reload keeps the visitor id
    assert reloaded.visitor_id == visitor.visitor_id
    with reloaded.socket(since=seen) as ws:
        ws.of_type("hello")
        got = [ws.of_type("message")["message"]["id"] for _ in missed]
        assert got == missed
    with reloaded.socket() as ws:  # since=0: the whole conversation (history after a reload)
        ws.of_type("hello")
        assert [ws.of_type("message")["message"]["id"] for _ in range(4)] == [first["id"], *missed]


def test_internal_notes_and_other_visitors_stay_invisible(
        chat_server: ServerProcess, agent_headers: dict[str, str],
        visitor_factory: Callable[..., Visitor]) -> None:
    alice, mallory = visitor_factory(), visitor_factory()
    iid = alice.post("private question").json()["interaction_id"]
    with mallory.socket() as spy, alice.socket() as ws:
        spy.of_type("hello")
        ws.of_type("hello")
        ws.of_type("message")
        reply(chat_server, agent_headers, iid, "customer seems upset", internal=True)
        public = reply(chat_server, agent_headers, iid, "public answer")
        frame = ws.of_type("message")["message"]
        assert frame["id"] == public["id"]  # the note came before it and was not sent
        spy.send({"type": "ping"})
        assert spy.of_type("pong")
        assert [f for f in spy.frames if f.get("type") == "message"] == []
    r = requests.get(f"{chat_server.url}/api/v1/webchat/messages", headers=mallory.headers, timeout=10)
    assert r.json()["items"] == []


def test_typing_both_ways_is_ephemeral(chat_server: ServerProcess, agent_headers: dict[str, str],
                                       visitor_factory: Callable[..., Visitor]) -> None:
    visitor = visitor_factory()
    iid = visitor.post("hi").json()["interaction_id"]
    seq_before = requests.get(f"{chat_server.url}/healthz", timeout=5).json()["seq"]
    token = agent_headers["Authorization"].split()[1]
    ws_base = chat_server.url.replace("http://", "ws://")
    with connect(f"{ws_base}/api/v1/live?token={token}&since={seq_before}", open_timeout=10) as live, \
            visitor.socket() as ws:
        ws.of_type("hello")
        r = requests.post(f"{chat_server.url}/api/v1/interactions/{iid}/typing", headers=agent_headers,
                          json={"active": True}, timeout=10)
        assert r.status_code == 204
        assert ws.of_type("typing") == {"type": "typing", "interaction_id": iid, "active": True}
        ws.send({"type": "typing", "active": True})
        while True:
            frame = json.loads(live.recv(timeout=10))
            if frame.get("type") == "typing" and frame.get("party") == "visitor":
                break
        assert frame == {"type": "typing", "interaction_id": iid, "party": "visitor", "active": True}
    # nothing about typing was logged (other events — e.g. the router offering the chat — may have been)
    db = Database(chat_server.database_url)
    try:
        with db.sessions() as session:
            later = list(session.scalars(select(Event).where(Event.seq > seq_before)))
    finally:
        db.dispose()
    assert [e for e in later if "typing" in json.dumps(e.payload) or "typing" in e.kind] == []


def test_close_shows_rating_and_the_rating_lands_on_the_timeline(
        chat_server: ServerProcess, agent_headers: dict[str, str],
        visitor_factory: Callable[..., Visitor]) -> None:
    visitor = visitor_factory()
    iid = visitor.post("thanks for the help").json()["interaction_id"]
    with visitor.socket() as ws:
        ws.of_type("hello")
        ws.send({"type": "rate", "interaction_id": iid, "score": 5})
        assert ws.of_type("error")["code"] == "not_closed"
        api(chat_server, agent_headers, "POST", f"/interactions/{iid}/status", json={"status": "closed"})
        closed = ws.next(lambda f: f.get("type") == "status" and f["status"] == "closed")
        assert closed["interaction_id"] == iid
        ws.send({"type": "rate", "interaction_id": iid, "score": 4, "comment": "quick <b>answer</b>"})
        assert ws.of_type("rated")["interaction_id"] == iid
    with visitor.socket() as ws:  # after a reload the widget knows it was rated
        hello = ws.of_type("hello")
        assert (hello["status"], hello["rated"]) == ("closed", True)
    row = api(chat_server, agent_headers, "GET", f"/interactions/{iid}")
    assert row["attributes"]["rating"]["score"] == 4
    events = api(chat_server, agent_headers, "GET", f"/customers/{row['customer_id']}/timeline")["items"]
    [rated] = [e for e in events if e["payload"].get("action") == "rated"]
    assert rated["body"] == "Chat rated 4/5: quick <b>answer</b>"
    assert rated["kind"] == "chat"
    again = requests.post(f"{chat_server.url}/api/v1/webchat/rating", headers=visitor.headers, timeout=10,
                          json={"interaction_id": iid, "score": 1})
    assert again.status_code == 200
    assert again.json()["rating"]["score"] == 4
    # the next message starts a new conversation
    assert visitor.post("one more thing").json()["interaction_id"] != iid


def test_tampered_token_and_bad_since_are_refused(chat_server: ServerProcess,
                                                  visitor_factory: Callable[..., Visitor]) -> None:
    visitor = visitor_factory()
    ws_base = chat_server.url.replace("http://", "ws://")
    bad = visitor.token[:-2] + ("AA" if not visitor.token.endswith("AA") else "BB")
    for url, code in ((f"{ws_base}/api/v1/webchat/ws?token={bad}", 4401),
                      (f"{ws_base}/api/v1/webchat/ws?token={visitor.token}&since=x", 4400)):
        with connect(url, open_timeout=10) as ws, pytest.raises(ConnectionClosed) as closed:
            ws.recv(timeout=10)
        assert closed.value.rcvd is not None
        assert closed.value.rcvd.code == code


def test_bad_frames_get_errors_and_the_socket_survives(visitor_factory: Callable[..., Visitor]) -> None:
    visitor = visitor_factory()
    with visitor.socket() as ws:
        ws.of_type("hello")
        ws.conn.send("not json")
        assert ws.of_type("error")["code"] == "bad_frame"
        ws.send({"type": "message", "client_id": "c1", "body": "x" * 5000})
        assert ws.of_type("error")["code"] == "validation_error"
        ws.send({"type": "message", "client_id": "c2", "body": "  "})
        assert ws.of_type("error")["code"] == "empty_message"
        ws.send({"type": "message", "client_id": "c3", "body": "ok", "attachments": ["not-mine-" + "x" * 30]})
        assert ws.of_type("error")["code"] == "unknown_attachment"
        ws.send({"type": "ping"})
        assert ws.of_type("pong") == {"type": "pong"}
