"""The keyring helper process: the only code of the client that imports `keyring`.

`python -m app.sync.keyring_helper` (or the frozen app with `--keyring-helper`) reads one JSON request per
line on stdin and answers each with one JSON line on stdout, until stdin closes:

    {"op": "available"}                       → {"ok": true} | {"ok": false, "reason": "..."}
    {"op": "get", "key": "..."}               → {"ok": true, "value": "..." | null}
    {"op": "set", "key": "...", "value": "..."} → {"ok": true}
    {"op": "delete", "key": "..."}            → {"ok": true}

A failure answers {"ok": false, "reason": R} with R one of `no_keyring`, `plain_file` (the only store
would write secrets to a file, which we refuse) or `broken` (the store did not answer: locked, not running).

Why a separate, short-lived process, as git's credential helpers are: the Secret Service client needs
`secretstorage` → `cryptography` (its Diffie-Hellman session), and `keyring` reads every installed package's
entry points. That is ~16 MB resident and ~90 ms of imports that the desk would carry all day for a store
it touches at sign-in and when a token rotates. The secret crosses a pipe between our own two processes,
never argv or the environment, and is never logged.
"""

from __future__ import annotations

import contextlib
import json
import logging
import sys
from typing import Any, TextIO

log = logging.getLogger("huitong.keyring")


def insecure_reason(backend: Any) -> str | None:
    """Why this backend must not hold a token (`no_keyring` / `plain_file`), or None when it is acceptable.

    `keyring` falls back to a fail/null backend when there is no D-Bus session, and keyrings.alt would write
    the token to a plain file (or an "encrypted" one that prompts on a console).
    """
    from keyring.backends import chainer, fail, null

    if isinstance(backend, fail.Keyring | null.Keyring):
        return "no_keyring"
    module = type(backend).__module__
    name = type(backend).__name__
    if module.startswith("keyrings.alt") and ("Plaintext" in name or module == "keyrings.alt.file"):
        return "plain_file"
    if isinstance(backend, chainer.ChainerBackend):
        usable = [b for b in backend.backends if insecure_reason(b) is None]
        return None if usable else "no_keyring"
    return None


def answer(backend: Any, request: dict[str, Any], service: str) -> dict[str, Any]:
    """One request against `backend`; never raises."""
    import keyring.errors

    reason = insecure_reason(backend)
    if reason is not None:
        return {"ok": False, "reason": reason}
    op, key = request.get("op"), str(request.get("key", ""))
    try:
        if op == "available":
            backend.get_password(service, "__huitong_probe__")  # proves the store answers and is unlocked
            return {"ok": True}
        if op == "get":
            return {"ok": True, "value": backend.get_password(service, key)}
        if op == "set":
            backend.set_password(service, key, str(request["value"]))
            return {"ok": True}
        if op == "delete":
            with contextlib.suppress(keyring.errors.PasswordDeleteError):  # nothing stored: already clear
                backend.delete_password(service, key)
            return {"ok": True}
    except Exception as exc:  # secretstorage/jeepney/dbus raise their own types; all mean "unusable"
        log.warning("keyring %s failed: %s", op, type(exc).__name__)  # the type only: values may be secrets
        return {"ok": False, "reason": "broken"}
    return {"ok": False, "reason": "bad_request"}


def serve(stdin: TextIO, stdout: TextIO, service: str = "huitong") -> None:
    import keyring

    try:
        backend: Any = keyring.get_keyring()  # detection starts now, before the first request arrives
    except Exception as exc:
        log.warning("keyring backend detection failed: %s", type(exc).__name__)
        backend = None
    for line in stdin:
        try:
            request = json.loads(line)
        except ValueError:
            request = {}
        if backend is None:
            reply: dict[str, Any] = {"ok": False, "reason": "broken"}
        elif not isinstance(request, dict):
            reply = {"ok": False, "reason": "bad_request"}
        else:
            reply = answer(backend, request, str(request.get("service") or service))
        stdout.write(json.dumps(reply) + "\n")
        stdout.flush()


def main() -> int:
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr, format="keyring helper: %(message)s")
    serve(sys.stdin, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
