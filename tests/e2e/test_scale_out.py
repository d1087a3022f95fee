"""Two Rasa servers sharing a PostgreSQL tracker store and a Redis lock store serve one conversation.

This is the many-machines path (README "Scaling out"): stateless Rasa processes behind a load balancer,
state in PostgreSQL, per-conversation locks in Redis, stateless action servers.
"""
from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
import requests

from tests.conftest import throwaway_postgres_database
from tests.e2e.conftest import Assistant, free_port
from trackers.cached import DEFAULT_WINDOW_TURNS

pytestmark = pytest.mark.e2e

REDIS_HOST, REDIS_PORT = os.environ.get("REDIS_HOST", "127.0.0.1"), int(os.environ.get("REDIS_PORT", "6379"))


@pytest.fixture(scope="module")
def shared_state(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    try:
        redis.Redis(host=REDIS_HOST, port=REDIS_PORT, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:
        pytest.skip(f"Redis is not reachable at {REDIS_HOST}:{REDIS_PORT} ({exc}); .ci/run starts one in CI")
    with throwaway_postgres_database("tracker") as url:
        endpoints = tmp_path_factory.mktemp("scale") / "endpoints.yml"
        endpoints.write_text(
            "action_endpoint:\n  url: http://${ACTION_HOST}:${ACTION_PORT}/webhook\n"
            "tracker_store:\n  type: trackers.store.ForgetfulSQLTrackerStore\n"
            f"  dialect: postgresql\n  url: {url.host}\n  port: {url.port or 5432}\n"
            f"  db: {url.database}\n  username: {url.username or 'postgres'}\n"
            f"lock_store:\n  type: redis\n  url: {REDIS_HOST}\n  port: {REDIS_PORT}\n  key_prefix: {url.database}\n"
        )
        yield endpoints


def test_turns_alternating_between_two_servers_keep_one_continuous_conversation(assistant: Assistant, shared_state: Path) -> None:
    servers = []
    try:
        for index in range(2):
            server = Assistant(workdir=assistant.workdir, env=assistant.env, rasa_port=free_port(), action_port=assistant.action_port,
                               endpoints=shared_state, name=f"rasa-{index}")
            server.start_rasa()
            servers.append(server)
        sender = f"scale-{uuid.uuid4().hex[:8]}"
        # Past the window: after 8 turns each server's copy in memory is cut (trackers/window.py), and every
        # turn must still reach the shared database and be caught up by the other server.
        turns = [
            "my brother refuses to get help",
            "he argues that therapy is a scam and a waste of money",
            "why?",
            "how do i bring it up with him",
            "he drinks a lot",
            "thanks",
            "i'm completely drained",
            "how do i set boundaries without being cruel",
            "am i enabling him?",
            "why does he resist help so much",
            "what can i say to him",
            "thank you, that really helps",
        ]
        assert len(turns) > 2 * DEFAULT_WINDOW_TURNS + 2
        for index, message in enumerate(turns):
            replies = servers[index % 2].say(sender, message)
            assert replies, f"no reply to turn {index + 1} from server {index % 2}"
        tracker = servers[0].tracker(sender)
        said = [e["text"] for e in tracker["events"] if e.get("event") == "user"]
        assert said == turns
        assert tracker["slots"]["relationship"] == "sibling"
        assert tracker["slots"]["resistance_form"] == "intellectual"
        assert tracker["slots"]["concern"] == "substance_use"
        assert servers[1].tracker(sender)["events"] == tracker["events"]
    finally:
        for server in servers:
            server.stop(server.name)


def test_deleting_a_conversation_on_the_shared_postgresql_store_leaves_none_of_its_events(
    assistant: Assistant, shared_state: Path
) -> None:
    server = Assistant(workdir=assistant.workdir, env=assistant.env, rasa_port=free_port(), action_port=assistant.action_port,
                       endpoints=shared_state, name="rasa-privacy")
    try:
        server.start_rasa()
        sender, other = f"forget-{uuid.uuid4().hex[:8]}", f"keep-{uuid.uuid4().hex[:8]}"
        for who in (sender, other):
            server.say(who, "my sister refuses to get help")
        kept = server.tracker(other)["events"]

        gone = requests.delete(f"{server.url}/privacy/conversations/{sender}", params={"token": server.token}, timeout=30)

        assert gone.status_code == 200, gone.text
        assert gone.json()["deleted"]["events"] > 0
        assert [e for e in server.tracker(sender)["events"] if e["event"] == "user"] == []
        assert server.tracker(other)["events"] == kept
    finally:
        server.stop(server.name)
