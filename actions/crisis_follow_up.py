"""What to say after the crisis reply, when the person goes on talking about the danger.

The crisis reply itself, and the check-ins right after it, are rules that run without the action server
(data/rules/safety.yml). What people say next is often not a yes or a no: "he's not picking up, do I drive over or
call someone?", "his mate got there, he's alive, I'm shaking", "I don't want to leave him, I just want him to get
help", "he's back at 6", "what do I do tomorrow?". Each gets its own reply (the utter_crisis_* responses, rendered
for the locale from safety/crisis_resources.yml), for a few turns after the crisis reply and within the same session,
and only where the reply was written for that kind of crisis (FOR_CATEGORY): a user who is being hurt is never told
to "ask them plainly whether they still think about ending their life". Anything else gets the gentle check.
"""
from __future__ import annotations

import re
from typing import Any, Optional

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.events import bot_custom
from actions.safety_screen import action_before_message

# How many of the user's messages after a crisis reply are still read as being about that danger.
RECENT_TURNS = 4

REACH, RELIEF, TOMORROW, STAY, PLAN = "reach", "relief", "tomorrow", "stay", "plan"
RESPONSE = {kind: f"utter_crisis_{kind}" for kind in (REACH, RELIEF, TOMORROW, STAY, PLAN)}

_NOT_SAFE = re.compile(r"\b(?:not|isn'?t|aren'?t|wasn'?t|isnt|arent|never|no longer) (?:\w+ )?"
                       r"(?:safe|ok|okay|alright|alive|breathing|calm)\b")
# News about them that says the danger is over for now: alive, safe, at hospital, someone with them. Sleeping and
# breathing are not on it: after pills or a drink, "he's asleep" or "she's breathing" can be the danger itself.
_RELIEF = re.compile(
    r"\b(?:he|she|they)(?:'s|s| is| are|'re) (?:\w+ )?(?:alive|safe|okay|ok|alright|calmer|"
    r"in (?:the )?hospital|at (?:the )?hospital|at a&e|in a&e|being (?:looked after|seen|checked))\b|"
    r"\b(?:got|gets|get) (?:there|to (?:him|her|them))\b|\bgot hold of (?:him|her|them)\b|"
    r"\bwith (?:him|her|them) now\b|"
    # "ok hes back inside, ive called his brother to come over. he's talking to him now"
    r"\b(?:he|she|they)(?:'s|s| is| are|'re) (?:\w+ )?back (?:inside|indoors|in the house|home)\b|"
    r"\b(?:called|rang|phoned|texted|got) (?:his|her|their|my|our) \w+ (?:to come|over|round|around)\b|"
    r"\b(?:is|are|'s|'re) (?:talking|sitting|staying) with (?:him|her|them)\b|"
    r"\b(?:he|she|they)(?:'s|s| is| are|'re) talking to (?:him|her|them|"
    r"his \w+|her \w+|their \w+) now\b|\bparamedics\b|\b(?:the )?ambulance(?:'s| is| has)? (?:came|here|there|arrived|took|with)|"
    r"\bfound (?:him|her|them)\b[^.?!]{0,40}\b(?:breathing|alive|awake|talking)\b|\bpolice (?:came|found|are with|got)|"
    r"\bcrisis team (?:came|is|are)"
)
# What still says danger, doubt or hope beside such news: "he's breathing but really slowly", "she was ok this
# morning", "she says she's fine but i don't believe her", "i got there and the door is locked", "is he safe?".
_STILL_DANGER = re.compile(
    r"\?|\b(?:asleep|sleeping|passed out|wake|waking|unconscious|unresponsive|not responding|slow(?:ly)?|blue|grey|gray|floor|"
    r"slumped|bleeding|blood|cold|fitting|seizure|locked|no answer|can'?t (?:get in|find)|cant (?:get in|find)|missing|"
    r"threaten\w*|(?:do|try) it again|still (?:has|have|got|wants?|talking|saying|says|thinking|threatening)|"
    r"says?|said|claims?|insists?|swears?|reckons?|believe|hope|hoping|pray\w*|make sure|making sure|keep (?:him|her|them)|"
    r"if|whether|until|till|not sure|don'?t know|dont know|no idea)\b"
)
_REACH = re.compile(
    r"\b(?:not|isn'?t|isnt|won'?t|wont|can'?t|cant|doesn'?t|doesnt) (?:\w+ )?(?:picking up|pick up|answering|"
    r"answer(?! (?:my |any |the |these |those |his |her )?questions?)|reach|get hold|get through|replying|reply)\b|"
    r"\bstraight to voicemail\b|"
    r"\b(?:do|should|shall|can) i (?:just )?(?:drive|call|ring|phone|wait|head over|get over|"
    r"go(?= (?:over|round|around|there|to (?:him|her|them|his|their)\b)|\s*(?:[?!.,]|or\b|and\b|$)))\b|"
    r"\bwhat (?:do|should|can) i do\b(?:\s*(?:now|right now|then))?\s*(?:[?!.,]|$)|"
    r"\blives? (?:about |like )?\d+ ?(?:mins?|minutes|miles|km|hours?)\b|"
    r"\b(?:is|'s) (?:about |like )?\d+ ?(?:mins?|minutes|miles|km|hours?) (?:away|from|drive)\b|\bwho do i (?:call|ring|phone)\b"
)
_TOMORROW = re.compile(r"\b(?:tomorrow|in the morning|the day after|after (?:this|tonight|today)|from now on|next steps?|what now|"
                       r"what happens now|when (?:he|she|they)(?:'s|'re| is| are)? (?:home|out|back|discharged)|going forward)\b")
# A threat for the days ahead is no question about them: "she's okay but she said she'll do it tomorrow".
_THREAT_AHEAD = re.compile(r"\b(?:do|try) it\b|\bthreaten\w*")
_STAY = re.compile(r"\b(?:don'?t|dont|do not) want to (?:leave|lose|split|break up|end (?:it|things))|"
                   r"\bi (?:still )?love (?:him|her|them)\b|"
                   r"\bjust want (?:him|her|them) to (?:get help|change|stop|see someone|get better)")
_PLAN = re.compile(r"\b(?:back|home) (?:at|by|around|about|in|soon|tonight|later|after)\b|\bcoming (?:back|home)\b|"
                   r"\bwhen (?:he|she|they) (?:gets?|comes?) (?:back|home|in)\b|\b(?:he|she|they)(?:'ll| will)? be (?:back|home)\b")

# Which crisis each follow-up is written for. Reaching someone, relief that they are with help, and the day after are
# about a loved one at risk (or taken ill, or not yet known); staying, and a plan for when they are back, about someone
# hurting the user. The user's own danger has none of these: the gentle check, or "I'm here", fits it.
FOR_CATEGORY = {
    "loved_one_at_risk": (REACH, RELIEF, TOMORROW),
    "overdose": (REACH, RELIEF, TOMORROW),
    "general": (REACH, RELIEF, TOMORROW),
    "user_harmed": (PLAN, STAY),
    "user_at_risk": (),
}


def read_follow_up(text: str, category: Optional[str]) -> Optional[str]:
    """Which follow-up fits what the user said after a crisis reply of this category, or None."""
    lowered = text.lower().replace("’", "'")
    fits = FOR_CATEGORY.get(category or "general", FOR_CATEGORY["general"])
    if PLAN in fits and _PLAN.search(lowered):
        return PLAN
    if STAY in fits and _STAY.search(lowered):
        return STAY
    if REACH in fits and _REACH.search(lowered):
        return REACH
    if RELIEF in fits and _RELIEF.search(lowered) and not _NOT_SAFE.search(lowered) and not _STILL_DANGER.search(lowered):
        return RELIEF
    if TOMORROW in fits and _TOMORROW.search(lowered) and not _THREAT_AHEAD.search(lowered):
        return TOMORROW
    return None


# Replies that show the conversation has moved on from a danger to other help.
_MOVED_ON = ("content", "roleplay", "feedback", "talk_plan")
# A new session (the user came back after a long gap) or a restart ends what a crisis reply's follow-ups can answer.
_FRESH_START = {"session_started", "restart"}


def recent_crisis(tracker: Tracker) -> Optional[str]:
    """The category of a crisis reply given within the user's last few messages of this session, or None. Once other
    help has been given since (advice, practice), the danger is no longer the thread, except when someone is hurting
    the user: that danger goes on at home ("he's back at 6" after asking about support)."""
    messages, moved_on = 0, False
    for event in reversed(tracker.events):
        kind = event.get("event")
        if kind in _FRESH_START:
            return None
        payload_type = str(bot_custom(event).get("type") or "")
        if kind == "user":
            messages += 1
            if messages > RECENT_TURNS:
                return None
        elif (kind == "bot" and payload_type.startswith("crisis")
              or kind == "action" and str(event.get("name") or "").startswith("utter_crisis")):
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
    if kind in (RELIEF, TOMORROW) and category == "overdose":
        return f"{RESPONSE[kind]}_overdose"  # it may not have been on purpose: medical words first, suicide asked about
    return RESPONSE[kind] if kind else None


class ActionCrisisFollowUp(Action):
    """The rules' step after a crisis reply when the message is neither a yes nor a no: the follow-up that fits, else
    the gentle check (right after the crisis reply) or "I'm here" (later)."""

    def name(self) -> str:
        return "action_crisis_follow_up"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        default = "utter_crisis_check" if action_before_message(tracker) == "utter_crisis" else "utter_crisis_after"
        dispatcher.utter_message(response=follow_up(tracker) or default)
        return []
