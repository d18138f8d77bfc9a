"""An agent's credentials: the vault, behind the agent's visibility and the Agent Owner's permission."""

from __future__ import annotations

from ams.agents.service import visible_agent
from ams.auth.principal import Principal
from ams.auth.roles import Permission
from ams.db.engine import Database
from ams.governance.audit_service import Actor
from ams.vault import service as vault
from ams.vault.cipher import Cipher
from ams.vault.schemas import CredentialPublic, CredentialPut

OWNER_TYPE = "agent"


async def put_credential(
    db: Database,
    cipher: Cipher,
    principal: Principal,
    ref: str,
    name: str,
    data: CredentialPut,
    project_id: str | None,
) -> CredentialPublic:
    async with db.write() as session:
        agent = await visible_agent(session, principal, ref, project_id)
        principal.require_on_agent(Permission.AGENT_CREDENTIALS, agent)
        return await vault.put(
            session,
            cipher,
            Actor.of(principal),
            organization_id=agent.organization_id,
            project_id=agent.project_id,
            owner_type=OWNER_TYPE,
            owner_id=agent.id,
            name=name,
            data=data,
        )


async def list_credentials(
    db: Database, principal: Principal, ref: str, project_id: str | None
) -> list[CredentialPublic]:
    async with db.read() as session:
        agent = await visible_agent(session, principal, ref, project_id)
        return await vault.list_owned(session, OWNER_TYPE, agent.id)


async def delete_credential(db: Database, principal: Principal, ref: str, name: str, project_id: str | None) -> None:
    async with db.write() as session:
        agent = await visible_agent(session, principal, ref, project_id)
        principal.require_on_agent(Permission.AGENT_CREDENTIALS, agent)
        await vault.remove(
            session,
            Actor.of(principal),
            organization_id=agent.organization_id,
            project_id=agent.project_id,
            owner_type=OWNER_TYPE,
            owner_id=agent.id,
            name=name,
        )
