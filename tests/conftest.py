"""Fixtures shared by every test: real servers on free loopback ports, never mocks."""

from __future__ import annotations

import os

# With no display and no platform plugin Qt aborts the whole pytest process; set it before Qt loads.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("HUITONG_ARGON2_FAST", "1")  # cheap hashing parameters in tests only

pytest_plugins = ["tests.fixtures.postgres", "tests.fixtures.server", "tests.fixtures.secret_service",
                  "tests.telephony.kamailio"]
