"""Huitong agent desktop: softphone, inboxes and the unified customer panel."""
