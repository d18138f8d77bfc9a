"""Passwords (argon2id) and bearer secrets (login tokens, API keys).

Bearer secrets are 256-bit random strings, so a fast SHA-256 is enough to store them safely; argon2 is kept for
passwords, which people choose.
"""

from __future__ import annotations

import hashlib
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

API_KEY_PREFIX = "ams_"
KEY_PREFIX_LENGTH = 12  # what lists show: "ams_" and 8 characters
MIN_PASSWORD_LENGTH = 8

_hasher = PasswordHasher()
# Verifying against this when the email is unknown keeps login time the same whether or not the user exists.
_DECOY_HASH = _hasher.hash("ams-decoy-password")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _DECOY_HASH, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def new_api_key() -> str:
    return API_KEY_PREFIX + secrets.token_urlsafe(32)


def new_session_token() -> str:
    return secrets.token_urlsafe(32)


def new_password() -> str:
    return secrets.token_urlsafe(12)


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def is_api_key(token: str) -> bool:
    return token.startswith(API_KEY_PREFIX)
