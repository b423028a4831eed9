"""Every UI string is translated, in both Chinese scripts, and lupdate finds nothing new in app/ui."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from app.ui.translations_build import LANGUAGE_FILES, TRANSLATIONS_DIR, source_files


def _messages(ts: Path) -> list[tuple[str, ET.Element]]:
    root = ET.parse(ts).getroot()
    return [(m.findtext("source") or "", m) for m in root.iter("message")]


def _problems(ts: Path) -> list[str]:
    problems = []
    for source, message in _messages(ts):
        translation = message.find("translation")
        if translation is None or translation.get("type") in ("unfinished", "vanished", "obsolete"):
            problems.append(f"unfinished: {source!r}")
            continue
        forms = [f.text for f in translation.findall("numerusform")] or [translation.text]
        if not all(f and f.strip() for f in forms):
            problems.append(f"empty: {source!r}")
    return problems


@pytest.mark.parametrize("name", LANGUAGE_FILES)
def test_every_source_string_has_a_finished_translation(name: str) -> None:
    ts = TRANSLATIONS_DIR / name
    assert len(_messages(ts)) > 50
    assert _problems(ts) == []


@pytest.mark.parametrize("name", LANGUAGE_FILES)
def test_lupdate_finds_no_untranslated_string_in_app_ui(name: str, tmp_path: Path) -> None:
    copy = tmp_path / name
    shutil.copy(TRANSLATIONS_DIR / name, copy)
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    subprocess.run([str(lupdate), *source_files(), "-ts", str(copy)], check=True, capture_output=True)
    assert _problems(copy) == []


def _hidden_from_lupdate(path: Path) -> list[str]:
    """`translate(ctx, text)` / `tr(text)` calls whose context or text is not a string literal: lupdate
    cannot read those, so their strings never reach the .ts files and stay English in Chinese."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
        literal_args = {"translate": 2, "tr": 1}.get(str(name), 0)
        for arg in node.args[:literal_args]:
            if not (isinstance(arg, ast.Constant) and isinstance(arg.value, str)):
                found.append(f"{path.name}:{node.lineno}: {ast.unparse(node)[:80]}")
                break
    return found


def test_every_translated_string_is_a_literal_lupdate_can_read() -> None:
    # A helper such as `def _t(text): return QCoreApplication.translate("Ctx", text)` hid the agent
    # states, call states, inbox statuses, e-mail headers and canned replies from lupdate: English in zh.
    hidden = [line for path in source_files() for line in _hidden_from_lupdate(Path(path))]
    assert hidden == []


def test_routing_call_and_inbox_labels_are_translated() -> None:
    simplified = {s: m.findtext("translation") for s, m in _messages(TRANSLATIONS_DIR / LANGUAGE_FILES[0])}
    for source in ("Talking", "Break", "After-call work", "Wrap-up", "Subject", "Greeting"):
        assert simplified.get(source), source


def test_simplified_and_traditional_differ() -> None:
    simplified = {s: m.findtext("translation") for s, m in _messages(TRANSLATIONS_DIR / LANGUAGE_FILES[0])}
    traditional = {s: m.findtext("translation") for s, m in _messages(TRANSLATIONS_DIR / LANGUAGE_FILES[1])}
    assert simplified["Customers"] == "客户"
    assert traditional["Customers"] == "客戶"
