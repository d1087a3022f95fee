"""Fuzz the REST webhook: thousands of generated requests, and never a 5xx."""
from __future__ import annotations

import json

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.e2e.conftest import Assistant

pytestmark = pytest.mark.e2e

texts = st.text(max_size=300) | st.sampled_from(["", " ", "\x00", "😭" * 50, "<script>x</script>", "' OR 1=1 --", "a" * 5000])
senders = st.text(min_size=1, max_size=40) | st.integers().map(str)
json_bodies = st.fixed_dictionaries({"sender": senders, "message": texts}) | st.dictionaries(st.text(max_size=10), st.text(max_size=20))
raw_bodies = st.binary(max_size=300)
bodies = json_bodies.map(lambda b: json.dumps(b).encode()) | raw_bodies


@pytest.fixture(scope="module")
def session() -> requests.Session:
    return requests.Session()


@settings(max_examples=2000, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(body=bodies)
def _no_server_error(assistant: Assistant, session: requests.Session, body: bytes) -> None:
    response = session.post(f"{assistant.url}/webhooks/rest/webhook", data=body, timeout=60)
    assert response.status_code < 500, (body[:200], response.status_code, response.text[:300])


def test_two_thousand_generated_requests_get_no_server_error(assistant: Assistant, session: requests.Session) -> None:
    _no_server_error(assistant, session)
    assert assistant.say("after-fuzz", "hello")
