"""The local cache on its own: de-duplication by seq, merge/unmerge bookkeeping, offline search."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.domain import Customer, Identity, TimelineEvent, TimelinePage
from app.sync.cache import LocalCache
from app.sync.paths import cache_file, default_cache_dir

NOW = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)


def _event(seq: int, customer_id: int, kind: str = "chat", **payload: int) -> TimelineEvent:
    return TimelineEvent(seq, customer_id, kind, "web", f"e{seq}", NOW, payload=dict(payload))


def test_live_events_at_or_below_the_last_seq_are_dropped(tmp_path: Path) -> None:
    cache = LocalCache(tmp_path / "c.sqlite3")
    assert cache.apply_live_event(_event(5, 1))
    assert not cache.apply_live_event(_event(5, 1))
    assert not cache.apply_live_event(_event(3, 1))
    assert cache.apply_live_event(_event(6, 1))
    assert cache.last_seq() == 6
    cache.close()
    assert LocalCache(tmp_path / "c.sqlite3").last_seq() == 6  # persisted


def test_merge_moves_cached_events_to_the_target_and_unmerge_forgets_both(tmp_path: Path) -> None:
    cache = LocalCache(tmp_path / "c.sqlite3")
    for cid in (1, 2):
        cache.put_customer(Customer(cid, f"C{cid}", NOW))
    cache.put_page(1, TimelinePage((_event(2, 1), _event(1, 1)), None))
    cache.put_page(2, TimelinePage((_event(3, 2),), None))
    cache.apply_live_event(_event(10, 1, "merge", source_id=2, target_id=1))
    assert [e.seq for e in cache.timeline(1).items] == [10, 3, 2, 1]
    assert cache.timeline(2).items == ()
    source = cache.get_customer(2)
    assert source is not None
    assert source.merged_into_id == 1
    assert cache.timeline(1).next_before is not None  # no longer known complete: may need the server
    cache.apply_live_event(_event(11, 1, "unmerge", source_id=2, target_id=1))
    assert [e.seq for e in cache.timeline(1).items] == [11]


def test_offline_search_finds_name_and_phone_in_any_format(tmp_path: Path) -> None:
    cache = LocalCache(tmp_path / "c.sqlite3")
    cache.put_customer(Customer(1, "王小明", NOW, (Identity(1, "phone", "+8613800138000", "138 0013 8000"),)))
    ann = Identity(2, "email", "ann@example.com", "ann@example.com")
    cache.put_customer(Customer(2, "Ann Lee", NOW, (ann,)))
    assert [c.id for c in cache.search("小明")] == [1]
    assert [c.id for c in cache.search("138-0013-8000")] == [1]
    assert [c.id for c in cache.search("ANN")] == [2]
    assert cache.search("%") == []


def test_cache_file_is_per_server_and_agent_under_xdg_data_home(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert default_cache_dir() == tmp_path / "huitong"
    a = cache_file(tmp_path, "http://h:8000", "agent1")
    assert a != cache_file(tmp_path, "http://h:8000", "agent2")
    assert a != cache_file(tmp_path, "http://other:8000", "agent1")
    assert a == cache_file(tmp_path, "http://h:8000/", "agent1")
