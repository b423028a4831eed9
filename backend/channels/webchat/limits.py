"""Web chat limits (from HUITONG_WEBCHAT_* variables) and the in-process token-bucket rate limiter."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Protocol

from backend.errors import ApiError

MAX_BODY_CHARS = 4000
MAX_FRAME_CHARS = 16_000
MAX_NAME_CHARS = 100
MAX_COMMENT_CHARS = 1000
MAX_ATTACHMENTS_PER_MESSAGE = 5
HISTORY_LIMIT = 200
MAX_ATTACHMENT_CEILING = 100 * 1024 * 1024  # uploads are kept in the database: no configuring past this


@dataclass(frozen=True)
class WebchatLimits:
    max_attachment_bytes: int = 10 * 1024 * 1024  # the upload route's own limit (not the JSON body limit)
    messages_per_minute: float = 60.0
    message_burst: int = 20
    uploads_per_minute: float = 10.0
    sessions_per_minute: float = 30.0  # new visitor ids per client address
    connects_per_minute: float = 60.0  # WebSocket connects per visitor
    typing_per_minute: float = 40.0  # typing signals a visitor's sockets may publish, all together

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> WebchatLimits:
        """Reads HUITONG_WEBCHAT_* (MAX_ATTACHMENT_BYTES at most MAX_ATTACHMENT_CEILING)."""
        env = os.environ if env is None else env

        def number(name: str, default: float) -> float:
            raw = env.get(f"HUITONG_WEBCHAT_{name}", "")
            try:
                value = float(raw) if raw else default
            except ValueError as exc:
                raise ValueError(f"HUITONG_WEBCHAT_{name} must be a number, not {raw!r}") from exc
            if value <= 0:
                raise ValueError(f"HUITONG_WEBCHAT_{name} must be positive")
            return value

        base = cls()
        return cls(
            max_attachment_bytes=min(int(number("MAX_ATTACHMENT_BYTES", base.max_attachment_bytes)),
                                     MAX_ATTACHMENT_CEILING),
            messages_per_minute=number("MESSAGES_PER_MINUTE", base.messages_per_minute),
            message_burst=int(number("MESSAGE_BURST", base.message_burst)),
            uploads_per_minute=number("UPLOADS_PER_MINUTE", base.uploads_per_minute),
            sessions_per_minute=number("SESSIONS_PER_MINUTE", base.sessions_per_minute),
            connects_per_minute=number("CONNECTS_PER_MINUTE", base.connects_per_minute),
            typing_per_minute=number("TYPING_PER_MINUTE", base.typing_per_minute),
        )


def too_many(what: str, wait: float) -> ApiError:
    seconds = max(1, int(wait + 0.999))
    return ApiError(429, "rate_limited", f"Too many {what}; try again in {seconds} s.",
                    {"Retry-After": str(seconds)})


class Limiter(Protocol):
    """What a visitor limit offers: take a token (`retry_after` → 0 when allowed) or raise 429 (`check`)."""

    def retry_after(self, key: str) -> float: ...

    def check(self, key: str, what: str) -> None: ...


class RateLimiter:
    """Token buckets per key: `burst` at once, refilled at `per_minute`. Thread-safe, bounded memory."""

    def __init__(self, per_minute: float, burst: int, *, max_keys: int = 50_000) -> None:
        self.rate = per_minute / 60.0
        self.burst = float(burst)
        self.max_keys = max_keys
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def retry_after(self, key: str) -> float:
        """Takes one token: 0 when allowed, else the seconds until one is available."""
        now = time.monotonic()
        with self._lock:
            tokens, stamp = self._buckets.get(key, (self.burst, now))
            tokens = min(self.burst, tokens + (now - stamp) * self.rate)
            if tokens >= 1.0:
                self._buckets[key] = (tokens - 1.0, now)
                self._trim()
                return 0.0
            self._buckets[key] = (tokens, now)
            return (1.0 - tokens) / self.rate

    def check(self, key: str, what: str) -> None:
        wait = self.retry_after(key)
        if wait > 0:
            raise too_many(what, wait)

    def _trim(self) -> None:
        if len(self._buckets) > self.max_keys:  # drop the oldest half: they have long refilled anyway
            oldest = sorted(self._buckets.items(), key=lambda kv: kv[1][1])[: self.max_keys // 2]
            for key, _ in oldest:
                del self._buckets[key]


LimiterFactory = Callable[[str, float, int], Limiter]


def in_memory(_name: str, per_minute: float, burst: int) -> Limiter:
    return RateLimiter(per_minute, burst)


class Limiters:
    """The limiters applied to visitors: in this process's memory by default, or from `make` (the
    PostgreSQL-backed ones shared by every server process, see `shared_limits.py`)."""

    def __init__(self, limits: WebchatLimits, make: LimiterFactory = in_memory) -> None:
        self.limits = limits
        self.messages = make("messages", limits.messages_per_minute, limits.message_burst)
        self.uploads = make("uploads", limits.uploads_per_minute, max(1, int(limits.uploads_per_minute // 2)))
        self.sessions = make("sessions", limits.sessions_per_minute,
                             max(1, int(limits.sessions_per_minute // 3)))
        self.connects = make("connects", limits.connects_per_minute,
                             max(1, int(limits.connects_per_minute // 3)))
        self.typing = make("typing", limits.typing_per_minute, max(1, int(limits.typing_per_minute // 4)))
