"""Storing, listing and revealing sealed credentials. `reveal` is the one place a secret is decrypted."""

from __future__ import annotations

from typing import Any

import orjson
from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from ams.db.base import utcnow
from ams.errors import NotFound
from ams.governance.audit_service import Actor, record
from ams.ids import new_id
from ams.vault.cipher import Cipher, VaultKeyError
from ams.vault.models import Credential
from ams.vault.schemas import CredentialPublic, CredentialPut


def _bound_to(organization_id: str, owner_type: str, owner_id: str, name: str) -> str:
    return f"{organization_id}/{owner_type}/{owner_id}/{name}"


async def put(
    session: AsyncSession,
    cipher: Cipher,
    actor: Actor,
    *,
    organization_id: str,
    project_id: str | None,
    owner_type: str,
    owner_id: str,
    name: str,
    data: CredentialPut,
) -> CredentialPublic:
    """Create or replace the named credential of an owner."""
    sealed = cipher.seal(orjson.dumps(data.secret_fields()), _bound_to(organization_id, owner_type, owner_id, name))
    row = (
        await session.execute(
            select(Credential).where(
                Credential.owner_type == owner_type, Credential.owner_id == owner_id, Credential.name == name
            )
        )
    ).scalar_one_or_none()
    now = utcnow()
    replaced = row is not None
    if row is None:
        row = Credential(
            id=new_id("crd"),
            organization_id=organization_id,
            owner_type=owner_type,
            owner_id=owner_id,
            name=name,
            created_at=now,
        )
        session.add(row)
    row.type, row.sealed, row.key_id = data.type.value, sealed, cipher.key_id
    row.updated_at, row.expires_at = now, data.expires_at
    await session.flush()
    await record(
        session,
        actor,
        organization_id=organization_id,
        action="credential.replace" if replaced else "credential.set",
        resource_type=owner_type,
        resource_id=owner_id,
        project_id=project_id,
        summary={"after": {"credential": name, "type": data.type.value, "expires_at": data.expires_at}},
    )
    return CredentialPublic.model_validate(row)


async def list_owned(session: AsyncSession, owner_type: str, owner_id: str) -> list[CredentialPublic]:
    rows = (
        await session.execute(
            select(Credential)
            .where(Credential.owner_type == owner_type, Credential.owner_id == owner_id)
            .order_by(Credential.name)
        )
    ).scalars()
    return [CredentialPublic.model_validate(r) for r in rows]


async def remove(
    session: AsyncSession,
    actor: Actor,
    *,
    organization_id: str,
    project_id: str | None,
    owner_type: str,
    owner_id: str,
    name: str,
) -> None:
    result = await session.execute(
        delete(Credential).where(
            Credential.owner_type == owner_type, Credential.owner_id == owner_id, Credential.name == name
        )
    )
    if not result.rowcount:  # type: ignore[attr-defined]
        raise NotFound(f"no credential named {name!r}")
    await record(
        session,
        actor,
        organization_id=organization_id,
        action="credential.delete",
        resource_type=owner_type,
        resource_id=owner_id,
        project_id=project_id,
        summary={"before": {"credential": name}},
    )


async def delete_owned(session: AsyncSession, owner_type: str, owner_id: str) -> None:
    await session.execute(
        delete(Credential).where(Credential.owner_type == owner_type, Credential.owner_id == owner_id)
    )


async def reveal(session: AsyncSession, cipher: Cipher, owner_type: str, owner_id: str, name: str) -> dict[str, Any]:
    """The decrypted secret fields, for the features that must present them (adapters, the gateway).

    Never return what this gives to an API caller, and never log it.
    """
    row = (
        await session.execute(
            select(Credential).where(
                Credential.owner_type == owner_type, Credential.owner_id == owner_id, Credential.name == name
            )
        )
    ).scalar_one_or_none()
    if row is None:
        raise NotFound(f"no credential named {name!r}")
    if row.key_id != cipher.key_id:
        raise VaultKeyError(f"credential {name!r} was sealed under another AMS_SECRET_KEY")
    plaintext = cipher.open(row.sealed, _bound_to(row.organization_id, owner_type, owner_id, name))
    row.last_used_at = utcnow()
    secret: dict[str, Any] = orjson.loads(plaintext)
    return secret
