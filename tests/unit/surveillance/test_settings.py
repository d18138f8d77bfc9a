"""The surveillance settings refuse a release score that would quarantine a released agent again at once."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from ams.settings import SurveillanceSettings


def test_a_release_score_must_be_above_the_quarantine_score():
    assert SurveillanceSettings(release_score=50, quarantine_score=20).release_score == 50
    with pytest.raises(ValidationError, match="release_score"):
        SurveillanceSettings(release_score=20, quarantine_score=20)
