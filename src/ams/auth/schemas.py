"""API shapes of tenancy and access."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    SecretStr,
    StringConstraints,
    field_validator,
)

from ams.auth.roles import Role
from ams.auth.secrets import MIN_PASSWORD_LENGTH

Name = Field(min_length=1, max_length=200)

# Self-hosted installations use internal domains (.local, .internal, .corp) that strict validators reject, so
# an address is checked for shape only and kept in lower case.
EmailAddress = Annotated[
    str,
    StringConstraints(strip_whitespace=True, max_length=320, pattern=r"^[^@\s]+@[^@\s]+$"),
    AfterValidator(str.lower),
]


class LoginRequest(BaseModel):
    email: EmailAddress
    password: SecretStr


class TokenResponse(BaseModel):
    access_token: str
    token_type: str = "bearer"
    expires_at: datetime


class MembershipPublic(BaseModel):
    organization_id: str
    organization_name: str
    role: Role


class UserPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    email: str
    name: str
    is_superuser: bool
    is_active: bool
    created_at: datetime


class MePublic(UserPublic):
    memberships: list[MembershipPublic]


class PrincipalPublic(BaseModel):
    """What `GET /auth/me` says of an API key caller."""

    kind: str
    id: str
    organization_id: str | None
    project_id: str | None
    agent_id: str | None
    role: Role | None


class MemberPublic(UserPublic):
    organization_id: str
    role: Role
    invitation_pending: bool = False


class UserCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    email: EmailAddress
    name: str = Field("", max_length=200)
    organization_id: str
    role: Role = Role.VIEWER
    password: SecretStr | None = Field(
        None,
        description="Set it now; leave out to invite: the answer then carries a one-time invitation token.",
    )

    @field_validator("password")
    @classmethod
    def _long_enough(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and len(value.get_secret_value()) < MIN_PASSWORD_LENGTH:
            raise ValueError(f"must be at least {MIN_PASSWORD_LENGTH} characters")
        return value


class UserCreated(MemberPublic):
    invitation_token: str | None = Field(None, description="Shown this once: the invitee sets a password with it.")


class MembershipUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    organization_id: str
    role: Role


class InvitationAccept(BaseModel):
    token: str = Field(min_length=10)
    password: SecretStr

    @field_validator("password")
    @classmethod
    def _long_enough(cls, value: SecretStr) -> SecretStr:
        if len(value.get_secret_value()) < MIN_PASSWORD_LENGTH:
            raise ValueError(f"must be at least {MIN_PASSWORD_LENGTH} characters")
        return value


class OrganizationCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Name
    slug: str | None = Field(None, pattern=r"^[a-z0-9][a-z0-9-]{0,98}$")


class OrganizationUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Name


class OrganizationPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    name: str
    slug: str
    created_at: datetime
    role: Role | None = None


class ProjectCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    organization_id: str | None = Field(None, description="Defaults to your only organization.")
    name: str = Name
    slug: str | None = Field(None, pattern=r"^[a-z0-9][a-z0-9-]{0,98}$")
    description: str = Field("", max_length=2000)


class ProjectUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str | None = Field(None, min_length=1, max_length=200)
    description: str | None = Field(None, max_length=2000)


class ProjectPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    organization_id: str
    name: str
    slug: str
    description: str
    created_at: datetime


class ApiKeyCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    project_id: str | None = Field(None, description="A project key: give the project and a role.")
    role: Role | None = None
    agent_id: str | None = Field(None, description="An agent key: bound to this agent, acting as it.")
    name: str = Field("", max_length=200)
    expires_at: datetime | None = None
    expires_in_days: float | None = Field(None, gt=0, le=3650)

    @field_validator("expires_at")
    @classmethod
    def _aware(cls, value: datetime | None) -> datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("must carry a timezone, e.g. 2027-01-01T00:00:00Z")
        return value


class ApiKeyPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    organization_id: str
    project_id: str
    agent_id: str | None
    role: Role | None
    name: str
    prefix: str
    created_by: str | None
    created_at: datetime
    expires_at: datetime | None
    revoked_at: datetime | None
    last_used_at: datetime | None


class ApiKeyCreated(ApiKeyPublic):
    key: str = Field(description="The secret key, shown this once; AMS keeps only its hash.")
