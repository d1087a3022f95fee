"""The tracker store keeps recent conversations in memory, but the database stays the truth.

Real SQLite files; two store objects on one file stand for two Rasa servers sharing a database.
"""
from __future__ import annotations

import asyncio
import json
import sqlite3
from pathlib import Path

import pytest
from rasa.shared.core.events import ActionExecuted, ActiveLoop, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from tests.conftest import answered_turn as turn
from tests.conftest import repo_domain, run_async
from trackers.cached import UnknownStoredEvents
from trackers.store import ForgetfulSQLTrackerStore
from trackers.window import recent_window, user_turns

DOMAIN = repo_domain()
WINDOW = 4


def store_on(db: Path) -> ForgetfulSQLTrackerStore:
    return ForgetfulSQLTrackerStore(domain=DOMAIN, dialect="sqlite", db=str(db), window_turns=WINDOW)


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


# --- Every answered turn is stored, whatever happens to the copy in memory (issue 14) --------------------------------

LONG = [f"turn {i}" for i in range(3 * WINDOW + 3)]  # well past the window: the copy in memory is cut


def fresh(sender: str) -> DialogueStateTracker:
    return DialogueStateTracker.from_events(
        sender, [ActionExecuted("action_session_start"), SessionStarted(), ActionExecuted("action_listen")], slots=DOMAIN.slots
    )


def retrieve_or_start(store: ForgetfulSQLTrackerStore, sender: str) -> DialogueStateTracker:
    return run_async(store.retrieve(sender)) or fresh(sender)


def test_with_an_event_broker_every_turn_past_the_window_is_stored_and_published(tmp_path: Path) -> None:
    # Trigger A: Rasa's stream_events retrieved the conversation during save, replacing the copy being saved.
    from rasa.core.brokers.sql import SQLEventBroker

    broker = SQLEventBroker(dialect="sqlite", db=str(tmp_path / "events.db"))
    store = ForgetfulSQLTrackerStore(domain=DOMAIN, dialect="sqlite", db=str(tmp_path / "t.db"), window_turns=WINDOW,
                                     event_broker=broker)
    chat(store, "ana", LONG)

    assert stored_texts(tmp_path / "t.db", "ana") == LONG
    with sqlite3.connect(tmp_path / "events.db") as connection:
        events = [json.loads(data) for (data,) in connection.execute("SELECT data FROM events WHERE sender_id = 'ana' ORDER BY id")]
    published = [event["text"] for event in events if event["event"] == "user"]
    assert published == LONG


def test_people_evicting_each_other_from_memory_between_retrieve_and_save_lose_no_turn(tmp_path: Path) -> None:
    # Trigger B: more people talking than the cache holds (here one), each turn evicting the others.
    db = tmp_path / "t.db"
    store = ForgetfulSQLTrackerStore(domain=DOMAIN, dialect="sqlite", db=str(db), window_turns=WINDOW, cached_conversations=1)
    people = ["ana", "ben", "cy"]
    for text in LONG:
        held = {sender: retrieve_or_start(store, sender) for sender in people}  # all retrieved, then all saved
        for sender, tracker in held.items():
            turn(tracker, f"{sender} {text}")
            run_async(store.save(tracker))
    for sender in people:
        assert stored_texts(db, sender) == [f"{sender} {text}" for text in LONG]


def test_a_read_without_the_lock_during_a_turn_does_not_lose_that_turn(tmp_path: Path) -> None:
    # Trigger C: e.g. GET /conversations/<id>/story retrieves while a turn runs, replacing the copy in memory.
    db = tmp_path / "t.db"
    store = store_on(db)
    chat(store, "ana", LONG[:-1])
    tracker = retrieve_or_start(store, "ana")
    turn(tracker, LONG[-1])  # the turn is answered but not saved yet
    reader = run_async(store.retrieve("ana"))
    assert reader is not None and reader is not tracker
    run_async(store.save(tracker))

    assert stored_texts(db, "ana") == LONG
    again = run_async(store.retrieve("ana"))
    assert again is not None and [e.text for e in again.events if isinstance(e, UserUttered)][-1] == LONG[-1]


def test_a_cut_conversation_the_store_knows_nothing_about_is_refused_loudly(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    store = store_on(db)
    cut = chat(store, "ana", LONG)
    copy = cut.copy()  # Rasa's copies carry no record of what is stored
    turn(copy, "one more")
    with pytest.raises(UnknownStoredEvents, match="cut tracker"):
        run_async(store.save(copy))
    assert stored_texts(db, "ana") == LONG


def test_a_tracker_that_no_longer_starts_with_its_stored_events_is_refused_loudly(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    store = store_on(db)
    tracker = chat(store, "ana", ["one", "two"])
    tracker.events.pop()  # the last stored event is gone from the object
    turn(tracker, "three")
    with pytest.raises(UnknownStoredEvents, match="no longer starts"):
        run_async(store.save(tracker))


def test_a_whole_conversation_built_elsewhere_is_saved_the_stock_way(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    store = store_on(db)
    chat(store, "ana", ["one"])
    rebuilt = DialogueStateTracker.from_dict("ana", [e.as_dict() for e in run_async(store.retrieve("ana")).events], DOMAIN.slots)
    turn(rebuilt, "two")
    run_async(store.save(rebuilt))
    assert stored_texts(db, "ana") == ["one", "two"]


def test_retention_waits_for_a_turn_in_progress_and_keeps_the_conversation_it_answered(tmp_path: Path) -> None:
    # The retention race: the conversation is old when retention looks, and answered while it deletes.
    from rasa.core.lock_store import InMemoryLockStore

    db = tmp_path / "t.db"
    store = store_on(db)
    old = fresh("ana")
    for event in old.events:
        event.timestamp -= 40 * 86_400
    turn(old, "a month ago")
    for event in list(old.events)[-4:]:
        event.timestamp -= 40 * 86_400
    run_async(store.save(old))
    locks = InMemoryLockStore()

    async def turn_then_retention() -> tuple[int, int]:
        async with locks.lock("ana"):  # a turn of ana's holds the lock, as Rasa's processor does
            retention = asyncio.create_task(store.delete_older_than(30, locks))
            await asyncio.sleep(0.3)
            assert not retention.done()  # it waits for the turn
            tracker = await store.retrieve("ana")
            assert tracker is not None
            turn(tracker, "i'm back")
            await store.save(tracker)
        return await retention

    assert run_async(turn_then_retention()) == (0, 0)
    assert stored_texts(db, "ana") == ["a month ago", "i'm back"]
