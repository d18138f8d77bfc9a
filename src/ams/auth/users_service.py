"""Users and their roles in organizations: create or invite, list members, change a role, remove."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from ams.auth import schemas
from ams.auth.login_service import user_principal
from ams.auth.models import Invitation, Membership, Organization, User
from ams.auth.principal import Principal
from ams.auth.roles import Permission, Role
from ams.auth.secrets import digest, hash_password, new_session_token
from ams.db.base import utcnow
from ams.db.engine import Database
from ams.errors import Conflict, InvalidInput, NotFound, Unauthenticated
from ams.governance.audit_service import SYSTEM, Actor, record
from ams.ids import new_id

INVITATION_TTL = timedelta(days=7)


def _member(user: User, membership: Membership, pending: bool = False) -> schemas.MemberPublic:
    return schemas.MemberPublic(
        **schemas.UserPublic.model_validate(user).model_dump(),
        organization_id=membership.organization_id,
        role=Role(membership.role),
        invitation_pending=pending,
    )


async def _require_org(session: AsyncSession, principal: Principal, org_id: str, permission: Permission) -> None:
    org = await session.get(Organization, org_id)
    if org is None:
        raise NotFound(f"organization {org_id} not found")
    principal.require(permission, org_id, what="organization")


async def create_user(db: Database, principal: Principal, data: schemas.UserCreate) -> schemas.UserCreated:
    email = data.email.lower()
    async with db.write() as session:
        await _require_org(session, principal, data.organization_id, Permission.USER_MANAGE)
        user = (await session.execute(select(User).where(User.email == email))).scalar_one_or_none()
        invitation_token = None
        if user is None:
            user = User(
                id=new_id("usr"),
                email=email,
                name=data.name,
                password_hash=hash_password(data.password.get_secret_value()) if data.password else None,
            )
            session.add(user)
            await session.flush()  # rows that point at the user come after it
            if data.password is None:
                invitation_token = new_session_token()
                session.add(
                    Invitation(
                        id=new_id("inv"),
                        user_id=user.id,
                        token_hash=digest(invitation_token),
                        expires_at=utcnow() + INVITATION_TTL,
                    )
                )
        elif await session.get(Membership, (user.id, data.organization_id)):
            raise Conflict(f"{email} is already a member of this organization", errors=[])
        membership = Membership(user_id=user.id, organization_id=data.organization_id, role=data.role.value)
        session.add(membership)
        await session.flush()
        await record(
            session,
            Actor.of(principal),
            organization_id=data.organization_id,
            action="user.invite" if invitation_token else "user.add",
            resource_type="user",
            resource_id=user.id,
            summary={"after": {"email": email, "role": data.role.value}},
        )
        member = _member(user, membership, pending=user.password_hash is None)
        return schemas.UserCreated(**member.model_dump(), invitation_token=invitation_token)


async def list_members(db: Database, principal: Principal, organization_id: str) -> list[schemas.MemberPublic]:
    async with db.read() as session:
        await _require_org(session, principal, organization_id, Permission.READ)
        rows = await session.execute(
            select(User, Membership)
            .join(Membership, Membership.user_id == User.id)
            .where(Membership.organization_id == organization_id)
            .order_by(User.email)
        )
        return [_member(user, m, pending=user.password_hash is None) for user, m in rows.all()]


async def _admins_left(session: AsyncSession, organization_id: str, excluding: str) -> int:
    query = select(func.count()).where(
        Membership.organization_id == organization_id,
        Membership.role == Role.ADMIN.value,
        Membership.user_id != excluding,
    )
    return int((await session.execute(query)).scalar_one())


async def _membership(session: AsyncSession, principal: Principal, user_id: str, organization_id: str) -> Membership:
    await _require_org(session, principal, organization_id, Permission.USER_MANAGE)
    membership = await session.get(Membership, (user_id, organization_id))
    if membership is None:
        raise NotFound(f"user {user_id} is not a member of organization {organization_id}")
    return membership


async def update_role(
    db: Database, principal: Principal, user_id: str, data: schemas.MembershipUpdate
) -> schemas.MemberPublic:
    async with db.write() as session:
        membership = await _membership(session, principal, user_id, data.organization_id)
        before = membership.role
        if before == Role.ADMIN.value and data.role is not Role.ADMIN:
            if not await _admins_left(session, data.organization_id, user_id):
                raise Conflict("the organization's last admin cannot lose the role; make another admin first")
        membership.role = data.role.value
        await record(
            session,
            Actor.of(principal),
            organization_id=data.organization_id,
            action="user.role_change",
            resource_type="user",
            resource_id=user_id,
            summary={"before": {"role": before}, "after": {"role": data.role}},
        )
        user = await session.get_one(User, user_id)
        return _member(user, membership, pending=user.password_hash is None)


async def remove_member(db: Database, principal: Principal, user_id: str, organization_id: str) -> None:
    async with db.write() as session:
        membership = await _membership(session, principal, user_id, organization_id)
        if membership.role == Role.ADMIN.value and not await _admins_left(session, organization_id, user_id):
            raise Conflict("the organization's last admin cannot be removed")
        await session.delete(membership)
        await record(
            session,
            Actor.of(principal),
            organization_id=organization_id,
            action="user.remove",
            resource_type="user",
            resource_id=user_id,
            summary={"before": {"role": membership.role}},
        )


async def accept_invitation(db: Database, token: str, password: str) -> schemas.UserPublic:
    async with db.write() as session:
        invitation = (
            await session.execute(select(Invitation).where(Invitation.token_hash == digest(token)))
        ).scalar_one_or_none()
        if invitation is None or invitation.accepted_at is not None:
            raise Unauthenticated("unknown or already used invitation")
        if invitation.expires_at <= utcnow():
            raise Unauthenticated("this invitation expired; ask for a new one")
        user = await session.get_one(User, invitation.user_id)
        user.password_hash = hash_password(password)
        invitation.accepted_at = utcnow()
        principal = await user_principal(session, user)
        for org_id in principal.memberships:
            await record(
                session,
                Actor("user", user.id, user.email),
                organization_id=org_id,
                action="user.accept_invitation",
                resource_type="user",
                resource_id=user.id,
            )
        return schemas.UserPublic.model_validate(user)


async def me(db: Database, principal: Principal) -> schemas.MePublic:
    async with db.read() as session:
        user = await session.get(User, principal.user_id) if principal.user_id else None
        if user is None:
            raise NotFound("this caller is not a user")
        orgs = {
            o.id: o.name
            for o in (
                await session.execute(select(Organization).where(Organization.id.in_(list(principal.memberships))))
            ).scalars()
        }
        memberships = [
            schemas.MembershipPublic(organization_id=org_id, organization_name=orgs.get(org_id, ""), role=role)
            for org_id, role in principal.memberships.items()
        ]
        return schemas.MePublic(**schemas.UserPublic.model_validate(user).model_dump(), memberships=memberships)


async def create_user_directly(
    db: Database,
    *,
    email: str,
    password: str,
    name: str = "",
    organization_id: str | None = None,
    role: Role = Role.ADMIN,
    superuser: bool = False,
) -> User:
    """For `ams admin create-user`: a user with a password, outside any request. Audited as the system."""
    email = email.lower()
    async with db.write() as session:
        if (await session.execute(select(User.id).where(User.email == email))).first():
            raise Conflict(f"a user with email {email} exists", errors=[])
        if organization_id and await session.get(Organization, organization_id) is None:
            raise InvalidInput.on("organization", f"no organization {organization_id}")
        user = User(
            id=new_id("usr"),
            email=email,
            name=name,
            password_hash=hash_password(password),
            is_superuser=superuser,
        )
        session.add(user)
        await session.flush()
        if organization_id:
            session.add(Membership(user_id=user.id, organization_id=organization_id, role=role.value))
            await session.flush()
            await record(
                session,
                SYSTEM,
                organization_id=organization_id,
                action="user.add",
                resource_type="user",
                resource_id=user.id,
                summary={"after": {"email": email, "role": role.value, "superuser": superuser}},
            )
        return user
