"""Web chat routes: visitor REST (session, profile, messages, history, attachments, rating), the visitor
WebSocket, attachment files, the agent's typing signal, and `install(app)` which also serves the widget."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, FastAPI, Header, Query, Request, Response, WebSocket
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool

from backend.channels.webchat import service, visitor_auth
from backend.channels.webchat.cors import CORS_HEADERS, VISITOR_HEADER, CorsRoute
from backend.channels.webchat.files import ALLOWED_TYPES
from backend.channels.webchat.limits import MAX_BODY_CHARS, Limiters, WebchatLimits, in_memory
from backend.channels.webchat.schemas import (
    AttachmentOut,
    HistoryOut,
    Limits,
    Profile,
    ProfileIn,
    RatingIn,
    SessionIn,
    SessionOut,
    TypingIn,
    VisitorMessage,
    VisitorMessageIn,
)
from backend.channels.webchat.sender import send_chat
from backend.channels.webchat.shared_limits import SharedRateLimiter
from backend.channels.webchat.socket import serve_visitor
from backend.channels.webchat.upload import hard_cap, read_upload
from backend.deps import AgentRole, SessionDep, SettingsDep, client_address
from backend.errors import ApiError
from backend.interactions import service as interactions
from backend.live.hub import LiveHub

WIDGET_DIR = Path(__file__).resolve().parents[3] / "resources" / "widget"

UPLOAD_PATH = "/api/v1/webchat/attachments"
visitor_router = APIRouter(prefix="/api/v1/webchat", tags=["webchat"], route_class=CorsRoute)
agent_router = APIRouter(prefix="/api/v1", tags=["webchat"])
socket_router = APIRouter(tags=["webchat"])

VisitorToken = Annotated[str, Header(alias=VISITOR_HEADER)]


def limiters(request: Request) -> Limiters:
    found: Limiters = request.app.state.webchat_limiters
    return found


def visitor(settings: SettingsDep, token: str) -> str:
    return visitor_auth.require(settings.secret_key, token)


def _limits(found: Limiters) -> Limits:
    return Limits(max_attachment_bytes=found.limits.max_attachment_bytes, allowed_types=list(ALLOWED_TYPES),
                  max_body_chars=MAX_BODY_CHARS)


def _profile(session: SessionDep, visitor_id: str) -> Profile | None:
    row = service.get_visitor(session, visitor_id)
    if row is None or not (row.name or row.email or row.phone):
        return None
    return Profile(name=row.name, email=row.email, phone=row.phone)


@visitor_router.options("/{rest:path}", include_in_schema=False)
def preflight(rest: str) -> Response:  # noqa: ARG001 - the path only selects the route
    return Response(status_code=204, headers=CORS_HEADERS)


@visitor_router.post("/session")
def start_session(body: SessionIn, request: Request, settings: SettingsDep,
                  session: SessionDep) -> SessionOut:
    """Keeps a valid visitor token; a missing or tampered one gets a fresh visitor id (rate-limited)."""
    found = limiters(request)
    visitor_id = visitor_auth.verify(settings.secret_key, body.token)
    if visitor_id is None:
        found.sessions.check(client_address(request), "new chat sessions")
        visitor_id = visitor_auth.new_visitor_id()
    return SessionOut(token=visitor_auth.sign(settings.secret_key, visitor_id), visitor_id=visitor_id,
                      profile=_profile(session, visitor_id), limits=_limits(found))


@visitor_router.post("/profile")
def save_profile(body: ProfileIn, settings: SettingsDep, session: SessionDep,
                 token: VisitorToken = "") -> Profile:
    visitor_id = visitor(settings, token)
    row = service.save_profile(session, visitor_id, body, region=settings.default_region)
    return Profile(name=row.name, email=row.email, phone=row.phone)


@visitor_router.post("/messages", status_code=201)
def post_message(body: VisitorMessageIn, *, request: Request, response: Response, settings: SettingsDep,
                 session: SessionDep, token: VisitorToken = "") -> VisitorMessage:
    """The same as a `message` frame on the socket, for clients without one. Idempotent on client_id."""
    visitor_id = visitor(settings, token)
    limiters(request).messages.check(visitor_id, "messages")
    message, created = service.post_message(
        session, visitor_id, client_id=body.client_id, body=body.body, attachments=body.attachments,
        region=settings.default_region, page=body.page, user_agent=request.headers.get("user-agent", ""))
    if not created:
        response.status_code = 200
    return service.visitor_message(message)


@visitor_router.get("/messages")
def get_history(settings: SettingsDep, session: SessionDep, token: VisitorToken = "",
                since: Annotated[int, Query(ge=0)] = 0) -> HistoryOut:
    visitor_id = visitor(settings, token)
    interaction, rows = service.history(session, visitor_id, since=since)
    return HistoryOut(interaction_id=interaction.id if interaction else None,
                      status=interaction.status if interaction else None,
                      rated=service.is_rated(interaction) if interaction else False,
                      items=[service.visitor_message(m) for m in rows])


@visitor_router.post("/attachments", status_code=201)
async def upload(request: Request, settings: SettingsDep, token: VisitorToken = "",
                 name: Annotated[str, Query(max_length=255)] = "") -> AttachmentOut:
    """The raw file as the request body (`?name=` the file name); its type is taken from its bytes."""
    visitor_id = visitor(settings, token)
    found = limiters(request)
    await run_in_threadpool(found.uploads.check, visitor_id, "uploads")  # may ask the database
    data = await read_upload(request, found.limits.max_attachment_bytes)
    db = request.app.state.db

    def store() -> AttachmentOut:
        with db.sessions() as session:
            return service.store_attachment(session, visitor_id, name=name, data=data,
                                            max_bytes=found.limits.max_attachment_bytes)

    return await run_in_threadpool(store)


@visitor_router.post("/rating")
def rate(body: RatingIn, response: Response, settings: SettingsDep, session: SessionDep,
         token: VisitorToken = "") -> dict[str, object]:
    interaction, created = service.rate(session, visitor(settings, token), body)
    if not created:
        response.status_code = 200
    return {"interaction_id": interaction.id, "rating": interaction.attributes.get("rating")}


@visitor_router.get("/files/{file_token}/{name}")
def get_file(file_token: str, name: str, session: SessionDep) -> Response:  # noqa: ARG001 - name is cosmetic
    """An uploaded file by its unguessable token; never rendered as active content."""
    row = service.get_file(session, file_token)
    disposition = "inline" if service.is_image(row.mime) else "attachment"
    return Response(row.data, media_type=row.mime, headers={
        "Content-Disposition": f"{disposition}; filename*=UTF-8''{quote(row.name)}",
        "X-Content-Type-Options": "nosniff", "Content-Security-Policy": "default-src 'none'; sandbox",
        "Cache-Control": "private, max-age=86400"})


@agent_router.post("/interactions/{interaction_id}/typing", status_code=204)
def agent_typing(interaction_id: int, body: TypingIn, request: Request, session: SessionDep,
                 agent: AgentRole) -> Response:
    """The agent is (or stopped) typing: an ephemeral frame to the visitor's widget and to agents' sockets."""
    interaction = interactions.get_interaction(session, interaction_id)
    if interaction.channel != service.CHANNEL:
        raise ApiError(409, "not_a_chat", "Typing signals are for web chat conversations.")
    hub: LiveHub = request.app.state.hub
    hub.publish({"type": "typing", "interaction_id": interaction.id, "party": "agent", "active": body.active,
                 "agent_id": agent.id, "author_name": agent.display_name})
    return Response(status_code=204)


@socket_router.websocket("/api/v1/webchat/ws")
async def visitor_socket(ws: WebSocket, token: str = "", since: str = "0") -> None:
    await serve_visitor(ws, token, since)


def streamed_routes() -> dict[str, int]:
    """For the body-limit middleware: the upload route reads its body itself, under its own limit."""
    return {UPLOAD_PATH: hard_cap(WebchatLimits.from_env().max_attachment_bytes)}


def install(app: FastAPI) -> None:
    """Routes, limits, the `chat` sender and the widget's static files (/widget/huitong-chat.js …)."""
    limits = WebchatLimits.from_env()
    db = app.state.db
    shared = partial(SharedRateLimiter, db.engine) if db.is_postgres else in_memory
    app.state.webchat_limiters = Limiters(limits, shared)
    app.state.outbound.register(service.CHANNEL, send_chat)
    for router in (visitor_router, agent_router, socket_router):
        app.include_router(router)
    app.mount("/widget", StaticFiles(directory=WIDGET_DIR, check_dir=False), name="widget")
