"""Logging in and out, and turning a bearer token (login token or API key) into a Principal."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from ams.auth.key_cache import CachedKey, KeyCache
from ams.auth.models import ApiKey, AuthSession, Membership, User
from ams.auth.principal import Principal, PrincipalKind
from ams.auth.roles import Role
from ams.auth.secrets import digest, is_api_key, new_session_token, verify_password
from ams.db.base import utcnow
from ams.db.engine import Database
from ams.errors import Unauthenticated
from ams.ids import new_id

# A key's last use is recorded at most this often, so that authenticating stays a read.
LAST_USED_RESOLUTION = timedelta(minutes=1)


@dataclass(frozen=True)
class Login:
    token: str
    expires_at: datetime
    user: User


async def login(db: Database, email: str, password: str, ttl: timedelta) -> Login:
    async with db.write() as session:
        user = (await session.execute(select(User).where(User.email == email.lower()))).scalar_one_or_none()
        if not verify_password(user.password_hash if user else None, password) or user is None:
            raise Unauthenticated("wrong email or password")
        if not user.is_active:
            raise Unauthenticated("this user is deactivated")
        token = new_session_token()
        expires_at = utcnow() + ttl
        session.add(AuthSession(id=new_id("ses"), user_id=user.id, token_hash=digest(token), expires_at=expires_at))
        # Expired logins are swept as new ones are made, so the table stays the size of the live sessions.
        await session.execute(delete(AuthSession).where(AuthSession.expires_at < utcnow()))
        return Login(token, expires_at, user)


async def logout(db: Database, token: str) -> None:
    async with db.write() as session:
        await session.execute(delete(AuthSession).where(AuthSession.token_hash == digest(token)))


async def user_principal(session: AsyncSession, user: User) -> Principal:
    rows = (await session.execute(select(Membership).where(Membership.user_id == user.id))).scalars()
    return Principal(
        kind=PrincipalKind.USER,
        id=user.id,
        label=user.email,
        user_id=user.id,
        is_superuser=user.is_superuser,
        memberships={m.organization_id: Role(m.role) for m in rows},
    )


async def authenticate(db: Database, keys: KeyCache, token: str) -> Principal:
    """The principal a bearer token stands for. API keys are served from `keys` once checked (they carry ingest
    and gateway traffic); login tokens are read each time."""
    if is_api_key(token):
        return await _authenticate_key(db, keys, token)
    now = utcnow()
    async with db.read() as session:
        row = (
            await session.execute(
                select(User)
                .join(AuthSession, AuthSession.user_id == User.id)
                .where(AuthSession.token_hash == digest(token), AuthSession.expires_at > now)
            )
        ).scalar_one_or_none()
        if row is None:
            raise Unauthenticated("the token is unknown or expired; log in again")
        if not row.is_active:
            raise Unauthenticated("this user is deactivated")
        return await user_principal(session, row)


async def _authenticate_key(db: Database, keys: KeyCache, token: str) -> Principal:
    now = utcnow()
    key_hash = digest(token)
    cached = keys.get(key_hash) or await keys.load(key_hash, lambda: _load_key(db, key_hash))
    if cached.expires_at is not None and cached.expires_at <= now:
        raise Unauthenticated(f"API key {cached.prefix}… expired at {cached.expires_at.isoformat()}")
    if cached.last_used_at is None or now - cached.last_used_at > LAST_USED_RESOLUTION:
        # Marked in the cache first, so that the requests arriving meanwhile do not each write, and written off
        # the request's path: under load, a write per request queued every one of them behind SQLite's lock.
        keys.put(key_hash, _with_last_use(cached, now))
        keys.in_background(_record_last_use(db, cached.key_id, now), f"recording the last use of key {cached.prefix}…")
    return cached.principal


async def _record_last_use(db: Database, key_id: str, when: datetime) -> None:
    async with db.write() as session:
        await session.execute(update(ApiKey).where(ApiKey.id == key_id).values(last_used_at=when))


async def _load_key(db: Database, key_hash: str) -> CachedKey:
    async with db.read() as session:
        key = (await session.execute(select(ApiKey).where(ApiKey.key_hash == key_hash))).scalar_one_or_none()
    if key is None:
        raise Unauthenticated("unknown API key")
    if key.revoked_at is not None:
        raise Unauthenticated(f"API key {key.prefix}… was revoked")
    principal = Principal(
        kind=PrincipalKind.AGENT_KEY if key.agent_id else PrincipalKind.PROJECT_KEY,
        id=key.id,
        label=f"key:{key.prefix}",
        organization_id=key.organization_id,
        project_id=key.project_id,
        agent_id=key.agent_id,
        key_role=Role(key.role) if key.role else None,
    )
    return CachedKey(principal, key.id, key.prefix, key.expires_at, key.last_used_at, time.monotonic())


def _with_last_use(cached: CachedKey, when: datetime) -> CachedKey:
    return CachedKey(cached.principal, cached.key_id, cached.prefix, cached.expires_at, when, cached.loaded_at)
