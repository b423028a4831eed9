"""Wires the e-mail channel into the app: routes, the SMTP sender, and the fetcher threads (lifespan)."""

from __future__ import annotations

from fastapi import FastAPI

from backend.channels.email.api import router
from backend.channels.email.fetcher import EmailFetchers
from backend.channels.email.sender import make_sender
from backend.db import Database
from backend.settings import Settings


def install(app: FastAPI, db: Database, settings: Settings) -> EmailFetchers:
    """Adds the routes and the sender; the caller starts/stops the returned fetchers in its lifespan."""
    app.include_router(router)
    app.state.outbound.register("email", make_sender(settings))
    fetchers = EmailFetchers(db, settings)
    app.state.email_fetchers = fetchers
    return fetchers
