"""A transferred queue call keeps its interaction. The agent's client moves the record first (transfer →
queued again, `context.voice_transfer`), then REFERs the caller to the target agent's SIP user or to the
queue's number. The caller's phone places a new call (a new Call-ID) that Kamailio, as for any outside call,
asks the server about; `adopt` recognises it — same caller, dialling the transfer's target agent or queue —
and re-keys the waiting interaction to the new call, so routing, ringing, `X-Interaction-Id`, abandon and
the timeline all continue on the one record.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.agents.models import Agent
from backend.interactions.models import Interaction
from backend.routing.models import QueueEntry, RoutingQueue
from backend.routing.tx import begin_write

CALL_KEY = "voice_transfer"


def _dialled(session: Session, entry: QueueEntry) -> set[str]:
    """What the caller may dial to reach this transfer: the target agent's SIP user or the queue number."""
    if entry.target_agent_id is not None:
        agent = session.get(Agent, entry.target_agent_id)
        return {agent.username} if agent is not None else set()
    queue = session.get(RoutingQueue, entry.queue_id)
    return {queue.number} if queue is not None and queue.number else set()


def adopt(session: Session, *, caller: str, dialled: str, client_id: str, call_id: str) -> Interaction | None:
    """The transferred interaction this new call from `caller` to `dialled` continues, re-keyed to it (the
    transaction is committed); None when it is not a transferred call."""
    if not caller.strip():
        return None
    rows = session.execute(select(QueueEntry, Interaction).join(
        Interaction, Interaction.id == QueueEntry.interaction_id).where(
        Interaction.channel == "voice", Interaction.status.in_(("queued", "offered")),
        QueueEntry.status.in_(("waiting", "offered"))).order_by(QueueEntry.enqueued_at)).all()
    for entry, interaction in rows:
        context = entry.context or {}
        if not context.get(CALL_KEY) or (interaction.attributes or {}).get("caller") != caller:
            continue
        if dialled not in _dialled(session, entry):
            continue
        begin_write(session)
        locked = session.scalar(select(QueueEntry).where(QueueEntry.interaction_id == entry.interaction_id)
                                .with_for_update().execution_options(populate_existing=True))
        if locked is None or not (locked.context or {}).get(CALL_KEY):
            session.rollback()
            return None  # another ask adopted it first
        locked.context = {**locked.context, CALL_KEY: False, "previous_call_id": interaction.external_ref}
        interaction.client_id = client_id
        interaction.external_ref = call_id[:255]
        session.commit()
        return interaction
    return None
