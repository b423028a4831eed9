"""Extracts UI strings into the .ts files (--update) and compiles .ts → .qm with pyside6-lrelease.

`python -m app.ui.translations_build` is what scripts/setup.sh runs; the .qm files are not committed.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

UI_DIR = Path(__file__).resolve().parent
TRANSLATIONS_DIR = UI_DIR / "translations"
LANGUAGE_FILES = ("huitong_zh_CN.ts", "huitong_zh_TW.ts")


def _tool(name: str) -> str:
    """The tool next to this interpreter (the venv) first, then PATH."""
    beside = Path(sys.executable).with_name(name)
    found = str(beside) if beside.exists() else shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found: install pyside6-essentials into this environment")
    return found


def source_files() -> list[str]:
    return sorted(str(p) for p in UI_DIR.glob("*.py"))


def update_ts() -> None:
    """Re-extracts strings; existing translations are kept, vanished ones marked obsolete and dropped."""
    for name in LANGUAGE_FILES:
        subprocess.run([_tool("pyside6-lupdate"), *source_files(), "-no-obsolete", "-ts",  # noqa: S603
                        str(TRANSLATIONS_DIR / name)], check=True, capture_output=True)


def compile_qm() -> list[Path]:
    built = []
    for name in LANGUAGE_FILES:
        ts = TRANSLATIONS_DIR / name
        qm = ts.with_suffix(".qm")
        subprocess.run([_tool("pyside6-lrelease"), str(ts), "-qm", str(qm)],  # noqa: S603 - our own tool
                       check=True, capture_output=True)
        built.append(qm)
    return built


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--update", action="store_true", help="run pyside6-lupdate on app/ui first")
    args = parser.parse_args(argv)
    if args.update:
        update_ts()
    for qm in compile_qm():
        print(f"translations: built {qm.relative_to(UI_DIR.parents[1])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
