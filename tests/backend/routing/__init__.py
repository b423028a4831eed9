"""Routing engine tests: the pure core, the service on SQLite and PostgreSQL, two real servers."""
