"""Shared fixtures: real SQLite content databases and rasa-sdk trackers built to order."""
from __future__ import annotations

import asyncio
import functools
import os
import uuid
from collections.abc import Callable, Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Optional, TypeVar

import pytest
from alembic import command
from alembic.config import Config
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, ActiveLoop, BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import URL, Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from contentdb import engine as engine_module
from contentdb.engine import make_engine
from contentdb.loader import load_content
from contentdb.models import ContentItem, RoleplayLine
from kernel.settings import REPO_ROOT

T = TypeVar("T")

CONTENT_DIR = REPO_ROOT / "content"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests marked ``runs_last`` (they stop or kill the session's servers) run after all the others,
    whatever their file names; the rest keep their order."""
    items.sort(key=lambda item: item.get_closest_marker("runs_last") is not None)


@functools.lru_cache(maxsize=1)
def repo_domain() -> Domain:
    """The assistant's domain (domain/), loaded once per test run."""
    return Domain.load(str(REPO_ROOT / "domain"))


def answered_turn(tracker: DialogueStateTracker, text: str, *extra: SlotSet | ActiveLoop) -> None:
    """One answered user turn, as Rasa appends it to a tracker."""
    tracker.update(UserUttered(text, {"name": "inform", "confidence": 1.0}))
    tracker.update(ActionExecuted("utter_greet"))
    tracker.update(BotUttered(f"reply to {text}"))
    for event in extra:
        tracker.update(event)
    tracker.update(ActionExecuted("action_listen"))


def migrate(url: str) -> None:
    config = Config(str(REPO_ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(REPO_ROOT / "migrations"))
    config.attributes["database_url"] = url
    command.upgrade(config, "head")


POSTGRES_ADMIN_URL = os.environ.get("DATABASE_URL_TEST", "postgresql://postgres@127.0.0.1:5432/postgres")


@contextmanager
def throwaway_postgres_database(prefix: str) -> Iterator[URL]:
    """A new, empty PostgreSQL database for one test or module, dropped afterwards; skips, saying why,
    when no server answers at POSTGRES_ADMIN_URL."""
    name = f"{prefix}_{uuid.uuid4().hex[:8]}"
    admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT", future=True)
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except OperationalError as exc:
        admin.dispose()
        pytest.skip(f"PostgreSQL is not reachable at {POSTGRES_ADMIN_URL} ({exc.orig}); .ci/run starts one in CI")
    try:
        yield admin.url.set(database=name)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def dump(engine: Engine) -> list[tuple[Any, ...]]:
    """Every row of the content table, to compare before and after."""
    with Session(engine) as session:
        rows = session.scalars(select(ContentItem).order_by(ContentItem.id)).all()
        lines = session.scalars(select(RoleplayLine).order_by(RoleplayLine.id)).all()
        return [(r.id, r.kind, r.topic, r.relationship, r.resistance_form, r.concern, r.text, r.reason,
                 r.grounding, r.alternative, r.source, r.updated_at) for r in rows] + [
            (r.id, r.resistance_form, r.stage, r.text, r.source) for r in lines
        ]


@pytest.fixture
def empty_db(tmp_path: Path) -> Iterator[Engine]:
    """A freshly migrated, empty SQLite content database."""
    url = f"sqlite:///{tmp_path / 'content.db'}"
    migrate(url)
    engine = make_engine(url)
    yield engine
    engine.dispose()


@pytest.fixture
def content_db(empty_db: Engine) -> Engine:
    """A fresh SQLite database holding the repository's curated content."""
    load_content(empty_db, CONTENT_DIR)
    return empty_db


@pytest.fixture
def use_db(monkeypatch: pytest.MonkeyPatch) -> Callable[[Engine], None]:
    """Point the actions at a given engine for the test."""

    def _use(engine: Engine) -> None:
        monkeypatch.setattr(engine_module, "get_engine", lambda: engine)

    return _use


@pytest.fixture
def actions_db(content_db: Engine, use_db: Callable[[Engine], None]) -> Engine:
    use_db(content_db)
    return content_db


def make_tracker(
    text: str = "",
    intent: str = "",
    entities: Optional[list[dict[str, Any]]] = None,
    slots: Optional[dict[str, Any]] = None,
    channel: str = "rest",
    active_loop: Optional[str] = None,
) -> Tracker:
    latest = {
        "text": text,
        "intent": {"name": intent, "confidence": 1.0},
        "entities": entities or [],
    }
    events = [{"event": "user", "text": text, "parse_data": latest, "input_channel": channel}]
    return Tracker(
        sender_id="test-user",
        slots=slots or {},
        latest_message=latest,
        events=events,
        paused=False,
        followup_action=None,
        active_loop={"name": active_loop} if active_loop else {},
        latest_action_name="action_listen",
    )


@pytest.fixture
def tracker_factory() -> Callable[..., Tracker]:
    return make_tracker


class Run:
    """The result of running one action: what it said and the events it returned."""

    def __init__(self, dispatcher: CollectingDispatcher, events: list[dict[str, Any]]) -> None:
        self.messages = dispatcher.messages
        self.events = events

    @property
    def text(self) -> str:
        return "\n".join(m.get("text") or "" for m in self.messages)

    @property
    def item_ids(self) -> list[str]:
        return [item["id"] for m in self.messages for item in (m.get("custom") or {}).get("items", [])]

    @property
    def items(self) -> list[dict[str, Any]]:
        return [item for m in self.messages for item in (m.get("custom") or {}).get("items", [])]

    def slot(self, name: str) -> Any:
        values = [e["value"] for e in self.events if e.get("event") == "slot" and e.get("name") == name]
        return values[-1] if values else None


def run_async(coroutine: Coroutine[Any, Any, T]) -> T:
    """Runs a coroutine in a thread of its own, so an event loop left running by another test (Playwright's) can't interfere."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


@pytest.fixture
def run_action() -> Callable[[Action, Tracker], Run]:
    def _run(action: Action, tracker: Tracker) -> Run:
        dispatcher = CollectingDispatcher()
        return Run(dispatcher, run_async(action.run(dispatcher, tracker, {})))

    return _run
