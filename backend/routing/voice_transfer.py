"""A transferred queue call keeps its interaction. The agent's client moves the record first (transfer →
queued again, `context.voice_transfer`), then REFERs the caller to the target agent's SIP user or to the
queue's number. The caller's phone places a new call (a new Call-ID) that Kamailio, as for any outside call,
asks the server about; `adopt` recognises it and re-keys the waiting interaction to the new call, so routing,
ringing, `X-Interaction-Id`, abandon and the timeline all continue on the one record.

How the new call is recognised:
- by a transfer ticket (works for a withheld number): Kamailio, relaying the agent's REFER, asks `mint` for a
  single-use ticket bound to the interaction and to the REFER's target and embeds it in the Refer-To URI
  (`<sip:agent2@host?X-Huitong-Transfer=<ticket>>`, RFC 3515 §2.1); the caller's phone copies it into its
  new INVITE and Kamailio passes it on. Only a hash of the ticket is kept; it is spent on adoption, and a
  forged, spent or stale ticket is refused (`transfer_refused`) without changing anything;
- without a ticket (a phone that drops the Refer-To's headers): by the caller's number, dialling the
  transfer's target — never for a withheld number, which any caller can send.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.agents.models import Agent
from backend.errors import ApiError
from backend.interactions.models import Interaction
from backend.routing.models import QueueEntry, RoutingQueue
from backend.routing.tx import begin_write

CALL_KEY = "voice_transfer"
TICKET_KEY = "transfer_ticket"  # sha256 of the ticket's secret part
TICKET_AT = "transfer_ticket_at"
TICKET_SECONDS = 300
WITHHELD = {"", "anonymous", "unknown", "unavailable", "restricted", "private", "withheld"}
_OPEN = (("queued", "offered"), ("waiting", "offered"))  # interaction and queue-entry states of a transfer


def _dialled(session: Session, entry: QueueEntry) -> set[str]:
    """What the caller may dial to reach this transfer: the target agent's SIP user or the queue number."""
    if entry.target_agent_id is not None:
        agent = session.get(Agent, entry.target_agent_id)
        return {agent.username} if agent is not None else set()
    queue = session.get(RoutingQueue, entry.queue_id)
    return {queue.number} if queue is not None and queue.number else set()


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _in_transfer(entry: QueueEntry | None, interaction: Interaction | None) -> bool:
    return (entry is not None and interaction is not None and interaction.channel == "voice"
            and interaction.status in _OPEN[0] and entry.status in _OPEN[1]
            and bool((entry.context or {}).get(CALL_KEY)))


def mint(session: Session, *, interaction: Interaction | None, target: str) -> str | None:
    """A new single-use ticket for the transfer of this interaction's call to `target` (committed; it
    replaces an earlier one); None when the call is not being transferred there."""
    if interaction is None:
        return None
    begin_write(session)
    entry = session.scalar(select(QueueEntry).where(QueueEntry.interaction_id == interaction.id)
                           .with_for_update(key_share=True).execution_options(populate_existing=True))
    if not _in_transfer(entry, interaction) or entry is None or target not in _dialled(session, entry):
        session.rollback()
        return None
    secret = secrets.token_urlsafe(24)
    entry.context = {**(entry.context or {}), TICKET_KEY: _digest(secret), TICKET_AT: time.time()}
    session.commit()
    return f"{interaction.id}.{secret}"


def _refused() -> ApiError:
    return ApiError(403, "transfer_refused", "This transfer ticket is not valid (forged, used or expired).")


def _by_ticket(session: Session, ticket: str, dialled: str) -> QueueEntry:
    """The queue entry of the transfer this ticket was minted for, locked; ApiError when it is not valid."""
    head, _, secret = ticket.partition(".")
    if not head.isdigit() or not secret or len(ticket) > 128:
        raise _refused()
    begin_write(session)
    entry = session.scalar(select(QueueEntry).where(QueueEntry.interaction_id == int(head))
                           .with_for_update(key_share=True).execution_options(populate_existing=True))
    interaction = session.get(Interaction, int(head))
    context = (entry.context or {}) if entry is not None else {}
    stored, at = str(context.get(TICKET_KEY) or ""), context.get(TICKET_AT)
    if (entry is None or not _in_transfer(entry, interaction) or not stored
            or not hmac.compare_digest(stored, _digest(secret))
            or not isinstance(at, int | float) or time.time() - at > TICKET_SECONDS
            or dialled not in _dialled(session, entry)):
        session.rollback()
        raise _refused()
    return entry


def _by_caller(session: Session, caller: str, dialled: str) -> QueueEntry | None:
    """The oldest transfer of a call from this (shown) number to `dialled`, locked; None if there is none."""
    if caller.strip().lower() in WITHHELD:
        return None
    rows = session.execute(select(QueueEntry, Interaction).join(
        Interaction, Interaction.id == QueueEntry.interaction_id).where(
        Interaction.channel == "voice", Interaction.status.in_(_OPEN[0]),
        QueueEntry.status.in_(_OPEN[1])).order_by(QueueEntry.enqueued_at)).all()
    for entry, interaction in rows:
        if (not (entry.context or {}).get(CALL_KEY) or (interaction.attributes or {}).get("caller") != caller
                or dialled not in _dialled(session, entry)):
            continue
        begin_write(session)
        locked = session.scalar(select(QueueEntry).where(QueueEntry.interaction_id == entry.interaction_id)
                                .with_for_update(key_share=True).execution_options(populate_existing=True))
        if locked is None or not (locked.context or {}).get(CALL_KEY):
            session.rollback()
            return None  # another ask adopted it first
        return locked
    return None


def adopt(session: Session, *, caller: str, dialled: str, client_id: str, call_id: str,
          ticket: str = "") -> Interaction | None:
    """The transferred interaction this new call from `caller` to `dialled` continues, re-keyed to it (the
    transaction is committed); None when it is not a transferred call. A call carrying a ticket is matched
    by the ticket alone: ApiError(403, transfer_refused) when it is not valid, and nothing changes."""
    entry = (_by_ticket(session, ticket.strip(), dialled) if ticket.strip()
             else _by_caller(session, caller, dialled))
    if entry is None:
        return None
    interaction = session.get(Interaction, entry.interaction_id)
    if interaction is None:
        session.rollback()
        return None
    context = {k: v for k, v in (entry.context or {}).items() if k not in (TICKET_KEY, TICKET_AT)}
    entry.context = {**context, CALL_KEY: False, "previous_call_id": interaction.external_ref}
    interaction.client_id = client_id
    interaction.external_ref = call_id[:255]
    session.commit()
    return interaction
