"""Semantic version numbers (semver.org 2.0.0). Pure."""

from __future__ import annotations

import re

# The regular expression semver.org publishes for valid versions.
SEMVER = re.compile(
    r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
    r"(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
    r"(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$"
)


def check_semver(version: str) -> str:
    if not SEMVER.match(version):
        raise ValueError(f"{version!r} is not a semantic version such as 1.4.0 or 2.0.0-rc.1")
    return version
