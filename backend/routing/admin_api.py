"""Routing administration routes: queues, break reasons, dispositions, channel rules, agent profiles."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Response

from backend.deps import AdminAgent, SessionDep, SupervisorAgent
from backend.routing import service
from backend.routing.models import AgentRouting
from backend.routing.schemas import (
    ChannelRulesIn,
    ChannelRulesOut,
    CodeIn,
    CodeOut,
    ProfileIn,
    QueueIn,
    QueueOut,
    QueuePatch,
)
from backend.routing.tx import epoch

router = APIRouter(prefix="/api/v1/routing", tags=["routing admin"])
CodePath = Annotated[str, Path(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.-]+$")]


@router.post("/queues", status_code=201)
def create_queue(body: QueueIn, session: SessionDep, _admin: AdminAgent) -> QueueOut:
    return QueueOut.model_validate(service.create_queue(session, body.model_dump()))


@router.get("/queues/{queue_id}")
def get_queue(queue_id: int, session: SessionDep, _admin: AdminAgent) -> QueueOut:
    return QueueOut.model_validate(service.get_queue(session, queue_id))


@router.put("/queues/{queue_id}")
def update_queue(queue_id: int, body: QueuePatch, session: SessionDep, _admin: AdminAgent) -> QueueOut:
    fields = body.model_dump(exclude_unset=True)
    return QueueOut.model_validate(service.update_queue(session, queue_id, fields))


@router.delete("/queues/{queue_id}", status_code=204)
def delete_queue(queue_id: int, session: SessionDep, _admin: AdminAgent) -> Response:
    service.delete_queue(session, queue_id)
    return Response(status_code=204)


def _code_routes(path: str, kind: str) -> None:
    """PUT (create or relabel) and DELETE for one kind of code: break reasons or dispositions."""

    @router.put(f"/{path}/{{code}}", name=f"put_{kind}")
    def put_code(code: CodePath, body: CodeIn, session: SessionDep, response: Response,
                 _admin: AdminAgent) -> CodeOut:
        row, created = service.upsert_code(session, kind, code, body.label.strip())
        response.status_code = 201 if created else 200
        return CodeOut.model_validate(row)

    @router.delete(f"/{path}/{{code}}", status_code=204, name=f"delete_{kind}")
    def delete_code(code: CodePath, session: SessionDep, _admin: AdminAgent) -> Response:
        service.delete_code(session, kind, code)
        return Response(status_code=204)


_code_routes("reasons", "reason")
_code_routes("dispositions", "disposition")


@router.get("/channels")
def channel_rules(session: SessionDep, _agent: SupervisorAgent) -> list[ChannelRulesOut]:
    return [ChannelRulesOut.model_validate(r) for r in service.list_channel_rules(session)]


@router.put("/channels/{channel}")
def put_channel_rules(channel: Annotated[str, Path(pattern="^(voice|chat|email|sms|social)$")],
                      body: ChannelRulesIn, session: SessionDep, _admin: AdminAgent) -> ChannelRulesOut:
    return ChannelRulesOut.model_validate(
        service.update_channel_rules(session, channel, body.model_dump(exclude_none=True)))


@router.put("/agents/{agent_id}")
def put_profile(agent_id: int, body: ProfileIn, session: SessionDep, _admin: AdminAgent) -> dict[str, object]:
    capacity = {str(k): v for k, v in body.capacity.items()} if body.capacity is not None else None
    row: AgentRouting = service.update_agent_profile(session, agent_id, skills=body.skills, capacity=capacity)
    return {"agent_id": row.agent_id, "skills": row.skills, "capacity": row.capacity, "state": row.state,
            "last_work_at": epoch(row.last_work_at)}
