"""Customers and their identities (phone, e-mail, chat ids): normalisation, resolve, search, merge/undo."""
