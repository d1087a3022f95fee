"""The tracker store keeps recent conversations in memory, but the database stays the truth.

Real SQLite files; two store objects on one file stand for two Rasa servers sharing a database.
"""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, ActiveLoop, BotUttered, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from kernel.settings import REPO_ROOT
from tests.conftest import run_async
from trackers.store import ForgetfulSQLTrackerStore
from trackers.window import recent_window, user_turns

DOMAIN = Domain.load(str(REPO_ROOT / "domain"))
WINDOW = 4


def store_on(db: Path) -> ForgetfulSQLTrackerStore:
    return ForgetfulSQLTrackerStore(domain=DOMAIN, dialect="sqlite", db=str(db), window_turns=WINDOW)


def turn(tracker: DialogueStateTracker, text: str, *extra: SlotSet | ActiveLoop) -> None:
    """One answered user turn, as Rasa appends it."""
    tracker.update(UserUttered(text, {"name": "inform", "confidence": 1.0}))
    tracker.update(ActionExecuted("utter_greet"))
    tracker.update(BotUttered(f"reply to {text}"))
    for event in extra:
        tracker.update(event)
    tracker.update(ActionExecuted("action_listen"))


def chat(store: ForgetfulSQLTrackerStore, sender: str, texts: list[str]) -> DialogueStateTracker:
    """Each text as one turn: retrieve (or start), add the turn, save."""
    tracker = run_async(store.retrieve(sender))
    for text in texts:
        if tracker is None:
            tracker = DialogueStateTracker.from_events(
                sender, [ActionExecuted("action_session_start"), SessionStarted(), ActionExecuted("action_listen")],
                slots=DOMAIN.slots,
            )
        turn(tracker, text)
        run_async(store.save(tracker))
        tracker = run_async(store.retrieve(sender))
    assert tracker is not None
    return tracker


def stored_texts(db: Path, sender: str) -> list[str]:
    with sqlite3.connect(db) as connection:
        rows = connection.execute(
            "SELECT data FROM events WHERE sender_id = ? AND type_name = 'user' ORDER BY id", (sender,)
        ).fetchall()
    return [json.loads(data)["text"] for (data,) in rows]


def test_every_turn_is_in_the_database_before_the_next_one_starts(tmp_path: Path) -> None:
    store = store_on(tmp_path / "t.db")
    chat(store, "ana", [f"message {i}" for i in range(5)])
    assert stored_texts(tmp_path / "t.db", "ana") == [f"message {i}" for i in range(5)]


def test_a_conversation_continued_on_another_server_is_read_again(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    first, second = store_on(db), store_on(db)
    chat(first, "ana", ["hello from one"])
    chat(second, "ana", ["hello from two"])  # the second server reads it, adds a turn
    tracker = chat(first, "ana", ["back on one"])  # the first must not reuse its stale copy
    texts = [e.text for e in tracker.events if isinstance(e, UserUttered)]
    assert texts == ["hello from one", "hello from two", "back on one"]
    assert stored_texts(db, "ana") == texts


def test_turns_answered_by_another_server_are_added_to_the_copy_in_memory(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    first, second = store_on(db), store_on(db)
    kept = chat(first, "ana", ["one"])
    chat(second, "ana", ["two", "three"])
    again = run_async(first.retrieve("ana"))
    assert again is kept  # brought up to date, not read afresh
    assert [e.text for e in again.events if isinstance(e, UserUttered)] == ["one", "two", "three"]


def test_a_conversation_deleted_and_started_again_elsewhere_is_read_afresh(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    first, second = store_on(db), store_on(db)
    chat(first, "ana", ["old one", "old two"])
    second.delete_conversation("ana")
    chat(second, "ana", ["new one", "new two", "new three"])
    again = run_async(first.retrieve("ana"))
    assert again is not None
    assert [e.text for e in again.events if isinstance(e, UserUttered)] == ["new one", "new two", "new three"]


def test_the_same_conversation_object_is_reused_between_turns(tmp_path: Path) -> None:
    store = store_on(tmp_path / "t.db")
    chat(store, "ana", ["one"])
    assert run_async(store.retrieve("ana")) is run_async(store.retrieve("ana"))


def test_a_turn_that_failed_half_way_is_not_kept(tmp_path: Path) -> None:
    store = store_on(tmp_path / "t.db")
    tracker = chat(store, "ana", ["one"])
    tracker.update(UserUttered("never answered", {"name": "inform", "confidence": 1.0}))  # no save: the turn failed
    again = run_async(store.retrieve("ana"))
    assert again is not None
    assert [e.text for e in again.events if isinstance(e, UserUttered)] == ["one"]


def test_a_deleted_conversation_is_gone_from_memory_too(tmp_path: Path) -> None:
    store = store_on(tmp_path / "t.db")
    chat(store, "ana", ["one", "two"])
    store.delete_conversation("ana")
    assert run_async(store.retrieve("ana")) is None


def test_a_conversation_deleted_by_another_process_is_not_served_from_memory(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    store = store_on(db)
    chat(store, "ana", ["one", "two"])
    store_on(db).delete_conversation("ana")  # e.g. make retention, or the endpoint on another server
    assert run_async(store.retrieve("ana")) is None


def test_a_long_conversation_is_cut_in_memory_but_whole_in_the_database(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    store = store_on(db)
    tracker = run_async(store.retrieve("ana"))
    assert tracker is None
    tracker = DialogueStateTracker.from_events(
        "ana", [ActionExecuted("action_session_start"), SessionStarted(), ActionExecuted("action_listen")], slots=DOMAIN.slots
    )
    turn(tracker, "my husband won't go", SlotSet("relationship", "partner"))
    run_async(store.save(tracker))
    texts = [f"turn {i}" for i in range(20)]
    tracker = chat(store, "ana", texts)

    assert user_turns(tracker) <= 2 * WINDOW
    assert tracker.get_slot("relationship") == "partner"  # set long before the window
    assert stored_texts(db, "ana") == ["my husband won't go", *texts]
    full = run_async(store.retrieve_full_tracker("ana"))
    assert full is not None and user_turns(full) == 21


def test_the_window_keeps_the_slots_and_the_form_that_were_set_before_it() -> None:
    tracker = DialogueStateTracker.from_events("ana", [ActionExecuted("action_listen")], slots=DOMAIN.slots)
    turn(tracker, "my mum", SlotSet("relationship", "parent"), ActiveLoop("therapy_talk_form"))
    for i in range(10):
        turn(tracker, f"turn {i}", SlotSet("concern", "anxiety") if i == 2 else SlotSet("relationship", "parent"))
    window = recent_window(tracker, DOMAIN, 3)

    assert user_turns(window) == 3
    assert window.get_slot("relationship") == "parent"
    assert window.get_slot("concern") == "anxiety"
    assert window.active_loop_name == "therapy_talk_form"
    assert [e.text for e in window.events if isinstance(e, UserUttered)] == ["turn 7", "turn 8", "turn 9"]
    events = list(window.events)
    start = next(i for i, e in enumerate(events) if isinstance(e, ActionExecuted))
    assert start > 0 and {e.timestamp for e in events[:start]} == {events[start].timestamp}


def test_a_short_conversation_is_not_cut() -> None:
    tracker = DialogueStateTracker.from_events("ana", [ActionExecuted("action_listen")], slots=DOMAIN.slots)
    turn(tracker, "hello")
    assert recent_window(tracker, DOMAIN, 3) is tracker
