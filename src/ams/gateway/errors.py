"""Gateway refusals in one body that serves both audiences: `application/problem+json` (type, title, status,
detail, errors) as every AMS error, plus the `error` object OpenAI clients read their message and code from
(the `openai` package raises an APIStatusError whose message is `error.message`)."""

from __future__ import annotations

from typing import Any

import orjson
from starlette.responses import Response

from ams.errors import AMSError, FieldError, ProblemBody
from ams.gateway.admission import Refusal
from ams.http.problems import PROBLEM_MEDIA_TYPE

_TYPES = {400: "invalid_request_error", 401: "authentication_error", 403: "permission_error",
          404: "not_found_error", 413: "invalid_request_error", 429: "rate_limit_error"}  # fmt: skip


def error_response(
    status: int,
    title: str,
    detail: str,
    code: str,
    *,
    param: str | None = None,
    headers: dict[str, str] | None = None,
    extra: dict[str, Any] | None = None,
) -> Response:
    errors = [FieldError(param, detail)] if param else []
    openai_error = {"message": detail, "type": _TYPES.get(status, "api_error"), "param": param, "code": code}
    problem = ProblemBody(status, title, detail, errors=errors, extra={**(extra or {}), "error": openai_error})
    return Response(orjson.dumps(problem.to_dict()), status_code=status, media_type=PROBLEM_MEDIA_TYPE, headers=headers)


def code_of(exc: AMSError) -> str:
    return {401: "invalid_api_key", 403: "permission_denied", 404: "not_found"}.get(exc.status, "invalid_request")


class GatewayRefusal(Exception):
    def __init__(self, status: int, code: str, message: str, *, param: str | None = None,
                 headers: dict[str, str] | None = None, extra: dict[str, Any] | None = None) -> None:  # fmt: skip
        super().__init__(message)
        self.status, self.code, self.message, self.param = status, code, message, param
        self.headers, self.extra = headers, extra or {}

    @classmethod
    def of(cls, refusal: Refusal) -> GatewayRefusal:
        return cls(refusal.status, refusal.code, refusal.message, extra=refusal.extra, headers=refusal.headers or None)

    def response(self) -> Response:
        titles = {400: "Invalid request", 401: "Authentication required", 403: "Forbidden", 404: "Not found",
                  413: "Payload too large", 429: "Rate limit exceeded"}  # fmt: skip
        return error_response(self.status, titles.get(self.status, "Error"), self.message, self.code,
                              param=self.param, headers=self.headers, extra=self.extra)  # fmt: skip
