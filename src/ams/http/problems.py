"""Every error answer is `application/problem+json` (RFC 9457) with field errors: this module makes them."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import IntegrityError
from starlette.exceptions import HTTPException as StarletteHTTPException

from ams.errors import AMSError, FieldError, ProblemBody

log = logging.getLogger(__name__)

PROBLEM_MEDIA_TYPE = "application/problem+json"


def problem_response(problem: ProblemBody, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(problem.to_dict(), status_code=problem.status, media_type=PROBLEM_MEDIA_TYPE, headers=headers)


def _field_name(loc: tuple[Any, ...] | list[Any]) -> str:
    # FastAPI prefixes where the value came from ("body", "query", "path"); the user knows their field by name.
    parts = [str(p) for p in loc]
    if parts and parts[0] in {"body", "query", "path", "header", "cookie"}:
        parts = parts[1:]
    return ".".join(parts) or "body"


def _validation_problem(exc: RequestValidationError) -> ProblemBody:
    errors: list[FieldError] = []
    for error in exc.errors():
        if error.get("type") == "json_invalid":
            return ProblemBody(400, "Malformed JSON", f"the request body is not valid JSON: {error.get('msg')}")
        message = str(error.get("msg", "invalid"))
        # Pydantic prefixes messages raised by our validators with "Value error, ".
        message = message.removeprefix("Value error, ")
        errors.append(FieldError(_field_name(error.get("loc", ())), message))
    detail = "; ".join(f"{e.field}: {e.message}" for e in errors[:5])
    return ProblemBody(422, "Invalid input", detail, errors=errors)


def install_problem_handlers(app: FastAPI) -> None:
    @app.exception_handler(AMSError)
    async def _ams_error(_request: Request, exc: AMSError) -> JSONResponse:
        problem = ProblemBody(exc.status, exc.title, exc.detail, errors=exc.errors, extra=exc.extra)
        headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else {}
        if "retry_after" in exc.extra:
            headers["Retry-After"] = str(exc.extra["retry_after"])
        return problem_response(problem, headers or None)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(_request: Request, exc: RequestValidationError) -> JSONResponse:
        return problem_response(_validation_problem(exc))

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        title = {404: "Not found", 405: "Method not allowed"}.get(exc.status_code, "Error")
        return problem_response(ProblemBody(exc.status_code, title, str(exc.detail)), getattr(exc, "headers", None))

    @app.exception_handler(IntegrityError)
    async def _integrity_error(_request: Request, exc: IntegrityError) -> JSONResponse:
        # Services check uniqueness first; this is the race where two requests passed that check together.
        log.info("integrity conflict: %s", exc.orig)
        return problem_response(ProblemBody(409, "Conflict", "the change conflicts with existing data; retry"))

    @app.exception_handler(Exception)
    async def _unexpected(_request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error")
        return problem_response(ProblemBody(500, "Internal error", "AMS failed to handle this request"))
