"""Interaction routes: the inbox list, one interaction, its messages, replies, read state, close/reopen."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, BackgroundTasks, Query, Request, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.agents.models import ROLE_RANK, Agent
from backend.customers.models import Customer
from backend.deps import AgentRole, DatabaseDep, SessionDep
from backend.errors import ApiError
from backend.interactions import service
from backend.interactions.counts import router as counts_router
from backend.interactions.models import Interaction
from backend.interactions.outbound import OutboundRegistry
from backend.interactions.schemas import (
    InteractionCreate,
    InteractionOut,
    InteractionPage,
    MessageIn,
    MessageOut,
    MessagePage,
    StatusIn,
)
from backend.timeline.api import parse_cursor
from backend.timeline.service import surviving_customer

router = APIRouter(prefix="/api/v1", tags=["interactions"])
router.include_router(counts_router)  # before /interactions/{interaction_id}, which would take "counts"


def outbound(request: Request) -> OutboundRegistry:
    registry: OutboundRegistry = request.app.state.outbound
    return registry


def to_out(session: Session, interaction: Interaction) -> InteractionOut:
    out = InteractionOut.model_validate(interaction)
    customer = session.get(Customer, interaction.customer_id)
    if customer is not None:
        current = surviving_customer(session, customer.id)
        out.customer_id = current.id
        out.customer_name = current.display_name
    return out


def ensure_may_write(agent: Agent, interaction: Interaction) -> None:
    """Agents write to their own or unassigned interactions; supervisors and admins to any."""
    if interaction.assigned_agent_id in (None, agent.id) or ROLE_RANK[agent.role] >= ROLE_RANK["supervisor"]:
        return
    raise ApiError(403, "not_your_interaction",
                   "This conversation belongs to another agent; ask them or a supervisor to transfer it.")


@router.get("/interactions")
def list_interactions(*, session: SessionDep, agent: AgentRole,
                      scope: Literal["mine", "unassigned", "all"] = "all",
                      channel: Literal["voice", "chat", "email", "sms", "social"] | None = None,
                      status: Annotated[str, Query(pattern="^(open|closed|all|queued|offered|active|wrap_up|"
                                                           "abandoned)$")] = "open",
                      before: str | None = None,
                      limit: Annotated[int, Query(ge=1, le=1000)] = 200) -> InteractionPage:
    rows, next_before = service.list_interactions(session, agent=agent, scope=scope, channel=channel,
                                                  status=status, before=parse_cursor(before), limit=limit)
    wanted = {r.customer_id for r in rows}
    names = {c.id: c.display_name for c in session.scalars(select(Customer).where(Customer.id.in_(wanted)))}
    items = []
    for row in rows:
        out = InteractionOut.model_validate(row)
        out.customer_name = names.get(row.customer_id, "")
        items.append(out)
    return InteractionPage(items=items, next_before=next_before)


@router.post("/interactions", status_code=201)
def create_interaction(body: InteractionCreate, response: Response, session: SessionDep,
                       agent: AgentRole) -> InteractionOut:
    """An agent-started interaction (an outbound e-mail, a callback): assigned to them and active."""
    interaction, created = service.open_interaction(
        session, channel=body.channel, customer_id=body.customer_id, subject=body.subject,
        attributes=body.attributes, client_id=str(body.client_id), status="active",
        assigned_agent_id=agent.id, author=agent)
    if not created:
        response.status_code = 200
    return to_out(session, interaction)


@router.get("/interactions/{interaction_id}")
def get_interaction(interaction_id: int, session: SessionDep, _agent: AgentRole) -> InteractionOut:
    return to_out(session, service.get_interaction(session, interaction_id))


@router.get("/interactions/{interaction_id}/messages")
def get_messages(interaction_id: int, session: SessionDep, _agent: AgentRole, before: str | None = None,
                 limit: Annotated[int, Query(ge=1, le=200)] = 50) -> MessagePage:
    interaction = service.get_interaction(session, interaction_id)
    rows, next_before = service.list_messages(session, interaction, before=parse_cursor(before), limit=limit)
    return MessagePage(items=[MessageOut.model_validate(m) for m in rows], next_before=next_before)


@router.post("/interactions/{interaction_id}/messages", status_code=201)
def post_message(interaction_id: int, body: MessageIn, *, response: Response, request: Request,
                 background: BackgroundTasks, session: SessionDep, db: DatabaseDep,
                 agent: AgentRole) -> MessageOut:
    """An agent's reply (or internal note). Idempotent on client_id; delivery continues in the background."""
    interaction = service.get_interaction(session, interaction_id)
    existing = service.message_by_client_id(session, str(body.client_id))
    if existing is not None:
        response.status_code = 200
        return MessageOut.model_validate(existing)
    ensure_may_write(agent, interaction)
    if interaction.status in ("closed", "abandoned") and not body.internal:
        raise ApiError(409, "interaction_closed", "This conversation is closed; reopen it to reply.")
    if interaction.assigned_agent_id is None and not body.internal:
        interaction.assigned_agent_id = agent.id
        interaction.status = "active"
        service.record_state(session, interaction, "assigned", author=agent)
    message, created = service.add_message(
        session, interaction, direction="internal" if body.internal else "out", body=body.body,
        html=body.html, attachments=[a.model_dump() for a in body.attachments], author=agent,
        client_id=str(body.client_id))
    if not created:
        response.status_code = 200
    elif message.direction == "out":
        background.add_task(outbound(request).dispatch, db, message.id)
    return MessageOut.model_validate(message)


@router.post("/messages/{message_id}/retry")
def retry_message(message_id: int, *, request: Request, background: BackgroundTasks, session: SessionDep,
                  db: DatabaseDep, agent: AgentRole) -> MessageOut:
    message = service.get_message(session, message_id)
    ensure_may_write(agent, service.get_interaction(session, message.interaction_id))
    if message.delivery != "failed":
        raise ApiError(409, "not_failed", "Only a message that failed to send can be retried.")
    service.set_delivery(session, message, "sending", detail="retry")
    background.add_task(outbound(request).dispatch, db, message.id)
    return MessageOut.model_validate(message)


@router.post("/interactions/{interaction_id}/read", status_code=204)
def mark_read(interaction_id: int, session: SessionDep, agent: AgentRole) -> Response:
    service.mark_read(session, service.get_interaction(session, interaction_id), agent=agent)
    return Response(status_code=204)


@router.post("/interactions/{interaction_id}/status")
def set_status(interaction_id: int, body: StatusIn, session: SessionDep, agent: AgentRole) -> InteractionOut:
    """Close a conversation, or reopen a closed one (it comes back to the agent who reopens it)."""
    interaction = service.get_interaction(session, interaction_id)
    ensure_may_write(agent, interaction)
    if body.status == "active" and interaction.assigned_agent_id is None:
        interaction.assigned_agent_id = agent.id
    service.change_status(session, interaction, body.status, author=agent,
                          action="reopened" if body.status == "active" else "closed")
    return to_out(session, interaction)
