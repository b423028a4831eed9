"""Hostile HTML in e-mail: scripts, handlers, javascript: URLs and remote images never reach the agent."""

from __future__ import annotations

from backend.channels.email import mime
from backend.channels.email.sanitise import sanitise
from tests.email.conftest import corpus


def test_hostile_html_is_sanitised_and_remote_images_blocked() -> None:
    parsed = mime.parse(corpus("14_html_only_hostile.eml"))
    assert parsed.html is not None
    clean = sanitise(parsed.html)
    lowered = clean.html.lower()
    for bad in ("<script", "alert(", "onload", "onerror", "javascript:", "<iframe", "<form", "<input",
                "<style", "background:url"):
        assert bad not in lowered, bad
    assert ' src="http' not in lowered
    assert 'data-blocked-src="http://tracker.example/pixel.gif"' in clean.html
    assert clean.blocked_images == 1
    assert "Hello" in clean.html
    assert "there" in clean.html


def test_allowing_remote_images_restores_them_but_nothing_else() -> None:
    parsed = mime.parse(corpus("14_html_only_hostile.eml"))
    assert parsed.html is not None
    clean = sanitise(parsed.html, allow_remote_images=True)
    assert 'src="http://tracker.example/pixel.gif"' in clean.html
    assert "onerror" not in clean.html
    assert "<script" not in clean.html
    assert clean.blocked_images == 0


def test_cid_images_point_at_the_stored_attachment() -> None:
    clean = sanitise('<img src="cid:photo1@x" alt="d"><img src="cid:unknown"><a href="cid:photo1@x">x</a>',
                     inline_urls={"photo1@x": "/api/v1/email/attachments/7/0"})
    assert '<img src="/api/v1/email/attachments/7/0" alt="d">' in clean.html
    assert "cid:" not in clean.html


def test_attribute_tricks_are_escaped() -> None:
    clean = sanitise('<img src="https://x.example/a.png" alt="&quot;><script>alert(1)</script>">'
                     '<a href="JaVaScRiPt:alert(1)">a</a><a href="https://ok.example/">ok</a>'
                     '<svg><script>alert(1)</script></svg><p style="color:red" onclick="x">t</p>')
    assert "<script" not in clean.html
    assert "javascript" not in clean.html.lower()
    assert 'href="https://ok.example/"' in clean.html
    assert "style=" not in clean.html
    assert "onclick" not in clean.html
