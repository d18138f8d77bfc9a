import base64
import stat

import pytest

from ams.vault.cipher import Cipher, VaultKeyError, decode_key, load_or_create_key


def test_seal_and_open_roundtrip_bound_to_its_row():
    cipher = Cipher(b"k" * 32)
    sealed = cipher.seal(b"s3cret", "org/agent/a1/token")
    assert b"s3cret" not in sealed
    assert cipher.open(sealed, "org/agent/a1/token") == b"s3cret"
    with pytest.raises(VaultKeyError):
        cipher.open(sealed, "org/agent/a2/token")  # copied onto another row


def test_nonces_differ():
    cipher = Cipher(b"k" * 32)
    assert cipher.seal(b"x", "a") != cipher.seal(b"x", "a")


def test_wrong_key_fails_clearly():
    sealed = Cipher(b"a" * 32).seal(b"x", "row")
    with pytest.raises(VaultKeyError, match="wrong key"):
        Cipher(b"b" * 32).open(sealed, "row")


def test_key_file_is_created_owner_only_and_reused(tmp_path):
    key = load_or_create_key(None, tmp_path)
    path = tmp_path / "secret.key"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_or_create_key(None, tmp_path) == key


def test_configured_key_wins_and_is_checked(tmp_path):
    configured = base64.b64encode(b"z" * 32).decode()
    assert load_or_create_key(configured, tmp_path) == b"z" * 32
    assert not (tmp_path / "secret.key").exists()
    with pytest.raises(VaultKeyError, match="32 bytes"):
        decode_key(base64.b64encode(b"short").decode())
    with pytest.raises(VaultKeyError, match="base64"):
        decode_key("not base64!!")
