"""WS /api/v1/live?token=&since=: backlog from the DB, then live events, strictly increasing seq."""

from __future__ import annotations

import asyncio
import contextlib
import json

from fastapi import APIRouter, WebSocket, WebSocketDisconnect

from backend.db import Database
from backend.deps import agent_for_token
from backend.errors import ApiError
from backend.live.hub import PAGE, EventRow, LiveHub
from backend.live.service import read_after
from backend.settings import Settings

router = APIRouter(tags=["live"])
CLOSE_UNAUTHORIZED = 4401
CLOSE_BAD_REQUEST = 4400
CLOSE_TRY_AGAIN = 1013


def _authenticate(db: Database, settings: Settings, token: str) -> int:
    with db.sessions() as session:
        return agent_for_token(session, settings=settings, token=token).id


async def _until_disconnect(ws: WebSocket) -> None:
    while True:
        message = await ws.receive()
        if message["type"] == "websocket.disconnect":
            return


async def _send_event(ws: WebSocket, row: EventRow) -> None:
    await ws.send_text(json.dumps({"type": "event", "event": row}, ensure_ascii=False))


async def _send_backlog(ws: WebSocket, db: Database, last: int) -> int:
    """Sends every event after `last` from the DB; the last seq sent."""
    while True:
        rows = await asyncio.to_thread(read_after, db, last, PAGE)
        for row in rows:
            await _send_event(ws, row)
            last = int(row["seq"])
        if len(rows) < PAGE:
            return last


@router.websocket("/api/v1/live")
async def live(ws: WebSocket, token: str = "", since: str = "0", topics: str = "") -> None:
    """`topics=routing` adds the agent's routing frames (state, offers, queue figures) to the stream."""
    settings: Settings = ws.app.state.settings
    db: Database = ws.app.state.db
    hub: LiveHub = ws.app.state.hub
    await ws.accept()
    try:
        agent_id = await asyncio.to_thread(_authenticate, db, settings, token)
    except ApiError as exc:
        await ws.close(CLOSE_UNAUTHORIZED, exc.code)
        return
    try:
        last = int(since or "0")
    except ValueError:
        await ws.close(CLOSE_BAD_REQUEST, "invalid_since")
        return
    wanted = frozenset(t for t in topics.split(",") if t)
    sub = hub.subscribe(agent_id, wanted)  # first, so nothing committed after the backlog read is missed
    watcher = asyncio.create_task(_until_disconnect(ws))
    frames: asyncio.Task[dict[str, object]] | None = None
    try:
        last = await _send_backlog(ws, db, last)
        while not watcher.done():
            if sub.overflowed:
                await ws.close(CLOSE_TRY_AGAIN, "slow_consumer")
                return
            getter = asyncio.create_task(sub.queue.get())
            if frames is None:
                frames = asyncio.create_task(sub.frames.get())
            done, _ = await asyncio.wait({getter, watcher, frames}, timeout=settings.ping_interval_seconds,
                                         return_when=asyncio.FIRST_COMPLETED)
            if frames in done:  # ephemeral frames (typing) go out as they are, outside the seq order
                await ws.send_text(json.dumps(frames.result(), ensure_ascii=False))
                frames = None
            if getter not in done:
                getter.cancel()
                if not done:
                    await ws.send_text('{"type":"ping"}')
                continue
            row = getter.result()
            if int(row["seq"]) > last:
                await _send_event(ws, row)
                last = int(row["seq"])
    except (WebSocketDisconnect, RuntimeError):
        pass
    finally:
        hub.unsubscribe(sub)
        watcher.cancel()
        if frames is not None:
            frames.cancel()
        with contextlib.suppress(asyncio.CancelledError, WebSocketDisconnect, RuntimeError):
            await watcher
