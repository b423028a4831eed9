"""Merging one customer into another, and undoing it."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from backend.agents.models import Agent
from backend.audit import service as audit
from backend.customers.models import Customer, CustomerMerge, Identity
from backend.customers.service import get_customer
from backend.db import utcnow
from backend.errors import ApiError
from backend.timeline.models import Event
from backend.timeline.service import append_event, lock_event_order

_CHUNK = 500


def _chunks(ids: list[int]) -> list[list[int]]:
    return [ids[i:i + _CHUNK] for i in range(0, len(ids), _CHUNK)]


def merge(session: Session, *, target_id: int, source_id: int, actor: Agent,
          address: str = "") -> tuple[CustomerMerge, Customer]:
    """Moves the source's identities and events to the target; the source keeps merged_into_id."""
    if target_id == source_id:
        raise ApiError(409, "merge_conflict", "A customer cannot be merged into itself.")
    lock_event_order(session)
    target, source = get_customer(session, target_id), get_customer(session, source_id)
    for c in (target, source):
        if c.merged_into_id is not None:
            raise ApiError(409, "customer_merged",
                           f"Customer {c.id} was already merged into {c.merged_into_id}.")
    identity_ids = list(session.scalars(select(Identity.id).where(Identity.customer_id == source_id)))
    event_seqs = list(session.scalars(select(Event.seq).where(Event.customer_id == source_id)))
    session.execute(update(Identity).where(Identity.customer_id == source_id).values(customer_id=target_id))
    session.execute(update(Event).where(Event.customer_id == source_id).values(customer_id=target_id))
    source.merged_into_id = target_id
    row = CustomerMerge(target_id=target_id, source_id=source_id, merged_by=actor.id,
                        identity_ids=identity_ids, event_seqs=event_seqs)
    session.add(row)
    session.flush()
    append_event(session, customer_id=target_id, kind="merge", channel="system", author=actor,
                 body=f"Merged {source.display_name} (#{source_id}) into {target.display_name}",
                 payload={"merge_id": row.id, "source_id": source_id, "target_id": target_id,
                          "identities": len(identity_ids), "events": len(event_seqs)})
    audit.record(session, action="customer_merged", actor_id=actor.id, actor_name=actor.username,
                 target=f"customer:{target_id}", address=address,
                 detail={"merge_id": row.id, "source_id": source_id, "target_id": target_id})
    session.commit()
    return row, get_customer(session, target_id)


def undo(session: Session, *, merge_id: int, actor: Agent, address: str = "") -> tuple[Customer, Customer]:
    """Moves what the merge moved back to the source: (target, restored source)."""
    lock_event_order(session)
    row = session.get(CustomerMerge, merge_id)
    if row is None:
        raise ApiError(404, "merge_not_found", f"There is no merge {merge_id}.")
    if row.undone_at is not None:
        raise ApiError(409, "merge_already_undone", f"Merge {merge_id} was already undone.")
    target, source = get_customer(session, row.target_id), get_customer(session, row.source_id)
    if target.merged_into_id is not None:
        raise ApiError(409, "target_merged_later",
                       f"Customer {target.id} was itself merged into customer {target.merged_into_id} after "
                       f"this merge; undo that later merge first.")
    for chunk in _chunks(list(row.identity_ids)):
        session.execute(update(Identity).where(Identity.id.in_(chunk), Identity.customer_id == target.id)
                        .values(customer_id=source.id))
    for chunk in _chunks(list(row.event_seqs)):
        session.execute(update(Event).where(Event.seq.in_(chunk), Event.customer_id == target.id)
                        .values(customer_id=source.id))
    source.merged_into_id = None
    row.undone_at = utcnow()
    append_event(session, customer_id=target.id, kind="unmerge", channel="system", author=actor,
                 body=f"Undid merge of {source.display_name} (#{source.id}) into {target.display_name}",
                 payload={"merge_id": row.id, "source_id": source.id, "target_id": target.id})
    audit.record(session, action="customer_merge_undone", actor_id=actor.id, actor_name=actor.username,
                 target=f"customer:{target.id}", address=address,
                 detail={"merge_id": row.id, "source_id": source.id, "target_id": target.id})
    session.commit()
    return get_customer(session, target.id), get_customer(session, source.id)
