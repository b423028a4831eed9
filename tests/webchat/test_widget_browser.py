"""The widget in headless Chromium against a real server: pre-chat form, messages both ways, typing both
ways, history after a reload, attachments and the size limit, HTML shown as text, rating, Chinese UI."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from selenium.webdriver.common.by import By
from websockets.sync.client import connect

from tests.fixtures.server import ServerProcess, start_server
from tests.webchat.browser import WidgetPage, chromium

PNG_1PX = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6360f80f00000101000518d84e0000000049454e44ae426082")


@pytest.fixture
def page(chat_server: ServerProcess) -> Iterator[WidgetPage]:
    driver = chromium()
    try:
        yield WidgetPage(driver, chat_server.url).open()
    finally:
        driver.quit()


def api(server: ServerProcess, headers: dict[str, str], method: str, path: str, **kw: Any) -> Any:
    r = requests.request(method, f"{server.url}/api/v1{path}", headers=headers, timeout=10, **kw)
    assert r.status_code < 300, r.text
    return r.json() if r.content else None


def chat_of(server: ServerProcess, headers: dict[str, str], visitor_id: str) -> dict[str, Any]:
    items = api(server, headers, "GET", "/interactions", params={"channel": "chat", "status": "all",
                                                                   "limit": 1000})["items"]
    [row] = [i for i in items if i["external_ref"] == visitor_id]
    return dict(row)


def visitor_id(page: WidgetPage) -> str:
    stored = page.driver.execute_script(
        "for (var i = 0; i < localStorage.length; i++) { var k = localStorage.key(i);"
        " if (k.indexOf('huitong-chat:') === 0) return localStorage.getItem(k); } return null;")
    return str(json.loads(stored)["token"].split(".")[1])


def test_visitor_and_agent_talk_with_typing_and_history_after_reload(
        chat_server: ServerProcess, agent_headers: dict[str, str], page: WidgetPage) -> None:
    token = agent_headers["Authorization"].split()[1]
    since = requests.get(f"{chat_server.url}/healthz", timeout=5).json()["seq"]
    ws_base = chat_server.url.replace("http://", "ws://")
    page.start_chat(name="Li Lei", email="li.lei.widget@example.com")
    with connect(f"{ws_base}/api/v1/live?token={token}&since={since}", open_timeout=10) as live:
        page.type_and_send("Hello from the browser")
        page.wait(page.sent_ids)  # acknowledged and shown with its server id
        while True:  # the agent's live socket receives it as a chat event
            frame = json.loads(live.recv(timeout=10))
            if frame.get("type") == "event" and frame["event"]["kind"] == "chat":
                break
        assert frame["event"]["body"] == "Hello from the browser"
        iid = frame["event"]["payload"]["interaction_id"]
        row = api(chat_server, agent_headers, "GET", f"/interactions/{iid}")
        assert (row["channel"], row["status"], row["customer_name"]) == ("chat", "queued", "Li Lei")
        # visitor typing reaches the agent's live socket
        page.find("#hc-input").send_keys("still typ")
        while True:
            frame = json.loads(live.recv(timeout=10))
            if frame.get("type") == "typing":
                break
        assert frame == {"type": "typing", "interaction_id": iid, "party": "visitor", "active": True}
    # agent typing shows in the widget, the reply appears and hides it
    api(chat_server, agent_headers, "POST", f"/interactions/{iid}/typing", json={"active": True})
    page.wait(lambda: page.find("#hc-typing").is_displayed())
    api(chat_server, agent_headers, "POST", f"/interactions/{iid}/messages",
        json={"client_id": str(uuid.uuid4()), "body": "Hi Li Lei, how can I help?"})
    page.wait(lambda: page.bodies("agent") == ["Hi Li Lei, how can I help?"])
    assert not page.find("#hc-typing").is_displayed()
    # the open chat window marks the reply read
    page.wait(lambda: api(chat_server, agent_headers, "GET", f"/interactions/{iid}/messages")
              ["items"][0]["delivery"] == "read")
    page.driver.refresh()
    page.wait(lambda: page.bodies() == ["Hello from the browser", "Hi Li Lei, how can I help?"])
    assert page.find("#hc-input").is_displayed()  # the pre-chat form is not asked again


def test_attachment_upload_and_too_big_file(chat_server: ServerProcess, agent_headers: dict[str, str],
                                            page: WidgetPage, tmp_path: Path) -> None:
    page.start_chat()
    image = tmp_path / "receipt.png"
    image.write_bytes(PNG_1PX)
    page.driver.execute_script("document.getElementById('hc-file').hidden = false")
    page.find("#hc-file").send_keys(str(image))
    page.wait(lambda: page.all("#hc-log .hc-msg[data-id] img.hc-image"))
    img = page.find("#hc-log img.hc-image")
    page.wait(lambda: page.driver.execute_script("return arguments[0].naturalWidth", img) == 1)
    row = chat_of(chat_server, agent_headers, visitor_id(page))
    [msg] = api(chat_server, agent_headers, "GET", f"/interactions/{row['id']}/messages")["items"]
    assert [(a["name"], a["mime"], a["size"]) for a in msg["attachments"]] == [
        ("receipt.png", "image/png", len(PNG_1PX))]
    big = tmp_path / "huge.png"
    big.write_bytes(PNG_1PX + b"\x00" * (10 * 1024 * 1024))  # over the default 10 MB: refused before sending
    page.find("#hc-file").send_keys(str(big))
    page.wait(lambda: page.find("#hc-notice").is_displayed())
    assert "too large" in page.find("#hc-notice").text
    assert len(api(chat_server, agent_headers, "GET", f"/interactions/{row['id']}/messages")["items"]) == 1


def test_server_refusals_of_uploads_are_shown_by_the_widget(tmp_path: Path) -> None:
    """Bigger than the JSON body limit is fine; a lying file name and a file over a limit the server has
    lowered since the page loaded are refused by the server and the widget says why."""
    url = f"sqlite:///{tmp_path / 'huitong.sqlite3'}"
    server = start_server(url, seed=False, HUITONG_WEBCHAT_MAX_ATTACHMENT_BYTES=str(4 * 1024 * 1024))
    driver = chromium()
    try:
        page = WidgetPage(driver, server.url).open()
        page.start_chat()
        page.driver.execute_script("document.getElementById('hc-file').hidden = false")
        photo = tmp_path / "photo.png"
        photo.write_bytes(PNG_1PX + b"\x00" * (2 * 1024 * 1024))  # twice the server's JSON body limit
        page.find("#hc-file").send_keys(str(photo))
        page.wait(lambda: page.all("#hc-log .hc-msg[data-id] img.hc-image"))
        fake = tmp_path / "holiday.png"  # a program with an image's name
        fake.write_bytes(b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 4096)
        page.find("#hc-file").send_keys(str(fake))
        page.wait(lambda: "not accepted" in page.find("#hc-notice").text)
        assert page.find("#hc-notice").text.startswith("The file could not be sent:")
        port = server.url.rsplit(":", 1)[1]
        server.stop()  # the limit is lowered; the open page still has the old one
        server = start_server(url, seed=False, port=int(port), HUITONG_WEBCHAT_MAX_ATTACHMENT_BYTES="1048576")
        page.find("#hc-file").send_keys(str(photo))
        page.wait(lambda: "larger than 1 MB" in page.find("#hc-notice").text)
        assert page.find("#hc-notice").text == (
            "The file could not be sent: The file is larger than 1 MB, the most a chat attachment may be.")
        assert len(page.all("#hc-log img.hc-image")) == 1
    finally:
        driver.quit()
        server.stop()


def test_html_typed_by_the_visitor_or_agent_is_shown_as_text(
        chat_server: ServerProcess, agent_headers: dict[str, str], page: WidgetPage) -> None:
    hostile = '<b>bold</b><img src=x onerror="window.__pwned=1">'
    page.start_chat(name="<i>Mallory</i>")
    page.type_and_send(hostile)
    page.wait(page.sent_ids)
    row = chat_of(chat_server, agent_headers, visitor_id(page))
    api(chat_server, agent_headers, "POST", f"/interactions/{row['id']}/messages",
        json={"client_id": str(uuid.uuid4()), "body": "<script>window.__pwned=2</script>reply"})
    page.wait(lambda: len(page.bodies()) == 2)
    assert page.bodies() == [hostile, "<script>window.__pwned=2</script>reply"]
    assert page.all("#hc-log b, #hc-log script, #hc-log img") == []
    assert page.driver.execute_script("return window.__pwned === undefined")
    [stored] = [m for m in api(chat_server, agent_headers, "GET", f"/interactions/{row['id']}/messages")
                ["items"] if m["direction"] == "in"]
    assert (stored["body"], stored["html"]) == (hostile, None)


def test_closing_shows_the_rating_and_it_is_stored(chat_server: ServerProcess, agent_headers: dict[str, str],
                                                   page: WidgetPage) -> None:
    page.start_chat()
    page.type_and_send("Solved, thanks")
    page.wait(page.sent_ids)
    row = chat_of(chat_server, agent_headers, visitor_id(page))
    assert not page.find("#hc-rating").is_displayed()
    api(chat_server, agent_headers, "POST", f"/interactions/{row['id']}/status", json={"status": "closed"})
    page.wait(lambda: page.find("#hc-rating").is_displayed())
    page.find('#hc-rating .hc-star[data-score="4"]').click()
    page.find("#hc-rating-comment").send_keys("fast")
    page.find("#hc-rating-submit").click()
    page.wait(lambda: page.find("#hc-rating-thanks").is_displayed())
    rating = api(chat_server, agent_headers, "GET", f"/interactions/{row['id']}")["attributes"]["rating"]
    assert (rating["score"], rating["comment"]) == (4, "fast")


def test_widget_speaks_chinese_when_the_browser_does(chat_server: ServerProcess) -> None:
    driver = chromium("zh-CN")
    try:
        page = WidgetPage(driver, chat_server.url).open()
        assert page.find("#hc-launcher").text.strip().endswith("在线咨询")
        page.find("#hc-launcher").click()
        page.wait(lambda: page.find("#hc-start").text == "开始对话")
        assert driver.find_element(By.CSS_SELECTOR, "#hc-input").get_attribute("placeholder") == "输入消息…"
    finally:
        driver.quit()
