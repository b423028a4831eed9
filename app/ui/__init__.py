"""The Huitong desktop UI: PySide6 widgets, Qt models and translations.

This is the only package that imports PySide6. Widgets receive the sync service and Qt models in their
constructors; blocking calls run through `background.BackgroundRunner`, and events from the sync
layer's background threads reach widgets only as queued Qt signals (`sync_bridge.SyncBridge`).
"""
