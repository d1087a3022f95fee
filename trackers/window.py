"""A conversation's recent turns, after the slots and form that were set before them.

Rasa rebuilds the dialogue state from every event of a conversation several times a turn (policy
featurisation, copies before each action, the state sent to the action server), so a long conversation
got slower with every turn. A tracker cut to its last turns keeps what the dialogue policies look at
(memoisation's ``max_history`` and our rules span a few turns) and the slot values and active form as
they stand, so the next prediction is the same: tests/e2e/test_tracker_window.py compares both on long
conversations.
"""
from __future__ import annotations

from typing import Any, Optional

from rasa.shared.core.constants import SESSION_START_METADATA_SLOT
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, ActiveLoop, AllSlotsReset, Event, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

# In the metadata of the events a cut tracker starts with (the carried slots and form): they are not in the
# database, and a store that meets them on a tracker it knows nothing about must not count-slice it.
CARRIED = "carried_into_window"


def is_cut(tracker: DialogueStateTracker) -> bool:
    """Whether ``tracker`` (or a copy of it) was made by ``recent_window``."""
    return bool(tracker.events) and bool((tracker.events[0].metadata or {}).get(CARRIED))


def user_turns(tracker: DialogueStateTracker) -> int:
    return sum(1 for event in tracker.events if isinstance(event, UserUttered))


def recent_window(tracker: DialogueStateTracker, domain: Domain, turns: int) -> DialogueStateTracker:
    """A new tracker with the last ``turns`` user turns, or ``tracker`` itself if it is not longer."""
    events = tracker.applied_events()
    cut = _window_start(events, turns)
    if cut == 0:
        return tracker
    at = events[cut].timestamp  # keep the events in time order
    values = _slot_values(events[:cut])
    if SESSION_START_METADATA_SLOT in tracker.slots:
        # Always one carried event to mark the cut (is_cut); this slot never influences the conversation.
        values.setdefault(SESSION_START_METADATA_SLOT, tracker.slots[SESSION_START_METADATA_SLOT].initial_value)
    carried: list[Event] = [SlotSet(name, value, timestamp=at, metadata={CARRIED: True}) for name, value in values.items()]
    active_loop = _active_loop(events[:cut])
    if active_loop:
        carried.append(ActiveLoop(active_loop, timestamp=at, metadata={CARRIED: True}))
    window = DialogueStateTracker.from_events(
        tracker.sender_id, [*carried, *events[cut:]], slots=domain.slots, domain=domain
    )
    window.is_rule_tracker = tracker.is_rule_tracker
    return window


def _window_start(events: list[Event], turns: int) -> int:
    """Index of the ``action_listen`` before the ``turns``-th last user message (0: keep everything)."""
    seen = 0
    for index in range(len(events) - 1, -1, -1):
        if isinstance(events[index], UserUttered):
            seen += 1
            if seen == turns:
                before = index - 1
                return before if before > 0 and isinstance(events[before], ActionExecuted) else 0
    return 0


def _slot_values(events: list[Event]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for event in events:
        if isinstance(event, SlotSet):
            values[event.key] = event.value
        elif isinstance(event, AllSlotsReset):
            values.clear()
    return values


def _active_loop(events: list[Event]) -> Optional[str]:
    for event in reversed(events):
        if isinstance(event, ActiveLoop):
            return event.name
    return None
