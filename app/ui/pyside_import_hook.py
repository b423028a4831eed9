"""Stops PySide6's import hook from keeping the source of every imported module in memory.

PySide6 (PYSIDE-2029, still in 6.12) hooks every import to learn whether the module uses PySide, for its
`__feature__` switching: it calls `inspect.getsource(module)` and looks for "PySide6". `inspect` goes
through `linecache`, which keeps every line of every module imported after Qt for the life of the process:
measured ~575 files, 20 MB of RSS and a slice of start-up CPU in the desk. `lean_pyside_import_hook()`
asks the same question by reading the file's bytes once (nothing kept), then empties what the hook
already cached. The answer per module is unchanged; modules without a `.py` file keep the original path.
"""

from __future__ import annotations

import linecache
import sys
from collections.abc import Callable
from types import ModuleType

import PySide6  # noqa: F401 - importing it installs shibokensupport.feature, which we patch

_MARK = "_huitong_lean"


def _reads_file(original: Callable[[ModuleType], bool]) -> Callable[[ModuleType], bool]:
    def mod_uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return original(module)
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return original(module)

    setattr(mod_uses_pyside, _MARK, True)
    return mod_uses_pyside


def lean_pyside_import_hook() -> bool:
    """True when the hook was replaced (or already was); False if this PySide6 has no such hook."""
    feature = sys.modules.get("shibokensupport.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or original is None:
        return False
    if not getattr(original, _MARK, False):
        feature._mod_uses_pyside = _reads_file(original)  # type: ignore[attr-defined]
        linecache.clearcache()  # the sources read by the hook for modules imported so far
    return True
