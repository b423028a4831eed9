"""The local cache: customers and events seen, the last applied live `seq`, the outbox, the last inbox counts.

One SQLite file (WAL, so the live thread, the outbox sender and UI workers can share it) per server+agent.
Rows keep the domain objects as JSON blobs; a few columns exist only to search and order them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    Float,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    event,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.engine import Engine
from sqlalchemy.sql import ColumnElement

from app.domain import Customer, TimelineEvent, TimelinePage
from app.sync.codec import customer_to_json, event_to_json

metadata = MetaData()
customers = Table(
    "customers", metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("search_text", Text, nullable=False),  # case-folded name + identity values, and their digits
    Column("data", Text, nullable=False),
    Column("history_complete", Boolean, nullable=False, default=False),  # oldest event is cached
)
events = Table(
    "events", metadata,
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("customer_id", Integer, nullable=False, index=True),
    Column("data", Text, nullable=False),
)
meta = Table("meta", metadata, Column("key", String(64), primary_key=True), Column("value", Text))
outbox = Table(
    "outbox", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),  # send order
    Column("client_id", String(36), nullable=False, unique=True),
    Column("customer_id", Integer, nullable=False),
    Column("kind", String(32), nullable=False),
    Column("channel", String(32), nullable=False),
    Column("body", Text, nullable=False),
    Column("payload", Text, nullable=False, default="{}"),
    Column("attempts", Integer, nullable=False, default=0),
    Column("last_error", Text),
    Column("state", String(16), nullable=False, default="pending", index=True),  # pending | sent | failed
    Column("created_at", Float, nullable=False),
)
inbox_counts = Table(  # the last inbox counts (app.sync.inbox_counts), shown at the next start
    "inbox_counts", metadata,
    Column("server", String(255), primary_key=True),
    Column("agent", String(128), primary_key=True),
    Column("data", Text, nullable=False),  # the server's answer as JSON
    Column("fetched_at", Float, nullable=False),  # time.time() of that answer
)


def _search_text(c: Customer) -> str:
    parts = [c.display_name] + [v for i in c.identities for v in (i.value, i.display_value)]
    text = " ".join(parts).casefold()
    # Digits alone too, so "138 0013 8000" finds "+86 138-0013-8000" when offline.
    return text + " " + " ".join(re.sub(r"\D", "", p) for p in parts if re.search(r"\d", p))


def _like(term: str) -> str:
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


class LocalCache:
    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.engine: Engine = create_engine(f"sqlite:///{self.path}",
                                            connect_args={"check_same_thread": False, "timeout": 10})
        event.listen(self.engine, "connect", self._pragmas)
        metadata.create_all(self.engine)

    @staticmethod
    def _pragmas(dbapi_conn: Any, _record: Any) -> None:
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    def close(self) -> None:
        self.engine.dispose()

    # -- meta -----------------------------------------------------------------------------------------------
    def get_meta(self, key: str) -> str | None:
        with self.engine.connect() as conn:
            return conn.scalar(select(meta.c.value).where(meta.c.key == key))

    def set_meta(self, key: str, value: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(meta.delete().where(meta.c.key == key))
            conn.execute(insert(meta).values(key=key, value=value))

    def last_seq(self) -> int:
        value = self.get_meta("last_seq")
        return int(value) if value else 0

    # -- inbox counts ---------------------------------------------------------------------------------
    def put_inbox_counts(self, server: str, agent: str, data: str, fetched_at: float) -> None:
        with self.engine.begin() as conn:
            key = (inbox_counts.c.server == server) & (inbox_counts.c.agent == agent)
            conn.execute(inbox_counts.delete().where(key))
            conn.execute(insert(inbox_counts).values(server=server, agent=agent, data=data,
                                                     fetched_at=fetched_at))

    def get_inbox_counts(self, server: str, agent: str) -> tuple[str, float] | None:
        """The last counts stored for this server and agent: (JSON, fetched_at), or None."""
        with self.engine.connect() as conn:
            row = conn.execute(select(inbox_counts.c.data, inbox_counts.c.fetched_at).where(
                inbox_counts.c.server == server, inbox_counts.c.agent == agent)).first()
        return None if row is None else (str(row.data), float(row.fetched_at))

    # -- customers --------------------------------------------------------------------------------------
    def put_customer(self, c: Customer, *, history_complete: bool | None = None) -> None:
        with self.engine.begin() as conn:
            old = conn.scalar(select(customers.c.history_complete).where(customers.c.id == c.id))
            row: dict[str, Any] = {"search_text": _search_text(c), "data": json.dumps(customer_to_json(c))}
            if history_complete is not None:
                row["history_complete"] = history_complete
            if old is None:
                conn.execute(insert(customers).values(id=c.id, **{"history_complete": False, **row}))
            else:
                conn.execute(update(customers).where(customers.c.id == c.id).values(**row))

    def get_customer(self, customer_id: int) -> Customer | None:
        with self.engine.connect() as conn:
            data = conn.scalar(select(customers.c.data).where(customers.c.id == customer_id))
        return Customer.from_json(json.loads(data)) if data else None

    def search(self, query: str, limit: int = 20) -> list[Customer]:
        term = query.strip().casefold()
        if not term:
            return []
        cond: ColumnElement[bool] = customers.c.search_text.like(_like(term), escape="\\")
        digits = re.sub(r"\D", "", term)
        if len(digits) >= 3:
            cond = cond | customers.c.search_text.like(_like(digits), escape="\\")
        with self.engine.connect() as conn:
            rows = conn.scalars(select(customers.c.data).where(cond).limit(limit)).all()
        found = [Customer.from_json(json.loads(d)) for d in rows]
        return [c for c in found if c.merged_into_id is None]

    # -- events ---------------------------------------------------------------------------------------
    def put_events(self, items: Iterable[TimelineEvent]) -> None:
        with self.engine.begin() as conn:
            for e in items:
                conn.execute(events.delete().where(events.c.seq == e.seq))
                conn.execute(insert(events).values(seq=e.seq, customer_id=e.customer_id,
                                                   data=json.dumps(event_to_json(e))))

    def put_page(self, customer_id: int, page: TimelinePage) -> None:
        """Cache one server page; a page with no `next_before` means the customer's history is all here."""
        self.put_events(page.items)
        if page.next_before is None:
            with self.engine.begin() as conn:
                conn.execute(update(customers).where(customers.c.id == customer_id)
                             .values(history_complete=True))

    def timeline(self, customer_id: int, before: int | None = None, limit: int = 50) -> TimelinePage:
        q = select(events.c.data).where(events.c.customer_id == customer_id)
        if before is not None:
            q = q.where(events.c.seq < before)
        with self.engine.connect() as conn:
            rows = conn.scalars(q.order_by(events.c.seq.desc()).limit(limit)).all()
            items = tuple(TimelineEvent.from_json(json.loads(d)) for d in rows)
            if not items:
                return TimelinePage((), None)
            oldest = items[-1].seq
            older = conn.scalar(select(func.count()).select_from(events).where(
                events.c.customer_id == customer_id, events.c.seq < oldest))
            complete = conn.scalar(select(customers.c.history_complete).where(customers.c.id == customer_id))
        # Offer "older" unless we know there is nothing before the oldest cached event.
        return TimelinePage(items, None if (not older and complete) else oldest)

    def apply_live_event(self, e: TimelineEvent) -> bool:
        """Store one live event and advance last_seq atomically; False if it was already applied."""
        with self.engine.begin() as conn:
            last = int(conn.scalar(select(meta.c.value).where(meta.c.key == "last_seq")) or 0)
            if e.seq <= last:
                return False
            conn.execute(events.delete().where(events.c.seq == e.seq))
            conn.execute(insert(events).values(seq=e.seq, customer_id=e.customer_id,
                                               data=json.dumps(event_to_json(e))))
            conn.execute(meta.delete().where(meta.c.key == "last_seq"))
            conn.execute(insert(meta).values(key="last_seq", value=str(e.seq)))
            if e.kind in ("merge", "unmerge"):
                self._apply_merge(conn, e)
        return True

    @staticmethod
    def _apply_merge(conn: Any, e: TimelineEvent) -> None:
        """Follow a merge / undo on the server, which moved whole timelines between two customers.

        Merge moves every source event to the target, so the cache does the same. Only the server knows
        which events go back on undo (origin_customer_id), so for unmerge we forget both customers' cached
        events rather than guess; the next fetch_customer re-reads them.
        """
        source = e.payload.get("source_id")
        target = e.payload.get("target_id", e.customer_id)
        if not isinstance(source, int) or not isinstance(target, int):
            return
        ids = (source, target)
        conn.execute(update(customers).where(customers.c.id.in_(ids)).values(history_complete=False))
        if e.kind == "merge":
            conn.execute(update(events).where(events.c.customer_id == source).values(customer_id=target))
            data = conn.scalar(select(customers.c.data).where(customers.c.id == source))
            if data:  # so offline search no longer offers the merged-away customer
                blob = json.loads(data)
                blob["merged_into_id"] = target
                conn.execute(update(customers).where(customers.c.id == source).values(data=json.dumps(blob)))
        else:
            conn.execute(events.delete().where(events.c.customer_id.in_(ids), events.c.seq != e.seq))
