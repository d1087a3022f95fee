"""Real servers for end-to-end tests: started once per test session, talking over HTTP."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

import pytest
import requests
import yaml

from contentdb.engine import make_engine
from contentdb.loader import load_content
from kernel.settings import REPO_ROOT
from scripts.credentials import write_credentials
from tests.conftest import CONTENT_DIR, migrate

MODEL = REPO_ROOT / "models" / "assistant.tar.gz"
BIN = Path(sys.executable).parent
START_LIMIT_S = 240
# The session's Rasa keeps fewer conversations in memory than tests/e2e/test_load.py has people talking at once
# (50), so that test also shows that people evicting each other from the store's memory lose no turn.
E2E_CACHED_CONVERSATIONS = 16
# As scripts/serve.sh: Sanic's default 5 s drops requests a busy Rasa is slow to write (tests/e2e/test_load.py).
ACTION_KEEP_ALIVE_S = "60"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_up(url: str, process: subprocess.Popen, log: Path, limit: float = START_LIMIT_S) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{url} exited with {process.returncode}:\n{log.read_text()[-3000:]}")
        try:
            if requests.get(url, timeout=2).status_code < 500:
                return
        except requests.ConnectionError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"{url} did not come up within {limit}s:\n{log.read_text()[-3000:]}")


@dataclass
class Assistant:
    """The real Rasa server and action server, each a separate process."""

    workdir: Path
    env: dict[str, str]
    rasa_port: int
    action_port: int
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)
    # The credentials file Rasa reads. By default written from credentials.yml at start-up, with the
    # messaging platforms whose variables are set in `env` (scripts/credentials.py).
    credentials: Optional[Path] = None
    endpoints: Path = Path("endpoints.yml")
    name: str = "rasa"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.rasa_port}"

    def _spawn(self, name: str, args: list[str], health: str, extra_env: dict[str, str]) -> None:
        log = self.workdir / f"{name}.log"
        process = subprocess.Popen(
            args, cwd=REPO_ROOT, env={**self.env, **extra_env}, stdout=log.open("ab"), stderr=subprocess.STDOUT
        )
        self.processes[name] = process
        wait_until_up(health, process, log)

    def start_actions(self) -> None:
        self._spawn(
            "actions",
            [str(BIN / "python"), "-m", "actions.server", "--actions", "actions", "--port", str(self.action_port)],
            f"http://127.0.0.1:{self.action_port}/health",
            {"SANIC_HOST": "127.0.0.1", "SANIC_KEEP_ALIVE_TIMEOUT": ACTION_KEEP_ALIVE_S},
        )

    def start_rasa(self) -> None:
        credentials = self.credentials
        if credentials is None:
            credentials = self.workdir / "credentials.yml"
            write_credentials(credentials, env=self.env)
        self._spawn(
            self.name,
            # As scripts/serve.sh: Rasa's CLI through rasa_patches.run, which applies the patches first.
            [str(BIN / "python"), "-m", "rasa_patches.run", "run", "--model", str(MODEL), "--enable-api", "--port", str(self.rasa_port),
             "--credentials", str(credentials), "--endpoints", str(self.endpoints), f"--auth-token={self.token}"],
            f"{self.url}/",
            {},
        )
        # rasa_patches.run says in the log whether the patches are on; RASA_SPEEDUPS=0 (make test's second run) turns them off.
        log = (self.workdir / f"{self.name}.log").read_text(errors="replace")
        expected = "not applied (RASA_SPEEDUPS=0)" if self.env.get("RASA_SPEEDUPS", "1").strip() == "0" else "Rasa patches applied"
        assert expected in log, f"{self.name}: no {expected!r} in its log"

    def stop(self, name: str, kill: bool = False) -> None:
        process = self.processes.pop(name, None)
        if process is None:
            return
        process.kill() if kill else process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    def restart_rasa(self) -> None:
        self.stop(self.name)
        self.start_rasa()

    def say(self, sender: str, message: str) -> list[dict[str, Any]]:
        response = requests.post(
            f"{self.url}/webhooks/rest/webhook", json={"sender": sender, "message": message}, timeout=30
        )
        assert response.status_code == 200, response.text
        return response.json()

    @property
    def token(self) -> str:
        """The HTTP API token: every endpoint but the channels' webhooks needs it."""
        return self.env["RASA_AUTH_TOKEN"]

    def tracker(self, sender: str) -> dict[str, Any]:
        response = requests.get(f"{self.url}/conversations/{sender}/tracker", params={"token": self.token}, timeout=30)
        assert response.status_code == 200, response.text
        return response.json()


def endpoints_with_small_cache(path: Path) -> Path:
    """endpoints.yml as `make run` serves it, but with E2E_CACHED_CONVERSATIONS conversations kept in memory."""
    config = yaml.safe_load((REPO_ROOT / "endpoints.yml").read_text())
    config["tracker_store"]["cached_conversations"] = E2E_CACHED_CONVERSATIONS
    path.write_text(yaml.safe_dump(config, sort_keys=False))
    assert "'${" not in path.read_text()  # Rasa expands ${...} only in unquoted values
    return path


@pytest.fixture(scope="session")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Assistant]:
    if not MODEL.exists():
        pytest.fail(f"No trained model at {MODEL}. Run 'make train' (make test does it for you).")
    workdir = tmp_path_factory.mktemp("servers")
    content_url = f"sqlite:///{workdir / 'content.db'}"
    migrate(content_url)
    engine = make_engine(content_url)
    load_content(engine, CONTENT_DIR)
    engine.dispose()
    rasa_port, action_port = free_port(), free_port()
    env = {
        **os.environ,
        "RASA_TELEMETRY_ENABLED": "false",
        "PYTHONPATH": str(REPO_ROOT),
        "CONTENT_DB_PATH": str(workdir / "content.db"),
        "TRACKER_DB": str(workdir / "tracker.db"),
        "ACTION_HOST": "127.0.0.1",
        "ACTION_PORT": str(action_port),
        "RASA_PORT": str(rasa_port),
        # A token may start with "-" (an old .rasa_token did): passed as --auth-token=..., it is not read as an option.
        "RASA_AUTH_TOKEN": f"-e2e-{uuid.uuid4().hex}",
    }
    env.pop("DATABASE_URL", None)
    servers = Assistant(workdir=workdir, env=env, rasa_port=rasa_port, action_port=action_port,
                        endpoints=endpoints_with_small_cache(workdir / "endpoints.yml"))
    try:
        servers.start_actions()
        servers.start_rasa()
        yield servers
    finally:
        for name in list(servers.processes):
            servers.stop(name)


def in_character(replies: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """In-character replies as {"text", "custom"}: REST sends a message's text and its custom payload one after the other."""
    spoken, last_text = [], ""
    for reply in replies:
        if reply.get("text"):
            last_text = reply["text"]
        custom = reply.get("custom") or {}
        if custom.get("type") == "roleplay":
            spoken.append({"text": reply.get("text") or last_text, "custom": custom})
    return spoken


# --- Scripted people, shared by tests/e2e/test_load.py and test_tracker_window.py ---------------------------------


@dataclass(frozen=True)
class Person:
    """Who the user is worried about, and how the conversation should fill the slots."""

    loved_one: str  # as the user says it
    he: str
    him: str
    relationship: str  # the slot value the lexicon maps `loved_one` to
    refusal: str  # how the no showed up
    resistance_form: str
    struggle: str
    concern: str


PEOPLE = [
    Person("husband", "he", "him", "partner", "he just says he's fine and changes the subject", "emotional",
           "he's been really depressed since he lost his job", "depression"),
    Person("mum", "she", "her", "parent", "she said she would book an appointment and then never did", "passive",
           "she's anxious all the time, she has panic attacks", "anxiety"),
    Person("brother", "he", "him", "sibling", "he argues that therapy is a scam and a waste of money", "intellectual",
           "he drinks a lot", "substance_use"),
    Person("son", "he", "him", "child", "every time i bring it up he storms off and tells me to drop it", "direct",
           "he's been so angry lately, he blows up at everyone", "anger"),
    Person("best friend", "she", "her", "friend", "she agreed to go and then never booked it", "passive",
           "she's been grieving since the funeral", "grief"),
]


def script(person: Person) -> list[str]:
    """Twenty turns through most of what the assistant does: refusal, self-care topics, openers, a rehearsal."""
    he, him = person.he, person.him
    return [
        "hi there",
        f"my {person.loved_one} refuses to see a therapist",
        person.refusal,
        "why?",
        f"honestly i'm starting to resent {him} for refusing to get help",
        "i'm completely drained",
        "how do i set boundaries without being cruel",
        f"am i enabling {him}?",
        f"why does {he} resist help so much",
        f"how do i bring up therapy with {him}",
        person.struggle,
        "can we practise the conversation?",
        "agree one small step",
        "What would make it feel safer to talk to someone?",
        "So part of you is worn out and doesn't know where to start.",
        "Whatever you decide, I'll back you.",
        "stop practice",
        "where can i find support for myself",
        "thank you, that really helps",
        "bye",
    ]
