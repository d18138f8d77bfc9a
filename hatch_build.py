"""Builds the dashboard into the wheel: `pip install .` from a clone runs `npm ci && npm run build` in web/.

The built files (src/ams/dashboard/static/) are not in git; they enter the wheel as artifacts. Without npm the
wheel is still built, with the dashboard already built if it was, else without it (AMS then serves a page at /
saying how to build it). Editable installs (`make install`) skip this: `make web` builds into the source tree.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

WEB_INPUTS = ("src", "public", "index.html", "vite.config.ts", "tsconfig.json", "package.json", "package-lock.json")


def _newest(paths: list[Path]) -> float:
    return max(
        (f.stat().st_mtime for p in paths for f in ([p] if p.is_file() else p.rglob("*")) if f.is_file()), default=0.0
    )


class DashboardBuildHook(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        root = Path(self.root)
        web = root / "web"
        index = root / "src" / "ams" / "dashboard" / "static" / "index.html"
        if not (web / "package.json").is_file():
            return  # built from an sdist that carries the dashboard already built, or none
        npm = shutil.which("npm")
        fresh = index.is_file() and index.stat().st_mtime >= _newest([web / name for name in WEB_INPUTS])
        if fresh:
            return
        if npm is None:
            self.app.display_warning(
                "npm not found: this wheel carries no dashboard (AMS serves a page saying how to build it)"
            )
            return
        self.app.display_info("building the dashboard (npm ci && npm run build in web/)")
        subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=web, check=True)
        subprocess.run([npm, "run", "build"], cwd=web, check=True)
