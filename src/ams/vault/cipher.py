"""AES-GCM encryption of secrets at rest. Pure apart from reading or creating the key file.

Each secret is sealed with a fresh 96-bit nonce and bound, as associated data, to the row it belongs to, so a
ciphertext copied onto another row fails to open.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

KEY_BYTES = 32
NONCE_BYTES = 12
KEY_FILE_NAME = "secret.key"


class VaultKeyError(Exception):
    """The vault key is missing, malformed, or not the one a secret was sealed with."""


class Cipher:
    def __init__(self, key: bytes) -> None:
        if len(key) != KEY_BYTES:
            raise VaultKeyError(f"the vault key must be {KEY_BYTES} bytes, got {len(key)}")
        self._aead = AESGCM(key)
        # Identifies the key without revealing it, so a secret sealed under another key fails with a clear error.
        self.key_id = hashlib.sha256(b"ams-vault-key-id" + key).hexdigest()[:16]

    def seal(self, plaintext: bytes, associated_data: str) -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        return nonce + self._aead.encrypt(nonce, plaintext, associated_data.encode())

    def open(self, sealed: bytes, associated_data: str) -> bytes:
        try:
            return self._aead.decrypt(sealed[:NONCE_BYTES], sealed[NONCE_BYTES:], associated_data.encode())
        except InvalidTag as exc:
            raise VaultKeyError("a secret failed its integrity check: wrong key or tampered row") from exc


def decode_key(text: str) -> bytes:
    try:
        key = base64.b64decode(text.strip(), validate=True)
    except (binascii.Error, ValueError) as exc:
        raise VaultKeyError("AMS_SECRET_KEY must be base64 of 32 random bytes") from exc
    if len(key) != KEY_BYTES:
        raise VaultKeyError(f"AMS_SECRET_KEY must decode to {KEY_BYTES} bytes, got {len(key)}")
    return key


def load_or_create_key(configured: str | None, data_dir: Path) -> bytes:
    """The configured key, else the one in the data dir, else a new one written there readable by owner only."""
    if configured:
        return decode_key(configured)
    path = data_dir / KEY_FILE_NAME
    if path.exists():
        return decode_key(path.read_text())
    data_dir.mkdir(parents=True, exist_ok=True)
    key = os.urandom(KEY_BYTES)
    # O_EXCL: when two processes start together, one creates the file and the other reads it.
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return decode_key(path.read_text())
    with os.fdopen(fd, "w") as handle:
        handle.write(base64.b64encode(key).decode() + "\n")
    return key
