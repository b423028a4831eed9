"""Writes the catalogues (catalogue_zh_cn / catalogue_zh_tw) into the .ts files lupdate produced.

`python -m app.ui.translations_fill` after `python -m app.ui.translations_build --update`; a source string
missing from a catalogue stays unfinished, which tests/ui/test_translations.py reports.
"""

from __future__ import annotations

import importlib
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from app.ui.catalogue_zh_cn import ZH_CN
from app.ui.catalogue_zh_tw import ZH_TW
from app.ui.translations_build import TRANSLATIONS_DIR, UI_DIR


def feature_catalogues() -> tuple[dict[str, str], dict[str, str]]:
    """The base catalogues plus every `app/ui/*_catalogue.py` (each defines ZH_CN and ZH_TW dicts).

    One catalogue module per feature keeps parallel work on separate screens from colliding in one file.
    """
    zh_cn, zh_tw = dict(ZH_CN), dict(ZH_TW)
    for path in sorted(UI_DIR.glob("*_catalogue.py")):
        module = importlib.import_module(f"app.ui.{path.stem}")
        zh_cn.update(module.ZH_CN)
        zh_tw.update(module.ZH_TW)
    return zh_cn, zh_tw


def catalogues() -> dict[str, dict[str, str]]:
    zh_cn, zh_tw = feature_catalogues()
    return {"huitong_zh_CN.ts": zh_cn, "huitong_zh_TW.ts": zh_tw}


def fill(ts_path: Path, catalogue: dict[str, str]) -> list[str]:
    """Returns the source strings it could not translate."""
    tree = ET.parse(ts_path)  # noqa: S314
    missing = []
    for message in tree.getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if translation is None:
            translation = ET.SubElement(message, "translation")
        text = catalogue.get(source)
        if text is None:
            missing.append(source)
            continue
        translation.attrib.pop("type", None)
        for child in list(translation):
            translation.remove(child)
        if message.get("numerus") == "yes":
            ET.SubElement(translation, "numerusform").text = text
            translation.text = None
        else:
            translation.text = text
    ET.indent(tree)
    with ts_path.open("wb") as out:
        out.write(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        tree.write(out, encoding="utf-8", xml_declaration=False)
    return missing


def main() -> int:
    status = 0
    for name, catalogue in catalogues().items():
        missing = fill(TRANSLATIONS_DIR / name, catalogue)
        for source in missing:
            print(f"{name}: no translation for {source!r}", file=sys.stderr)
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
