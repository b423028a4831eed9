"""Every UI string is translated, in both Chinese scripts, and lupdate finds nothing new in app/ui."""

from __future__ import annotations

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


def test_simplified_and_traditional_differ() -> None:
    simplified = {s: m.findtext("translation") for s, m in _messages(TRANSLATIONS_DIR / LANGUAGE_FILES[0])}
    traditional = {s: m.findtext("translation") for s, m in _messages(TRANSLATIONS_DIR / LANGUAGE_FILES[1])}
    assert simplified["Customers"] == "客户"
    assert traditional["Customers"] == "客戶"
