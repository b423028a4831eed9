"""Lookups shared by one batch of incoming mail (one transaction): a handful of queries for the whole batch
instead of several per message.

Before filing, `BatchLookups.load` reads at once: the e-mail messages already filed under any Message-ID the
batch mentions (its own ids, In-Reply-To, References), the thread roots among them, the open e-mail
interactions rooted at any of them and the customers holding the batch's From addresses. Each message filed
is then recorded, so a later message of the same batch sees it (a copy, a reply, the same sender). Anything
outside what was loaded (a thread root known only through an older message) falls back to a query.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.channels.email import mime
from backend.channels.email.threading import ancestors
from backend.customers.models import Customer, Identity
from backend.customers.normalize import normalise_email
from backend.errors import ApiError
from backend.interactions.models import Interaction, Message

REF_CHARS = 255
CLOSED = ("closed", "abandoned")


def sender_key(address: str) -> str | None:
    try:
        return normalise_email(address)
    except ApiError:
        return None


@dataclass
class BatchLookups:
    # Message-ID → (message, interaction, thread root)
    filed: dict[str, tuple[int, int, str | None]] = field(default_factory=dict)
    roots: set[str] = field(default_factory=set)
    open_by_root: dict[str, Interaction | None] = field(default_factory=dict)  # checked roots only
    senders: dict[str, Customer | None] = field(default_factory=dict)  # checked addresses only

    @classmethod
    def load(cls, session: Session, batch: list[mime.ParsedEmail]) -> BatchLookups:
        ids = sorted({i for p in batch for i in (p.message_id, *ancestors(p)) if i})
        refs = sorted({i[:REF_CHARS] for i in ids})
        found = cls()
        if ids:
            for ext, mid, iid, root in session.execute(
                    select(Message.external_id, Message.id, Message.interaction_id, Interaction.external_ref)
                    .join(Interaction, Interaction.id == Message.interaction_id)
                    .where(Interaction.channel == "email", Message.external_id.in_(ids))
                    .order_by(Message.id)):
                found.filed.setdefault(str(ext), (mid, iid, root))
            found.open_by_root = dict.fromkeys(refs)
            for row in session.scalars(select(Interaction).where(
                    Interaction.channel == "email", Interaction.external_ref.in_(refs))
                    .order_by(Interaction.id)):
                ref = str(row.external_ref)
                found.roots.add(ref)
                if row.status not in CLOSED:
                    found.open_by_root[ref] = row  # the newest open one wins, as find_open's order
        addresses = sorted({k for p in batch if p.from_address and (k := sender_key(p.from_address))})
        if addresses:
            found.senders = dict.fromkeys(addresses)
            for value, customer in session.execute(
                    select(Identity.value, Customer).join(Customer, Customer.id == Identity.customer_id)
                    .where(Identity.kind == "email", Identity.value.in_(addresses))):
                found.senders[str(value)] = customer
        return found

    def existing(self, message_id: str) -> tuple[int, int] | None:
        hit = self.filed.get(message_id)
        return (hit[0], hit[1]) if hit else None

    def known_root(self, ids: list[str]) -> str | None:
        """As `service._known_root`: the nearest ancestor's thread root, or an ancestor that is a root."""
        for ref in ids:
            hit = self.filed.get(ref)
            if hit is not None and hit[2]:
                return hit[2]
            if ref[:REF_CHARS] in self.roots:
                return ref[:REF_CHARS]
        return None

    def record(self, *, message_id: str, message_pk: int, interaction: Interaction, root: str) -> None:
        if message_id and message_id not in self.filed:
            self.filed[message_id] = (message_pk, interaction.id, root)
        self.roots.add(root)
        if interaction.status not in CLOSED:
            self.open_by_root[root] = interaction

    def remember_sender(self, address: str, customer: Customer) -> None:
        key = sender_key(address)
        if key:
            self.senders[key] = customer
