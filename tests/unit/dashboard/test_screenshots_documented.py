"""The README shows the dashboard: every screenshot the end-to-end run takes is in it, and each one it shows exists."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
README = (ROOT / "README.md").read_text()
E2E = "".join(path.read_text() for path in sorted((ROOT / "tests" / "e2e").glob("test_*.py")))


def test_every_screenshot_taken_is_shown_and_exists():
    taken = set(re.findall(r'screenshot\(page, "([a-z-]+)"\)', E2E))
    shown = set(re.findall(r"\(docs/screenshots/([a-z-]+)\.png\)", README))
    assert taken and taken == shown
    for name in shown:
        assert (ROOT / "docs" / "screenshots" / f"{name}.png").is_file(), name
