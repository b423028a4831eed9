"""Exponential back-off with jitter, shared by the live socket and the outbox sender."""

from __future__ import annotations

import random


class Backoff:
    """0.25 s, 0.5 s, 1 s … capped at 5 s; jitter keeps many clients from reconnecting in lock-step."""

    def __init__(self, first: float = 0.25, cap: float = 5.0) -> None:
        self.first, self.cap, self.attempt = first, cap, 0

    def next_delay(self) -> float:
        base = min(self.cap, self.first * (2 ** self.attempt))
        self.attempt += 1
        return base * random.uniform(0.75, 1.0)

    @property
    def at_cap(self) -> bool:
        return self.first * (2 ** self.attempt) >= self.cap

    def reset(self) -> None:
        self.attempt = 0
