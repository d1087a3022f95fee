"""Rasa's SQL tracker store, with recently active conversations kept in memory between turns.

The stock store rebuilds a conversation from every stored event on each message (read all rows, parse
the JSON, replay each event), and Rasa then walks the whole history several times a turn, so a turn got
slower the longer the conversation (bench/run.py: 3.5x slower by turn 200). Here:

- a conversation seen recently is reused as it was left at the end of its last turn, after one cheap
  indexed check of the database (how many events the sender has, and the highest id). If another Rasa
  server or Sanic worker answered turns since, only those new events are read and applied; if rows were
  deleted (the privacy endpoint, the retention job), the conversation is read from the database as before;
- the in-memory copy is cut to its last ``window_turns`` user turns once it holds twice that many
  (trackers/window.py): slot values and the active form are kept, so the dialogue continues the same.

What is new at save time is read from the tracker itself: every tracker this store hands out carries a
``StoredPart`` (how many of its events the database holds, and the last of them), so nothing that happens
to the in-memory cache in between (an event broker's ``retrieve``, eviction by other people's turns, a read
over the HTTP API without the conversation lock) can make a save miss events. A tracker without that record
is saved the stock way (count the stored rows) unless it is a cut one, where counting is wrong: that raises.
Every event is written to the database before the reply is sent, and the database keeps the whole history.
"""
from __future__ import annotations

import itertools
import json
import logging
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, Optional

import sqlalchemy as sa
from rasa.core.brokers.broker import EventBroker
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import Event, deserialise_events
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY

from trackers.window import is_cut, recent_window, user_turns

logger = logging.getLogger(__name__)

DEFAULT_CACHED_CONVERSATIONS = 256
# The rules look back at most two turns (their longest is four states), and the listening and practice actions keep
# what they need in slots, so two turns are enough; every event kept is replayed, sent and parsed each turn
# (tests/e2e/test_tracker_window.py: the same next action as the whole conversation at every point).
DEFAULT_WINDOW_TURNS = 2
STORED_ATTRIBUTE = "_tracker_store_stored_part"


class UnknownStoredEvents(RuntimeError):
    """A save could not tell which of a tracker's events are already in the database."""


@dataclass(frozen=True)
class _Mark:
    """Where the database stood for a sender: how many events it held, and the highest event id."""

    rows: int
    last_id: Optional[int]
    # Ids can be reused once rows are deleted (SQLite does), so the last event's time is part of the mark.
    last_timestamp: Optional[float]


@dataclass(frozen=True)
class StoredPart:
    """Kept on a tracker this store handed out: its first ``count`` events are in the database, the last of
    them being ``last`` (the very object), and the database stood at ``mark`` when they were read or written."""

    count: int
    last: Optional[Event]
    mark: _Mark


def stored_part(tracker: DialogueStateTracker) -> Optional[StoredPart]:
    part = tracker.__dict__.get(STORED_ATTRIBUTE)
    return part if isinstance(part, StoredPart) else None


def _record(tracker: DialogueStateTracker, mark: _Mark) -> None:
    """Everything ``tracker`` holds now is in the database."""
    events = tracker.events
    tracker.__dict__[STORED_ATTRIBUTE] = StoredPart(len(events), events[-1] if events else None, mark)


def _unsaved_events(tracker: DialogueStateTracker, part: StoredPart) -> Optional[list[Event]]:
    """The events after the stored part, or None if the tracker no longer starts with it (rewound, trimmed)."""
    events = tracker.events
    if len(events) < part.count or (part.count and events[part.count - 1] is not part.last):
        return None
    return list(itertools.islice(events, part.count, None))


class CachedSQLTrackerStore(SQLTrackerStore):
    """SQLTrackerStore that keeps the last ``cached_conversations`` conversations in memory."""

    def __init__(
        self,
        *args: Any,
        cached_conversations: int = DEFAULT_CACHED_CONVERSATIONS,
        window_turns: int = DEFAULT_WINDOW_TURNS,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self._capacity = max(1, int(cached_conversations))
        self._window_turns = int(window_turns)
        self._cache: OrderedDict[str, DialogueStateTracker] = OrderedDict()
        self._mark_query = self._build_mark_query()
        stock: sa.engine.Engine = self.engine  # type: ignore[has-type]
        if stock.dialect.name == "sqlite":
            # SQLAlchemy 1.4 opens a new SQLite connection per session (NullPool); keep them open instead.
            stock.dispose()
            pooled = sa.create_engine(stock.url, poolclass=sa.pool.QueuePool, connect_args={"check_same_thread": False})
            sa.event.listen(pooled, "connect", _sqlite_write_ahead_log)
            self.engine = pooled
            self.sessionmaker = sa.orm.sessionmaker(bind=pooled)

    async def retrieve(self, sender_id: str) -> Optional[DialogueStateTracker]:
        cached = self._cache.pop(sender_id, None)
        if cached is not None and self._is_current(cached):
            with self.session_scope() as session:
                caught_up = self._catch_up(session, sender_id, cached)
            if caught_up is not None:
                return caught_up
        tracker = await super().retrieve(sender_id)
        if tracker is not None:
            with self.session_scope() as session:
                mark = self._mark(session, sender_id)
            _record(tracker, mark)
            tracker = self._remember(sender_id, tracker)
        return tracker

    def init_tracker(self, sender_id: str) -> DialogueStateTracker:
        """A new conversation (retrieve found none): none of its events are stored yet."""
        tracker = super().init_tracker(sender_id)
        tracker.__dict__[STORED_ATTRIBUTE] = StoredPart(0, None, _Mark(0, None, None))
        return tracker

    async def stream_events(self, tracker: DialogueStateTracker) -> None:
        """What save() streams, for a caller of its own: the new events, worked out without ``retrieve``
        (Rasa's own version retrieves, which replaced the cached conversation while it was being saved)."""
        if self.event_broker is None:
            return
        with self.session_scope() as session:
            new_events = self._new_events(session, tracker)
        await self._stream_new_events(self.event_broker, new_events, tracker.sender_id)

    async def save(self, tracker: DialogueStateTracker) -> None:
        with self.session_scope() as session:
            new_events = self._new_events(session, tracker)
            broker: Optional[EventBroker] = self.event_broker
            if broker is not None and new_events:
                await self._stream_new_events(broker, new_events, tracker.sender_id)
            rows = [self._row(tracker.sender_id, event) for event in new_events]
            if rows:  # one multi-row INSERT, not the ORM's unit of work
                session.execute(sa.insert(self.SQLEvent.__table__), rows)
            mark = self._mark(session, tracker.sender_id)
            session.commit()
        _record(tracker, mark)
        self._remember(tracker.sender_id, tracker)

    def _new_events(self, session: Any, tracker: DialogueStateTracker) -> list[Event]:
        """The tracker's events the database does not hold yet, from the record on the tracker itself."""
        part = stored_part(tracker)
        if part is not None:
            new_events = _unsaved_events(tracker, part)
            if new_events is None:
                raise UnknownStoredEvents(
                    f"The tracker of {tracker.sender_id!r} no longer starts with the {part.count} events that are stored: "
                    "refusing to guess which of its events are new."
                )
            return new_events
        if is_cut(tracker):
            # Counting the stored rows is right only for a whole conversation, never for a cut one.
            raise UnknownStoredEvents(
                f"A cut tracker of {tracker.sender_id!r} (trackers/window.py) without a record of what is stored: "
                "refusing to guess which of its events are new."
            )
        return list(self._additional_events(session, tracker))  # Rasa's own way, for a whole conversation

    def _catch_up(self, session: Any, sender_id: str, cached: DialogueStateTracker) -> Optional[DialogueStateTracker]:
        """The cached conversation brought up to date with what others wrote since, or None to read it afresh.

        Another Rasa process (a second server, or another Sanic worker) may have answered the turns in
        between: apply just those events. Anything else (rows deleted, say) means reading it again.
        """
        part = stored_part(cached)
        if part is None:
            return None
        known = part.mark
        mark = self._mark(session, sender_id)
        if mark == known:
            self._cache[sender_id] = cached
            return cached
        if mark.last_id is None or known.last_id is None or mark.last_id < known.last_id:
            return None
        event = self.SQLEvent
        since = session.execute(  # from the last event we had, which must still be there unchanged
            sa.select(event.id, event.timestamp, event.data)
            .where(event.sender_id == sender_id, event.id >= known.last_id)
            .order_by(event.id)
        ).all()
        if not since or (since[0].id, since[0].timestamp) != (known.last_id, known.last_timestamp):
            return None
        newer = [row.data for row in since[1:]]
        if mark.rows != known.rows + len(newer):
            return None
        for new_event in deserialise_events([json.loads(data) for data in newer]):
            cached.update(new_event)
        _record(cached, mark)
        return self._remember(sender_id, cached)

    def forget(self, sender_id: str) -> None:
        """Drop the in-memory copy (the database is the truth; call this after deleting rows directly)."""
        self._cache.pop(sender_id, None)

    @staticmethod
    def _row(sender_id: str, event: Any) -> dict[str, Any]:
        """The columns Rasa's SQLTrackerStore.save writes for an event."""
        data = event.as_dict()
        return {
            "sender_id": sender_id,
            "type_name": event.type_name,
            "timestamp": data.get("timestamp"),
            "intent_name": data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
            "action_name": data.get("name"),
            "data": json.dumps(data),
        }

    def _build_mark_query(self) -> Any:
        """How many events a sender has, the highest id, and that event's time: one indexed query, built once."""
        event = self.SQLEvent
        counted = (
            sa.select(sa.func.count(event.id).label("rows"), sa.func.max(event.id).label("last_id"))
            .where(event.sender_id == sa.bindparam("sender_id"))
            .subquery()
        )
        return sa.select(counted.c.rows, counted.c.last_id, event.timestamp).select_from(
            counted.outerjoin(event, event.id == counted.c.last_id)
        )

    def _mark(self, session: Any, sender_id: str) -> _Mark:
        rows, last_id, last_timestamp = session.execute(self._mark_query, {"sender_id": sender_id}).one()
        return _Mark(int(rows), last_id, last_timestamp)

    @staticmethod
    def _is_current(tracker: DialogueStateTracker) -> bool:
        # A turn that failed half-way (or one still running) leaves unsaved events on the object: read it again.
        part = stored_part(tracker)
        return part is not None and _unsaved_events(tracker, part) == []

    def _remember(self, sender_id: str, tracker: DialogueStateTracker) -> DialogueStateTracker:
        """Keep ``tracker`` (a cut copy if it grew long); returns what was kept. ``tracker`` must be all stored."""
        part = stored_part(tracker)
        if part is not None and self.domain is not None and user_turns(tracker) > 2 * self._window_turns:
            window = recent_window(tracker, self.domain, self._window_turns)
            _record(window, part.mark)  # everything in the window is in the database, or carried from it
            tracker = window
        self._cache[sender_id] = tracker
        self._cache.move_to_end(sender_id)
        while len(self._cache) > self._capacity:
            self._cache.popitem(last=False)
        return tracker


def _sqlite_write_ahead_log(connection: Any, _record: Any) -> None:
    """WAL with synchronous=NORMAL: each commit survives the server being killed (kill -9), without an
    fsync per turn; only a power cut can lose the last turns. Readers also stop blocking the writer."""
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()
