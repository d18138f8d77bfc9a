"""Domain errors. Services raise these; the HTTP layer turns them into problem responses."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class FieldError:
    field: str
    message: str


class AMSError(Exception):
    """Base of every error a client may see. `status` is the HTTP status it maps to."""

    status = 400
    title = "Bad request"

    def __init__(self, detail: str, *, errors: list[FieldError] | None = None, **extra: Any) -> None:
        super().__init__(detail)
        self.detail = detail
        self.errors = errors or []
        self.extra = extra


class InvalidInput(AMSError):
    status = 422
    title = "Invalid input"

    @classmethod
    def on(cls, field_name: str, message: str) -> InvalidInput:
        return cls(f"{field_name}: {message}", errors=[FieldError(field_name, message)])


class Unauthenticated(AMSError):
    status = 401
    title = "Authentication required"


class Forbidden(AMSError):
    status = 403
    title = "Forbidden"


class NotFound(AMSError):
    status = 404
    title = "Not found"


class Conflict(AMSError):
    status = 409
    title = "Conflict"


@dataclass
class ProblemBody:
    """The `application/problem+json` body (RFC 9457) every error answer carries."""

    status: int
    title: str
    detail: str
    type: str = "about:blank"
    errors: list[FieldError] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "type": self.type,
            "title": self.title,
            "status": self.status,
            "detail": self.detail,
            "errors": [{"field": e.field, "message": e.message} for e in self.errors],
        }
        body.update(self.extra)
        return body
