"""One error shape for every HTTP error, and the request body size limit.

Every error the server answers with, whatever raised it (an unknown route, a wrong
method, a validation failure, bad JSON, an oversize body, a refused write, a coded
:class:`~reportedly.errors.ReportedlyError`, or a bug), is::

    {"error": {"status": 400, "code": "bad_json", "message": "..."}}

Browsers asking for a page (``Accept: text/html``, outside ``/api/``) get the same
fields rendered as an HTML page instead.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..errors import ConfigError, InputError, InputTooLarge, ReportedlyError

log = logging.getLogger(__name__)

#: Default limit of a request body, in bytes.
DEFAULT_MAX_BODY = 2_000_000

#: Codes for plain HTTP statuses.
STATUS_CODES: dict[int, str] = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    413: "body_too_large",
    415: "unsupported_media_type",
    422: "validation_error",
    500: "internal_error",
    502: "bad_gateway",
}


class ApiError(Exception):
    """An error with an HTTP status, a stable code and a message for the caller."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        *,
        headers: dict[str, str] | None = None,
        details: Any = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers or {}
        self.details = details


def error_body(status: int, code: str, message: str, details: Any = None) -> dict[str, Any]:
    err: dict[str, Any] = {"status": status, "code": code, "message": message}
    if details is not None:
        err["details"] = details
    return {"error": err}


def _wants_html(request: Request) -> bool:
    if request.url.path.startswith("/api/") or request.url.path == "/api":
        return False
    accept = request.headers.get("accept", "")
    return "text/html" in accept


HtmlRenderer = Callable[[Request, int, str, str], Response]


def error_response(
    request: Request,
    status: int,
    code: str,
    message: str,
    *,
    headers: dict[str, str] | None = None,
    details: Any = None,
) -> Response:
    render: HtmlRenderer | None = getattr(request.app.state, "render_error", None)
    if render is not None and _wants_html(request):
        response = render(request, status, code, message)
        for k, v in (headers or {}).items():
            response.headers[k] = v
        return response
    return JSONResponse(error_body(status, code, message, details), status, headers=headers)


def _reportedly_status(exc: ReportedlyError) -> int:
    if isinstance(exc, InputTooLarge):
        return 413
    if isinstance(exc, InputError):
        return 400
    if isinstance(exc, ConfigError):
        return 500
    return 422


def install_error_handlers(app: FastAPI) -> None:
    """Route every error through :func:`error_response`."""

    async def api_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ApiError)
        return error_response(
            request, exc.status, exc.code, exc.message, headers=exc.headers, details=exc.details
        )

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        status = exc.status_code
        code = STATUS_CODES.get(status, f"http_{status}")
        if status == 404 and exc.detail == "Not Found":
            message = f"no such page or endpoint: {request.url.path}"
        elif status == 405:
            message = f"method {request.method} is not allowed on {request.url.path}"
        else:
            message = str(exc.detail)
        headers = dict(exc.headers or {})
        return error_response(request, status, code, message, headers=headers)

    async def validation_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        errs = list(exc.errors())
        if any(e.get("type") == "json_invalid" for e in errs):
            return error_response(request, 400, "bad_json", "the request body is not valid JSON")
        details = [
            {
                "loc": [str(p) for p in e.get("loc", ())],
                "message": str(e.get("msg", "")),
                "type": str(e.get("type", "")),
            }
            for e in errs
        ]
        first = details[0] if details else {"loc": [], "message": "invalid request"}
        where = ".".join(first["loc"])
        message = f"{where}: {first['message']}" if where else str(first["message"])
        return error_response(request, 422, "validation_error", message, details=details)

    async def reportedly_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ReportedlyError)
        return error_response(request, _reportedly_status(exc), exc.code, exc.message)

    async def internal_error(request: Request, exc: Exception) -> Response:
        log.exception("internal error on %s %s", request.method, request.url.path)
        return error_response(
            request, 500, "internal_error", f"internal error: {type(exc).__name__}"
        )

    app.add_exception_handler(ApiError, api_error)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(ReportedlyError, reportedly_error)
    app.add_exception_handler(Exception, internal_error)


class BodyTooLarge(StarletteHTTPException):
    """Raised while a body streams in past the limit (an HTTPException, so that FastAPI's
    body parsing passes it through rather than calling it a parse error)."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"the request body is larger than the limit of {limit} bytes")


class BodyLimitMiddleware:
    """Refuses request bodies over ``max_body`` bytes with 413: at once when the
    Content-Length says so, else while the body streams in (chunked uploads)."""

    def __init__(self, app: ASGIApp, max_body: int = DEFAULT_MAX_BODY) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.max_body
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    length = int(value)
                except ValueError:
                    await _send_json(send, 400, "bad_request", "bad Content-Length header")
                    return
                if length > limit:
                    await _send_json(send, 413, "body_too_large", str(BodyTooLarge(limit).detail))
                    return
        seen = 0

        async def counting_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise BodyTooLarge(limit)
            return message

        await self.app(scope, counting_receive, send)


async def _send_json(send: Send, status: int, code: str, message: str) -> None:
    body = json.dumps(error_body(status, code, message), separators=(",", ":")).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
