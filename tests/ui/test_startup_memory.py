"""The desk's start-up does not keep the source of every imported module in memory (PySide6's import hook)."""

from __future__ import annotations

import linecache
import sys
from pathlib import Path

import pytest

from app.ui.application import create_application
from app.ui.pyside_import_hook import lean_pyside_import_hook


def test_modules_imported_after_qt_leave_no_source_in_memory_and_keep_their_pyside_answer(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    create_application()
    assert lean_pyside_import_hook(), "PySide6's import hook changed: check PYSIDE-2029 memory again"
    plain = tmp_path / "huitong_probe_plain.py"
    plain.write_text("VALUE = 1\n" * 2000)
    uses_qt = tmp_path / "huitong_probe_qt.py"
    uses_qt.write_text("import PySide6.QtCore\nVALUE = 2\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    linecache.clearcache()

    # PySide6 hooks builtins.__import__ (the `import` statement), which importlib.import_module bypasses.
    __import__("huitong_probe_plain")
    __import__("huitong_probe_qt")

    assert str(plain) not in linecache.cache
    assert str(uses_qt) not in linecache.cache
    features = sys.modules["shibokensupport.feature"].pyside_feature_dict
    assert features["huitong_probe_plain"] == -1  # "ignore this module", as PySide6 itself decides
    assert features["huitong_probe_qt"] == 0  # uses PySide: takes part in feature switching
    for name in ("huitong_probe_plain", "huitong_probe_qt"):
        sys.modules.pop(name, None)
