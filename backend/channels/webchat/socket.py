"""WS /api/v1/webchat/ws?token=&since=: the visitor's live link.

On connect: a `hello` frame, then every visitor-visible message of the current conversation with
id > since (so a reload or a dropped socket resumes without loss), then live frames taken from the live hub
(so a reply committed by any server process reaches the visitor). Frames the widget sends: `message`
(idempotent on client_id), `typing`, `delivered`/`read` receipts, `rate`, `ping`.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from dataclasses import dataclass, field
from typing import Any

from fastapi import WebSocket, WebSocketDisconnect
from pydantic import ValidationError

from backend.channels.webchat import service, visitor_auth
from backend.channels.webchat.limits import MAX_FRAME_CHARS, Limiter, Limiters, RateLimiter
from backend.channels.webchat.schemas import RatingIn, VisitorMessageIn
from backend.db import Database
from backend.errors import ApiError
from backend.interactions.models import CLOSED_STATUSES, Interaction
from backend.live.hub import LiveHub
from backend.settings import Settings

log = logging.getLogger("huitong.webchat")

CLOSE_UNAUTHORIZED = 4401
CLOSE_BAD_REQUEST = 4400
CLOSE_RATE_LIMITED = 4429
CLOSE_TRY_AGAIN = 1013
CLOSE_TOO_BIG = 1009
TYPING_REPEAT_SECONDS = 2.0


@dataclass
class VisitorLink:
    ws: WebSocket
    db: Database
    hub: LiveHub
    settings: Settings
    limiters: Limiters
    visitor_id: str
    last_id: int
    open_interaction: int | None = None
    mine: dict[int, bool] = field(default_factory=dict)
    send_lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    typing_state: tuple[bool, float] = (False, 0.0)

    async def send(self, frame: dict[str, Any]) -> None:
        async with self.send_lock:
            await self.ws.send_text(json.dumps(frame, ensure_ascii=False))

    async def run(self, fn: Any, *args: Any, **kwargs: Any) -> Any:
        """Runs `fn(session, *args)` in a worker thread with its own session."""
        def call() -> Any:
            with self.db.sessions() as session:
                return fn(session, *args, **kwargs)
        return await asyncio.to_thread(call)

    async def is_mine(self, interaction_id: int) -> bool:
        if interaction_id not in self.mine:
            def check(session: Any) -> bool:
                row = session.get(Interaction, interaction_id)
                return bool(row and row.channel == service.CHANNEL and row.external_ref == self.visitor_id)
            self.mine[interaction_id] = await self.run(check)
        return self.mine[interaction_id]


def _snapshot(session: Any, visitor_id: str, since: int) -> dict[str, Any]:
    interaction, rows = service.history(session, visitor_id, since=since)
    visitor = service.get_visitor(session, visitor_id)
    return {
        "interaction_id": interaction.id if interaction else None,
        "status": interaction.status if interaction else None,
        "rated": service.is_rated(interaction) if interaction else False,
        "profile": bool(visitor and (visitor.name or visitor.email or visitor.phone)),
        "messages": [service.visitor_message(m).model_dump() for m in rows],
    }


async def _take(limiter: Limiter, key: str) -> float:
    """`limiter.retry_after(key)`; a database-backed limiter is asked off the event loop."""
    if isinstance(limiter, RateLimiter):
        return limiter.retry_after(key)
    return await asyncio.to_thread(limiter.retry_after, key)


async def _on_event(link: VisitorLink, row: dict[str, Any]) -> None:
    payload = row.get("payload") or {}
    iid = payload.get("interaction_id")
    if row.get("channel") != service.CHANNEL or not isinstance(iid, int) or not await link.is_mine(iid):
        return
    kind = row.get("kind")
    if kind == "chat" and isinstance(payload.get("message_id"), int):
        mid = int(payload["message_id"])
        if mid <= link.last_id or payload.get("direction") not in ("in", "out"):
            return
        message = await link.run(service.visible_message, link.visitor_id, mid)
        if message is not None:
            link.last_id = max(link.last_id, mid)
            await link.send({"type": "message", "message": service.visitor_message(message).model_dump()})
    elif kind == "chat" and payload.get("action") == "rated":
        await link.send({"type": "rated", "interaction_id": iid})
    elif kind == "interaction" and payload.get("action") not in ("read",):
        status = str(payload.get("status"))
        link.open_interaction = None if status in CLOSED_STATUSES else iid
        await link.send({"type": "status", "interaction_id": iid, "status": status})


async def _on_frame(link: VisitorLink, frame: dict[str, Any]) -> None:
    if frame.get("type") != "typing" or frame.get("party") != "agent":
        return
    iid = frame.get("interaction_id")
    if isinstance(iid, int) and await link.is_mine(iid):
        await link.send({"type": "typing", "interaction_id": iid, "active": bool(frame.get("active"))})


async def _visitor_message(link: VisitorLink, data: dict[str, Any]) -> None:
    client_id = str(data.get("client_id", ""))[:64]
    wait = await _take(link.limiters.messages, link.visitor_id)
    if wait > 0:
        await link.send({"type": "error", "code": "rate_limited", "client_id": client_id,
                         "retry_after": round(wait, 1), "message": "Too many messages; wait a moment."})
        return
    body = VisitorMessageIn.model_validate(data)
    message, _ = await link.run(service.post_message, link.visitor_id, client_id=body.client_id,
                                body=body.body, attachments=body.attachments,
                                region=link.settings.default_region, page=body.page,
                                user_agent=link.ws.headers.get("user-agent", ""))
    link.mine[message.interaction_id] = True
    link.open_interaction = message.interaction_id
    await link.send({"type": "ack", "client_id": body.client_id, "id": message.id,
                     "interaction_id": message.interaction_id})


async def _visitor_typing(link: VisitorLink, active: bool) -> None:
    previous, stamp = link.typing_state
    now = time.monotonic()
    if link.open_interaction is None or (active == previous and now - stamp < TYPING_REPEAT_SECONDS):
        return
    if active and await _take(link.limiters.typing, link.visitor_id) > 0:
        return  # over the visitor's typing allowance (shared by all their sockets): dropped, it is ephemeral
    link.typing_state = (active, now)
    link.hub.publish({"type": "typing", "interaction_id": link.open_interaction, "party": "visitor",
                      "active": active})


async def _handle(link: VisitorLink, text: str) -> None:
    try:
        data = json.loads(text)
    except ValueError:
        data = None
    if not isinstance(data, dict):
        await link.send({"type": "error", "code": "bad_frame", "message": "Frames are JSON objects."})
        return
    kind = data.get("type")
    try:
        if kind == "message":
            await _visitor_message(link, data)
        elif kind == "typing":
            await _visitor_typing(link, bool(data.get("active")))
        elif kind in ("delivered", "read") and isinstance(data.get("id"), int):
            await link.run(service.receipt, link.visitor_id, int(data["id"]), kind)
        elif kind == "rate":
            rating = RatingIn.model_validate(data)
            await link.run(service.rate, link.visitor_id, rating)
            await link.send({"type": "rated", "interaction_id": rating.interaction_id})
        elif kind == "ping":
            await link.send({"type": "pong"})
        else:
            await link.send({"type": "error", "code": "bad_frame", "message": "Unknown frame type."})
    except ApiError as exc:
        await link.send({"type": "error", "code": exc.code, "message": exc.message,
                         "client_id": data.get("client_id")})
    except ValidationError as exc:
        errors = exc.errors()
        where = ".".join(str(p) for p in errors[0]["loc"]) if errors else "frame"
        what = errors[0]["msg"] if errors else "invalid value"
        await link.send({"type": "error", "code": "validation_error", "client_id": data.get("client_id"),
                         "message": f"{where}: {what}"})
    except (WebSocketDisconnect, RuntimeError):
        raise
    except Exception:
        log.exception("web chat frame %r failed", kind)
        await link.send({"type": "error", "code": "internal_error", "client_id": data.get("client_id"),
                         "message": "The server hit an unexpected error; the message was not stored."})


async def _reader(link: VisitorLink) -> None:
    while True:
        message = await link.ws.receive()
        if message["type"] == "websocket.disconnect":
            return
        text = message.get("text")
        if text is None:
            continue
        if len(text) > MAX_FRAME_CHARS:
            await link.ws.close(CLOSE_TOO_BIG, "frame_too_big")
            return
        await _handle(link, text)


async def _open(ws: WebSocket, token: str, since: str) -> VisitorLink | None:
    """Authenticates the visitor and parses `since`; closes the socket with a reason code when refused."""
    settings: Settings = ws.app.state.settings
    limiters: Limiters = ws.app.state.webchat_limiters
    await ws.accept()
    visitor_id = visitor_auth.verify(settings.secret_key, token)
    if visitor_id is None:
        await ws.close(CLOSE_UNAUTHORIZED, "invalid_visitor")
        return None
    try:
        last = max(0, int(since or "0"))
    except ValueError:
        await ws.close(CLOSE_BAD_REQUEST, "invalid_since")
        return None
    if await _take(limiters.connects, visitor_id) > 0:
        await ws.close(CLOSE_RATE_LIMITED, "rate_limited")
        return None
    return VisitorLink(ws=ws, db=ws.app.state.db, hub=ws.app.state.hub, settings=settings, limiters=limiters,
                       visitor_id=visitor_id, last_id=last)


async def _greet(link: VisitorLink) -> None:
    """`hello`, then the backlog of the current conversation after `since`."""
    snap = await link.run(_snapshot, link.visitor_id, link.last_id)
    iid = snap["interaction_id"]
    if iid is not None:
        link.mine[iid] = True
        link.open_interaction = None if snap["status"] in CLOSED_STATUSES else iid
    await link.send({"type": "hello", "visitor_id": link.visitor_id, "interaction_id": iid,
                     "status": snap["status"], "rated": snap["rated"], "profile": snap["profile"]})
    for item in snap["messages"]:
        await link.send({"type": "message", "message": item})
        link.last_id = max(link.last_id, int(item["id"]))


async def serve_visitor(ws: WebSocket, token: str, since: str) -> None:
    link = await _open(ws, token, since)
    if link is None:
        return
    sub = link.hub.subscribe()  # first, so nothing committed after the backlog read is missed
    tasks: list[asyncio.Task[Any]] = []
    try:
        await _greet(link)
        reader = asyncio.create_task(_reader(link))
        events = asyncio.create_task(sub.queue.get())
        frames = asyncio.create_task(sub.frames.get())
        tasks = [reader, events, frames]
        while not reader.done():
            if sub.overflowed:
                await ws.close(CLOSE_TRY_AGAIN, "slow_consumer")
                return
            done, _ = await asyncio.wait({events, frames, reader}, return_when=asyncio.FIRST_COMPLETED,
                                         timeout=link.settings.ping_interval_seconds)
            if not done:
                await link.send({"type": "ping"})
            if events in done:
                await _on_event(link, events.result())
                events = asyncio.create_task(sub.queue.get())
            if frames in done:
                await _on_frame(link, frames.result())
                frames = asyncio.create_task(sub.frames.get())
            tasks = [reader, events, frames]
    except (WebSocketDisconnect, RuntimeError):
        pass
    finally:
        link.hub.unsubscribe(sub)
        for task in tasks:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError, WebSocketDisconnect, RuntimeError, Exception):
                await task
        if link.typing_state[0] and link.open_interaction is not None:
            link.hub.publish({"type": "typing", "interaction_id": link.open_interaction, "party": "visitor",
                              "active": False})
