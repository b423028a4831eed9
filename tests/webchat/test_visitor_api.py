"""Visitor REST endpoints in-process on SQLite and PostgreSQL: signed visitor ids, pre-chat resolution to the
existing customer, rate limits, attachment size/type limits, hostile text, CORS, the widget's files."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from fastapi.testclient import TestClient

from backend.channels.webchat import visitor_auth
from backend.channels.webchat.limits import Limiters, WebchatLimits
from tests.backend.conftest import SECRET, Headers
from tests.backend.helpers import new_customer, timeline

H = "X-Huitong-Visitor"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def use_limits(client: TestClient, limiters: Limiters) -> None:
    app: Any = client.app
    app.state.webchat_limiters = limiters


def start(client: TestClient, token: str = "") -> dict[str, Any]:
    r = client.post("/api/v1/webchat/session", json={"token": token})
    assert r.status_code == 200, r.text
    return dict(r.json())


def send(client: TestClient, token: str, body: str, **extra: Any) -> Any:
    return client.post("/api/v1/webchat/messages", headers={H: token},
                       json={"client_id": str(uuid.uuid4()), "body": body, **extra})


def test_visitor_token_is_signed_and_tampering_gets_a_new_id(client: TestClient) -> None:
    first = start(client)
    assert visitor_auth.verify(SECRET, first["token"]) == first["visitor_id"]
    assert start(client, first["token"])["visitor_id"] == first["visitor_id"]
    vid = first["visitor_id"]
    forged = [first["token"][:-1] + ("A" if first["token"][-1] != "A" else "B"),
              f"v1.{'0' * 32}.{first['token'].split('.')[2]}",  # someone else's id, my signature
              visitor_auth.sign("another-secret", vid), "v1..", "x" * 300]
    for token in forged:
        again = start(client, token[:256])
        assert again["visitor_id"] != vid
        r = send(client, token[:256], "hello")
        assert (r.status_code, r.json()["error"]["code"]) == (401, "invalid_visitor")
    assert send(client, "", "hello").status_code == 401


def test_prechat_email_resolves_to_the_existing_customer(client: TestClient, agent: Headers) -> None:
    known = new_customer(client, agent, "张伟", [{"kind": "email", "value": "zhang.wei@example.com"},
                                                {"kind": "phone", "value": "+8613800138000"}])
    token = start(client)["token"]
    r = client.post("/api/v1/webchat/profile", headers={H: token},
                    json={"name": "Zhang", "email": "Zhang.Wei@Example.com", "phone": ""})
    assert r.status_code == 200, r.text
    msg = send(client, token, "<img src=x onerror=alert(1)> 我的发票呢?").json()
    row = client.get(f"/api/v1/interactions/{msg['interaction_id']}", headers=agent).json()
    assert row["customer_id"] == known["id"]
    assert row["status"] == "queued"
    [stored] = client.get(f"/api/v1/interactions/{row['id']}/messages", headers=agent).json()["items"]
    assert stored["body"] == "<img src=x onerror=alert(1)> 我的发票呢?"
    assert stored["html"] is None
    items = timeline(client, agent, known["id"])["items"]
    assert any(e["kind"] == "chat" and e["payload"].get("message_id") == stored["id"] for e in items)
    # a phone number resolves the same way
    other = start(client)["token"]
    assert client.post("/api/v1/webchat/profile", headers={H: other},
                       json={"phone": "138 0013 8000"}).status_code == 200
    assert client.get(f"/api/v1/interactions/{send(client, other, 'hi').json()['interaction_id']}",
                      headers=agent).json()["customer_id"] == known["id"]


def test_bad_profile_and_messages_change_nothing(client: TestClient, agent: Headers) -> None:
    token = start(client)["token"]
    r = client.post("/api/v1/webchat/profile", headers={H: token}, json={"email": "not-an-address"})
    assert (r.status_code, r.json()["error"]["code"]) == (422, "invalid_email")
    assert client.post("/api/v1/webchat/profile", headers={H: token},
                       json={"name": "x" * 101}).status_code == 422
    assert send(client, token, "x" * 4001).status_code == 422
    assert send(client, token, " \n ").json()["error"]["code"] == "empty_message"
    assert client.get("/api/v1/interactions", headers=agent, params={"channel": "chat"}).json()["items"] == []
    # control and bidi-override characters are dropped, text otherwise kept as typed
    assert send(client, token, "a\u202eb\x00c\r\nd").json()["body"] == "abc\nd"


def test_message_rate_limit(client: TestClient) -> None:
    use_limits(client, Limiters(WebchatLimits(messages_per_minute=6, message_burst=3)))
    token = start(client)["token"]
    assert [send(client, token, f"m{n}").status_code for n in range(3)] == [201, 201, 201]
    r = send(client, token, "one too many")
    assert (r.status_code, r.json()["error"]["code"]) == (429, "rate_limited")
    assert int(r.headers["Retry-After"]) >= 1
    assert r.headers["Access-Control-Allow-Origin"] == "*"  # the widget can read the reason
    other = start(client)["token"]  # limits are per visitor
    assert send(client, other, "hello").status_code == 201


def test_new_sessions_are_rate_limited_per_address(client: TestClient) -> None:
    use_limits(client, Limiters(WebchatLimits(sessions_per_minute=3)))
    token = start(client)["token"]
    codes = [client.post("/api/v1/webchat/session", json={}).status_code for _ in range(3)]
    assert codes[-1] == 429
    assert start(client, token)["token"] == token  # a known visitor is never locked out


def test_attachments_size_and_type_limits(client: TestClient, agent: Headers) -> None:
    use_limits(client, Limiters(WebchatLimits(max_attachment_bytes=1000)))
    token = start(client)["token"]

    def upload(data: bytes, name: str, mime: str = "application/octet-stream") -> Any:
        return client.post("/api/v1/webchat/attachments", params={"name": name}, content=data,
                           headers={H: token, "Content-Type": mime})

    big = upload(PNG + b"\x00" * 1000, "big.png", "image/png")
    assert (big.status_code, big.json()["error"]["code"]) == (413, "file_too_large")
    exe = upload(b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 50, "photo.png", "image/png")  # lies about its type
    assert (exe.status_code, exe.json()["error"]["code"]) == (415, "file_type_not_allowed")
    assert upload(b"", "empty.txt").status_code == 400
    ok = upload(PNG, "../../etc/<b>猫.png", "text/plain")
    assert ok.status_code == 201, ok.text
    att = ok.json()
    assert (att["mime"], att["size"], att["name"]) == ("image/png", len(PNG), "_b_猫.png")
    msg = send(client, token, "", attachments=[att["id"]]).json()
    assert msg["attachments"] == [{"name": att["name"], "mime": "image/png", "size": len(PNG),
                                   "url": att["url"]}]
    got = client.get(att["url"])
    assert got.status_code == 200
    assert got.content == PNG
    assert got.headers["content-type"] == "image/png"
    assert got.headers["x-content-type-options"] == "nosniff"
    html = upload(b"<script>alert(1)</script>", "x.html", "text/html").json()
    served = client.get(html["url"])
    assert served.headers["content-type"].startswith("text/plain")
    assert served.headers["content-disposition"].startswith("attachment")
    assert "sandbox" in served.headers["content-security-policy"]
    # another visitor cannot attach my file, nor can a guessed token be served
    stranger = start(client)["token"]
    r = send(client, stranger, "mine now", attachments=[att["id"]])
    assert (r.status_code, r.json()["error"]["code"]) == (422, "unknown_attachment")
    assert client.get(f"/api/v1/webchat/files/{'a' * 43}/x.png").status_code == 404


def test_cors_preflight_and_widget_files(client: TestClient) -> None:
    r = client.options("/api/v1/webchat/messages", headers={
        "Origin": "https://shop.example", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type,x-huitong-visitor"})
    assert r.status_code == 204
    assert "X-Huitong-Visitor" in r.headers["Access-Control-Allow-Headers"]
    js = client.get("/widget/huitong-chat.js")
    assert js.status_code == 200
    assert "javascript" in js.headers["content-type"]
    assert ".innerHTML" not in js.text  # visitor and agent text only ever goes through textContent
    assert client.get("/widget/huitong-chat.css").status_code == 200
    assert 'src="/widget/huitong-chat.js"' in client.get("/widget/demo.html").text


def test_agent_typing_needs_an_agent_and_a_chat(client: TestClient, agent: Headers) -> None:
    token = start(client)["token"]
    iid = send(client, token, "hi").json()["interaction_id"]
    assert client.post(f"/api/v1/interactions/{iid}/typing", json={"active": True}).status_code == 401
    assert client.post(f"/api/v1/interactions/{iid}/typing", headers=agent,
                       json={"active": True}).status_code == 204
    assert client.post("/api/v1/interactions/999999/typing", headers=agent,
                       json={"active": True}).status_code == 404


@pytest.mark.parametrize("score", [0, 6])
def test_rating_out_of_range_is_refused(client: TestClient, score: int) -> None:
    token = start(client)["token"]
    iid = send(client, token, "hi").json()["interaction_id"]
    r = client.post("/api/v1/webchat/rating", headers={H: token},
                    json={"interaction_id": iid, "score": score})
    assert r.status_code == 422
