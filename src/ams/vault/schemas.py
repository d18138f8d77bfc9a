"""API shapes of the vault: secrets go in, only metadata comes out."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, SecretStr, model_validator


class CredentialType(StrEnum):
    API_KEY = "api_key"
    OAUTH_TOKEN = "oauth_token"
    WEBHOOK_SECRET = "webhook_secret"
    BASIC_AUTH = "basic_auth"


# The secret fields each type needs (first tuple) and may have (second).
FIELDS: dict[CredentialType, tuple[tuple[str, ...], tuple[str, ...]]] = {
    CredentialType.API_KEY: (("key",), ()),
    CredentialType.OAUTH_TOKEN: (("access_token",), ("refresh_token", "token_type", "scope")),
    CredentialType.WEBHOOK_SECRET: (("secret",), ()),
    CredentialType.BASIC_AUTH: (("username", "password"), ()),
}
_ALL_FIELDS = {f for required, optional in FIELDS.values() for f in (*required, *optional)}


class CredentialPut(BaseModel):
    """A secret to store. Give `type` and that type's fields; nothing of it is ever returned."""

    model_config = ConfigDict(extra="forbid")

    type: CredentialType
    key: SecretStr | None = None
    access_token: SecretStr | None = None
    refresh_token: SecretStr | None = None
    token_type: str | None = Field(None, max_length=50)
    scope: str | None = Field(None, max_length=1000)
    secret: SecretStr | None = None
    username: str | None = Field(None, max_length=500)
    password: SecretStr | None = None
    expires_at: datetime | None = None

    @model_validator(mode="after")
    def _fields_of_type(self) -> CredentialPut:
        required, optional = FIELDS[self.type]
        for name in required:
            value = getattr(self, name)
            text = value.get_secret_value() if isinstance(value, SecretStr) else value
            if not text:
                raise ValueError(f"{name} is required for a {self.type.value} credential")
        for name in _ALL_FIELDS - set(required) - set(optional):
            if getattr(self, name) is not None:
                raise ValueError(f"{name} is not a field of a {self.type.value} credential")
        if self.expires_at is not None and self.expires_at.tzinfo is None:
            raise ValueError("expires_at must carry a timezone")
        return self

    def secret_fields(self) -> dict[str, Any]:
        required, optional = FIELDS[self.type]
        out: dict[str, Any] = {}
        for name in (*required, *optional):
            value = getattr(self, name)
            if value is not None:
                out[name] = value.get_secret_value() if isinstance(value, SecretStr) else value
        return out


class CredentialPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    name: str
    type: CredentialType
    created_at: datetime
    updated_at: datetime
    expires_at: datetime | None
    last_used_at: datetime | None
