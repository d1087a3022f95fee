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

Every event is still written to the database before the reply is sent, and the database keeps the whole
history (the HTTP API's tracker endpoint reads it from there), so a crash loses nothing that was answered.
"""
from __future__ import annotations

import json
import logging
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Optional

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import deserialise_events
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY

from trackers import speedups
from trackers.window import recent_window, user_turns

speedups.apply()
logger = logging.getLogger(__name__)

DEFAULT_CACHED_CONVERSATIONS = 256
DEFAULT_WINDOW_TURNS = 4


@dataclass(frozen=True)
class _Mark:
    """Where the database stood for a sender: how many events it held, and the highest event id."""

    rows: int
    last_id: Optional[int]
    # Ids can be reused once rows are deleted (SQLite does), so the last event's time is part of the mark.
    last_timestamp: Optional[float]


@dataclass
class _Cached:
    tracker: DialogueStateTracker
    stored_events: int  # how many of tracker.events are in the database
    mark: _Mark  # the database when we last read or wrote this conversation


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
        self._capacity = int(cached_conversations)
        self._window_turns = int(window_turns)
        self._cache: OrderedDict[str, _Cached] = OrderedDict()
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
            tracker = self._remember(sender_id, tracker, len(tracker.events), mark)
        return tracker

    async def save(self, tracker: DialogueStateTracker) -> None:
        await self.stream_events(tracker)
        cached = self._cache.get(tracker.sender_id)
        with self.session_scope() as session:
            if cached is not None and cached.tracker is tracker:
                # Our own copy (perhaps cut to a window): we know which of its events are stored.
                new_events: Iterable[Any] = list(tracker.events)[cached.stored_events:]
            else:
                new_events = self._additional_events(session, tracker)
            rows = [self._row(tracker.sender_id, event) for event in new_events]
            if rows:  # one multi-row INSERT, not the ORM's unit of work
                session.execute(sa.insert(self.SQLEvent.__table__), rows)
            mark = self._mark(session, tracker.sender_id)
            session.commit()
        self._remember(tracker.sender_id, tracker, len(tracker.events), mark)

    def _catch_up(self, session: Any, sender_id: str, cached: _Cached) -> Optional[DialogueStateTracker]:
        """The cached conversation brought up to date with what others wrote since, or None to read it afresh.

        Another Rasa process (a second server, or another Sanic worker) may have answered the turns in
        between: apply just those events. Anything else (rows deleted, say) means reading it again.
        """
        mark = self._mark(session, sender_id)
        if mark == cached.mark:
            self._cache[sender_id] = cached
            return cached.tracker
        if mark.last_id is None or cached.mark.last_id is None or mark.last_id < cached.mark.last_id:
            return None
        event = self.SQLEvent
        since = session.execute(  # from the last event we had, which must still be there unchanged
            sa.select(event.id, event.timestamp, event.data)
            .where(event.sender_id == sender_id, event.id >= cached.mark.last_id)
            .order_by(event.id)
        ).all()
        if not since or (since[0].id, since[0].timestamp) != (cached.mark.last_id, cached.mark.last_timestamp):
            return None
        newer = [row.data for row in since[1:]]
        if mark.rows != cached.mark.rows + len(newer):
            return None
        for event in deserialise_events([json.loads(data) for data in newer]):
            cached.tracker.update(event)
        return self._remember(sender_id, cached.tracker, len(cached.tracker.events), mark)

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
    def _is_current(cached: _Cached) -> bool:
        # A turn that failed half-way leaves unsaved events on the object: read it again instead.
        return len(cached.tracker.events) == cached.stored_events

    def _remember(self, sender_id: str, tracker: DialogueStateTracker, stored: int, mark: _Mark) -> DialogueStateTracker:
        """Keep ``tracker`` (cut to its recent turns if it grew long); returns what was kept."""
        if self.domain is not None and user_turns(tracker) > 2 * self._window_turns:
            tracker = recent_window(tracker, self.domain, self._window_turns)
            stored = len(tracker.events)  # everything in the window is in the database
        self._cache[sender_id] = _Cached(tracker, stored, mark)
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
