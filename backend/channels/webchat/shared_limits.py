"""Visitor rate limits that hold across server processes: token buckets in `webchat_rate_buckets`.

Used when the database is PostgreSQL (several server processes share it); SQLite means one process, which
keeps the in-memory `RateLimiter`. One statement per check — `INSERT … ON CONFLICT DO UPDATE … RETURNING` —
refills and takes a token under the row lock, with the database's clock, so two processes can never both
spend the last token. Rows idle long enough to have refilled completely are deleted now and then. If the
database cannot be reached the process falls back to its own in-memory bucket (logged), never an error.
"""

from __future__ import annotations

import logging
import threading
import time

from sqlalchemy import Engine, text
from sqlalchemy.exc import SQLAlchemyError

from backend.channels.webchat.limits import RateLimiter, too_many

log = logging.getLogger("huitong.webchat.limits")
PRUNE_EVERY_SECONDS = 300.0

_TAKE = text("""
INSERT INTO webchat_rate_buckets AS b (name, key, tokens, stamp, allowed)
VALUES (:name, :key, CAST(:burst AS double precision) - 1, extract(epoch FROM clock_timestamp()), true)
ON CONFLICT (name, key) DO UPDATE SET
  tokens = CASE WHEN LEAST(:burst, b.tokens + (EXCLUDED.stamp - b.stamp) * :rate) >= 1
                THEN LEAST(:burst, b.tokens + (EXCLUDED.stamp - b.stamp) * :rate) - 1
                ELSE LEAST(:burst, b.tokens + (EXCLUDED.stamp - b.stamp) * :rate) END,
  allowed = LEAST(:burst, b.tokens + (EXCLUDED.stamp - b.stamp) * :rate) >= 1,
  stamp = EXCLUDED.stamp
RETURNING allowed, tokens
""")
_PRUNE = text("DELETE FROM webchat_rate_buckets WHERE name = :name "
              "AND stamp < extract(epoch FROM clock_timestamp()) - :full")


class SharedRateLimiter:
    """The same contract as `RateLimiter` (`retry_after`, `check`), kept in the database."""

    def __init__(self, engine: Engine, name: str, per_minute: float, burst: int) -> None:
        self.engine = engine
        self.name = name
        self.rate = per_minute / 60.0
        self.burst = float(max(1, burst))
        self.fallback = RateLimiter(per_minute, burst)
        self._next_prune = 0.0
        self._lock = threading.Lock()

    def retry_after(self, key: str) -> float:
        """Takes one token: 0 when allowed, else the seconds until one is available."""
        params = {"name": self.name, "key": key[:128], "burst": self.burst, "rate": self.rate}
        try:
            with self.engine.begin() as conn:
                allowed, tokens = conn.execute(_TAKE, params).one()
                self._maybe_prune(conn)
        except SQLAlchemyError:
            log.warning("rate limit %s: database unavailable, limiting in this process only", self.name)
            return self.fallback.retry_after(key)
        return 0.0 if allowed else max(0.001, (1.0 - float(tokens)) / self.rate)

    def check(self, key: str, what: str) -> None:
        wait = self.retry_after(key)
        if wait > 0:
            raise too_many(what, wait)

    def _maybe_prune(self, conn: object) -> None:
        now = time.monotonic()
        with self._lock:
            if now < self._next_prune:
                return
            self._next_prune = now + PRUNE_EVERY_SECONDS
        conn.execute(_PRUNE, {"name": self.name, "full": self.burst / self.rate})  # type: ignore[attr-defined]
