"""Incoming mail → customer, interaction (thread) and message; the raw message kept either way.

`ingest()` files one UID; it is idempotent on (mailbox, UIDVALIDITY, UID) and on Message-ID (a copy of a
message already on a thread, or our own sent reply coming back, adds nothing). The raw row, the message and
the mailbox's `last_uid` commit together, so a crash never skips a message. The fetcher calls
`ingest_batch()` for up to 50 new UIDs in one transaction (lookups shared through `batch.BatchLookups`); if
any of them fails it rolls the batch back and files them one by one with `ingest()`, so one bad message
neither loses nor blocks the others.
"""

from __future__ import annotations

import logging
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.channels.email import mime, storage
from backend.channels.email.batch import BatchLookups, sender_key
from backend.channels.email.models import Mailbox, RawEmail
from backend.channels.email.sanitise import sanitise
from backend.channels.email.threading import ancestors, looks_like_reply, normalise_subject, root_guess
from backend.customers import service as customers
from backend.customers.models import Customer, Identity
from backend.customers.normalize import normalise_identity
from backend.errors import ApiError
from backend.interactions import service as interactions
from backend.interactions.models import Interaction, Message
from backend.settings import Settings

log = logging.getLogger("huitong.email")
UNREADABLE_NOTE = "This e-mail could not be read properly; it is shown as it arrived (raw)."
REF_CHARS = 255
BATCH_BUDGET_SECONDS = 0.05  # longest a batch transaction keeps filing before it commits


@dataclass(frozen=True)
class IngestResult:
    raw_id: int
    message_id: int | None
    interaction_id: int | None
    created: bool


def attachment_url(raw_id: int, index: int) -> str:
    return f"/api/v1/email/attachments/{raw_id}/{index}"


def _known_sender(session: Session, settings: Settings, address: str) -> Customer | None:
    """The customer already holding this e-mail identity: one indexed query, identities not loaded."""
    try:
        ident = normalise_identity(kind="email", value=address, region=settings.default_region)
    except ApiError:
        return None
    return session.scalar(select(Customer).join(Identity, Identity.customer_id == Customer.id).where(
        Identity.kind == ident.kind, Identity.value == ident.value).limit(1))


def _customer(session: Session, settings: Settings, mailbox: Mailbox, parsed: mime.ParsedEmail,
              lookups: BatchLookups | None = None) -> Customer:
    if parsed.from_address:
        key = sender_key(parsed.from_address) if lookups is not None else None
        if lookups is not None and key in lookups.senders:
            known = lookups.senders[key]
        else:
            known = _known_sender(session, settings, parsed.from_address)
        if known is not None:
            return known
        if lookups is not None and key is None:
            return _unknown_sender(session, settings, mailbox)  # resolve would roll the batch back
        try:
            customer, _ = customers.resolve(session, kind="email", value=parsed.from_address,
                                            display_name=parsed.from_name or None,
                                            region=settings.default_region, author=None)
            return customer
        except ApiError:
            session.rollback()
    return _unknown_sender(session, settings, mailbox)


def _unknown_sender(session: Session, settings: Settings, mailbox: Mailbox) -> Customer:
    client_id = str(uuid.uuid5(uuid.NAMESPACE_URL, f"huitong:email:unknown-sender:{mailbox.id}"))
    customer, _ = customers.create_customer(session, client_id=client_id,
                                            display_name="Unknown e-mail sender", identities=[],
                                            region=settings.default_region, author=None)
    return customer


def _known_root(session: Session, ids: list[str]) -> str | None:
    """The thread root of the nearest ancestor we already have (a message, or a thread's root itself)."""
    if not ids:
        return None
    rows = session.execute(select(Message.external_id, Interaction.external_ref)
                           .join(Interaction, Interaction.id == Message.interaction_id)
                           .where(Interaction.channel == "email", Message.external_id.in_(ids))).all()
    by_id = {ext: ref for ext, ref in rows if ref}
    roots = set(session.scalars(select(Interaction.external_ref).where(
        Interaction.channel == "email", Interaction.external_ref.in_([i[:REF_CHARS] for i in ids]))))
    for ref in ids:
        if ref in by_id:
            return by_id[ref]
        if ref[:REF_CHARS] in roots:
            return ref[:REF_CHARS]
    return None


def _by_subject(session: Session, customer_id: int, subject: str) -> Interaction | None:
    wanted = normalise_subject(subject)
    if not wanted:
        return None
    candidates = session.scalars(select(Interaction).where(
        Interaction.channel == "email", Interaction.customer_id == customer_id,
        Interaction.status.not_in(("closed", "abandoned"))).order_by(Interaction.last_seq.desc()).limit(50))
    return next((i for i in candidates if normalise_subject(i.subject) == wanted), None)


def thread_for(session: Session, parsed: mime.ParsedEmail, customer_id: int,
               lookups: BatchLookups | None = None) -> tuple[str, Interaction | None]:
    """(thread root Message-ID, its open interaction or None)."""
    ids = ancestors(parsed)
    root = lookups.known_root(ids) if lookups is not None else _known_root(session, ids)
    if root is None and looks_like_reply(parsed.subject):
        found = _by_subject(session, customer_id, parsed.subject)
        if found is not None and found.external_ref:
            return found.external_ref, found
    if root is None:
        root = root_guess(parsed)
    root = root[:REF_CHARS]
    if lookups is not None and root in lookups.open_by_root:
        return root, lookups.open_by_root[root]
    return root, interactions.find_open(session, channel="email", external_ref=root)


def _existing(session: Session, message_id: str,
              lookups: BatchLookups | None = None) -> tuple[int, int] | None:
    """(message id, interaction id) of the e-mail already filed under this Message-ID."""
    if lookups is not None:
        return lookups.existing(message_id)
    found = session.execute(select(Message.id, Message.interaction_id).join(
        Interaction, Interaction.id == Message.interaction_id).where(
        Interaction.channel == "email", Message.external_id == message_id).limit(1)).first()
    return (found[0], found[1]) if found else None


def _store_attachments(data_dir: Path, raw_id: int, parsed: mime.ParsedEmail) -> tuple[
        list[dict[str, Any]], dict[str, str]]:
    entries: list[dict[str, Any]] = []
    inline: dict[str, str] = {}
    for index, att in enumerate(parsed.attachments):
        digest = storage.store(data_dir, att)
        url = attachment_url(raw_id, index)
        entries.append({"name": att.name[:255], "mime": att.mime[:255], "size": len(att.data), "url": url,
                        "sha256": digest, "content_id": att.content_id[:255], "inline": att.inline})
        if att.content_id:
            inline[att.content_id] = url
    return entries, inline


def clean_html(parsed: mime.ParsedEmail, inline: dict[str, str], *, allow_remote_images: bool = False
               ) -> tuple[str | None, int]:
    if parsed.html is None:
        return None, 0
    cleaned = sanitise(parsed.html, inline_urls=inline, allow_remote_images=allow_remote_images)
    return cleaned.html, cleaned.blocked_images


def inline_urls(attachments: list[dict[str, Any]]) -> dict[str, str]:
    return {a["content_id"]: a["url"] for a in attachments if a.get("content_id")}


def _advance(mailbox: Mailbox, uid: int) -> None:
    mailbox.last_uid = max(mailbox.last_uid, uid)


def filed_uids(session: Session, *, mailbox_id: int, uidvalidity: int, uids: list[int]) -> set[int]:
    """Which of these UIDs are already filed (one query for a batch)."""
    if not uids:
        return set()
    return set(session.scalars(select(RawEmail.uid).where(
        RawEmail.mailbox_id == mailbox_id, RawEmail.uidvalidity == uidvalidity, RawEmail.uid.in_(uids))))


def advance(session: Session, mailbox_id: int, uid: int) -> None:
    """Moves the mailbox's position past `uid` (in the caller's transaction)."""
    mailbox = session.get(Mailbox, mailbox_id)
    if mailbox is not None:
        _advance(mailbox, uid)


def _finish(session: Session, mailbox: Mailbox, uid: int, batch: bool) -> None:
    if batch:
        session.flush()
    else:
        _advance(mailbox, uid)
        session.commit()


def ingest(session: Session, *, settings: Settings, mailbox_id: int, raw: bytes, uidvalidity: int,
           uid: int, batch: BatchLookups | None = None, parsed: mime.ParsedEmail | None = None
           ) -> IngestResult | None:
    """Files one fetched message; None if this UID was filed before.

    With `batch` (the fetcher's batch filing, see `ingest_batch`) the caller has checked the UIDs with
    `filed_uids`, advances `last_uid` with `advance`, commits once for the whole batch, and the lookups come
    from `batch` instead of queries per message.
    """
    done = None if batch is not None else session.scalar(select(RawEmail.id).where(
        RawEmail.mailbox_id == mailbox_id, RawEmail.uidvalidity == uidvalidity, RawEmail.uid == uid))
    if done is not None:
        return None
    mailbox = session.get(Mailbox, mailbox_id)
    if mailbox is None:
        raise LookupError(f"mailbox {mailbox_id} is gone")
    parsed = parsed or mime.parse(raw)
    duplicate = _existing(session, parsed.message_id, batch)
    if duplicate is not None:
        row = RawEmail(mailbox_id=mailbox_id, uidvalidity=uidvalidity, uid=uid, message_id=parsed.message_id,
                       raw=raw, size=len(raw), parsed_ok=not parsed.broken,
                       error="duplicate Message-ID", interaction_message_id=duplicate[0])
        session.add(row)
        _finish(session, mailbox, uid, batch is not None)
        return IngestResult(row.id, duplicate[0], duplicate[1], False)
    customer = _customer(session, settings, mailbox, parsed, batch)
    root, interaction = thread_for(session, parsed, customer.id, batch)
    if interaction is None:
        interaction, _ = interactions.open_interaction(
            session, channel="email", customer_id=customer.id, subject=parsed.subject or "(no subject)",
            external_ref=root, status="queued", queue_id=mailbox.queue_id,
            attributes={"mailbox_id": mailbox.id, "mailbox_address": mailbox.address})
    mailbox = session.get(Mailbox, mailbox_id) or mailbox
    row = RawEmail(mailbox_id=mailbox_id, uidvalidity=uidvalidity, uid=uid, message_id=parsed.message_id,
                   raw=raw, size=len(raw), parsed_ok=not parsed.broken,
                   error="; ".join(parsed.problems)[:2000])
    session.add(row)
    session.flush()
    attachments, inline = _store_attachments(settings.data_dir, row.id, parsed)
    html, blocked = clean_html(parsed, inline)
    payload: dict[str, Any] = {**parsed.headers(), "mailbox_id": mailbox.id, "raw_id": row.id,
                               "remote_images_blocked": blocked, "parse_ok": not parsed.broken}
    body = parsed.text
    if parsed.broken:
        payload["parse_problems"] = parsed.problems[:20]
        payload["raw"] = True
        body = f"{UNREADABLE_NOTE}\n\n{body}"
    message, _ = interactions.add_message(
        session, interaction, direction="in", body=body, html=html, attachments=attachments,
        author_name=parsed.from_name or parsed.from_address or customer.display_name,
        external_id=parsed.message_id, payload=payload, commit=False)
    row.interaction_message_id = message.id
    _finish(session, mailbox, uid, batch is not None)
    if batch is not None:
        batch.record(message_id=parsed.message_id, message_pk=message.id, interaction=interaction, root=root)
        if parsed.from_address:
            batch.remember_sender(parsed.from_address, customer)
    return IngestResult(row.id, message.id, interaction.id, True)


def ingest_batch(session: Session, *, settings: Settings, mailbox_id: int, uidvalidity: int,
                 items: list[tuple[int, bytes]], parsed: dict[int, mime.ParsedEmail] | None = None,
                 budget_seconds: float = BATCH_BUDGET_SECONDS) -> int:
    """Files new UIDs from the front of `items` in the caller's transaction (the caller commits and advances
    `last_uid` to the last UID consumed); returns how many items were consumed.

    Filing stops once `budget_seconds` have passed, so the transaction — which holds the event-order lock on
    PostgreSQL, and SQLite's write lock — stays short for everyone else (chat, notes); the caller continues
    with the rest in a new one. `parsed` keeps the parses across those calls. Raises whatever one message
    raised: the caller rolls back and files them singly."""
    parsed = {} if parsed is None else parsed
    done = filed_uids(session, mailbox_id=mailbox_id, uidvalidity=uidvalidity, uids=[u for u, _ in items])
    for uid, raw in items:
        if uid not in done and uid not in parsed:
            parsed[uid] = mime.parse(raw)
    lookups = BatchLookups.load(session, [parsed[u] for u, _ in items if u not in done])
    started = time.monotonic()
    used = 0
    filed: list[int] = []
    for uid, raw in items:
        used += 1
        if uid in done:
            continue
        ingest(session, settings=settings, mailbox_id=mailbox_id, raw=raw, uidvalidity=uidvalidity, uid=uid,
               batch=lookups, parsed=parsed.pop(uid))
        filed.append(uid)
        if time.monotonic() - started > budget_seconds:
            break
    missing = set(filed) - filed_uids(session, mailbox_id=mailbox_id, uidvalidity=uidvalidity, uids=filed)
    if missing:  # a rollback inside a shared service (e.g. a customer created meanwhile) undid some of them
        raise RuntimeError(f"batch filing lost UIDs {sorted(missing)} to a rollback")
    return used


def keep_unfiled(session: Session, *, mailbox_id: int, raw: bytes, uidvalidity: int, uid: int,
                 error: str) -> None:
    """Last resort when filing failed unexpectedly: the raw message is kept (never dropped), with why."""
    session.rollback()
    exists = session.scalar(select(RawEmail.id).where(
        RawEmail.mailbox_id == mailbox_id, RawEmail.uidvalidity == uidvalidity, RawEmail.uid == uid))
    if exists is None:
        session.add(RawEmail(mailbox_id=mailbox_id, uidvalidity=uidvalidity, uid=uid, raw=raw, size=len(raw),
                             parsed_ok=False, error=error[:2000]))
    mailbox = session.get(Mailbox, mailbox_id)
    if mailbox is not None:
        _advance(mailbox, uid)
    session.commit()
