"""Gateway refusals in one body that serves both audiences: `application/problem+json` (type, title, status,
detail, errors) as every AMS error, plus the `error` object OpenAI clients read their message and code from
(the `openai` package raises an APIStatusError whose message is `error.message`)."""

from __future__ import annotations

from typing import Any

import orjson
from starlette.responses import Response

from ams.errors import FieldError, ProblemBody
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
