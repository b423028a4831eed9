"""The routing side of the server API for the agent's client: my state, offers, end / wrap-up / transfer,
queues and their figures (ARCHITECTURE.md "Routing"). Plain Python over the existing `ApiClient`.

Agent state, offers and queue figures arrive as live frames (`parse_frame`; see backend/routing/live.py);
`me()` and `figures()` are asked on start, after each action and by a slow safety-net poll. Offers'
countdowns are corrected for the difference between the server's clock and ours (`server_time`).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from app.domain import Interaction
from app.sync.api_client import API, ApiClient

SETTABLE_STATES = ("available", "break", "offline")  # busy and after-call work are the server's to set


def _when(value: object) -> datetime | None:
    if value in (None, ""):
        return None
    parsed = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


def _float(value: object) -> float | None:
    return None if value is None else float(value)  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class RoutingCode:
    """A break reason or a disposition code."""

    code: str
    label: str

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> RoutingCode:
        return cls(str(data["code"]), str(data.get("label") or data["code"]))


@dataclass(frozen=True, slots=True)
class RoutingQueue:
    id: int
    name: str
    channels: tuple[str, ...]
    number: str | None = None
    disposition_required: bool = False
    is_default: bool = False

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> RoutingQueue:
        return cls(int(data["id"]), str(data["name"]), tuple(str(c) for c in data.get("channels") or ()),
                   data.get("number"), bool(data.get("disposition_required")), bool(data.get("is_default")))


@dataclass(frozen=True, slots=True)
class QueueFigures:
    queue_id: int
    name: str
    waiting: int
    longest_wait_seconds: float
    agents_available: int
    agents_staffed: int
    answered: int
    abandoned: int
    sla_answer_percent: float | None
    estimated_wait_seconds: float | None

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> QueueFigures:
        return cls(int(data["queue_id"]), str(data.get("name") or ""), int(data.get("waiting") or 0),
                   float(data.get("longest_wait_seconds") or 0.0), int(data.get("agents_available") or 0),
                   int(data.get("agents_staffed") or 0), int(data.get("answered") or 0),
                   int(data.get("abandoned") or 0), _float(data.get("sla_answer_percent")),
                   _float(data.get("estimated_wait_seconds")))


@dataclass(frozen=True, slots=True)
class Offer:
    """An interaction offered to this agent until `expires_at` (server time, UTC)."""

    id: int
    interaction_id: int
    queue_id: int
    channel: str
    status: str
    created_at: datetime
    expires_at: datetime
    reason: str = ""
    note: str = ""

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Offer:
        created = _when(data["created_at"])
        expires = _when(data["expires_at"])
        assert created is not None
        assert expires is not None
        return cls(int(data["id"]), int(data["interaction_id"]), int(data["queue_id"]), str(data["channel"]),
                   str(data["status"]), created, expires, str(data.get("reason") or ""),
                   str(data.get("note") or ""))

    def shifted(self, by: timedelta) -> Offer:
        """The same offer on our clock, when ours runs `by` ahead of the server's."""
        return replace(self, created_at=self.created_at + by, expires_at=self.expires_at + by)

    def seconds_left(self, now: datetime | None = None) -> float:
        """Time left by the local clock, never more than the offer's whole countdown (a clock running
        behind the server's cannot stretch it)."""
        now = now or datetime.now(UTC)
        whole = (self.expires_at - self.created_at).total_seconds()
        return max(0.0, min((self.expires_at - now).total_seconds(), whole))


@dataclass(frozen=True, slots=True)
class RoutingState:
    """GET /routing/me: state (available | busy | break | after_call_work | offline) and pending offers."""

    agent_id: int
    state: str
    reason_code: str | None
    state_since: datetime
    acw_until: datetime | None
    load: dict[str, int]
    capacity: dict[str, int]
    offers: tuple[Offer, ...]

    @classmethod
    def from_json(cls, data: dict[str, Any], *, now: datetime | None = None) -> RoutingState:
        """With `server_time` in the data, offers are moved onto our clock (received = read: a frame or an
        answer is at most a moment old), so a countdown is right even when the two clocks differ."""
        since = _when(data["state_since"])
        assert since is not None
        server_time = _when(data.get("server_time"))
        skew = (now or datetime.now(UTC)) - server_time if server_time is not None else timedelta(0)
        return cls(int(data["agent_id"]), str(data["state"]), data.get("reason_code"), since,
                   _when(data.get("acw_until")), dict(data.get("load") or {}),
                   dict(data.get("capacity") or {}),
                   tuple(Offer.from_json(o).shifted(skew) for o in data.get("offers") or ()))


@dataclass(frozen=True, slots=True)
class TransferAgent:
    """Another agent as a transfer target, with their routing state."""

    id: int
    display_name: str
    state: str
    username: str = ""  # also the agent's SIP user (a call is transferred there)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> TransferAgent:
        return cls(int(data["id"]), str(data.get("display_name") or data.get("username") or data["id"]),
                   str(data.get("state") or "offline"), str(data.get("username") or ""))


def parse_frame(msg: dict[str, Any], agent_id: int) -> RoutingState | list[QueueFigures] | None:
    """A live frame for this agent: my routing state, or the queue figures; None for anything else or a
    malformed frame (ignored, never fatal)."""
    try:
        if msg.get("type") == "routing" and msg.get("to_agent_id") == agent_id:
            state = RoutingState.from_json(dict(msg["me"]))
            return state if state.agent_id == agent_id else None
        if msg.get("type") == "queue_figures" and msg.get("to_agent_id") in (None, agent_id):
            return [QueueFigures.from_json(dict(f)) for f in msg["figures"]]
    except (KeyError, TypeError, ValueError, AssertionError):
        return None
    return None


class RoutingApi:
    """Blocking calls; run them on the UI's worker pool."""

    def __init__(self, api: ApiClient) -> None:
        self._api = api

    def me(self) -> RoutingState:
        return RoutingState.from_json(self._api._request("GET", f"{API}/routing/me"))

    def set_state(self, state: str, reason_code: str | None = None) -> RoutingState:
        body = {"state": state, "reason_code": reason_code}
        return RoutingState.from_json(self._api._request("PUT", f"{API}/routing/me", json=body))

    def reasons(self) -> list[RoutingCode]:
        return [RoutingCode.from_json(c) for c in self._api._request("GET", f"{API}/routing/reasons")]

    def dispositions(self) -> list[RoutingCode]:
        return [RoutingCode.from_json(c) for c in self._api._request("GET", f"{API}/routing/dispositions")]

    def queues(self) -> list[RoutingQueue]:
        return [RoutingQueue.from_json(q) for q in self._api._request("GET", f"{API}/routing/queues")]

    def figures(self) -> list[QueueFigures]:
        return [QueueFigures.from_json(f) for f in self._api._request("GET", f"{API}/routing/figures")]

    def agents(self) -> list[TransferAgent]:
        return [TransferAgent.from_json(a) for a in self._api._request("GET", f"{API}/routing/agents")]

    def offers(self) -> list[Offer]:
        return [Offer.from_json(o) for o in self._api._request("GET", f"{API}/offers")]

    def accept(self, offer_id: int) -> Offer:
        return Offer.from_json(self._api._request("POST", f"{API}/offers/{int(offer_id)}/accept"))

    def decline(self, offer_id: int) -> Offer:
        return Offer.from_json(self._api._request("POST", f"{API}/offers/{int(offer_id)}/decline"))

    def accept_interaction(self, interaction_id: int) -> Offer | None:
        """Accept my pending offer for this interaction (a queue call being answered); None if none."""
        offer = next((o for o in self.offers() if o.interaction_id == interaction_id), None)
        return None if offer is None else self.accept(offer.id)

    def decline_interaction(self, interaction_id: int) -> Offer | None:
        offer = next((o for o in self.offers() if o.interaction_id == interaction_id), None)
        return None if offer is None else self.decline(offer.id)

    def interaction(self, interaction_id: int) -> Interaction:
        return self._api.get_interaction(interaction_id)

    def my_work(self) -> list[Interaction]:
        """My interactions in progress or waiting for their wrap-up."""
        items, _next = self._api.list_interactions(scope="mine", status="open", limit=200)
        return [i for i in items if i.status in ("active", "wrap_up")]

    def end(self, interaction_id: int) -> Interaction:
        path = f"{API}/interactions/{int(interaction_id)}/end"
        return Interaction.from_json(self._api._request("POST", path))

    def wrap_up(self, interaction_id: int, *, client_id: str, disposition: str | None,
                note: str) -> Interaction:
        """Idempotent on `client_id` (a retry after a lost answer is not a second wrap-up)."""
        uuid.UUID(client_id)
        body = {"client_id": client_id, "disposition": disposition or None, "note": note}
        return Interaction.from_json(self._api._request(
            "POST", f"{API}/interactions/{int(interaction_id)}/wrap_up", json=body))

    def transfer(self, interaction_id: int, *, agent_id: int | None = None, queue_id: int | None = None,
                 note: str = "") -> Interaction:
        body = {"agent_id": agent_id, "queue_id": queue_id, "note": note}
        return Interaction.from_json(self._api._request(
            "POST", f"{API}/interactions/{int(interaction_id)}/transfer", json=body))

    def reclaim(self, interaction_id: int) -> Interaction:
        """Takes back an interaction I transferred whose call did not move (the REFER failed)."""
        return Interaction.from_json(self._api._request(
            "POST", f"{API}/interactions/{int(interaction_id)}/reclaim"))

    def queue_position(self, interaction_id: int) -> dict[str, Any]:
        return dict(self._api._request("GET", f"{API}/interactions/{int(interaction_id)}/queue_position"))
