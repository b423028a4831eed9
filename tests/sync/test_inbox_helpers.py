"""Pure inbox helpers: typing frames, the typing throttle, canned replies on disk."""

from __future__ import annotations

from pathlib import Path

from app.sync.inbox_canned import CannedReply, CannedStore, filter_replies
from app.sync.inbox_typing import TypingThrottle
from app.sync.live_events import parse_typing


def test_typing_frames_are_parsed_and_bad_ones_ignored() -> None:
    frame = {"type": "typing", "interaction_id": 7, "party": "visitor", "active": True}
    assert parse_typing(frame) == (7, "visitor", True)
    assert parse_typing({**frame, "interaction_id": "7"}) is None
    assert parse_typing({**frame, "interaction_id": True}) is None
    assert parse_typing({**frame, "active": "yes"}) is None


def test_typing_throttle_sends_at_most_once_per_interval_and_stops_once() -> None:
    now = [100.0]
    sent: list[tuple[int, bool]] = []
    throttle = TypingThrottle(lambda i, a: sent.append((i, a)), interval=3.0, clock=lambda: now[0])
    assert throttle.keystroke(1)
    for _ in range(20):  # fast typing inside the interval: no more signals
        now[0] += 0.1
        assert not throttle.keystroke(1)
    now[0] += 1.5
    assert throttle.keystroke(1)  # still typing after the interval: one refresh
    assert throttle.keystroke(2)  # switching conversation stops the first one
    assert throttle.stopped()
    assert not throttle.stopped()
    assert sent == [(1, True), (1, True), (1, False), (2, True), (2, False)]


def test_canned_replies_are_created_from_defaults_and_filtered(tmp_path: Path) -> None:
    defaults = [CannedReply("hello", "Greeting", "Hello, how can I help?"),
                CannedReply("bye", "Closing", "Thanks for contacting us, goodbye."),
                CannedReply("wait", "Hold on", "One moment please, I am checking (hello desk).")]
    store = CannedStore(tmp_path / "canned.json")
    assert store.load(defaults) == defaults
    assert (tmp_path / "canned.json").exists()
    mine = [*defaults, CannedReply("addr", "地址", "我们的地址是上海市…")]
    store.save(mine)
    assert store.load(defaults) == mine  # the file wins over defaults once it exists
    assert [r.shortcut for r in filter_replies(mine, "hel")] == ["hello", "wait"]
    assert [r.shortcut for r in filter_replies(mine, "地址")] == ["addr"]
    assert len(filter_replies(mine, "")) == 4
    (tmp_path / "canned.json").write_text("{not json", encoding="utf-8")
    assert store.load(defaults) == defaults  # unreadable: defaults for now, the file left for the agent
    assert (tmp_path / "canned.json").read_text(encoding="utf-8") == "{not json"
