"""A calm, professional look: one small stylesheet and the palette colours widgets draw with."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QApplication

ACCENT = "#2f6f9f"
TEXT = "#1f2933"
MUTED = "#616e7c"
BORDER = "#d9dee3"
SURFACE = "#ffffff"
BACKGROUND = "#f4f6f8"
STATE_COLOURS = {"connected": "#2e9e5b", "connecting": "#d69e2e", "reconnecting": "#d69e2e",
                 "offline": "#c2413b"}

STYLESHEET = f"""
QMainWindow, QDialog {{ background: {BACKGROUND}; }}
QWidget {{ color: {TEXT}; }}
QListWidget#navigation {{ background: #263544; border: none; padding-top: 8px; outline: none; }}
QListWidget#navigation::item {{ color: #dbe4ec; padding-left: 14px; border-radius: 4px; }}
QListWidget#navigation::item:selected {{ background: {ACCENT}; color: white; }}
QListWidget#navigation::item:hover:!selected {{ background: #34495c; }}
QLineEdit, QPlainTextEdit, QComboBox {{ background: {SURFACE}; border: 1px solid {BORDER};
    border-radius: 4px; padding: 5px 7px; selection-background-color: {ACCENT}; }}
QLineEdit:focus, QPlainTextEdit:focus, QComboBox:focus {{ border: 1px solid {ACCENT}; }}
QPushButton {{ background: {SURFACE}; border: 1px solid {BORDER}; border-radius: 4px; padding: 6px 14px; }}
QPushButton:hover {{ border-color: {ACCENT}; }}
QPushButton:default, QPushButton#primary {{ background: {ACCENT}; color: white; border-color: {ACCENT}; }}
QPushButton:disabled {{ color: #9aa5b1; background: #eef1f4; }}
QListView, QListWidget {{ background: {SURFACE}; border: 1px solid {BORDER}; border-radius: 4px; }}
QListView#searchResults::item {{ padding: 6px 8px; }}
QListView#searchResults::item:selected {{ background: #dceaf5; color: {TEXT}; }}
QFrame#panelHeader {{ background: {SURFACE}; border: 1px solid {BORDER}; border-radius: 6px; }}
QLabel#customerName {{ font-size: 17pt; font-weight: 600; }}
QLabel#muted, QLabel#customerId {{ color: {MUTED}; }}
QLabel#pageTitle {{ font-size: 15pt; font-weight: 600; }}
QLabel#errorText {{ color: #a12c27; background: #fdecea; border: 1px solid #f5c6c3; border-radius: 4px;
    padding: 6px 8px; }}
QLabel#identityChip {{ background: #eef3f8; border: 1px solid {BORDER}; border-radius: 10px;
    padding: 2px 9px; }}
QStatusBar {{ background: {SURFACE}; border-top: 1px solid {BORDER}; }}
QStatusBar QLabel {{ padding: 0 8px; }}
QLabel#emptyState {{ color: {MUTED}; font-size: 12pt; }}
"""


def apply_theme(app: QApplication) -> None:
    app.setStyle("Fusion")
    font = QFont(app.font())
    # Noto Sans CJK covers Latin and both Chinese scripts, so mixed text never falls back to tofu.
    font.setFamilies(["Noto Sans", "Noto Sans CJK SC", "Noto Sans CJK TC", "sans-serif"])
    font.setPointSize(10)
    app.setFont(font)
    app.setStyleSheet(STYLESHEET)


def colour(name: str) -> QColor:
    return QColor(name)
