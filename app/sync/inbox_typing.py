"""Throttles the agent's own typing signal: at most one `active` per interval, one `inactive` when done."""

from __future__ import annotations

import time
from collections.abc import Callable

TYPING_INTERVAL = 3.0  # seconds between repeated "still typing" signals
TYPING_IDLE = 5.0  # the UI reports "stopped" after this long without a keystroke


class TypingThrottle:
    """Pure bookkeeping; `send(interaction_id, active)` is whatever posts the signal (off the GUI thread)."""

    def __init__(self, send: Callable[[int, bool], None], *, interval: float = TYPING_INTERVAL,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._send = send
        self._interval = interval
        self._clock = clock
        self._active: int | None = None
        self._last = 0.0

    def keystroke(self, interaction_id: int) -> bool:
        """The agent typed; True when a signal went out."""
        now = self._clock()
        if self._active not in (None, interaction_id):
            self.stopped()
        if self._active == interaction_id and now - self._last < self._interval:
            return False
        self._active, self._last = interaction_id, now
        self._send(interaction_id, True)
        return True

    def stopped(self) -> bool:
        """Idle, sent or switched away; True when an `inactive` signal went out."""
        if self._active is None:
            return False
        interaction_id, self._active = self._active, None
        self._send(interaction_id, False)
        return True
