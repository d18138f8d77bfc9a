"""First start: the installation's first administrator, with a default organization and project."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ams.auth.models import Project, User
from ams.auth.roles import Role
from ams.auth.secrets import hash_password, new_password
from ams.auth.tenancy_service import create_organization_in, slugify
from ams.db.engine import Database
from ams.governance.audit_service import SYSTEM, record
from ams.ids import new_id
from ams.settings import Settings


@dataclass(frozen=True)
class FirstAdmin:
    email: str
    password: str | None  # only when AMS generated it: shown once, never stored in clear
    organization_id: str
    project_id: str


async def _has_users(db: Database) -> bool:
    async with db.read() as session:
        return (await session.execute(select(User.id).limit(1))).first() is not None


async def ensure_first_admin(db: Database, settings: Settings) -> FirstAdmin | None:
    """Create the first admin when the installation has no user yet; None when it already has one."""
    if await _has_users(db):
        return None
    configured = settings.admin.password.get_secret_value() if settings.admin.password else None
    password = configured or new_password()
    email = settings.admin.email.lower()
    try:
        async with db.write() as session:
            user = User(
                id=new_id("usr"),
                email=email,
                name="Administrator",
                password_hash=hash_password(password),
                is_superuser=True,
            )
            session.add(user)
            await session.flush()
            org = await create_organization_in(session, SYSTEM, settings.admin.organization, None, user.id)
            project = Project(
                id=new_id("prj"),
                organization_id=org.id,
                name=settings.admin.project,
                slug=slugify(settings.admin.project),
            )
            session.add(project)
            await session.flush()
            await record(
                session,
                SYSTEM,
                organization_id=org.id,
                action="project.create",
                resource_type="project",
                resource_id=project.id,
                project_id=project.id,
                summary={"after": {"name": project.name}},
            )
            await record(
                session,
                SYSTEM,
                organization_id=org.id,
                action="user.add",
                resource_type="user",
                resource_id=user.id,
                summary={"after": {"email": email, "role": Role.ADMIN.value, "superuser": True}},
            )
    except IntegrityError:
        # Another instance sharing this database may have made the first admin at the same moment.
        if await _has_users(db):
            return None
        raise
    return FirstAdmin(email, None if configured else password, org.id, project.id)
