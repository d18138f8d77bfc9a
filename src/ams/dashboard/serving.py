"""Serving the built dashboard at `/`, with the fallback a single-page app needs.

Any GET of a path that is not AMS's own (`/api`, `/v1`, `/docs`, `/redoc`, `/openapi.json`, `/metrics`) answers the
app's index.html, so a bookmarked `/agents/agt_…` loads the app, which then routes itself. Hashed assets under
`/assets/` never change under a name: they are cached for a year, and sent gzipped (from the `.gz` twin the build
writes) to browsers that accept it; index.html is revalidated on every load, so a new release is picked up at
once. AMS's own paths keep their answers, 404 and 405 included.

When the dashboard was not built (AMS installed from a checkout without npm), `/` says how to build it.
"""

from __future__ import annotations

import html
import mimetypes
from pathlib import Path

from fastapi import FastAPI
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, Response
from starlette.routing import Match, Route
from starlette.types import Scope

STATIC_DIR = Path(__file__).parent / "static"
RESERVED = frozenset({"api", "v1", "docs", "redoc", "openapi.json", "metrics"})
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"


def _reserved(path: str) -> bool:
    return path.lstrip("/").split("/", 1)[0] in RESERVED


class _DashboardRoute(Route):
    """Matches every path but AMS's own, so those keep their 404s and 405s."""

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        if scope["type"] == "http" and _reserved(scope["path"]):
            return Match.NONE, {}
        return super().matches(scope)


def _inside(root: Path, relative: str) -> Path | None:
    """The file at `relative` under `root`, or None when there is none or the path leaves `root`."""
    candidate = (root / relative).resolve()
    if candidate.is_file() and candidate.is_relative_to(root):
        return candidate
    return None


def _asset_response(asset: Path, accept_encoding: str) -> FileResponse:
    headers = {"Cache-Control": IMMUTABLE, "Vary": "Accept-Encoding"}
    gzipped = asset.with_name(asset.name + ".gz")
    if "gzip" in accept_encoding and gzipped.is_file():
        media_type = mimetypes.guess_type(asset.name)[0] or "application/octet-stream"
        return FileResponse(gzipped, media_type=media_type, headers={**headers, "Content-Encoding": "gzip"})
    return FileResponse(asset, headers=headers)


def install_dashboard(app: FastAPI, static_dir: Path = STATIC_DIR) -> None:
    """Serve the dashboard from `static_dir`. Call after every API router is included: this route matches last."""
    root = static_dir.resolve()
    index = root / "index.html"

    async def dashboard(request: Request) -> Response:
        if not index.is_file():
            return HTMLResponse(
                _NOT_BUILT.format(dir=html.escape(str(static_dir))), headers={"Cache-Control": REVALIDATE}
            )
        relative = request.path_params["path"]
        if relative.startswith("assets/"):
            asset = _inside(root, relative)
            # A missing hashed asset is a 404, never index.html: the browser would try to run HTML as a script.
            if asset is None:
                return Response("not found", status_code=404, media_type="text/plain")
            return _asset_response(asset, request.headers.get("accept-encoding", ""))
        found = _inside(root, relative) if relative else None
        if found is not None and found != index:
            return FileResponse(found, headers={"Cache-Control": "public, max-age=3600"})
        return FileResponse(index, headers={"Cache-Control": REVALIDATE})

    app.router.routes.append(
        _DashboardRoute("/{path:path}", dashboard, methods=["GET", "HEAD"], include_in_schema=False, name="dashboard")
    )


_NOT_BUILT = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>AMS</title>
<style>body{{font:15px/1.5 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#1f2937}}
code{{background:#f3f4f6;padding:.1rem .3rem;border-radius:4px}}</style></head>
<body><h1>AMS is running, but its dashboard was not built</h1>
<p>The API works: see <a href="/docs">/docs</a>.
To build the dashboard from a clone of AMS (Node.js 20.19 or newer):</p>
<pre><code>make web        # or: cd web &amp;&amp; npm ci &amp;&amp; npm run build</code></pre>
<p>then restart AMS. <code>make run</code> does both. The built files go to <code>{dir}</code>.</p>
</body></html>
"""
