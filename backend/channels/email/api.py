"""E-mail routes: mailbox admin (passwords write-only), attachments, remote images on request, raw source."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import FileResponse
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from backend.audit import service as audit
from backend.channels.email import mime, service, storage
from backend.channels.email.crypto import encrypt
from backend.channels.email.fetcher import EmailFetchers
from backend.channels.email.models import Mailbox, RawEmail
from backend.channels.email.schemas import HtmlOut, MailboxIn, MailboxList, MailboxOut, MailboxPatch
from backend.deps import AdminAgent, AgentRole, SessionDep, SettingsDep
from backend.errors import ApiError
from backend.interactions import service as interactions

router = APIRouter(prefix="/api/v1/email", tags=["email"])
SAFE_INLINE = {"image/png", "image/jpeg", "image/gif", "image/webp"}


def _fetchers(request: Request) -> EmailFetchers | None:
    return getattr(request.app.state, "email_fetchers", None)


def _out(mailbox: Mailbox) -> MailboxOut:
    out = MailboxOut.model_validate(mailbox)
    out.has_password = bool(mailbox.password_encrypted)
    return out


def _get(session: Session, mailbox_id: int) -> Mailbox:
    mailbox = session.get(Mailbox, mailbox_id)
    if mailbox is None:
        raise ApiError(404, "mailbox_not_found", f"There is no mailbox {mailbox_id}.")
    return mailbox


def _apply(mailbox: Mailbox, body: MailboxPatch, secret_key: str) -> list[str]:
    changed = []
    for name, value in body.model_dump(exclude_unset=True).items():
        if name == "password":
            mailbox.password_encrypted = encrypt(secret_key, value or "")
        elif name == "smtp_password":
            mailbox.smtp_password_encrypted = encrypt(secret_key, value or "")
        elif value is not None or name == "queue_id":
            setattr(mailbox, name, value.strip().lower() if name == "address" else value)
        changed.append(name)
    return changed


def _save(session: Session, mailbox: Mailbox, agent: AdminAgent, action: str, changed: list[str]) -> None:
    audit.record(session, action=action, actor_id=agent.id, actor_name=agent.username,
                 target=f"mailbox:{mailbox.address}", detail={"fields": changed})  # names only, never values
    try:
        session.commit()
    except IntegrityError as exc:
        session.rollback()
        raise ApiError(409, "mailbox_exists", "Another mailbox already uses this address.") from exc


@router.get("/mailboxes")
def list_mailboxes(session: SessionDep, _admin: AdminAgent) -> MailboxList:
    return MailboxList(items=[_out(m) for m in session.scalars(select(Mailbox).order_by(Mailbox.id))])


@router.post("/mailboxes", status_code=201)
def create_mailbox(body: MailboxIn, *, request: Request, session: SessionDep, settings: SettingsDep,
                   admin: AdminAgent) -> MailboxOut:
    defaults: dict[str, Any] = {"imap_port": 993, "imap_security": "ssl", "imap_folder": "INBOX",
                                "smtp_port": 465, "smtp_security": "ssl", "smtp_username": "",
                                "display_name": "", "tls_verify": True, "use_idle": True, "poll_seconds": 60,
                                "active": True, "password_encrypted": "", "smtp_password_encrypted": ""}
    mailbox = Mailbox(**defaults)
    changed = _apply(mailbox, body, settings.secret_key)
    session.add(mailbox)
    _save(session, mailbox, admin, "email.mailbox.created", changed)
    fetchers = _fetchers(request)
    if fetchers is not None and mailbox.active:
        fetchers.restart(mailbox.id)
    return _out(mailbox)


@router.get("/mailboxes/{mailbox_id}")
def get_mailbox(mailbox_id: int, session: SessionDep, _admin: AdminAgent) -> MailboxOut:
    return _out(_get(session, mailbox_id))


@router.patch("/mailboxes/{mailbox_id}")
def update_mailbox(mailbox_id: int, body: MailboxPatch, *, request: Request, session: SessionDep,
                   settings: SettingsDep, admin: AdminAgent) -> MailboxOut:
    mailbox = _get(session, mailbox_id)
    if body.password == "":
        raise ApiError(422, "validation_error",
                       "password: a mailbox needs a password; leave it out to keep the current one.")
    changed = _apply(mailbox, body, settings.secret_key)
    _save(session, mailbox, admin, "email.mailbox.updated", changed)
    fetchers = _fetchers(request)
    if fetchers is not None:
        if mailbox.active:
            fetchers.restart(mailbox.id)
        else:
            fetchers.remove(mailbox.id)
    return _out(mailbox)


@router.delete("/mailboxes/{mailbox_id}", status_code=204)
def deactivate_mailbox(mailbox_id: int, request: Request, session: SessionDep, admin: AdminAgent) -> Response:
    """Stops fetching and sending from the mailbox; its mail stays on the timelines (and its raw store)."""
    mailbox = _get(session, mailbox_id)
    mailbox.active = False
    _save(session, mailbox, admin, "email.mailbox.deactivated", ["active"])
    fetchers = _fetchers(request)
    if fetchers is not None:
        fetchers.remove(mailbox.id)
    return Response(status_code=204)


def _raw(session: Session, raw_id: int) -> RawEmail:
    row = session.get(RawEmail, raw_id)
    if row is None or row.interaction_message_id is None:
        raise ApiError(404, "email_not_found", f"There is no stored e-mail {raw_id}.")
    return row


@router.get("/attachments/{raw_id}/{index}")
def download_attachment(raw_id: int, index: int, session: SessionDep, settings: SettingsDep,
                        _agent: AgentRole) -> FileResponse:
    row = _raw(session, raw_id)
    message = interactions.get_message(session, row.interaction_message_id or 0)
    if not 0 <= index < len(message.attachments):
        raise ApiError(404, "attachment_not_found", f"E-mail {raw_id} has no attachment {index}.")
    entry = message.attachments[index]
    path: Path = storage.path_for(settings.data_dir, str(entry.get("sha256", "")))
    if not path.exists():
        raise ApiError(404, "attachment_missing", "The attachment's file is no longer on the server.")
    mime_type = str(entry.get("mime") or "application/octet-stream")
    inline = mime_type in SAFE_INLINE
    return FileResponse(path, media_type=mime_type if inline else "application/octet-stream",
                        filename=str(entry.get("name") or "attachment"),
                        content_disposition_type="inline" if inline else "attachment",
                        headers={"X-Content-Type-Options": "nosniff",
                                 "Content-Security-Policy": "default-src 'none'; sandbox"})


@router.get("/messages/{message_id}/html")
def message_html(message_id: int, session: SessionDep, _agent: AgentRole,
                 remote_images: Annotated[bool, Query()] = False) -> HtmlOut:
    """The e-mail's sanitised HTML; `remote_images=true` is the agent's choice to load remote pictures."""
    message = interactions.get_message(session, message_id)
    raw_id = message.payload.get("raw_id") if message.payload else None
    if not remote_images or not isinstance(raw_id, int):
        return HtmlOut(message_id=message.id, html=message.html,
                       remote_images_blocked=int(message.payload.get("remote_images_blocked", 0) or 0),
                       remote_images_allowed=False)
    parsed = mime.parse(_raw(session, raw_id).raw)
    html, _ = service.clean_html(parsed, service.inline_urls(message.attachments), allow_remote_images=True)
    return HtmlOut(message_id=message.id, html=html, remote_images_blocked=0, remote_images_allowed=True)


@router.get("/messages/{message_id}/raw")
def message_raw(message_id: int, session: SessionDep, _agent: AgentRole) -> Response:
    """The e-mail exactly as it arrived (how a message that could not be parsed is shown)."""
    message = interactions.get_message(session, message_id)
    raw_id = message.payload.get("raw_id") if message.payload else None
    if not isinstance(raw_id, int):
        raise ApiError(404, "email_not_found", "This message has no stored e-mail source.")
    return Response(_raw(session, raw_id).raw, media_type="message/rfc822",
                    headers={"X-Content-Type-Options": "nosniff",
                             "Content-Disposition": f'inline; filename="message-{message_id}.eml"'})
