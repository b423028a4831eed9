"""Visitor routes are called from any website that embeds the widget: open CORS (no cookies are used — the
visitor token travels in a header), and errors keep the CORS headers so the widget can show their message."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute

from backend.errors import ApiError, error_response

VISITOR_HEADER = "X-Huitong-Visitor"
CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
    "Access-Control-Allow-Headers": f"Content-Type, {VISITOR_HEADER}",
    "Access-Control-Max-Age": "600",
}


class CorsRoute(APIRoute):
    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        original = super().get_route_handler()

        async def handler(request: Request) -> Response:
            try:
                response = await original(request)
            except ApiError as exc:
                response = error_response(exc.status, exc.code, exc.message, exc.headers)
            except RequestValidationError as exc:
                errors = list(exc.errors())
                first = errors[0] if errors else {}
                where = ".".join(str(p) for p in first.get("loc", ()) if p != "body") or "request"
                response = error_response(422, "validation_error", f"{where}: {first.get('msg', 'invalid')}")
            response.headers.update(CORS_HEADERS)
            return response

        return handler
