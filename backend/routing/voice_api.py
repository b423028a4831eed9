"""Voice queue routes for Kamailio: `POST /api/v1/voice/route`, `POST /api/v1/voice/abandoned` and
`POST /api/v1/voice/transfer_ticket` (a single-use ticket Kamailio embeds in an agent's REFER).

Authentication: with `HUITONG_VOICE_ROUTE_SECRET` set, the `X-Huitong-Voice-Secret` header must match it;
without it, only loopback clients are served. Parameters come as JSON, a form body or the query string (so
`http_client_query` can ask with a plain GET too). `?format=text` answers one line: `route;<sip user>;<id>`,
`wait;<position>` or `gone`.
"""

from __future__ import annotations

import hmac
import json
from typing import Any
from urllib.parse import parse_qsl

from fastapi import APIRouter, Request, Response
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool

from backend.db import utcnow
from backend.deps import DatabaseDep, SettingsDep
from backend.errors import ApiError
from backend.routing import dispatch, voice, voice_transfer
from backend.routing.schemas import VoiceAbandonIn, VoiceRouteIn, VoiceRouteOut
from backend.routing.settings import RoutingSettings
from backend.routing.tx import run

router = APIRouter(prefix="/api/v1/voice", tags=["voice routing"])
LOOPBACK = ("127.0.0.1", "::1", "testclient")  # "testclient": the in-process TestClient


def check_caller(request: Request) -> None:
    settings: RoutingSettings = request.app.state.routing_settings
    if settings.voice_secret:
        given = request.headers.get("x-huitong-voice-secret", "")
        if not hmac.compare_digest(given.encode(), settings.voice_secret.encode()):
            raise ApiError(401, "not_authenticated",
                           "Send the voice routing secret in X-Huitong-Voice-Secret.")
        return
    host = request.client.host if request.client else ""
    if host not in LOOPBACK:
        raise ApiError(403, "forbidden", "Voice routing answers loopback only unless a secret is configured.")


async def params(request: Request) -> dict[str, Any]:
    data: dict[str, Any] = dict(request.query_params)
    body = await request.body()
    if body:
        if request.headers.get("content-type", "").startswith("application/json"):
            try:
                parsed = json.loads(body)
            except ValueError:
                raise ApiError(400, "malformed_json", "The request body is not valid JSON.") from None
            if not isinstance(parsed, dict):
                raise ApiError(422, "validation_error", "The body must be a JSON object.")
            data.update(parsed)
        else:  # application/x-www-form-urlencoded, as http_client_query posts it
            data.update(parse_qsl(body.decode("utf-8", errors="replace"), keep_blank_values=True))
    if "from" in data and "caller" not in data:
        data["caller"] = data["from"]
    return data


def _parse(model: type[VoiceRouteIn] | type[VoiceAbandonIn], data: dict[str, Any]) -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ())) or "request"
        raise ApiError(422, "validation_error", f"{where}: {first.get('msg', 'invalid value')}") from None


@router.get("/route", response_model=None, operation_id="voice_route_get")
@router.post("/route", response_model=None, operation_id="voice_route_post")
async def voice_route(request: Request, db: DatabaseDep, settings: SettingsDep) -> VoiceRouteOut | Response:
    """A call to queue number `queue` from `caller` (Call-ID `call_id`): which agent should ring?"""
    check_caller(request)
    data = await params(request)
    body: VoiceRouteIn = _parse(VoiceRouteIn, data)
    answer = await _route(db, body, settings.default_region)
    if data.get("format") == "text":
        return Response(answer.as_text(), media_type="text/plain")
    return VoiceRouteOut(**answer.__dict__)


async def _route(db: DatabaseDep, body: VoiceRouteIn, region: str) -> voice.VoiceAnswer:
    def work() -> voice.VoiceAnswer:
        now = utcnow()
        with db.sessions() as session:
            interaction = voice.arrive(session, call_id=body.call_id, caller=body.caller,
                                       queue_number=body.queue, region=region, now=now, ticket=body.transfer)
            iid = interaction.id
        run(db, lambda s: dispatch.route_pass(s, now=now))
        with db.sessions() as session:
            return voice.answer(session, iid)

    return await run_in_threadpool(work)


@router.get("/abandoned", response_model=None, operation_id="voice_abandoned_get")
@router.post("/abandoned", response_model=None, operation_id="voice_abandoned_post")
async def voice_abandoned(request: Request, db: DatabaseDep) -> dict[str, str]:
    """The caller hung up: recorded as abandoned while waiting or ringing; ends the call if answered."""
    check_caller(request)
    body: VoiceAbandonIn = _parse(VoiceAbandonIn, await params(request))
    outcome = await run_in_threadpool(lambda: run(db, lambda s: voice.abandon(s, call_id=body.call_id,
                                                                              now=utcnow())))
    worker = getattr(request.app.state, "routing_worker", None)
    if worker is not None:
        worker.wake()
    return {"call_id": body.call_id, "recorded": outcome}


@router.get("/transfer_ticket", response_model=None, operation_id="voice_transfer_ticket_get")
@router.post("/transfer_ticket", response_model=None, operation_id="voice_transfer_ticket_post")
async def voice_transfer_ticket(request: Request, db: DatabaseDep) -> Response:
    """An agent REFERs call `call_id` to `target` (SIP user or queue number): a single-use ticket for the
    caller's new call (plain text), or 404 when that call is not being transferred there."""
    check_caller(request)
    data = await params(request)
    call_id, target = str(data.get("call_id") or "")[:255], str(data.get("target") or "")[:64]
    if not call_id or not target:
        raise ApiError(422, "validation_error", "Give call_id and target.")

    def work() -> str | None:
        with db.sessions() as session:
            return voice_transfer.mint(session, interaction=voice.find_call(session, call_id), target=target)

    ticket = await run_in_threadpool(work)
    if ticket is None:
        raise ApiError(404, "not_transferring", "That call is not being transferred to that target.")
    return Response(ticket, media_type="text/plain")
