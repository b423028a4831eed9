"""Works around a PySide6 6.12 defect on Python 3.11: methods returning void hand back `None` without
taking a reference (fine on 3.12+, where None is immortal). Every QPainter.setPen/drawLine/… call then
drops None's reference count by one, and after some tens of thousands of calls — a minute of scrolling a
long list — the process aborts with "none_dealloc: deallocating None".

`keep_none_alive()` gives None (and True/False, same story) a huge reference count once, which is
what Python 3.12 does by design.
"""

from __future__ import annotations

import ctypes
import sys

_LIFT = 1 << 40  # more void calls than a desk makes in centuries


def keep_none_alive() -> bool:
    """True when the count was lifted (Python < 3.12); idempotent and safe to call from any module."""
    if sys.version_info >= (3, 12):
        return False
    for singleton in (None, True, False):  # bool-returning methods have the same defect
        cell = ctypes.c_ssize_t.from_address(id(singleton))  # ob_refcnt is PyObject's first field
        if cell.value < _LIFT // 2:
            cell.value += _LIFT
    return True
