"""The SDK stands alone: importing it and its integrations brings no module of the AMS server."""

from __future__ import annotations

import subprocess
import sys

CHECK = """
import sys
import ams_sdk
import ams_sdk.integrations.langchain
import ams_sdk.integrations.crewai
server = sorted(m for m in sys.modules if m == "ams" or m.startswith("ams."))
print(",".join(server))
"""


def test_importing_the_sdk_and_its_integrations_loads_no_server_module() -> None:
    done = subprocess.run([sys.executable, "-c", CHECK], capture_output=True, text=True, timeout=300,
                          env={"CREWAI_DISABLE_TELEMETRY": "true", "PATH": ""})  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""
