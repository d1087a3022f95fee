"""Rasa's SQL tracker store, plus forgetting: one sender on request, and every old conversation.

It builds on trackers/cached.py (recent conversations kept in memory, cut to their last turns), and
drops a conversation from that memory whenever it deletes it. endpoints.yml names it
(`type: trackers.store.ForgetfulSQLTrackerStore`) with the usual SQL settings, so SQLite and PostgreSQL work as with `type: SQL`.

A conversation cannot delete its own tracker from inside a custom action: Rasa saves the tracker at
the end of the turn and would write every event back. So `action_delete_my_data` sets the slot
ERASE_SLOT once the rehearsals and ratings are gone, and `save()`, which Rasa calls at the end of that
turn while it still holds the conversation lock, deletes the sender's events instead of writing them.
The next message then starts a new, empty conversation.
"""
from __future__ import annotations

import logging
import time
from typing import Any

import sqlalchemy as sa
from rasa.core.lock_store import LockStore
from rasa.core.tracker_store import TrackerStore
from rasa.shared.core.trackers import DialogueStateTracker

from kernel.vocabulary import ERASE_SLOT
from trackers.cached import CachedSQLTrackerStore

logger = logging.getLogger(__name__)

SECONDS_PER_DAY = 86_400


def asks_to_be_erased(tracker: DialogueStateTracker) -> bool:
    slot = tracker.slots.get(ERASE_SLOT)  # not get_slot: it logs when a domain lacks the slot
    return bool(slot is not None and slot.value)


class ForgetfulSQLTrackerStore(CachedSQLTrackerStore):
    """SQLTrackerStore that deletes a conversation which asked to be erased instead of saving it."""

    async def save(self, tracker: DialogueStateTracker) -> None:
        if asks_to_be_erased(tracker):
            removed = self.delete_conversation(tracker.sender_id)
            logger.info("Conversation erased at the user's request (%d events removed)", removed)
            return
        await super().save(tracker)

    def delete_conversation(self, sender_id: str) -> int:
        """Removes every event of this sender, in every session; returns how many."""
        self.forget(sender_id)
        with self.session_scope() as session:
            result = session.execute(sa.delete(self.SQLEvent).where(self.SQLEvent.sender_id == sender_id))
            session.commit()
            return int(result.rowcount or 0)

    async def delete_older_than(self, days: int, lock_store: LockStore) -> tuple[int, int]:
        """Removes the conversations whose latest event is more than `days` days old.

        Each one under its conversation lock, and only if it is still that old once the lock is held: a turn
        answered meanwhile (it held the lock) keeps the conversation. Returns (conversations, events) removed.
        """
        cutoff = time.time() - days * SECONDS_PER_DAY
        event = self.SQLEvent
        stale = (
            sa.select(event.sender_id)
            .group_by(event.sender_id)
            .having(sa.func.max(event.timestamp) < cutoff)
        )
        with self.session_scope() as session:
            senders = list(session.execute(stale).scalars())
        conversations = removed = 0
        for sender_id in senders:
            async with lock_store.lock(sender_id):
                events = self._delete_if_older(sender_id, cutoff)
            if events:
                conversations += 1
                removed += events
        return conversations, removed

    def _delete_if_older(self, sender_id: str, cutoff: float) -> int:
        """Deletes the sender's events if its latest is still older than ``cutoff``, in one statement."""
        event = self.SQLEvent
        latest = sa.select(sa.func.max(event.timestamp)).where(event.sender_id == sender_id).scalar_subquery()
        with self.session_scope() as session:
            result = session.execute(
                sa.delete(event).where(event.sender_id == sender_id, latest < cutoff).execution_options(synchronize_session=False)
            )
            session.commit()
        self.forget(sender_id)
        return int(result.rowcount or 0)


def forgetful_store(tracker_store: Any) -> ForgetfulSQLTrackerStore | None:
    """Our store inside the wrappers Rasa puts around it (FailSafeTrackerStore, AwaitableTrackerStore)."""
    store = tracker_store
    for _ in range(5):
        if isinstance(store, ForgetfulSQLTrackerStore):
            return store
        if not isinstance(store, TrackerStore):
            return None
        store = getattr(store, "_tracker_store", None)
    return None
