"""An agent's reply goes out over real SMTP with threading headers; the customer's answer joins the thread."""

from __future__ import annotations

import uuid
from email.message import EmailMessage
from email.utils import make_msgid

from tests.email.conftest import REFUSED, EmailApp, SmtpSink, corpus
from tests.email.dovecot import Dovecot


def _reply(app: EmailApp, interaction_id: int, body: str, html: str | None = None) -> dict[str, object]:
    r = app.client.post(f"/api/v1/interactions/{interaction_id}/messages", headers=app.agent,
                        json={"client_id": str(uuid.uuid4()), "body": body, "html": html})
    assert r.status_code == 201, r.text
    return dict(r.json())


def _delivery(app: EmailApp, interaction_id: int, message_id: object) -> str:
    return str(next(m["delivery"] for m in app.messages(interaction_id) if m["id"] == message_id))


def test_reply_is_sent_with_threading_headers_and_the_answer_joins(email_app: EmailApp, dovecot: Dovecot,
                                                                   smtp_sink: SmtpSink) -> None:
    email_app.add_mailbox(dovecot, smtp_port=smtp_sink.port)
    dovecot.append(corpus("11_reply_chain_1.eml"), corpus("12_reply_chain_2.eml"))
    email_app.wait_for(lambda: len(email_app.all_inbound()) == 2)
    [thread] = email_app.interactions()
    sent = _reply(email_app, thread["id"], "您好 Grace，退款已经处理。",
                  html="<p>您好 Grace，<b>退款</b>已经处理。</p>")
    email_app.wait_for(lambda: _delivery(email_app, thread["id"], sent["id"]) == "sent")
    [(envelope, msg)] = smtp_sink.wait(1)
    assert envelope.mail_from == "support@example.test"
    assert envelope.rcpt_tos == ["grace@customer.test"]
    assert msg["From"].addresses[0].addr_spec == "support@example.test"
    assert msg["From"].addresses[0].display_name == "汇通客服"
    assert msg["To"] == "grace@customer.test"
    assert msg["Subject"] == "Re: Refund request"
    assert msg["In-Reply-To"] == "<chain-2@customer.test>"
    assert msg["References"].split() == ["<chain-1@customer.test>", "<chain-2@customer.test>"]
    text = msg.get_body(preferencelist=("plain",))
    html = msg.get_body(preferencelist=("html",))
    assert text is not None
    assert text.get_content().strip() == "您好 Grace，退款已经处理。"
    assert html is not None
    assert "<b>退款</b>" in html.get_content()
    stored = next(m for m in email_app.messages(thread["id"]) if m["id"] == sent["id"])
    assert stored["external_id"] == msg["Message-ID"]
    # The customer answers the agent's mail: it joins the same interaction.
    answer = EmailMessage()
    answer["From"] = "Grace <grace@customer.test>"
    answer["To"] = "support@example.test"
    answer["Subject"] = "Re: Re: Refund request"
    answer["Message-ID"] = make_msgid(domain="customer.test")
    answer["In-Reply-To"] = msg["Message-ID"]
    answer["References"] = f"{msg['References']} {msg['Message-ID']}"
    answer.set_content("谢谢！")
    dovecot.append(answer.as_bytes())
    email_app.wait_for(lambda: len(email_app.all_inbound()) == 3)
    [same] = email_app.interactions()
    assert same["id"] == thread["id"]
    bodies = [m["body"] for m in email_app.messages(thread["id"])]
    assert bodies[-2:] == ["您好 Grace，退款已经处理。", "谢谢！"]


def test_refused_recipient_fails_with_a_clear_detail_and_can_be_retried(
        email_app: EmailApp, dovecot: Dovecot, smtp_sink: SmtpSink) -> None:
    email_app.add_mailbox(dovecot, smtp_port=smtp_sink.port)
    raw = corpus("11_reply_chain_1.eml").replace(b"grace@customer.test", REFUSED.encode())
    dovecot.append(raw)
    email_app.wait_for(lambda: len(email_app.all_inbound()) == 1)
    [thread] = email_app.interactions()
    sent = _reply(email_app, thread["id"], "Hello")
    email_app.wait_for(lambda: _delivery(email_app, thread["id"], sent["id"]) == "failed")
    r = email_app.client.get(f"/api/v1/customers/{thread['customer_id']}/timeline", headers=email_app.agent)
    details = [e["payload"].get("detail", "") for e in r.json()["items"] if e["kind"] == "delivery"]
    assert any("refused the recipient" in d and "550" in d for d in details), details
    assert smtp_sink.received == []


def test_unreachable_smtp_server_fails_then_retry_sends_same_message_id(
        email_app: EmailApp, dovecot: Dovecot, smtp_sink: SmtpSink) -> None:
    box = email_app.add_mailbox(dovecot, smtp_port=1)  # nothing listens on port 1
    dovecot.append(corpus("01_alternative.eml"))
    email_app.wait_for(lambda: len(email_app.all_inbound()) == 1)
    [thread] = email_app.interactions()
    sent = _reply(email_app, thread["id"], "We are on it.")
    email_app.wait_for(lambda: _delivery(email_app, thread["id"], sent["id"]) == "failed")
    first_id = next(m for m in email_app.messages(thread["id"]) if m["id"] == sent["id"])["external_id"]
    r = email_app.client.patch(f"/api/v1/email/mailboxes/{box['id']}", headers=email_app.admin,
                               json={"smtp_port": smtp_sink.port})
    assert r.status_code == 200
    retry = email_app.client.post(f"/api/v1/messages/{sent['id']}/retry", headers=email_app.agent)
    assert retry.status_code == 200
    email_app.wait_for(lambda: _delivery(email_app, thread["id"], sent["id"]) == "sent")
    [(_, msg)] = smtp_sink.wait(1)
    assert msg["Message-ID"] == first_id
    assert msg["In-Reply-To"] == "<alt-1@customer.test>"
