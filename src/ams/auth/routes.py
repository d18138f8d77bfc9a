"""HTTP doors of tenancy and access: login, organizations, projects, users and API keys."""

from __future__ import annotations

from datetime import timedelta

from fastapi import APIRouter, Query, Response

from ams.auth import keys_service, login_service, schemas, tenancy_service, users_service
from ams.auth.principal import PrincipalKind
from ams.auth.roles import Permission
from ams.http.deps import DEFAULT_PAGE, BearerToken, ContextDep, CurrentPrincipal, Cursor, DbDep, Limit
from ams.http.pagination import Page
from ams.http.permissions import ANY_LOGIN, PUBLIC, declares, installation_admin, requires

router = APIRouter(prefix="/api/v1")


@router.post("/auth/login", tags=["auth"], **declares(PUBLIC))
async def login(data: schemas.LoginRequest, context: ContextDep) -> schemas.TokenResponse:
    """Exchange an email and password for a bearer token."""
    ttl = timedelta(hours=context.settings.security.session_ttl_hours)
    result = await login_service.login(context.db, data.email, data.password.get_secret_value(), ttl)
    return schemas.TokenResponse(access_token=result.token, expires_at=result.expires_at)


@router.post("/auth/logout", status_code=204, tags=["auth"], **declares(ANY_LOGIN))
async def logout(token: BearerToken, principal: CurrentPrincipal, db: DbDep) -> Response:
    """End this login token's session."""
    await login_service.logout(db, token)
    return Response(status_code=204)


@router.get("/auth/me", tags=["auth"])
async def me(principal: CurrentPrincipal, db: DbDep) -> schemas.MePublic | schemas.PrincipalPublic:
    """Who the bearer is: a user with their memberships, or an API key with its scope."""
    if principal.kind is PrincipalKind.USER:
        return await users_service.me(db, principal)
    return schemas.PrincipalPublic(
        kind=principal.kind.value,
        id=principal.id,
        organization_id=principal.organization_id,
        project_id=principal.project_id,
        agent_id=principal.agent_id,
        role=principal.key_role,
    )


@router.post("/auth/accept-invitation", tags=["auth"], **declares(PUBLIC))
async def accept_invitation(data: schemas.InvitationAccept, db: DbDep) -> schemas.UserPublic:
    """Set a password with an invitation token; then log in as usual."""
    return await users_service.accept_invitation(db, data.token, data.password.get_secret_value())


@router.get("/organizations", tags=["organizations"])
async def list_organizations(principal: CurrentPrincipal, db: DbDep) -> list[schemas.OrganizationPublic]:
    """The organizations you belong to, with your role in each."""
    return await tenancy_service.list_organizations(db, principal)


@router.post("/organizations", status_code=201, tags=["organizations"], **installation_admin())
async def create_organization(
    data: schemas.OrganizationCreate, principal: CurrentPrincipal, db: DbDep
) -> schemas.OrganizationPublic:
    """Create an organization (the installation's administrator only); you become its admin."""
    return await tenancy_service.create_organization(db, principal, data)


@router.get("/organizations/{organization_id}", tags=["organizations"])
async def read_organization(organization_id: str, principal: CurrentPrincipal, db: DbDep) -> schemas.OrganizationPublic:
    """One organization."""
    return await tenancy_service.read_organization(db, principal, organization_id)


@router.patch("/organizations/{organization_id}", tags=["organizations"], **requires(Permission.ORG_MANAGE))
async def update_organization(
    organization_id: str, data: schemas.OrganizationUpdate, principal: CurrentPrincipal, db: DbDep
) -> schemas.OrganizationPublic:
    """Rename an organization (Admin)."""
    return await tenancy_service.update_organization(db, principal, organization_id, data)


@router.get("/projects", tags=["projects"])
async def list_projects(
    principal: CurrentPrincipal, db: DbDep, organization_id: str | None = None
) -> list[schemas.ProjectPublic]:
    """Projects you can see, optionally of one organization."""
    return await tenancy_service.list_projects(db, principal, organization_id)


@router.post("/projects", status_code=201, tags=["projects"], **requires(Permission.PROJECT_MANAGE))
async def create_project(data: schemas.ProjectCreate, principal: CurrentPrincipal, db: DbDep) -> schemas.ProjectPublic:
    """Create a project in an organization (Admin)."""
    return await tenancy_service.create_project(db, principal, data)


@router.get("/projects/{project_id}", tags=["projects"])
async def read_project(project_id: str, principal: CurrentPrincipal, db: DbDep) -> schemas.ProjectPublic:
    """One project."""
    return await tenancy_service.read_project(db, principal, project_id)


@router.patch("/projects/{project_id}", tags=["projects"], **requires(Permission.PROJECT_MANAGE))
async def update_project(
    project_id: str, data: schemas.ProjectUpdate, principal: CurrentPrincipal, db: DbDep
) -> schemas.ProjectPublic:
    """Rename or describe a project (Admin)."""
    return await tenancy_service.update_project(db, principal, project_id, data)


@router.delete("/projects/{project_id}", status_code=204, tags=["projects"], **requires(Permission.PROJECT_MANAGE))
async def delete_project(project_id: str, principal: CurrentPrincipal, db: DbDep) -> Response:
    """Delete an empty project (Admin); one that still holds agents is refused."""
    await tenancy_service.delete_project(db, principal, project_id)
    return Response(status_code=204)


@router.get("/users", tags=["users"])
async def list_users(
    principal: CurrentPrincipal, db: DbDep, organization_id: str | None = None
) -> list[schemas.MemberPublic]:
    """Members of an organization (your only one by default) with their roles."""
    org_id = tenancy_service.default_organization(principal, organization_id)
    return await users_service.list_members(db, principal, org_id)


@router.post("/users", status_code=201, tags=["users"], **requires(Permission.USER_MANAGE))
async def create_user(data: schemas.UserCreate, principal: CurrentPrincipal, db: DbDep) -> schemas.UserCreated:
    """Add a user to an organization with a role (Admin): with a password, or invited with a one-time token."""
    return await users_service.create_user(db, principal, data)


@router.patch("/users/{user_id}", tags=["users"], **requires(Permission.USER_MANAGE))
async def update_user_role(
    user_id: str, data: schemas.MembershipUpdate, principal: CurrentPrincipal, db: DbDep
) -> schemas.MemberPublic:
    """Change a member's role in an organization (Admin)."""
    return await users_service.update_role(db, principal, user_id, data)


@router.delete("/users/{user_id}", status_code=204, tags=["users"], **requires(Permission.USER_MANAGE))
async def remove_user(
    user_id: str, principal: CurrentPrincipal, db: DbDep, organization_id: str = Query(...)
) -> Response:
    """Remove a member from an organization (Admin)."""
    await users_service.remove_member(db, principal, user_id, organization_id)
    return Response(status_code=204)


@router.get("/api-keys", tags=["api-keys"])
async def list_api_keys(
    principal: CurrentPrincipal,
    db: DbDep,
    project_id: str | None = None,
    agent_id: str | None = None,
    include_revoked: bool = False,
    cursor: Cursor = None,
    limit: Limit = DEFAULT_PAGE,
) -> Page[schemas.ApiKeyPublic]:
    """API keys you can see, newest first, by prefix (the secret is never shown again)."""
    return await keys_service.list_keys(
        db,
        principal,
        project_id=project_id,
        agent_id=agent_id,
        include_revoked=include_revoked,
        cursor=cursor,
        limit=limit,
    )


@router.post(
    "/api-keys", status_code=201, tags=["api-keys"], **requires(Permission.AGENT_KEYS, Permission.PROJECT_KEYS)
)
async def create_api_key(data: schemas.ApiKeyCreate, principal: CurrentPrincipal, db: DbDep) -> schemas.ApiKeyCreated:
    """Make a project key ({project_id, role}) or an agent key ({agent_id}); the key is in this answer only."""
    return await keys_service.create_key(db, principal, data)


@router.delete("/api-keys/{key_id}", tags=["api-keys"], **requires(Permission.AGENT_KEYS, Permission.PROJECT_KEYS))
async def revoke_api_key(key_id: str, principal: CurrentPrincipal, db: DbDep) -> schemas.ApiKeyPublic:
    """Revoke a key: it stops working at once."""
    return await keys_service.revoke_key(db, principal, key_id)
