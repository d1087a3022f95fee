"""What to say after the crisis reply, when the person goes on talking about the danger.

The crisis reply itself, and the check-ins right after it, are rules that run without the action server
(data/rules/safety.yml). What people say next is often not a yes or a no: "he's not picking up, do I drive over or
call someone?", "his mate got there, he's alive, I'm shaking", "I don't want to leave him, I just want him to get
help", "he's back at 6", "what do I do tomorrow?". Each gets its own reply (the utter_crisis_* responses, rendered
for the locale from safety/crisis_resources.yml), for a few turns after the crisis reply.
"""
from __future__ import annotations

import re
from typing import Any, Optional

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

# How many of the user's messages after a crisis reply are still read as being about that danger.
RECENT_TURNS = 4

REACH, RELIEF, TOMORROW, STAY, PLAN = "reach", "relief", "tomorrow", "stay", "plan"
RESPONSE = {kind: f"utter_crisis_{kind}" for kind in (REACH, RELIEF, TOMORROW, STAY, PLAN)}

_NOT_SAFE = re.compile(r"\b(?:not|isn'?t|aren'?t|wasn'?t|isnt|arent|never|no longer) (?:\w+ )?(?:safe|ok|okay|alright|alive|breathing|calm)\b")
_RELIEF = re.compile(
    r"\b(?:he|she|they|him|her|them)(?:'s|s| is| are|'re| was)? (?:\w+ )?(?:alive|safe now|okay now|ok now|asleep now|calmer now|"
    r"breathing (?:now|again|normally|ok|okay)|in (?:the )?hospital|at (?:the )?hospital|at a&e|in a&e|being (?:looked after|seen|checked))\b|"
    r"\b(?:got|gets|get) (?:there|to (?:him|her|them))\b|\b(?:found|reached|got hold of) (?:him|her|them)\b|"
    r"\bwith (?:him|her|them) now\b|\bparamedics\b|\bambulance (?:came|is here|arrived|took)|\bpolice (?:came|found|are with|got)|"
    r"\bcrisis team (?:came|is|are)"
)
_REACH = re.compile(
    r"\b(?:not|isn'?t|isnt|won'?t|wont|can'?t|cant|doesn'?t|doesnt) (?:\w+ )?(?:picking up|pick up|answering|answer|reach|get hold|"
    r"get through|replying|reply)\b|\bstraight to voicemail\b|\b(?:do|should|shall) i (?:just )?(?:go|drive|call|ring|phone|wait|"
    r"head) (?:over|round|there|to (?:his|her|their)|someone|somebody|the police|an ambulance|911|999|(?:him|her|them)\b)|"
    r"\bwhat (?:do|should|can) i do\b(?! (?:tomorrow|in the morning|next week|about me))|"
    r"\b(?:lives?|is|'s) (?:about |like )?\d+ ?(?:mins?|minutes|miles|km|hours?) away\b|\bwho do i (?:call|ring|phone)\b"
)
_TOMORROW = re.compile(r"\b(?:tomorrow|in the morning|the day after|after (?:this|tonight|today)|from now on|next steps?|what now|"
                       r"what happens now|when (?:he|she|they)(?:'s|'re| is| are)? (?:home|out|back|discharged)|going forward)\b")
_STAY = re.compile(r"\b(?:don'?t|dont|do not) want to (?:leave|lose|split|break up|end (?:it|things))|\bi (?:still )?love (?:him|her|them)\b|"
                   r"\bjust want (?:him|her|them) to (?:get help|change|stop|see someone|get better)")
_PLAN = re.compile(r"\b(?:back|home) (?:at|by|around|about|in|soon|tonight|later|after)\b|\bcoming (?:back|home)\b|"
                   r"\bwhen (?:he|she|they) (?:gets?|comes?) (?:back|home|in)\b|\b(?:he|she|they)(?:'ll| will)? be (?:back|home)\b")


def read_follow_up(text: str, category: Optional[str]) -> Optional[str]:
    """Which follow-up fits what the user said after a crisis reply, or None."""
    lowered = text.lower().replace("’", "'")
    harmed = category == "user_harmed"
    if harmed and _PLAN.search(lowered):
        return PLAN
    if harmed and _STAY.search(lowered):
        return STAY
    if _REACH.search(lowered):
        return REACH
    if _RELIEF.search(lowered) and not _NOT_SAFE.search(lowered):
        return RELIEF
    if _TOMORROW.search(lowered):
        return TOMORROW
    return None


# Replies that show the conversation has moved on from a danger to other help.
_MOVED_ON = ("content", "roleplay", "feedback", "talk_plan")


def recent_crisis(tracker: Tracker) -> Optional[str]:
    """The category of a crisis reply given within the user's last few messages, or None. Once other help has been
    given since (advice, practice), the danger is no longer the thread, except when someone is hurting the user: that
    danger goes on at home ("he's back at 6" after asking about support)."""
    messages, moved_on = 0, False
    for event in reversed(tracker.events):
        kind = event.get("event")
        payload_type = str(((event.get("data") or {}).get("custom") or {}).get("type") or "")
        if kind == "user":
            messages += 1
            if messages > RECENT_TURNS:
                return None
        elif kind == "bot" and payload_type.startswith("crisis") or kind == "action" and str(event.get("name") or "").startswith("utter_crisis"):
            category = str(tracker.get_slot("crisis_category") or "general")
            return None if moved_on and category != "user_harmed" else category
        elif kind == "bot" and payload_type in _MOVED_ON:
            moved_on = True
    return None


def follow_up(tracker: Tracker) -> Optional[str]:
    """The response to send for the latest message when it goes on about a recent danger, or None."""
    category = recent_crisis(tracker)
    if category is None:
        return None
    kind = read_follow_up(str(tracker.latest_message.get("text") or ""), category)
    return RESPONSE[kind] if kind else None


class ActionCrisisFollowUp(Action):
    """The rules' step after a crisis reply when the message is neither a yes nor a no: the follow-up that fits, else
    the gentle check (right after the crisis reply) or "I'm here" (later)."""

    def name(self) -> str:
        return "action_crisis_follow_up"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        default = "utter_crisis_check" if tracker.latest_action_name == "utter_crisis" else "utter_crisis_after"
        dispatcher.utter_message(response=follow_up(tracker) or default)
        return []
