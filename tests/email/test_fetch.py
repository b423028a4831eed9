"""Mail fetched from a real dovecot lands on interactions; threads join; restarts lose nothing."""

from __future__ import annotations

import hashlib
import logging

import pytest
from sqlalchemy import select

from backend.channels.email import mime, storage
from backend.channels.email.models import Mailbox, RawEmail
from backend.db import Database
from tests.email.conftest import ALL_CORPUS, EmailApp, corpus
from tests.email.dovecot import Dovecot


def test_fetched_mail_becomes_a_queued_interaction_with_headers(email_app: EmailApp,
                                                                dovecot: Dovecot) -> None:
    dovecot.append(corpus("04_gb2312.eml"), corpus("03_inline_cid.eml"))
    email_app.add_mailbox(dovecot)
    email_app.wait_for(lambda: len(email_app.all_inbound()) == 2)
    rows = {i["subject"]: i for i in email_app.interactions()}
    gb = rows["订单未收到"]
    assert (gb["channel"], gb["status"], gb["customer_name"], gb["unread"]) == ("email", "queued", "王芳", 1)
    assert gb["external_ref"] == "<gb-1@customer.test>"
    [message] = email_app.messages(gb["id"])
    assert message["body"] == "您好，我的订单还没有收到，请帮忙查询。"
    assert message["external_id"] == "<gb-1@customer.test>"
    assert message["payload"]["from"] == "王芳 <wangfang@customer.test>"
    assert message["payload"]["to"] == ["support@example.test"]
    r = email_app.client.get("/api/v1/customers", headers=email_app.agent,
                             params={"q": "wangfang@customer.test"})
    assert [c["display_name"] for c in r.json()["items"]] == ["王芳"]
    # The inline image is served through the authenticated API and the HTML points at it.
    [photo] = email_app.messages(rows["Photo of the damage"]["id"])
    [image] = photo["attachments"]
    assert image["url"] in photo["html"]
    assert "cid:" not in photo["html"]
    assert 'data-blocked-src="https://tracker.example/open.gif"' in photo["html"]
    assert photo["payload"]["remote_images_blocked"] == 1
    assert email_app.client.get(image["url"]).status_code == 401
    got = email_app.client.get(image["url"], headers=email_app.agent)
    assert got.status_code == 200
    assert got.content.startswith(b"\x89PNG")
    shown = email_app.client.get(f"/api/v1/email/messages/{photo['id']}/html", headers=email_app.agent,
                                 params={"remote_images": "true"}).json()
    assert 'src="https://tracker.example/open.gif"' in shown["html"]
    assert shown["remote_images_allowed"]


def test_replies_join_the_thread(email_app: EmailApp, dovecot: Dovecot) -> None:
    email_app.add_mailbox(dovecot)
    dovecot.append(corpus("11_reply_chain_1.eml"))
    email_app.wait_for(lambda: len(email_app.all_inbound()) == 1)
    dovecot.append(corpus("12_reply_chain_2.eml"), corpus("13_reply_chain_3_refs_only.eml"),
                   corpus("15_subject_fallback_reply.eml"))
    email_app.wait_for(lambda: len(email_app.all_inbound()) == 4)
    [thread] = email_app.interactions()
    assert thread["external_ref"] == "<chain-1@customer.test>"
    assert [m["external_id"] for m in email_app.messages(thread["id"])] == [
        "<chain-1@customer.test>", "<chain-2@customer.test>", "<chain-3@customer.test>",
        "<chain-x@other-client.test>"]
    assert thread["unread"] == 4


def test_a_whole_thread_arriving_in_one_batch_is_one_conversation(email_app: EmailApp,
                                                                   dovecot: Dovecot) -> None:
    """Filed in one transaction, each reply still finds the message before it (the batch's own lookups)."""
    dovecot.append(corpus("11_reply_chain_1.eml"), corpus("12_reply_chain_2.eml"),
                   corpus("13_reply_chain_3_refs_only.eml"), corpus("15_subject_fallback_reply.eml"),
                   corpus("01_alternative.eml"))
    email_app.add_mailbox(dovecot)
    email_app.wait_for(lambda: len(email_app.all_inbound()) == 5)
    threads = {t["external_ref"]: t for t in email_app.interactions()}
    assert len(threads) == 2
    chain = threads["<chain-1@customer.test>"]
    assert [m["external_id"] for m in email_app.messages(chain["id"])] == [
        "<chain-1@customer.test>", "<chain-2@customer.test>", "<chain-3@customer.test>",
        "<chain-x@other-client.test>"]


def test_whole_corpus_is_fetched_and_nothing_is_dropped(email_app: EmailApp, dovecot: Dovecot) -> None:
    dovecot.append(*[corpus(n) for n in ALL_CORPUS])
    email_app.add_mailbox(dovecot)
    email_app.wait_for(lambda: len(email_app.all_inbound()) == len(ALL_CORPUS), timeout=60)
    inbound = email_app.all_inbound()
    broken = [m for m in inbound if m["payload"].get("raw")]
    assert {m["payload"]["subject"] for m in broken} >= {"Broken structure"}
    for message in broken:
        assert message["body"].startswith("This e-mail could not be read properly")
        raw = email_app.client.get(f"/api/v1/email/messages/{message['id']}/raw", headers=email_app.agent)
        assert raw.status_code == 200
        assert len(raw.content) > 0
    hostile = next(m for m in inbound if m["external_id"] == "<hostile-1@customer.test>")
    assert "<script" not in hostile["html"]
    assert "javascript:" not in hostile["html"]
    assert hostile["body"] == "Hello there"


def test_restarting_fetches_nothing_twice_and_misses_nothing(email_app: EmailApp, dovecot: Dovecot) -> None:
    email_app.add_mailbox(dovecot)
    dovecot.append(corpus("01_alternative.eml"), corpus("02_attachments.eml"))
    email_app.wait_for(lambda: len(email_app.all_inbound()) == 2)
    email_app.client.__exit__(None, None, None)  # server down: mail keeps arriving
    dovecot.append(corpus("06_big5.eml"), corpus("07_utf8_raw_headers.eml"))
    email_app.restart()
    email_app.wait_for(lambda: len(email_app.all_inbound()) == 4)
    email_app.restart()
    dovecot.append(corpus("16_raw_8bit_gbk_header.eml"))
    email_app.wait_for(lambda: len(email_app.all_inbound()) == 5)
    ids = [m["external_id"] for m in email_app.all_inbound()]
    assert sorted(ids) == sorted(set(ids))
    db = Database(email_app.settings.database_url)
    try:
        with db.sessions() as session:
            uids = [r.uid for r in session.scalars(select(RawEmail).order_by(RawEmail.uid))]
            assert uids == [1, 2, 3, 4, 5]
            assert session.scalar(select(Mailbox.last_uid)) == 5
    finally:
        db.dispose()


def test_mailbox_password_is_encrypted_and_never_shown(email_app: EmailApp, dovecot: Dovecot,
                                                       caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    created = email_app.add_mailbox(dovecot)
    assert created["has_password"] is True
    everything = [created, email_app.client.get("/api/v1/email/mailboxes", headers=email_app.admin).json(),
                  email_app.client.get(f"/api/v1/email/mailboxes/{created['id']}",
                                       headers=email_app.admin).json()]
    assert all(dovecot.password not in str(x) and "password_encrypted" not in str(x) for x in everything)
    db = Database(email_app.settings.database_url)
    try:
        with db.sessions() as session:
            stored = session.scalar(select(Mailbox.password_encrypted))
    finally:
        db.dispose()
    assert stored
    assert dovecot.password not in stored
    assert dovecot.password.encode() not in stored.encode()
    # Fetching works with it (so it is the real password, only encrypted).
    dovecot.append(corpus("01_alternative.eml"))
    email_app.wait_for(lambda: len(email_app.all_inbound()) == 1)
    # A wrong password shows a plain error on the mailbox, and still never the password.
    r = email_app.client.patch(f"/api/v1/email/mailboxes/{created['id']}", headers=email_app.admin,
                               json={"password": "wrong-Secret-42"})
    assert r.status_code == 200
    email_app.wait_for(lambda: "AUTH" in email_app.client.get(
        f"/api/v1/email/mailboxes/{created['id']}", headers=email_app.admin).json()["last_error"].upper())
    assert dovecot.password not in caplog.text
    assert "wrong-Secret-42" not in caplog.text
    audit = email_app.client.get("/api/v1/audit", headers=email_app.admin).json()["items"]
    assert "wrong-Secret-42" not in str(audit)
    assert any(a["action"] == "email.mailbox.updated" for a in audit)


def test_mailbox_admin_is_for_admins_and_validates(email_app: EmailApp) -> None:
    r = email_app.client.get("/api/v1/email/mailboxes", headers=email_app.agent)
    assert r.status_code == 403
    r = email_app.client.post("/api/v1/email/mailboxes", headers=email_app.admin, json={
        "name": "x", "address": "not-an-address", "imap_host": "h", "imap_username": "u", "smtp_host": "h",
        "password": "p"})
    assert r.status_code == 422
    assert email_app.client.get("/api/v1/email/mailboxes", headers=email_app.admin).json()["items"] == []


def test_a_batch_with_a_copy_and_a_refetch_of_everything_file_each_message_once(
        email_app: EmailApp, dovecot: Dovecot) -> None:
    """Mail is filed in batches per transaction: a copy inside one batch and a full re-fetch add nothing."""
    names = ["01_alternative.eml", "02_attachments.eml", "01_alternative.eml", "06_big5.eml"]
    dovecot.append(*[corpus(n) for n in names])  # UIDs 1-4 arrive together: one batch
    email_app.add_mailbox(dovecot)
    email_app.wait_for(lambda: len(email_app.all_inbound()) == 3)
    db = Database(email_app.settings.database_url)
    try:
        email_app.wait_for(lambda: _last_uid(db) == 4)
        with db.sessions() as session:  # forget the position: the next start reads the folder again
            session.get(Mailbox, session.scalar(select(Mailbox.id))).last_uid = 0  # type: ignore[union-attr]
            session.commit()
        email_app.restart()
        dovecot.append(corpus("07_utf8_raw_headers.eml"))
        email_app.wait_for(lambda: len(email_app.all_inbound()) == 4)
        email_app.wait_for(lambda: _last_uid(db) == 5)
        with db.sessions() as session:
            rows = list(session.scalars(select(RawEmail).order_by(RawEmail.uid)))
        assert [r.uid for r in rows] == [1, 2, 3, 4, 5]
        assert rows[2].error == "duplicate Message-ID"
        assert rows[2].interaction_message_id == rows[0].interaction_message_id
    finally:
        db.dispose()
    ids = [m["external_id"] for m in email_app.all_inbound()]
    assert sorted(ids) == sorted(set(ids))


def _last_uid(db: Database) -> int:
    with db.sessions() as session:
        return int(session.scalar(select(Mailbox.last_uid)) or 0)


def test_a_message_that_cannot_be_filed_spoils_only_itself_and_is_kept_raw(
        email_app: EmailApp, dovecot: Dovecot) -> None:
    """02's attachment cannot be written (a file squats its directory): its batch is rolled back and filed
    one by one — 01 and 06 are filed, 02 is kept raw with the reason, and the position moves past all."""
    [attachment] = mime.parse(corpus("02_attachments.eml")).attachments[:1]
    digest = hashlib.sha256(attachment.data).hexdigest()
    squat = storage.path_for(email_app.settings.data_dir, digest).parent
    squat.parent.mkdir(parents=True, exist_ok=True)
    squat.write_bytes(b"not a directory")
    dovecot.append(corpus("01_alternative.eml"), corpus("02_attachments.eml"), corpus("06_big5.eml"))
    email_app.add_mailbox(dovecot)
    db = Database(email_app.settings.database_url)
    try:
        email_app.wait_for(lambda: _last_uid(db) == 3)
        with db.sessions() as session:
            rows = list(session.scalars(select(RawEmail).order_by(RawEmail.uid)))
        assert [(r.uid, r.interaction_message_id is not None) for r in rows] == [(1, True), (2, False),
                                                                                  (3, True)]
        assert not rows[1].parsed_ok
        assert "Error" in rows[1].error  # why it could not be filed, kept with the raw message
        crlf = b"\r\n"  # IMAP hands messages over with CRLF line ends
        assert rows[1].raw.replace(crlf, b"\n") == corpus("02_attachments.eml").replace(crlf, b"\n")
    finally:
        db.dispose()
    assert len(email_app.all_inbound()) == 2
