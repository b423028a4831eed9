"""The corpus of difficult mail: every message yields something to show, never an exception."""

from __future__ import annotations

from pathlib import Path

import pytest

from backend.channels.email import mime
from backend.channels.email.threading import ancestors, normalise_subject, references_for_reply, reply_subject
from tests.email.conftest import CORPUS, corpus

ALL = sorted(p.name for p in CORPUS.glob("*.eml"))


def test_corpus_is_there() -> None:
    assert len(ALL) >= 18


@pytest.mark.parametrize("name", ALL)
def test_every_message_yields_something(name: str) -> None:
    parsed = mime.parse((CORPUS / name).read_bytes())
    assert parsed.message_id.startswith("<")
    assert parsed.message_id.endswith(">")
    assert parsed.text.strip() or parsed.html or parsed.attachments
    assert "\x00" not in parsed.text + parsed.subject


@pytest.mark.parametrize(("name", "subject", "sender", "text"), [
    ("04_gb2312.eml", "订单未收到", ("王芳", "wangfang@customer.test"),
     "您好，我的订单还没有收到，请帮忙查询。"),
    ("05_gbk_labelled_gb2312.eml", "朱镕基", ("", "zhu@customer.test"), "朱镕基先生的来信"),
    ("06_big5.eml", "查詢帳戶", ("陳大文", "chan@customer.hk"), "請幫我查詢帳戶餘額。"),
    ("07_utf8_raw_headers.eml", "发票抬头要改", ("李雷", "lilei@customer.test"),
     "请把发票抬头改成公司名称。"),
    ("16_raw_8bit_gbk_header.eml", "退货申请", ("张三", "zhangsan@customer.test"), "我要退货。"),
])
def test_chinese_encodings(name: str, subject: str, sender: tuple[str, str], text: str) -> None:
    parsed = mime.parse(corpus(name))
    assert parsed.subject == subject
    assert (parsed.from_name, parsed.from_address) == sender
    assert parsed.text == text
    assert not parsed.broken


def test_alternative_keeps_text_and_html() -> None:
    parsed = mime.parse(corpus("01_alternative.eml"))
    assert parsed.text == "My order 1001 has not arrived."
    assert parsed.html is not None
    assert "<b>1001</b>" in parsed.html
    assert parsed.attachments == []


def test_attachments_with_rfc2231_chinese_name() -> None:
    parsed = mime.parse(corpus("02_attachments.eml"))
    assert [(a.name, a.mime) for a in parsed.attachments] == [("invoice.pdf", "application/pdf"),
                                                             ("发票清单.txt", "text/plain")]
    assert parsed.attachments[0].data.startswith(b"%PDF-1.4")
    assert parsed.attachments[1].data.decode() == "发票清单\n"
    assert parsed.text == "Please see the invoice."


def test_inline_cid_image() -> None:
    parsed = mime.parse(corpus("03_inline_cid.eml"))
    [image] = parsed.attachments
    assert (image.mime, image.content_id, image.inline) == ("image/png", "photo1@x", True)
    assert image.data.startswith(b"\x89PNG")
    assert parsed.text == "See:"  # from the HTML: there is no text part


def test_broken_mime_is_kept_raw() -> None:
    parsed = mime.parse(corpus("08_broken_mime.eml"))
    assert parsed.broken
    assert "This body never uses its boundary." in parsed.text
    assert parsed.subject == "Broken structure"


def test_garbage_is_kept_raw() -> None:
    parsed = mime.parse(corpus("17_garbage.eml"))
    assert parsed.broken
    assert "not an e-mail at all" in parsed.text


def test_huge_body_is_capped_not_refused() -> None:
    raw = corpus("09_huge_body.eml")
    assert len(raw) > 2_000_000
    parsed = mime.parse(raw)
    assert len(parsed.text) <= mime.MAX_BODY_CHARS
    assert parsed.text.startswith("2026-11-02 09:00:00 ERROR something failed 错误")


def test_missing_message_id_gets_a_stable_one() -> None:
    raw = corpus("10_no_message_id.eml")
    assert mime.parse(raw).message_id == mime.parse(raw).message_id
    assert mime.parse(raw).message_id.endswith("@missing-id.huitong>")


def test_unknown_charset_and_bad_base64_do_not_raise() -> None:
    parsed = mime.parse(corpus("18_bad_charset_and_b64.eml"))
    assert parsed.subject == "Hello"
    assert parsed.text


def test_threading_helpers() -> None:
    third = mime.parse(corpus("13_reply_chain_3_refs_only.eml"))
    assert ancestors(third) == ["<chain-2@customer.test>", "<chain-1@customer.test>"]
    assert normalise_subject("回复：RE: Re[2]: Refund  request") == "refund request"
    assert reply_subject("Re: 回复: Refund request") == "Re: Refund request"
    refs = references_for_reply([f"<r{i}@x>" for i in range(30)], "<p@x>")
    assert refs[0] == "<r0@x>"
    assert refs[-1] == "<p@x>"
    assert len(refs) == 20


def test_paths_stay_in_corpus() -> None:
    assert all(Path(CORPUS / n).parent == CORPUS for n in ALL)
