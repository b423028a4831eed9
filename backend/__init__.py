"""Huitong server: FastAPI + SQLAlchemy 2 + Alembic, one package per domain."""
