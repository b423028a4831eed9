"""Secrets in URLs are redacted from logs."""

from __future__ import annotations

import logging

import pytest

from backend.logs import RedactSecrets, redact


def test_tokens_in_query_strings_are_redacted() -> None:
    line = '127.0.0.1:5 - "WebSocket /api/v1/live?token=eyJhbGci.abc.def&since=12" [accepted]'
    assert redact(line) == '127.0.0.1:5 - "WebSocket /api/v1/live?token=[redacted]&since=12" [accepted]'


def test_the_filter_rewrites_log_records(caplog: pytest.LogCaptureFixture) -> None:
    log = logging.getLogger("huitong.test-redaction")
    log.addFilter(RedactSecrets())
    with caplog.at_level(logging.INFO, logger="huitong.test-redaction"):
        log.info('%s - "WebSocket %s" [accepted]', "127.0.0.1:5", "/api/v1/live?token=secret123&since=0")
    assert "secret123" not in caplog.text
    assert "token=[redacted]" in caplog.text
