"""The server's composition root: create_app(settings) wires DB, hub, routers and error handling."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI

from backend.agents.api import router as agents_router
from backend.audit.api import router as audit_router
from backend.auth.api import router as auth_router
from backend.auth.passwords import make_hasher
from backend.channels.email.setup import install as install_email
from backend.channels.webchat.api import install as install_webchat
from backend.channels.webchat.api import streamed_routes as webchat_streamed_routes
from backend.customers.api import router as customers_router
from backend.db import Database
from backend.errors import BodyLimitMiddleware, install_error_handlers
from backend.interactions.api import router as interactions_router
from backend.interactions.outbound import OutboundRegistry
from backend.live.api import router as live_router
from backend.live.service import make_hub, read_last_seq
from backend.recordings.api import PREFIX as RECORDINGS_PREFIX
from backend.recordings.api import router as recordings_router
from backend.routing.admin_api import router as routing_admin_router
from backend.routing.api import router as routing_router
from backend.routing.settings import RoutingSettings
from backend.routing.voice_api import router as voice_router
from backend.routing.worker import RoutingWorker
from backend.settings import Settings
from backend.sip.api import router as sip_router
from backend.timeline.api import router as timeline_router


def create_app(settings: Settings) -> FastAPI:
    db = Database(settings.database_url)
    hub = make_hub(db, settings)
    routing_settings = RoutingSettings.from_env()
    routing_worker = RoutingWorker(db, routing_settings, hub=hub)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        await hub.start()
        _app.state.routing_worker.start()
        email_fetchers.start()
        try:
            yield
        finally:
            _app.state.routing_worker.stop()
            email_fetchers.stop()
            await hub.stop()
            db.dispose()

    app = FastAPI(title="Huitong server", version="1.0", lifespan=lifespan)
    app.state.settings = settings
    app.state.db = db
    app.state.hub = hub
    app.state.hasher = make_hasher(fast=settings.argon2_fast)
    app.state.outbound = OutboundRegistry()
    app.state.routing_settings = routing_settings
    app.state.routing_worker = routing_worker
    email_fetchers = install_email(app, db, settings)
    install_error_handlers(app)
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes,
                       streamed_routes={RECORDINGS_PREFIX: settings.max_recording_bytes,
                                        **webchat_streamed_routes()})
    for router in (auth_router, agents_router, customers_router, timeline_router, interactions_router,
                   audit_router, live_router):
        app.include_router(router)
    app.include_router(sip_router)
    app.include_router(recordings_router)
    for router in (routing_router, routing_admin_router, voice_router):
        app.include_router(router)
    install_webchat(app)

    @app.get("/healthz", tags=["health"])
    def healthz() -> dict[str, Any]:
        return {"status": "ok", "db": db.dialect, "seq": read_last_seq(db)}

    return app
