"""Visitor-side web chat logic: profile → customer, messages into interactions, history, receipts, ratings.

A visitor's first message opens a `chat` interaction (external_ref = visitor id, status `queued`); later
ones join the open interaction. Message client ids are namespaced by visitor (UUIDv5), so one visitor's
retry is stored once and no visitor can collide with — or read — another's message.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import threading
import uuid
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import quote

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from backend.channels.webchat.files import IMAGE_TYPES, check_upload, clean_name
from backend.channels.webchat.limits import HISTORY_LIMIT, MAX_BODY_CHARS
from backend.channels.webchat.models import WebchatAttachment, WebchatVisitor
from backend.channels.webchat.schemas import AttachmentOut, ProfileIn, RatingIn, VisitorMessage
from backend.customers import service as customers
from backend.customers.normalize import normalise_email, normalise_phone
from backend.db import utcnow
from backend.errors import ApiError
from backend.interactions import service as interactions
from backend.interactions.models import Interaction, Message
from backend.timeline.service import append_event, lock_event_order, surviving_customer

CHANNEL = "chat"
FILES_PATH = "/api/v1/webchat/files"
_NAMESPACE = uuid.UUID("6f2d1c7e-3b8a-4c1e-9a57-2f0e8d4b9c11")
VISITOR_LOCK = 0x57434854  # "WCHT": advisory lock class of a visitor's section (with hashtext(visitor id))
_LOCK = text("SELECT pg_advisory_lock(CAST(:a AS integer), hashtext(:v))")
_UNLOCK = text("SELECT pg_advisory_unlock(CAST(:a AS integer), hashtext(:v))")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


class _LockBox:
    def __init__(self) -> None:
        self.lock = threading.Lock()


_visitor_locks: weakref.WeakValueDictionary[str, _LockBox] = weakref.WeakValueDictionary()
_locks_guard = threading.Lock()


def _visitor_lock(visitor_id: str) -> _LockBox:
    with _locks_guard:
        box = _visitor_locks.get(visitor_id)
        if box is None:
            box = _LockBox()
            _visitor_locks[visitor_id] = box
        return box


@contextmanager
def visitor_guard(session: Session, visitor_id: str) -> Iterator[None]:
    """One visitor's first-message / profile section at a time: a thread lock in this process and, on
    PostgreSQL, a session advisory lock on a connection of its own (the section commits several times), so
    two server processes cannot both open a conversation or create the visitor's customer."""
    with _visitor_lock(visitor_id).lock:
        engine = session.get_bind()
        if engine.dialect.name != "postgresql":
            yield
            return
        with engine.connect() as conn:  # type: ignore[union-attr]
            conn.execute(_LOCK, {"a": VISITOR_LOCK, "v": visitor_id})
            conn.commit()
            try:
                yield
            finally:
                conn.execute(_UNLOCK, {"a": VISITOR_LOCK, "v": visitor_id})
                conn.commit()


def clean_text(raw: str, limit: int = MAX_BODY_CHARS) -> str:
    """Plain text kept as typed, minus control and bidi-override characters; line ends normalised."""
    return _CONTROL.sub("", raw.replace("\r\n", "\n").replace("\r", "\n"))[:limit]


def stored_client_id(visitor_id: str, client_id: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, f"{visitor_id}:{client_id}"))


def visitor_message(message: Message) -> VisitorMessage:
    return VisitorMessage(
        id=message.id, interaction_id=message.interaction_id, direction=message.direction,
        author_name=message.author_name, body=message.body, attachments=list(message.attachments or []),
        client_id=(message.payload or {}).get("visitor_client_id"),
        created_at=message.created_at.isoformat().replace("+00:00", "Z"))


def get_visitor(session: Session, visitor_id: str) -> WebchatVisitor | None:
    return session.get(WebchatVisitor, visitor_id)


def ensure_visitor(session: Session, visitor_id: str, *, region: str) -> WebchatVisitor:
    """The visitor's row; an anonymous visitor becomes a customer holding the `web` identity = visitor id."""
    visitor = session.get(WebchatVisitor, visitor_id)
    if visitor is not None:
        return visitor
    customer, _ = customers.resolve(session, kind="web", value=visitor_id,
                                    display_name=f"Web visitor {visitor_id[:6]}", region=region, author=None)
    visitor = WebchatVisitor(visitor_id=visitor_id, customer_id=customer.id)
    session.add(visitor)
    session.commit()
    return visitor


def save_profile(session: Session, visitor_id: str, profile: ProfileIn, *, region: str) -> WebchatVisitor:
    """Pre-chat form: an e-mail (first) or phone resolves to the existing customer, or creates one."""
    name = " ".join(clean_text(profile.name, 100).split())
    email = normalise_email(profile.email) if profile.email.strip() else ""
    phone = normalise_phone(profile.phone, region=region)[0] if profile.phone.strip() else ""
    with visitor_guard(session, visitor_id):
        session.commit()
        if email or phone:
            kind, value = ("email", email) if email else ("phone", phone)
            customer, _ = customers.resolve(session, kind=kind, value=value, display_name=name or None,
                                            region=region, author=None)
            if email and phone:
                try:
                    customers.add_identity(session, customer_id=customer.id, kind="phone", value=phone,
                                           region=region, author=None)
                except ApiError:
                    session.rollback()  # the phone belongs to someone else: keep the e-mail's customer
            customer_id = customer.id
        else:
            customer_id = ensure_visitor(session, visitor_id, region=region).customer_id
        visitor = session.get(WebchatVisitor, visitor_id)
        if visitor is None:
            visitor = WebchatVisitor(visitor_id=visitor_id, customer_id=customer_id)
            session.add(visitor)
        visitor.customer_id = customer_id
        visitor.name, visitor.email, visitor.phone = name, email, phone
        visitor.updated_at = utcnow()
        session.commit()
        return visitor


def current_interaction(session: Session, visitor_id: str) -> Interaction | None:
    """The visitor's latest chat interaction (open or closed)."""
    return session.scalar(select(Interaction).where(Interaction.channel == CHANNEL,
                                                    Interaction.external_ref == visitor_id)
                          .order_by(Interaction.id.desc()).limit(1))


def owned_interaction(session: Session, visitor_id: str, interaction_id: int) -> Interaction:
    interaction = session.get(Interaction, interaction_id)
    if interaction is None or interaction.channel != CHANNEL or interaction.external_ref != visitor_id:
        raise ApiError(404, "interaction_not_found", "There is no such conversation.")
    return interaction


def _attachments(session: Session, visitor_id: str, tokens: list[str]) -> list[dict[str, Any]]:
    if not tokens:
        return []
    rows = {r.token: r for r in session.scalars(select(WebchatAttachment).where(
        WebchatAttachment.token.in_(tokens), WebchatAttachment.visitor_id == visitor_id))}
    if any(t not in rows for t in tokens):
        raise ApiError(422, "unknown_attachment", "An attachment was not uploaded by this visitor.")
    return [attachment_dict(rows[t]) for t in tokens]


def attachment_dict(row: WebchatAttachment) -> dict[str, Any]:
    return {"name": row.name, "mime": row.mime, "size": row.size,
            "url": f"{FILES_PATH}/{row.token}/{quote(row.name)}"}


def post_message(session: Session, visitor_id: str, *, client_id: str, body: str, attachments: list[str],
                 region: str, page: str = "", user_agent: str = "") -> tuple[Message, bool]:
    """Stores a visitor's message once per client id; opens an interaction when none is open."""
    stored_id = stored_client_id(visitor_id, client_id)
    existing = interactions.message_by_client_id(session, stored_id)
    if existing is not None:
        return existing, False
    text = clean_text(body)
    if not text.strip() and not attachments:
        raise ApiError(422, "empty_message", "Write a message or attach a file.")
    files = _attachments(session, visitor_id, attachments)
    with visitor_guard(session, visitor_id):
        session.commit()  # a fresh view: another thread may have opened the interaction meanwhile
        existing = interactions.message_by_client_id(session, stored_id)
        if existing is not None:
            return existing, False
        visitor = ensure_visitor(session, visitor_id, region=region)
        interaction = interactions.find_open(session, channel=CHANNEL, external_ref=visitor_id)
        if interaction is None:
            attrs = {"visitor_id": visitor_id, "name": visitor.name, "email": visitor.email,
                     "phone": visitor.phone, "page": clean_text(page, 500),
                     "user_agent": clean_text(user_agent, 300), "verified": False}
            interaction, _ = interactions.open_interaction(
                session, channel=CHANNEL, customer_id=visitor.customer_id, external_ref=visitor_id,
                subject=f"Web chat · {visitor.name}" if visitor.name else "Web chat", attributes=attrs,
                status="queued")
        return interactions.add_message(
            session, interaction, direction="in", body=text, attachments=files,
            author_name=visitor.name or "Visitor", client_id=stored_id,
            payload={"visitor_client_id": client_id})


def history(session: Session, visitor_id: str, *, since: int) -> tuple[Interaction | None, list[Message]]:
    """The current interaction and its visitor-visible messages after `since` (oldest first)."""
    interaction = current_interaction(session, visitor_id)
    if interaction is None:
        return None, []
    rows = list(session.scalars(select(Message).where(
        Message.interaction_id == interaction.id, Message.direction.in_(("in", "out")), Message.id > since)
        .order_by(Message.id.desc()).limit(HISTORY_LIMIT)))
    rows.reverse()
    return interaction, rows


def visible_message(session: Session, visitor_id: str, message_id: int) -> Message | None:
    """A message the visitor may see (in/out of their own chat), or None."""
    message = session.get(Message, message_id)
    if message is None or message.direction not in ("in", "out"):
        return None
    interaction = session.get(Interaction, message.interaction_id)
    if interaction is None or interaction.channel != CHANNEL or interaction.external_ref != visitor_id:
        return None
    return message


def receipt(session: Session, visitor_id: str, message_id: int, state: str) -> int:
    """The widget received (`delivered`) or showed (`read`) the agent's messages up to `message_id`."""
    message = visible_message(session, visitor_id, message_id)
    if message is None or state not in ("delivered", "read"):
        return 0
    order = ("sending", "sent", "delivered", "read")
    changed = 0
    for row in list(session.scalars(select(Message).where(
            Message.interaction_id == message.interaction_id, Message.direction == "out",
            Message.id <= message_id, Message.delivery.in_(order[: order.index(state)])))):
        interactions.set_delivery(session, row, state, detail="visitor")
        changed += 1
    return changed


def is_rated(interaction: Interaction) -> bool:
    return isinstance((interaction.attributes or {}).get("rating"), dict)


def rate(session: Session, visitor_id: str, body: RatingIn) -> tuple[Interaction, bool]:
    """Stores the satisfaction rating once and appends it to the customer's timeline: (interaction, new)."""
    interaction = owned_interaction(session, visitor_id, body.interaction_id)
    if is_rated(interaction):
        return interaction, False
    if interaction.status not in ("closed", "abandoned"):
        raise ApiError(409, "not_closed", "A conversation can be rated once it has ended.")
    comment = " ".join(clean_text(body.comment, 1000).split())
    lock_event_order(session)
    rating = {"score": body.score, "comment": comment, "at": utcnow().isoformat()}
    interaction.attributes = {**(interaction.attributes or {}), "rating": rating}
    text = f"Chat rated {body.score}/5" + (f": {comment}" if comment else "")
    event = append_event(session, customer_id=surviving_customer(session, interaction.customer_id).id,
                         kind="chat", channel=CHANNEL, body=text,
                         payload={"interaction_id": interaction.id, "action": "rated", "rating": body.score,
                                  "comment": comment})
    event.author_name = "Visitor"
    event.interaction_id = interaction.id
    interaction.last_seq = event.seq
    session.commit()
    return interaction, True


def store_attachment(session: Session, visitor_id: str, *, name: str, data: bytes,
                     max_bytes: int) -> AttachmentOut:
    mime = check_upload(data, max_bytes=max_bytes)
    row = WebchatAttachment(token=secrets.token_urlsafe(32), visitor_id=visitor_id,
                            name=clean_name(name, mime), mime=mime, size=len(data),
                            sha256=hashlib.sha256(data).hexdigest(), data=data)
    session.add(row)
    session.commit()
    out = attachment_dict(row)
    return AttachmentOut(id=row.token, **out)


def get_file(session: Session, token: str) -> WebchatAttachment:
    row = session.scalar(select(WebchatAttachment).where(WebchatAttachment.token == token)) \
        if 20 <= len(token) <= 64 else None
    if row is None:
        raise ApiError(404, "file_not_found", "There is no such file.")
    return row


def is_image(mime: str) -> bool:
    return mime in IMAGE_TYPES
