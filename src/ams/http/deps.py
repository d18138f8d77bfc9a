"""FastAPI dependencies shared by every feature's routes."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import Depends, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import AfterValidator

from ams.auth.login_service import authenticate
from ams.auth.principal import Principal
from ams.context import AppContext
from ams.db.engine import Database
from ams.errors import Unauthenticated
from ams.http.pagination import DEFAULT_LIMIT, MAX_LIMIT

_bearer = HTTPBearer(auto_error=False, description="A login token (POST /api/v1/auth/login) or an API key.")


def get_context(request: Request) -> AppContext:
    context: AppContext = request.app.state.context
    return context


def get_db(request: Request) -> Database:
    return get_context(request).db


async def get_principal(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> Principal:
    if credentials is None or not credentials.credentials:
        raise Unauthenticated("send Authorization: Bearer <token or API key>")
    context = get_context(request)
    return await authenticate(context.db, context.key_cache, credentials.credentials)


async def get_token(credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> str:
    if credentials is None:
        raise Unauthenticated("send Authorization: Bearer <token>")
    return credentials.credentials


ContextDep = Annotated[AppContext, Depends(get_context)]
DbDep = Annotated[Database, Depends(get_db)]
CurrentPrincipal = Annotated[Principal, Depends(get_principal)]
BearerToken = Annotated[str, Depends(get_token)]
# For pages that answer anyone and say more to a caller who logs in.
OptionalCredentials = Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Page size.")]
Cursor = Annotated[str | None, Query(description="`next_cursor` of the previous page.")]
DEFAULT_PAGE = DEFAULT_LIMIT


def _as_utc(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value


# A time in a query: ISO 8601, read as UTC when it carries no offset.
UTCTimestamp = Annotated[datetime, AfterValidator(_as_utc)]
