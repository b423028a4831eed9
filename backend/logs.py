"""Logging hygiene: tokens in query strings (WebSocket `?token=`) never reach the logs."""

from __future__ import annotations

import logging
import re

_SECRET_PARAM = re.compile(r"((?:access_token|refresh_token|token|password)=)[^&\s\"']+", re.IGNORECASE)


def redact(text: str) -> str:
    return _SECRET_PARAM.sub(r"\1[redacted]", text)


class RedactSecrets(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


def install_redaction(*logger_names: str) -> None:
    for name in logger_names or ("uvicorn", "uvicorn.error", "uvicorn.access", "huitong"):
        logging.getLogger(name).addFilter(RedactSecrets())
