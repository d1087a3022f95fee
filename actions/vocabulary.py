"""The closed vocabularies shared by content, NLU post-processing and actions."""
from __future__ import annotations

from enum import Enum

ANY = "any"
# Set by action_delete_my_data; trackers/store.py then deletes the conversation instead of saving it.
ERASE_SLOT = "erase_conversation"


class Kind(str, Enum):
    REFRAME = "reframe"
    PHRASING = "phrasing"
    AVOID = "avoid"
    TIP = "tip"
    RESOURCE = "resource"


class Relationship(str, Enum):
    PARTNER = "partner"
    PARENT = "parent"
    CHILD = "child"
    SIBLING = "sibling"
    FRIEND = "friend"


class ResistanceForm(str, Enum):
    """The four ways a refusal shows up (direct, passive, intellectual, emotional)."""

    DIRECT = "direct"
    PASSIVE = "passive"
    INTELLECTUAL = "intellectual"
    EMOTIONAL = "emotional"


class Concern(str, Enum):
    DEPRESSION = "depression"
    ANXIETY = "anxiety"
    SUBSTANCE_USE = "substance_use"
    TRAUMA = "trauma"
    GRIEF = "grief"
    STRESS = "stress"
    ANGER = "anger"


class Topic(str, Enum):
    REFUSAL = "refusal"
    RESENTMENT = "resentment"
    BRING_UP = "bring_up"
    EXHAUSTION = "exhaustion"
    BOUNDARIES = "boundaries"
    WHY_RESIST = "why_resist"
    ENABLING = "enabling"
    SUPPORT = "support"
    PROGRESS = "progress"


def values(enum: type[Enum]) -> list[str]:
    return [member.value for member in enum]


# Which content topic answers which contract intent.
TOPIC_FOR_INTENT: dict[str, Topic] = {
    "they_refused_help": Topic.REFUSAL,
    "describe_refusal": Topic.REFUSAL,
    "feel_resentful": Topic.RESENTMENT,
    "how_to_bring_up_therapy": Topic.BRING_UP,
    "feel_exhausted": Topic.EXHAUSTION,
    "set_boundaries": Topic.BOUNDARIES,
    "why_they_resist": Topic.WHY_RESIST,
    "worried_enabling": Topic.ENABLING,
    "find_support": Topic.SUPPORT,
    "signs_of_progress": Topic.PROGRESS,
}


class Stage(str, Enum):
    """How open the loved one is during a rehearsal, from guarded to open."""

    GUARDED = "guarded"
    WARY = "wary"
    SOFTENING = "softening"
    OPEN = "open"
    CONCESSION = "concession"
