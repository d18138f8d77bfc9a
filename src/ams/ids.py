"""Opaque, time-ordered identifiers such as `agt_01JD3X8Q2N4M5K6P7R8S9T0V1W`.

Ids sort by creation time (48-bit milliseconds, then 80 random bits, Crockford base32), so keyset pagination
by id follows creation order and index inserts stay local.
"""

import os
import time

_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def new_id(prefix: str) -> str:
    value = (int(time.time() * 1000) << 80) | int.from_bytes(os.urandom(10), "big")
    chars = []
    for _ in range(26):
        chars.append(_ALPHABET[value & 31])
        value >>= 5
    return f"{prefix}_{''.join(reversed(chars))}"
