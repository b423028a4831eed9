"""Alembic migrations for the Huitong server schema."""
