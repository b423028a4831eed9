"""PUT/GET /api/v1/recordings/{client_id}: the client uploads a call's WAV; the agent who recorded it and
supervisors play it back (every playback is audited: recordings hold customers' voices).

The body is read here in chunks against its own limit (`HUITONG_MAX_RECORDING_BYTES`), not the global
JSON body limit (see BodyLimitMiddleware.streamed_routes).
"""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from fastapi.responses import FileResponse

from backend.agents.models import ROLE_RANK, Agent
from backend.audit import service as audit
from backend.deps import AgentRole, SessionDep, SettingsDep, client_address
from backend.errors import ApiError
from backend.recordings import service
from backend.recordings.models import Recording
from backend.recordings.schemas import RecordingOut

PREFIX = "/api/v1/recordings/"
router = APIRouter(prefix="/api/v1", tags=["recordings"])


def _out(recording: Recording) -> RecordingOut:
    return RecordingOut(client_id=recording.client_id, size_bytes=recording.size_bytes,
                        duration_seconds=recording.duration_ms / 1000, sha256=recording.sha256,
                        agent_id=recording.agent_id, created_at=recording.created_at,
                        url=f"{PREFIX}{recording.client_id}")


async def _body(request: Request, limit: int) -> bytes:
    data = bytearray()
    async for chunk in request.stream():
        data += chunk
        if len(data) > limit:
            raise ApiError(413, "too_large", f"A recording may be at most {limit} bytes.")
    return bytes(data)


@router.put("/recordings/{client_id}", status_code=201)
async def upload(client_id: str, request: Request, response: Response, *, agent: AgentRole,
                 session: SessionDep, settings: SettingsDep) -> RecordingOut:
    service.checked_client_id(client_id)  # a bad id is refused before the upload is read
    data = await _body(request, settings.max_recording_bytes)
    recording, created = service.store(session, settings.data_dir, client_id, data, agent)
    if created:
        audit.record(session, action="recording_uploaded", actor_id=agent.id, actor_name=agent.username,
                     target=f"recording:{recording.client_id}", address=client_address(request),
                     detail={"size_bytes": recording.size_bytes})
    session.commit()
    if not created:
        response.status_code = 200
    return _out(recording)


def _may_play(agent: Agent, recording: Recording) -> bool:
    return recording.agent_id == agent.id or ROLE_RANK.get(agent.role, -1) >= ROLE_RANK["supervisor"]


def _playable(client_id: str, agent: Agent, session: SessionDep) -> Recording:
    recording = service.find(session, client_id)
    if recording is None:
        raise ApiError(404, "recording_not_found",
                       "No such recording on the server (it may still be uploading from the agent's client).")
    if not _may_play(agent, recording):
        raise ApiError(403, "forbidden", "Only the agent who recorded the call and supervisors may play it.")
    return recording


@router.get("/recordings/{client_id}/info")
def info(client_id: str, agent: AgentRole, session: SessionDep) -> RecordingOut:
    return _out(_playable(client_id, agent, session))


@router.get("/recordings/{client_id}")
def play(client_id: str, request: Request, agent: AgentRole, session: SessionDep,
         settings: SettingsDep) -> FileResponse:
    recording = _playable(client_id, agent, session)
    audit.record(session, action="recording_played", actor_id=agent.id, actor_name=agent.username,
                 target=f"recording:{recording.client_id}", address=client_address(request))
    session.commit()
    return FileResponse(service.path_for(settings.data_dir, recording.client_id), media_type="audio/wav",
                        filename=f"call-{recording.client_id}.wav",
                        headers={"Cache-Control": "private, no-store"})
