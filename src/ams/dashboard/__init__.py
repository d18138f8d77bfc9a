"""The dashboard: the web app built from `web/` into `static/`, served by AMS at `/`."""
