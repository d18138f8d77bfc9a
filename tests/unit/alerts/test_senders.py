"""Webhook signatures a receiver can check with the standard library."""

import hashlib
import hmac

from ams.alerts.senders import headline, sign


def test_the_signature_is_an_hmac_of_timestamp_and_body():
    body = b'{"event":"alert.fired"}'
    expected = hmac.new(b"whsec_k", b"1700000000." + body, hashlib.sha256).hexdigest()
    assert sign("whsec_k", "1700000000", body) == f"sha256={expected}"
    assert sign("whsec_k", "1700000001", body) != sign("whsec_k", "1700000000", body)


def test_headline_says_severity_title_and_event():
    payload = {"event": "alert.resolved", "alert": {"severity": "critical", "title": "Low TSR: bot"}}
    assert headline(payload) == "[CRITICAL] Low TSR: bot (resolved)"
