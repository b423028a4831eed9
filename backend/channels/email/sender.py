"""SMTP delivery of an agent's reply on an e-mail interaction (registered as the `email` outbound sender).

From = the mailbox address, To = the customer, Subject `Re: …`, In-Reply-To / References from the message
answered, a text/plain part (plus text/html when the agent wrote HTML). The Message-ID is stored as the
message's external_id before sending, so a retry sends the same id and the customer's reply joins the thread.
A refusal or an unreachable server marks the message `failed` with a detail the agent can read.
"""

from __future__ import annotations

import smtplib
import socket
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formataddr, formatdate, make_msgid

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.channels.email.crypto import PasswordUnreadableError, decrypt
from backend.channels.email.imap import tls_context
from backend.channels.email.models import Mailbox
from backend.channels.email.threading import references_for_reply, reply_subject
from backend.customers.models import Identity
from backend.db import Database
from backend.interactions import service as interactions
from backend.interactions.models import Interaction, Message
from backend.interactions.outbound import Sender
from backend.settings import Settings
from backend.timeline.service import surviving_customer

SMTP_TIMEOUT_SECONDS = 30.0


class CannotSendError(Exception):
    """Why this reply cannot be sent, in words for the agent."""


@dataclass(frozen=True)
class Outgoing:
    message: EmailMessage
    host: str
    port: int
    security: str
    tls_verify: bool
    username: str
    password: str
    sender: str
    recipients: list[str]


def _mailbox(session: Session, interaction: Interaction) -> Mailbox:
    wanted = (interaction.attributes or {}).get("mailbox_id")
    mailbox = session.get(Mailbox, wanted) if isinstance(wanted, int) else None
    if mailbox is None:
        mailbox = session.scalar(select(Mailbox).where(Mailbox.active.is_(True))
                                 .order_by(Mailbox.id).limit(1))
    if mailbox is None:
        raise CannotSendError("No e-mail mailbox is configured to send from; "
                              "ask an administrator to add one.")
    return mailbox


def _parent(session: Session, interaction: Interaction) -> Message | None:
    """The customer's latest e-mail on this thread (what the reply answers)."""
    return session.scalar(select(Message).where(
        Message.interaction_id == interaction.id, Message.direction == "in", Message.external_id.is_not(None))
        .order_by(Message.id.desc()).limit(1))


def _recipient(session: Session, interaction: Interaction, parent: Message | None) -> str:
    if parent is not None:
        address = parent.payload.get("reply_to") or parent.payload.get("from_address")
        if isinstance(address, str) and "@" in address:
            return address
    customer = surviving_customer(session, interaction.customer_id)
    address = session.scalar(select(Identity.value).where(Identity.customer_id == customer.id,
                                                          Identity.kind == "email").order_by(Identity.id))
    if not address:
        raise CannotSendError("This customer has no e-mail address to reply to.")
    return address


def build(session: Session, settings: Settings, message: Message) -> Outgoing:
    """The MIME message for an `out` message; assigns and stores its Message-ID on first use."""
    interaction = interactions.get_interaction(session, message.interaction_id)
    mailbox = _mailbox(session, interaction)
    parent = _parent(session, interaction)
    to = _recipient(session, interaction, parent)
    domain = mailbox.address.rpartition("@")[2] or "huitong.invalid"
    msgid = message.external_id or make_msgid(domain=domain)
    mime = EmailMessage()
    mime["From"] = formataddr((mailbox.display_name or mailbox.name, mailbox.address))
    mime["To"] = to
    mime["Subject"] = reply_subject(interaction.subject) if parent is not None else interaction.subject
    mime["Date"] = formatdate(localtime=False)
    mime["Message-ID"] = msgid
    references: list[str] = []
    if parent is not None and parent.external_id:
        parent_refs = parent.payload.get("references") or []
        references = references_for_reply([str(r) for r in parent_refs], parent.external_id)
        mime["In-Reply-To"] = parent.external_id
        mime["References"] = " ".join(references)
    mime.set_content(message.body or "", charset="utf-8")
    if message.html:
        mime.add_alternative(message.html, subtype="html", charset="utf-8")
    if message.external_id != msgid:
        message.external_id = msgid
        message.payload = {**(message.payload or {}), "from": mailbox.address, "to": [to],
                           "subject": str(mime["Subject"]), "message_id": msgid,
                           "in_reply_to": parent.external_id if parent else "", "references": references,
                           "mailbox_id": mailbox.id}
        session.commit()
    try:
        password = decrypt(settings.secret_key, mailbox.smtp_password_encrypted or mailbox.password_encrypted)
    except PasswordUnreadableError as exc:
        raise CannotSendError(str(exc)) from exc
    return Outgoing(mime, mailbox.smtp_host, mailbox.smtp_port, mailbox.smtp_security, mailbox.tls_verify,
                    mailbox.smtp_username or mailbox.imap_username, password, mailbox.address, [to])


def deliver(out: Outgoing) -> None:
    """One SMTP transaction; raises smtplib/OSError on failure."""
    smtp: smtplib.SMTP
    if out.security == "ssl":
        smtp = smtplib.SMTP_SSL(out.host, out.port, timeout=SMTP_TIMEOUT_SECONDS,
                                context=tls_context(out.tls_verify))
    else:
        smtp = smtplib.SMTP(out.host, out.port, timeout=SMTP_TIMEOUT_SECONDS)
    with smtp:
        smtp.ehlo()
        if out.security == "starttls":
            smtp.starttls(context=tls_context(out.tls_verify))
            smtp.ehlo()
        if out.username and out.password and smtp.has_extn("auth"):
            smtp.login(out.username, out.password)
        refused = smtp.send_message(out.message, from_addr=out.sender, to_addrs=out.recipients)
        if refused:
            raise smtplib.SMTPRecipientsRefused(refused)


def explain(exc: BaseException) -> str:
    """A sentence for the agent (no secrets: SMTP replies and socket errors only)."""
    if isinstance(exc, CannotSendError):
        return str(exc)
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        parts = [f"{addr}: {code} {msg.decode(errors='replace') if isinstance(msg, bytes) else msg}"
                 for addr, (code, msg) in exc.recipients.items()]
        return "The mail server refused the recipient (" + "; ".join(parts) + ")."
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return "The mail server did not accept the mailbox's user name or password."
    if isinstance(exc, smtplib.SMTPResponseException):
        error = exc.smtp_error
        text = error.decode(errors="replace") if isinstance(error, bytes) else str(error)
        return f"The mail server refused the message: {exc.smtp_code} {text}"
    if isinstance(exc, smtplib.SMTPException):
        return f"The mail server refused to send: {exc}"
    if isinstance(exc, ssl.SSLError):
        return f"The TLS connection to the mail server failed: {exc.reason or exc}"
    if isinstance(exc, socket.timeout | TimeoutError):
        return "The mail server did not answer in time."
    if isinstance(exc, OSError):
        return f"Cannot reach the mail server: {exc.strerror or exc}"
    return f"Sending failed: {type(exc).__name__}"


def make_sender(settings: Settings) -> Sender:
    def send(db: Database, message_id: int) -> None:
        with db.sessions() as session:
            message = interactions.get_message(session, message_id)
            if message.delivery != "sending":
                return
            try:
                out = build(session, settings, message)
                deliver(out)
            except (CannotSendError, smtplib.SMTPException, OSError) as exc:
                session.rollback()
                interactions.set_delivery(session, interactions.get_message(session, message_id), "failed",
                                          detail=explain(exc))
                return
            interactions.set_delivery(session, message, "sent")

    return send
