"""`python -m backend sip-secret --kamailio-include PATH`: the secret Kamailio checks credentials with.

The file is written atomically with mode 0600 (a temporary file beside it, then renamed), so Kamailio
never reads half a secret and no other local user can read it.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from pathlib import Path

from backend.sip.settings import SipSettings


def include_text(settings: SipSettings) -> str:
    """The text of `huitong-secret.cfg` for Kamailio's include_file."""
    return ("# Written by `python -m backend sip-secret`: the secret the Huitong server signs SIP\n"
            "# credentials with. Keep it mode 0600, readable by Kamailio only; rewrite it (and restart\n"
            "# Kamailio) when HUITONG_SIP_SECRET changes.\n"
            f'modparam("auth_ephemeral", "secret", "{settings.secret}")\n')


def write_include(settings: SipSettings, path: str | os.PathLike[str]) -> int:
    """Writes the include; returns a process exit code and says what happened (never the secret)."""
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".huitong-secret-", dir=target.parent)  # mkstemp: mode 0600
        try:
            with os.fdopen(fd, "w") as fh:
                fh.write(include_text(settings))
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, target)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
    except OSError as exc:
        print(f"cannot write {target}: {exc.strerror}", file=sys.stderr)
        return 1
    print(f"wrote Kamailio's auth_ephemeral secret to {target} (mode 0600)")
    return 0
