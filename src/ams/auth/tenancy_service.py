"""Organizations (tenants) and their projects."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from ams.agents.models import Agent
from ams.auth import schemas
from ams.auth.models import Membership, Organization, Project
from ams.auth.principal import Principal
from ams.auth.roles import Permission, Role
from ams.auth.scoping import visible
from ams.db.engine import Database
from ams.errors import Conflict, Forbidden, InvalidInput, NotFound
from ams.governance.audit_service import Actor, diff, record
from ams.ids import new_id


def slugify(name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:90]
    return slug or "x"


async def _free_slug(session: AsyncSession, column: InstrumentedAttribute[str], base: str, *where: Any) -> str:
    taken = set((await session.execute(select(column).where(column.like(f"{base}%"), *where))).scalars())
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def organization_public(org: Organization, principal: Principal) -> schemas.OrganizationPublic:
    return schemas.OrganizationPublic(
        id=org.id, name=org.name, slug=org.slug, created_at=org.created_at, role=principal.role_in(org.id)
    )


async def create_organization_in(
    session: AsyncSession, actor: Actor, name: str, slug: str | None, admin_user_id: str | None
) -> Organization:
    if slug is not None:
        if (await session.execute(select(Organization.id).where(Organization.slug == slug))).first():
            raise Conflict(f"an organization with slug {slug!r} exists", errors=[])
    else:
        slug = await _free_slug(session, Organization.slug, slugify(name))
    org = Organization(id=new_id("org"), name=name, slug=slug)
    session.add(org)
    await session.flush()  # the organization's row must exist before rows that point at it
    if admin_user_id:
        session.add(Membership(user_id=admin_user_id, organization_id=org.id, role=Role.ADMIN.value))
    await session.flush()
    await record(
        session,
        actor,
        organization_id=org.id,
        action="organization.create",
        resource_type="organization",
        resource_id=org.id,
        summary={"after": {"name": name, "slug": slug, "admin": admin_user_id}},
    )
    return org


async def create_organization(
    db: Database, principal: Principal, data: schemas.OrganizationCreate
) -> schemas.OrganizationPublic:
    if not principal.is_superuser:
        raise Forbidden("only the installation's administrator may create organizations")
    async with db.write() as session:
        org = await create_organization_in(session, Actor.of(principal), data.name, data.slug, principal.user_id)
    return organization_public(org, principal)


async def list_organizations(db: Database, principal: Principal) -> list[schemas.OrganizationPublic]:
    async with db.read() as session:
        rows = (
            await session.execute(
                select(Organization).where(visible(principal, Organization.id)).order_by(Organization.name)
            )
        ).scalars()
        return [organization_public(org, principal) for org in rows]


async def _organization(session: AsyncSession, principal: Principal, org_id: str) -> Organization:
    org = await session.get(Organization, org_id)
    if org is None or not principal.can_see(org.id):
        raise NotFound(f"organization {org_id} not found")
    return org


async def read_organization(db: Database, principal: Principal, org_id: str) -> schemas.OrganizationPublic:
    async with db.read() as session:
        return organization_public(await _organization(session, principal, org_id), principal)


async def update_organization(
    db: Database, principal: Principal, org_id: str, data: schemas.OrganizationUpdate
) -> schemas.OrganizationPublic:
    async with db.write() as session:
        org = await _organization(session, principal, org_id)
        principal.require(Permission.ORG_MANAGE, org.id, what="organization")
        before = {"name": org.name}
        org.name = data.name
        await record(
            session,
            Actor.of(principal),
            organization_id=org.id,
            action="organization.update",
            resource_type="organization",
            resource_id=org.id,
            summary=diff(before, {"name": org.name}),
        )
        return organization_public(org, principal)


def default_organization(principal: Principal, given: str | None) -> str:
    """The organization a request means: the one given, or the caller's only one."""
    if given:
        return given
    if principal.organization_id:
        return principal.organization_id
    if len(principal.memberships) == 1:
        return next(iter(principal.memberships))
    raise InvalidInput.on("organization_id", "required: you belong to several organizations (or none)")


async def create_project(db: Database, principal: Principal, data: schemas.ProjectCreate) -> schemas.ProjectPublic:
    org_id = default_organization(principal, data.organization_id)
    async with db.write() as session:
        org = await _organization(session, principal, org_id)
        principal.require(Permission.PROJECT_MANAGE, org.id, what="organization")
        if data.slug is not None:
            taken = select(Project.id).where(Project.organization_id == org.id, Project.slug == data.slug)
            if (await session.execute(taken)).first():
                raise Conflict(f"project slug {data.slug!r} is taken in this organization")
            slug = data.slug
        else:
            slug = await _free_slug(session, Project.slug, slugify(data.name), Project.organization_id == org.id)
        project = Project(
            id=new_id("prj"), organization_id=org.id, name=data.name, slug=slug, description=data.description
        )
        session.add(project)
        await session.flush()
        await record(
            session,
            Actor.of(principal),
            organization_id=org.id,
            action="project.create",
            resource_type="project",
            resource_id=project.id,
            project_id=project.id,
            summary={"after": {"name": data.name, "slug": slug}},
        )
        return schemas.ProjectPublic.model_validate(project)


async def list_projects(db: Database, principal: Principal, organization_id: str | None) -> list[schemas.ProjectPublic]:
    query = select(Project).where(visible(principal, Project.organization_id, Project.id))
    if organization_id:
        query = query.where(Project.organization_id == organization_id)
    async with db.read() as session:
        rows = (await session.execute(query.order_by(Project.organization_id, Project.name))).scalars()
        return [schemas.ProjectPublic.model_validate(p) for p in rows]


async def visible_project(session: AsyncSession, principal: Principal, project_id: str) -> Project:
    project = await session.get(Project, project_id)
    if project is None or not principal.can_see(project.organization_id, project.id):
        raise NotFound(f"project {project_id} not found")
    return project


async def read_project(db: Database, principal: Principal, project_id: str) -> schemas.ProjectPublic:
    async with db.read() as session:
        return schemas.ProjectPublic.model_validate(await visible_project(session, principal, project_id))


async def update_project(
    db: Database, principal: Principal, project_id: str, data: schemas.ProjectUpdate
) -> schemas.ProjectPublic:
    async with db.write() as session:
        project = await visible_project(session, principal, project_id)
        principal.require(Permission.PROJECT_MANAGE, project.organization_id, project_id=project.id, what="project")
        before = {"name": project.name, "description": project.description}
        changes = data.model_dump(exclude_unset=True, exclude_none=True)
        for field, value in changes.items():
            setattr(project, field, value)
        await record(
            session,
            Actor.of(principal),
            organization_id=project.organization_id,
            action="project.update",
            resource_type="project",
            resource_id=project.id,
            project_id=project.id,
            summary=diff(before, {"name": project.name, "description": project.description}),
        )
        return schemas.ProjectPublic.model_validate(project)


async def delete_project(db: Database, principal: Principal, project_id: str) -> None:
    async with db.write() as session:
        project = await visible_project(session, principal, project_id)
        principal.require(Permission.PROJECT_MANAGE, project.organization_id, project_id=project.id, what="project")
        agents = (await session.execute(select(func.count()).where(Agent.project_id == project.id))).scalar_one()
        if agents:
            raise Conflict(f"project {project.name!r} still holds {agents} agent(s); delete or move them first")
        await session.delete(project)
        await record(
            session,
            Actor.of(principal),
            organization_id=project.organization_id,
            action="project.delete",
            resource_type="project",
            resource_id=project.id,
            project_id=project.id,
            summary={"before": {"name": project.name, "slug": project.slug}},
        )
