"""GET/POST /api/v1/customers/{id}/timeline."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from backend.deps import AgentRole, SessionDep
from backend.errors import ApiError
from backend.timeline import service
from backend.timeline.schemas import EventIn, EventOut, EventPage

router = APIRouter(prefix="/api/v1", tags=["timeline"])


def parse_cursor(before: str | None) -> int | None:
    if before is None or before == "":
        return None
    try:
        value = int(before)
    except ValueError as exc:
        raise ApiError(400, "invalid_cursor", "The cursor `before` must be a seq number from next_before.") \
            from exc
    if value < 0:
        raise ApiError(400, "invalid_cursor", "The cursor `before` must not be negative.")
    return value


@router.get("/customers/{customer_id}/timeline")
def get_timeline(customer_id: int, session: SessionDep, _agent: AgentRole, before: str | None = None,
                 limit: Annotated[int, Query(ge=1, le=200)] = 50) -> EventPage:
    events, next_before = service.list_events(session, customer_id=customer_id, before=parse_cursor(before),
                                              limit=limit)
    return EventPage(items=[EventOut.model_validate(e) for e in events], next_before=next_before)


@router.post("/customers/{customer_id}/timeline", status_code=201)
def post_event(customer_id: int, body: EventIn, response: Response, session: SessionDep,
               agent: AgentRole) -> EventOut:
    event, created = service.post_event(session, customer_id=customer_id, client_id=str(body.client_id),
                                        kind=body.kind, channel=body.channel, body=body.body,
                                        payload=body.payload, author=agent)
    if not created:
        response.status_code = 200
    return EventOut.model_validate(event)
