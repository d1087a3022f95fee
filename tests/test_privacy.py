"""Deleting a sender's data (in chat and in the tracker store) and removing old data, against real
SQLite files and, where it answers, PostgreSQL."""
from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Optional, TypeVar

import pytest
from rasa.core.lock_store import InMemoryLockStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, Event, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa_sdk import Tracker
from sqlalchemy import inspect, text
from sqlalchemy.engine import URL, Engine
from sqlalchemy.orm import Session

import actions.privacy as privacy
from actions.privacy import ActionAskDeleteMyData, ActionDeleteMyData, ActionKeepMyData
from contentdb.engine import make_engine
from contentdb.models import ContentItem, ItemRating, Rehearsal
from kernel.settings import REPO_ROOT
from scripts.retention import remove_old_data
from tests.conftest import Run, migrate, run_async, throwaway_postgres_database
from trackers.store import ERASE_SLOT, ForgetfulSQLTrackerStore

RunAction = Callable[..., Run]
T = TypeVar("T")
DOMAIN = Domain.load(str(REPO_ROOT / "domain"))
ME, SOMEONE_ELSE = "ana", "ben"
ITEM = "privacy.test.tip.01"


# --- Building blocks: real databases holding two senders' data --------------------------------------------------


@dataclass
class Stores:
    content: Engine
    trackers: ForgetfulSQLTrackerStore


def sqlite_stores(tmp_path: Path) -> Stores:
    url = f"sqlite:///{tmp_path / 'content.db'}"
    migrate(url)
    return Stores(make_engine(url), ForgetfulSQLTrackerStore(domain=DOMAIN, dialect="sqlite", db=str(tmp_path / "tracker.db")))


def postgres_stores(url: URL) -> Stores:
    """Content tables and Rasa's `events` table in one PostgreSQL database."""
    migrate(url.render_as_string(hide_password=False))
    store = ForgetfulSQLTrackerStore(domain=DOMAIN, dialect="postgresql", host=url.host, port=url.port or 5432,
                                     db=url.database, username=url.username, password=url.password)
    return Stores(make_engine(url.render_as_string(hide_password=False)), store)


@pytest.fixture(params=["sqlite", "postgresql"])
def stores(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Stores]:
    if request.param == "sqlite":
        made = sqlite_stores(tmp_path)
        yield made
    else:
        with throwaway_postgres_database("privacy") as url:
            made = postgres_stores(url)
            yield made
            made.trackers.engine.dispose()  # before the database is dropped
    made.content.dispose()


def conversation(sender: str, *extra: Event, at: Optional[float] = None) -> DialogueStateTracker:
    events: list[Event] = [
        ActionExecuted("action_session_start", timestamp=at),
        SessionStarted(timestamp=at),
        ActionExecuted("action_listen", timestamp=at),
        UserUttered("my husband refuses to see a therapist", intent={"name": "they_refused_help", "confidence": 1.0}, timestamp=at),
        SlotSet("relationship", "partner", timestamp=at),
        ActionExecuted("action_respond", timestamp=at),
        ActionExecuted("action_listen", timestamp=at),
        *extra,
    ]
    return DialogueStateTracker.from_events(sender, events, slots=DOMAIN.slots)


def add_content_rows(engine: Engine, sender: str, created_at: Optional[datetime] = None) -> None:
    with Session(engine) as session, session.begin():
        if session.get(ContentItem, ITEM) is None:
            session.add(ContentItem(id=ITEM, kind="tip", topic="support", relationship="any", resistance_form="any", concern="any",
                                    text="Look after yourself too.", reason="r", grounding="g", source="test"))
            session.flush()
        extra: dict[str, Any] = {"created_at": created_at} if created_at else {}
        session.add(Rehearsal(sender_id=sender, turns=3, final_openness=2.5, score=60, codes="{}", **extra))
        session.add(ItemRating(item_id=ITEM, sender_id=sender, helpful=1, **extra))


def rows_for(stores: Stores, sender: str) -> dict[str, int]:
    """How many rows mention this sender, in every table of both databases that has a sender_id column."""
    counts: dict[str, int] = {}
    for engine in (stores.content, stores.trackers.engine):
        for table in inspect(engine).get_table_names():
            if "sender_id" in {column["name"] for column in inspect(engine).get_columns(table)}:
                with engine.connect() as connection:
                    counts[table] = int(connection.execute(
                        text(f"SELECT count(*) FROM {table} WHERE sender_id = :s"), {"s": sender}).scalar_one())
    return counts


def save(store: ForgetfulSQLTrackerStore, tracker: DialogueStateTracker) -> None:
    run_async(store.save(tracker))


def sdk_tracker(events: list[dict[str, Any]], sender: str = ME) -> Tracker:
    latest = events[-1].get("parse_data", {}) if events and events[-1].get("event") == "user" else {}
    return Tracker(sender_id=sender, slots={}, latest_message=latest, events=events, paused=False, followup_action=None,
                   active_loop={}, latest_action_name="action_listen")


def user(text_: str, intent: str) -> dict[str, Any]:
    return {"event": "user", "text": text_, "parse_data": {"text": text_, "intent": {"name": intent, "confidence": 1.0}, "entities": []}}


ASKED = [
    user("delete my data", "delete_my_data"),
    {"event": "action", "name": "action_ask_delete_my_data"},
    {"event": "slot", "name": "pending_offer", "value": "delete_data"},
    {"event": "action", "name": "action_listen"},
]


# --- In chat ----------------------------------------------------------------------------------------------------


def test_asking_to_delete_my_data_asks_to_confirm_with_yes_and_no_buttons(run_action: RunAction) -> None:
    result = run_action(ActionAskDeleteMyData(), sdk_tracker([user("can you wipe my history", "delete_my_data")]))

    assert "delete" in result.text and "can't be undone" in result.text
    assert [b["payload"] for b in result.messages[0]["buttons"]] == ["/affirm", "/deny"]
    assert result.slot("pending_offer") == "delete_data"


def test_yes_to_the_delete_question_deletes_my_rehearsals_and_ratings_and_no_one_elses(
    tmp_path: Path, use_db: Callable[[Engine], None], run_action: RunAction
) -> None:
    stores = sqlite_stores(tmp_path)
    use_db(stores.content)
    add_content_rows(stores.content, ME)
    add_content_rows(stores.content, SOMEONE_ELSE)

    result = run_action(ActionDeleteMyData(), sdk_tracker([*ASKED, user("yes", "affirm")]))

    assert "deleted" in result.text.lower() and "start fresh" in result.text
    assert result.slot(ERASE_SLOT) is True
    assert rows_for(stores, ME) == {"rehearsals": 0, "item_ratings": 0, "events": 0}
    assert rows_for(stores, SOMEONE_ELSE)["rehearsals"] == 1 and rows_for(stores, SOMEONE_ELSE)["item_ratings"] == 1


def test_a_late_yes_after_the_conversation_moved_on_deletes_nothing_and_says_how_to_ask(
    tmp_path: Path, use_db: Callable[[Engine], None], run_action: RunAction
) -> None:
    stores = sqlite_stores(tmp_path)
    use_db(stores.content)
    add_content_rows(stores.content, ME)
    moved_on = [*ASKED, user("hi", "greet"), {"event": "action", "name": "utter_greet"}, {"event": "action", "name": "action_listen"}]

    result = run_action(ActionDeleteMyData(), sdk_tracker([*moved_on, user("yes", "affirm")]))

    assert result.slot(ERASE_SLOT) is None and result.slot("pending_offer") is None
    assert "I haven't deleted anything" in result.text and "delete my data" in result.text
    assert rows_for(stores, ME)["rehearsals"] == 1


def test_no_to_the_delete_question_keeps_everything_and_says_so(
    tmp_path: Path, use_db: Callable[[Engine], None], run_action: RunAction
) -> None:
    stores = sqlite_stores(tmp_path)
    use_db(stores.content)
    add_content_rows(stores.content, ME)

    result = run_action(ActionKeepMyData(), sdk_tracker([*ASKED, user("no", "deny")]))

    assert "haven't deleted anything" in result.text
    assert result.slot("pending_offer") is None and result.slot(ERASE_SLOT) is None
    assert rows_for(stores, ME)["rehearsals"] == 1


def test_when_the_database_fails_the_reply_says_nothing_was_deleted(
    monkeypatch: pytest.MonkeyPatch, run_action: RunAction
) -> None:
    from sqlalchemy.exc import OperationalError

    def broken(sender_id: str) -> None:
        raise OperationalError("DELETE", {}, Exception("database is locked"))

    monkeypatch.setattr(privacy, "delete_stored_data", broken)
    result = run_action(ActionDeleteMyData(), sdk_tracker([*ASKED, user("yes", "affirm")]))

    assert "nothing has been deleted" in result.text and result.slot(ERASE_SLOT) is None


def test_the_action_and_the_tracker_store_agree_on_the_erase_slot() -> None:
    assert privacy.ERASE_SLOT == ERASE_SLOT
    assert ERASE_SLOT in [slot.name for slot in DOMAIN.slots]


# --- Everything stored for the sender is removed (SQLite and PostgreSQL) -------------------------------------------


def test_a_confirmed_delete_request_leaves_no_row_for_that_sender_in_any_table(
    stores: Stores, use_db: Callable[[Engine], None], run_action: RunAction
) -> None:
    use_db(stores.content)
    for sender in (ME, SOMEONE_ELSE):
        add_content_rows(stores.content, sender)
        save(stores.trackers, conversation(sender))
    assert all(rows_for(stores, ME).values()), rows_for(stores, ME)

    # The action server deletes rehearsals and ratings; Rasa then saves the turn, and the store erases it instead.
    result = run_action(ActionDeleteMyData(), sdk_tracker([*ASKED, user("yes", "affirm")]))
    turn = conversation(ME, UserUttered("yes", intent={"name": "affirm", "confidence": 1.0}),
                        ActionExecuted("action_delete_my_data"), *[SlotSet(e["name"], e["value"]) for e in result.events],
                        ActionExecuted("action_listen"))
    save(stores.trackers, turn)

    assert set(rows_for(stores, ME)) == {"events", "rehearsals", "item_ratings"}
    assert rows_for(stores, ME) == {"events": 0, "rehearsals": 0, "item_ratings": 0}
    assert rows_for(stores, SOMEONE_ELSE) == {"events": len(conversation(SOMEONE_ELSE).events), "rehearsals": 1, "item_ratings": 1}


def test_after_deletion_the_next_message_starts_an_empty_conversation(stores: Stores) -> None:
    save(stores.trackers, conversation(ME))
    save(stores.trackers, conversation(ME, SlotSet(ERASE_SLOT, True)))

    assert run_async(stores.trackers.retrieve(ME)) is None
    fresh = run_async(stores.trackers.get_or_create_tracker(ME))
    assert fresh.get_slot("relationship") is None and not [e for e in fresh.events if isinstance(e, UserUttered)]


def test_a_conversation_that_did_not_ask_to_be_erased_is_saved_as_usual(stores: Stores) -> None:
    save(stores.trackers, conversation(ME))
    saved = run_async(stores.trackers.retrieve(ME))
    assert saved is not None and saved.get_slot("relationship") == "partner"


# --- Retention ----------------------------------------------------------------------------------------------------


def test_retention_removes_old_conversations_rehearsals_and_ratings_and_keeps_recent_ones(stores: Stores) -> None:
    now = datetime.now(timezone.utc)
    old = time.time() - 45 * 86_400
    save(stores.trackers, conversation("old-sender", at=old))
    save(stores.trackers, conversation("recent-sender"))
    add_content_rows(stores.content, "old-sender", created_at=now - timedelta(days=45))
    add_content_rows(stores.content, "recent-sender", created_at=now - timedelta(days=2))

    report = remove_old_data(stores.trackers, stores.content, days=30, lock_store=InMemoryLockStore())

    assert (report.conversations, report.rehearsals, report.item_ratings) == (1, 1, 1)
    assert report.events == len(conversation("old-sender").events)
    assert rows_for(stores, "old-sender") == {"events": 0, "rehearsals": 0, "item_ratings": 0}
    assert all(count > 0 for count in rows_for(stores, "recent-sender").values())


def test_a_conversation_still_going_is_kept_even_if_it_started_long_ago(tmp_path: Path) -> None:
    stores = sqlite_stores(tmp_path)
    long_ago = time.time() - 90 * 86_400
    tracker = conversation(ME, at=long_ago)
    tracker.update(UserUttered("still here", intent={"name": "greet", "confidence": 1.0}))  # now
    save(stores.trackers, tracker)

    assert remove_old_data(stores.trackers, stores.content, days=30, lock_store=InMemoryLockStore()).conversations == 0
    assert rows_for(stores, ME)["events"] == len(tracker.events)


def test_make_retention_on_real_sqlite_files_prints_what_it_removed(tmp_path: Path) -> None:
    stores = sqlite_stores(tmp_path)
    save(stores.trackers, conversation("old-sender", at=time.time() - 40 * 86_400))
    save(stores.trackers, conversation("recent-sender"))
    # Old rows written directly, the way they would have been stored 40 days ago.
    add_content_rows(stores.content, "recent-sender")
    with stores.content.begin() as connection:
        connection.execute(text("INSERT INTO rehearsals (sender_id, created_at, turns, final_openness, score, codes) "
                                "VALUES ('old-sender', datetime('now', '-40 days'), 2, 2.0, 50, '{}')"))
        connection.execute(text("INSERT INTO item_ratings (item_id, sender_id, helpful, created_at) "
                                f"VALUES ('{ITEM}', 'old-sender', 0, datetime('now', '-40 days'))"))
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT), "RASA_TELEMETRY_ENABLED": "false", "RETENTION_DAYS": "30",
           "TRACKER_DB": str(tmp_path / "tracker.db"), "CONTENT_DB_PATH": str(tmp_path / "content.db")}
    env.pop("DATABASE_URL", None)

    done = subprocess.run(["make", "--no-print-directory", "retention"], cwd=REPO_ROOT, env=env, capture_output=True, text=True,
                          timeout=300)

    assert done.returncode == 0, done.stderr[-2000:]
    assert "Retention (30 days): removed 1 conversations (7 events), 1 rehearsals and 1 ratings." in done.stdout
    assert rows_for(stores, "old-sender") == {"events": 0, "rehearsals": 0, "item_ratings": 0}
    assert rows_for(stores, "recent-sender") == {"events": 7, "rehearsals": 1, "item_ratings": 1}


def test_retention_refuses_a_period_under_one_day(tmp_path: Path) -> None:
    stores = sqlite_stores(tmp_path)
    with pytest.raises(ValueError, match="at least one day"):
        remove_old_data(stores.trackers, stores.content, days=0, lock_store=InMemoryLockStore())
