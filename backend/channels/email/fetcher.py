"""One thread per active mailbox: IMAP IDLE (or polling), every new UID filed exactly once.

The position is the mailbox row's (UIDVALIDITY, last_uid), advanced in the same transaction that files a
message, so after a restart the fetcher continues where it stopped: nothing fetched twice, nothing missed.
IDLE gives new mail at once; the folder is also re-checked every `poll_seconds` (IDLE is re-issued), because
a server can miss announcing a message that lands just as IDLE starts.
A changed UIDVALIDITY starts over from UID 1 (Message-IDs already filed are not added again).
New UIDs are filed in batches of `BATCH` per transaction (the per-message commits were most of the cost);
a batch that fails is rolled back and filed one message at a time, so a bad message is still kept raw.
Errors are recorded on the mailbox (`last_error`, never with the password) and retried with back-off.
"""

from __future__ import annotations

import imaplib
import logging
import threading
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from backend.channels.email import imap, service
from backend.channels.email.crypto import decrypt
from backend.channels.email.mime import ParsedEmail
from backend.channels.email.models import Mailbox
from backend.db import Database, utcnow
from backend.settings import Settings

log = logging.getLogger("huitong.email.fetcher")
MAX_BACKOFF_SECONDS = 60.0
IDLE_MAX_SECONDS = 25 * 60.0  # RFC 2177: re-issue IDLE at least every 29 minutes
BATCH = 50  # messages filed per transaction


@dataclass(frozen=True)
class Plan:
    config: imap.ImapConfig
    use_idle: bool
    poll_seconds: float


class MailboxFetcher(threading.Thread):
    def __init__(self, db: Database, settings: Settings, mailbox_id: int) -> None:
        super().__init__(name=f"email-fetch-{mailbox_id}", daemon=True)
        self.db = db
        self.settings = settings
        self.mailbox_id = mailbox_id
        self.stop_event = threading.Event()
        self.wake_event = threading.Event()
        self.fetched = 0

    def stop(self, timeout: float = 10.0) -> None:
        self.stop_event.set()
        if self.is_alive():
            self.join(timeout)

    def run(self) -> None:
        backoff = 1.0
        while not self.stop_event.is_set():
            try:
                plan = self._plan()
                if plan is None:
                    return
                self._serve(plan)
                backoff = 1.0
            except Exception as exc:  # network, server or bug: record it plainly and try again later
                self._record(error=f"{type(exc).__name__}: {exc}"[:500])
                log.warning("mailbox %s: %s", self.mailbox_id, type(exc).__name__)
                self.stop_event.wait(backoff)
                backoff = min(backoff * 2, MAX_BACKOFF_SECONDS)

    def _plan(self) -> Plan | None:
        with self.db.sessions() as session:
            mb = session.get(Mailbox, self.mailbox_id)
            if mb is None or not mb.active:
                return None
            cfg = imap.ImapConfig(host=mb.imap_host, port=mb.imap_port, security=mb.imap_security,
                                  username=mb.imap_username,
                                  password=decrypt(self.settings.secret_key, mb.password_encrypted),
                                  folder=mb.imap_folder, tls_verify=mb.tls_verify)
            return Plan(cfg, mb.use_idle, float(max(1, mb.poll_seconds)))

    def _serve(self, plan: Plan) -> None:
        conn = imap.connect(plan.config)
        try:
            validity = imap.uidvalidity(conn)
            self._check_validity(validity)
            can_idle = plan.use_idle and "IDLE" in conn.capabilities
            while not self.stop_event.is_set():
                self._fetch_new(conn, validity)
                self._record(error="")
                if can_idle:
                    news = imap.idle(conn, min(plan.poll_seconds, IDLE_MAX_SECONDS), self.stop_event)
                    log.debug("mailbox %s: IDLE ended, news=%s", self.mailbox_id, news)
                else:
                    self.stop_event.wait(plan.poll_seconds)
                    conn.noop()
        finally:
            imap.close(conn)

    def _check_validity(self, validity: int) -> None:
        with self.db.sessions() as session:
            mb = session.get(Mailbox, self.mailbox_id)
            if mb is not None and mb.uidvalidity != validity:
                if mb.uidvalidity:
                    log.warning("mailbox %s: UIDVALIDITY changed, reading the folder again", self.mailbox_id)
                mb.uidvalidity = validity
                mb.last_uid = 0
                session.commit()

    def _last_uid(self) -> int:
        with self.db.sessions() as session:
            mb = session.get(Mailbox, self.mailbox_id)
            return mb.last_uid if mb is not None else 0

    def _fetch_new(self, conn: imaplib.IMAP4, validity: int) -> None:
        uids = imap.new_uids(conn, self._last_uid())
        log.debug("mailbox %s: new UIDs %s", self.mailbox_id, uids)
        batch: list[tuple[int, bytes]] = []
        for uid, raw in imap.fetch(conn, uids):
            if self.stop_event.is_set():
                break
            batch.append((uid, raw))
            if len(batch) >= BATCH:
                self._file_batch(validity, batch)
                batch = []
        if batch:
            self._file_batch(validity, batch)

    def _file_batch(self, validity: int, batch: list[tuple[int, bytes]]) -> None:
        """Files the batch in as few short transactions as `service.ingest_batch`'s time budget allows; on
        any failure rolls the current one back and files the rest one by one."""
        parsed: dict[int, ParsedEmail] = {}
        rest = batch
        while rest and not self.stop_event.is_set():
            try:
                with self.db.sessions() as session:
                    mailbox = session.get(Mailbox, self.mailbox_id)  # held: one load per transaction
                    if mailbox is None:
                        return
                    used = service.ingest_batch(session, settings=self.settings, mailbox_id=self.mailbox_id,
                                                uidvalidity=validity, items=rest, parsed=parsed)
                    service.advance(session, self.mailbox_id, max(uid for uid, _ in rest[:used]))
                    session.commit()
            except Exception:  # one message spoiled the batch: file them singly (idempotent on UID)
                log.info("mailbox %s: batch of %d failed; filing one by one", self.mailbox_id, len(rest))
                for uid, raw in rest:
                    self._file(validity, uid, raw)
                return
            self.fetched += used
            rest = rest[used:]

    def _file(self, validity: int, uid: int, raw: bytes) -> None:
        with self.db.sessions() as session:
            try:
                service.ingest(session, settings=self.settings, mailbox_id=self.mailbox_id, raw=raw,
                               uidvalidity=validity, uid=uid)
            except Exception as exc:  # keep it raw rather than lose it or stop the mailbox
                log.exception("mailbox %s: filing UID %s failed", self.mailbox_id, uid)
                service.keep_unfiled(session, mailbox_id=self.mailbox_id, raw=raw, uidvalidity=validity,
                                     uid=uid, error=f"{type(exc).__name__}: {exc}")
        self.fetched += 1

    def _record(self, *, error: str) -> None:
        try:
            with self.db.sessions() as session:
                mb = session.get(Mailbox, self.mailbox_id)
                if mb is not None:
                    mb.last_error = error
                    mb.last_fetch_at = utcnow()
                    session.commit()
        except Exception:  # the database itself is away; the next round records it
            log.warning("mailbox %s: cannot record fetch state", self.mailbox_id)


class EmailFetchers:
    """The fetcher threads of this process; restarted per mailbox when an admin changes it."""

    def __init__(self, db: Database, settings: Settings) -> None:
        self.db = db
        self.settings = settings
        self._threads: dict[int, MailboxFetcher] = {}
        self._lock = threading.Lock()
        self.enabled = settings.email_fetch

    def start(self) -> None:
        if not self.enabled:
            return
        try:
            with self.db.sessions() as session:
                ids = list(session.scalars(select(Mailbox.id).where(Mailbox.active.is_(True))))
        except SQLAlchemyError:  # e.g. a database not migrated yet: the server still starts
            log.exception("cannot read the mailboxes; no mail is fetched")
            return
        for mailbox_id in ids:
            self.restart(mailbox_id)

    def restart(self, mailbox_id: int) -> None:
        if not self.enabled:
            return
        with self._lock:
            old = self._threads.pop(mailbox_id, None)
            if old is not None:
                old.stop()
            fetcher = MailboxFetcher(self.db, self.settings, mailbox_id)
            self._threads[mailbox_id] = fetcher
            fetcher.start()

    def remove(self, mailbox_id: int) -> None:
        with self._lock:
            old = self._threads.pop(mailbox_id, None)
        if old is not None:
            old.stop()

    def stop(self) -> None:
        with self._lock:
            threads = list(self._threads.values())
            self._threads.clear()
        for fetcher in threads:
            fetcher.stop_event.set()
        for fetcher in threads:
            fetcher.join(10)
