"""Routing settings from the environment.

- `HUITONG_ROUTING_TICK` — seconds between worker passes (expire offers, end after-call work, take in new
  queued interactions, overflow, offer); default 0.5. `0` turns the worker off (tests drive passes by hand).
- `HUITONG_VOICE_ROUTE_SECRET` — shared secret Kamailio sends in `X-Huitong-Voice-Secret` to
  `/api/v1/voice/*`. Unset: those routes answer loopback clients only. Never logged.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field

DEFAULT_CAPACITY = {"voice": 1, "chat": 3, "email": 5, "sms": 3, "social": 3}


@dataclass(frozen=True)
class RoutingSettings:
    tick_seconds: float = 0.5
    voice_secret: str | None = field(default=None, repr=False)
    batch: int = 2000  # waiting interactions considered per pass, in priority order

    @property
    def worker_enabled(self) -> bool:
        return self.tick_seconds > 0

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> RoutingSettings:
        env = os.environ if env is None else env
        text = env.get("HUITONG_ROUTING_TICK") or "0.5"
        try:
            tick = float(text)
        except ValueError:
            raise ValueError(f"HUITONG_ROUTING_TICK {text!r} is not a number of seconds") from None
        return cls(tick_seconds=max(tick, 0.0), voice_secret=env.get("HUITONG_VOICE_ROUTE_SECRET") or None)
