"""Call operations pjsua refuses for a moment, tried again on each engine-loop turn.

- hold / resume while another INVITE transaction of the call is in flight (pjsua allows one at a time);
  the newest wish wins (hold then resume = resume);
- RFC 4733 digits while the call has no audio stream (media being renegotiated, e.g. the re-INVITE after a
  network change); later digits queue behind them, in order.
Each waits up to RETRY_SECONDS, then the agent is told (CommandDidFail) instead of the wish vanishing.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import pjsua2 as pj

from app.telephony import events as ev

RETRY_SECONDS = 3.0
Sender = Callable[[Any, str], None]  # (the pjsua2 call, the value: "hold" / "resume" or digits)
WHAT = {"media": "{value}", "dtmf": "DTMF {value}"}  # what the failure notice says could not be sent


@dataclass(slots=True)
class _Pending:
    deadline: float
    value: str


class CallRetries:
    def __init__(self, publish: Callable[[ev.EngineEvent], None], senders: Mapping[str, Sender]) -> None:
        self._publish = publish
        self._senders = dict(senders)  # kind → how to send it
        self._pending: dict[tuple[int, str], _Pending] = {}

    def attempt(self, call_id: int, call: Any, kind: str, value: str, *, queue: bool = False) -> None:
        """Sends now, or keeps it for the next turns. `queue`: values of this kind wait behind earlier
        ones (digits); otherwise the newest replaces a waiting one (hold/resume)."""
        key = (call_id, kind)
        waiting = self._pending.get(key)
        if queue and waiting is not None:
            waiting.value += value
            return
        self._pending.pop(key, None)
        try:
            self._senders[kind](call, value)
        except pj.Error:
            self._pending[key] = _Pending(time.monotonic() + RETRY_SECONDS, value)

    def run(self, calls: Mapping[int, Any]) -> None:
        for (call_id, kind), pending in list(self._pending.items()):
            call = calls.get(call_id)
            if call is not None:
                try:
                    self._senders[kind](call, pending.value)
                except pj.Error as exc:
                    if time.monotonic() < pending.deadline:
                        continue
                    what = WHAT.get(kind, "{value}").format(value=pending.value)
                    self._publish(ev.CommandDidFail(kind, f"{what} could not be sent: {exc.reason}"))
            del self._pending[(call_id, kind)]

    def __bool__(self) -> bool:
        return bool(self._pending)

    def clear(self) -> None:
        self._pending.clear()
