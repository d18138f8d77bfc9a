"""Times in the native batch: every form a client may send lands on the microsecond it means."""

import pytest

from ams.telemetry.native import to_micros


@pytest.mark.parametrize(
    ("sent", "micros"),
    [
        (1.1, 1_100_000),  # 1.0999999… as a float: rounded, not truncated
        (1796304896.1, 1_796_304_896_100_000),
        (1796304896341.961, 1_796_304_896_341_961),  # milliseconds
        (1796304896341961, 1_796_304_896_341_961),  # microseconds
        (1796304896341961000, 1_796_304_896_341_961),  # nanoseconds
        ("2026-01-01T00:00:00.123456Z", 1_767_225_600_123_456),
        ("2026-01-01T01:00:00.000001+01:00", 1_767_225_600_000_001),
    ],
)
def test_each_form_of_time_gives_its_exact_microsecond(sent, micros):
    assert to_micros(sent, "start_time") == micros


def test_a_100_ms_span_sent_in_float_seconds_lasts_100_ms():
    start = 1796304896.341961
    assert to_micros(start + 0.1, "end_time") - to_micros(start, "start_time") == 100_000
