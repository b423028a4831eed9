# ruff: noqa: E501  (long literal e-mail lines are the data)
"""Writes the corpus of difficult e-mails (run: python -m tests.email.corpus.build). The .eml files are
committed; this script documents how each was assembled and can regenerate them."""

from __future__ import annotations

import base64
from pathlib import Path

HERE = Path(__file__).parent
PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")


def _b64(data: bytes) -> str:
    return base64.encodebytes(data).decode()


def build() -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    files["01_alternative.eml"] = (
        b"From: Alice Chen <alice@customer.test>\r\nTo: support@example.test\r\n"
        b"Subject: Order 1001 has not arrived\r\nDate: Mon, 02 Nov 2026 09:00:00 +0800\r\n"
        b"Message-ID: <alt-1@customer.test>\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/alternative; boundary="b1"\r\n\r\n'
        b"--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nMy order 1001 has not arrived.\r\n"
        b"--b1\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
        b"<p>My order <b>1001</b> has not arrived.</p>\r\n--b1--\r\n")
    files["02_attachments.eml"] = (
        "From: bob@customer.test\r\nTo: support@example.test\r\nSubject: Invoice attached\r\n"
        "Message-ID: <att-1@customer.test>\r\nMIME-Version: 1.0\r\n"
        'Content-Type: multipart/mixed; boundary="m1"\r\n\r\n'
        "--m1\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\nPlease see the invoice.\r\n"
        "--m1\r\nContent-Type: application/pdf; name=\"invoice.pdf\"\r\n"
        "Content-Disposition: attachment; filename=\"invoice.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        + _b64(b"%PDF-1.4 fake invoice\n" * 20) +
        "--m1\r\nContent-Type: text/plain; charset=utf-8\r\n"
        "Content-Disposition: attachment; filename*=utf-8''%E5%8F%91%E7%A5%A8%E6%B8%85%E5%8D%95.txt\r\n"
        "Content-Transfer-Encoding: base64\r\n\r\n" + _b64("发票清单\n".encode()) + "--m1--\r\n").encode()
    files["03_inline_cid.eml"] = (
        "From: Carol <carol@customer.test>\r\nTo: support@example.test\r\nSubject: Photo of the damage\r\n"
        "Message-ID: <cid-1@customer.test>\r\nMIME-Version: 1.0\r\n"
        'Content-Type: multipart/related; boundary="r1"\r\n\r\n'
        '--r1\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>See:</p><img src="cid:photo1@x" alt="damage">'
        '<img src="https://tracker.example/open.gif">\r\n'
        "--r1\r\nContent-Type: image/png\r\nContent-ID: <photo1@x>\r\nContent-Disposition: inline\r\n"
        "Content-Transfer-Encoding: base64\r\n\r\n" + _b64(PNG) + "--r1--\r\n").encode()
    files["04_gb2312.eml"] = (
        b"From: =?GB2312?B?" + base64.b64encode("王芳".encode("gb2312")) + b"?= <wangfang@customer.test>\r\n"
        b"To: support@example.test\r\nSubject: =?GB2312?B?" + base64.b64encode("订单未收到".encode("gb2312"))
        + b"?=\r\nMessage-ID: <gb-1@customer.test>\r\nMIME-Version: 1.0\r\n"
        b"Content-Type: text/plain; charset=gb2312\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
        + "您好，我的订单还没有收到，请帮忙查询。\r\n".encode("gb2312"))
    # Labelled GB2312 but uses a GBK-only character (镕): clients get this wrong often.
    files["05_gbk_labelled_gb2312.eml"] = (
        b"From: zhu@customer.test\r\nTo: support@example.test\r\nSubject: =?gbk?Q?"
        + "".join(f"={b:02X}" for b in "朱镕基".encode("gbk")).encode() + b"?=\r\n"
        b"Message-ID: <gbk-1@customer.test>\r\nMIME-Version: 1.0\r\n"
        b"Content-Type: text/plain; charset=\"gb2312\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        + base64.encodebytes("朱镕基先生的来信\r\n".encode("gbk")))
    files["06_big5.eml"] = (
        b"From: =?Big5?B?" + base64.b64encode("陳大文".encode("big5")) + b"?= <chan@customer.hk>\r\n"
        b"To: support@example.test\r\nSubject: =?big5?B?" + base64.b64encode("查詢帳戶".encode("big5"))
        + b"?=\r\nMessage-ID: <big5-1@customer.hk>\r\nMIME-Version: 1.0\r\n"
        b"Content-Type: text/plain; charset=big5\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
        + "".join(f"={b:02X}" for b in "請幫我查詢帳戶餘額。".encode("big5")).encode() + b"\r\n")
    files["07_utf8_raw_headers.eml"] = (
        "From: 李雷 <lilei@customer.test>\r\nTo: support@example.test\r\nSubject: 发票抬头要改\r\n"
        "Message-ID: <u8-1@customer.test>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
        "请把发票抬头改成公司名称。\r\n").encode()
    files["08_broken_mime.eml"] = (
        b"From: dave@customer.test\r\nTo: support@example.test\r\nSubject: Broken structure\r\n"
        b"Message-ID: <broken-1@customer.test>\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/mixed; boundary="never-appears"\r\n\r\n'
        b"This body never uses its boundary.\r\nIt must still be shown, raw.\r\n")
    files["09_huge_body.eml"] = (
        "From: eve@customer.test\r\nTo: support@example.test\r\nSubject: Log file pasted\r\n"
        "Message-ID: <huge-1@customer.test>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
        + "2026-11-02 09:00:00 ERROR something failed 错误\r\n" * 60000).encode()
    files["10_no_message_id.eml"] = (
        b"From: frank@customer.test\r\nTo: support@example.test\r\nSubject: No id here\r\n"
        b"Content-Type: text/plain\r\n\r\nMy client sends no Message-ID.\r\n")
    files["11_reply_chain_1.eml"] = (
        b"From: Grace <grace@customer.test>\r\nTo: support@example.test\r\nSubject: Refund request\r\n"
        b"Message-ID: <chain-1@customer.test>\r\nContent-Type: text/plain\r\n\r\nI want a refund.\r\n")
    files["12_reply_chain_2.eml"] = (
        b"From: Grace <grace@customer.test>\r\nTo: support@example.test\r\nSubject: Re: Refund request\r\n"
        b"Message-ID: <chain-2@customer.test>\r\nIn-Reply-To: <chain-1@customer.test>\r\n"
        b"References: <chain-1@customer.test>\r\nContent-Type: text/plain\r\n\r\nAny news?\r\n")
    files["13_reply_chain_3_refs_only.eml"] = (
        "From: Grace <grace@customer.test>\r\nTo: support@example.test\r\nSubject: 回复：Refund request\r\n"
        "Message-ID: <chain-3@customer.test>\r\n"
        "References: <chain-1@customer.test> <chain-2@customer.test>\r\nContent-Type: text/plain\r\n\r\n"
        "Third mail.\r\n").encode()
    files["14_html_only_hostile.eml"] = (
        b"From: mallory@customer.test\r\nTo: support@example.test\r\nSubject: =?utf-8?Q?Click_me_=E2=9C=85?=\r\n"
        b"Message-ID: <hostile-1@customer.test>\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
        b'<html><head><style>body{background:url(https://t.example/bg)}</style>'
        b'<script>alert(1)</script></head><body onload="steal()">'
        b'<p>Hello <a href="javascript:alert(2)">there</a></p>'
        b'<img src="http://tracker.example/pixel.gif" onerror="x()">'
        b'<iframe src="https://evil.example"></iframe><form action="https://evil.example"><input name=a></form>'
        b"</body></html>\r\n")
    files["15_subject_fallback_reply.eml"] = (
        b"From: Grace <grace@customer.test>\r\nTo: support@example.test\r\nSubject: RE: Refund request\r\n"
        b"Message-ID: <chain-x@other-client.test>\r\nContent-Type: text/plain\r\n\r\n"
        b"My other mail client drops threading headers.\r\n")
    files["16_raw_8bit_gbk_header.eml"] = (
        b"From: " + "张三".encode("gbk") + b" <zhangsan@customer.test>\r\nTo: support@example.test\r\n"
        b"Subject: " + "退货申请".encode("gbk") + b"\r\nMessage-ID: <raw8-1@customer.test>\r\n"
        b"Content-Type: text/plain; charset=gbk\r\n\r\n" + "我要退货。\r\n".encode("gbk"))
    files["17_garbage.eml"] = b"\x00\xff\xfe not an e-mail at all \x81\x82\r\n\r\n\x00\x01"
    files["18_bad_charset_and_b64.eml"] = (
        b"From: henry@customer.test\r\nTo: support@example.test\r\nSubject: =?x-unknown-cs?B?SGVsbG8=?=\r\n"
        b"Message-ID: <bad-1@customer.test>\r\nContent-Type: text/plain; charset=no-such-charset\r\n"
        b"Content-Transfer-Encoding: base64\r\n\r\n5L2g5aW9!!!not*base64\r\n")
    return files


def main() -> None:
    for name, data in build().items():
        (HERE / name).write_bytes(data)


if __name__ == "__main__":
    main()
