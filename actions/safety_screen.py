"""Safety inside the advice: before boundaries, stepping back or letting consequences happen, ask once.

CRAFT screens for violence before anything else, because a boundary or a step back can make a violent home
more dangerous. The first time a conversation reaches one of those topics, the action that would give the
advice calls ``needs_screen`` and, if it says so, returns ``screen(topic)`` instead of the advice:

    if needs_screen(tracker, topic):
        return screen(topic)

The question is the domain response ``utter_safety_screen`` (rendered per locale). data/rules/safety.yml
handles the answer: a yes gives ``utter_safety_first`` (the DV line and safety planning); a no runs
``action_topic_content`` again, which should then answer ``resume_topic(tracker)``.
"""
from __future__ import annotations

import re
from typing import Optional

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet

from kernel.vocabulary import Topic

SCREENED_SLOT = "safety_screened"
TOPIC_SLOT = "safety_screen_topic"
SCREEN_RESPONSE = "utter_safety_screen"
# Topics whose advice includes boundaries, stepping back or natural consequences.
SCREENED_TOPICS = frozenset({Topic.BOUNDARIES.value, Topic.ENABLING.value})


# Struggles where a limit can meet anger; for the others the question is asked only when the user has spoken of anger,
# threats or fear. A son doing his housebound mum's shopping since she was mugged was asked about violence at home,
# and "idk" then got the domestic-violence script.
_STRUGGLES_THAT_CAN_FLARE = frozenset({"substance_use", "anger", "psychosis"})
_SIGNS_OF_HEAT = re.compile(
    r"\b(?:angry|anger|rage|temper|shout\w*|scream\w*|yell\w*|snap\w*|aggressive|violent|violence|hit|hits|hitting|"
    r"push(?:ed|es)? (?:me|us|the kids)|"
    r"shov\w*|grab\w*|threat\w*|smash\w*|punch\w*|slam\w*|scared of|afraid of|frightened of|walk(?:ing)? on eggshells|"
    r"lash\w* out|kicks? off|loses? it|blows? up|abus\w*|controll\w*)\b", re.I)


def needs_screen(tracker: Tracker, topic: Optional[str]) -> bool:
    """True the first time in a conversation that advice on ``topic`` could ask the user to step back, when a limit could
    meet anger: a partner, a struggle that can flare (drink and drugs, anger, psychosis), or anger, threats or fear told."""
    value = topic.value if isinstance(topic, Topic) else topic
    if value not in SCREENED_TOPICS or tracker.get_slot(SCREENED_SLOT):
        return False
    if tracker.get_slot("relationship") in (None, "partner") or tracker.get_slot("concern") in (None, *_STRUGGLES_THAT_CAN_FLARE):
        return True
    told = " ".join(str(e.get("text") or "") for e in tracker.events if e.get("event") == "user")
    return bool(_SIGNS_OF_HEAT.search(told))


def screen(topic: Optional[str]) -> list[EventType]:
    """Events that ask the violence-or-fear question instead of giving the advice, remembering the topic."""
    value = topic.value if isinstance(topic, Topic) else topic
    return [SlotSet(SCREENED_SLOT, True), SlotSet(TOPIC_SLOT, value), FollowupAction(SCREEN_RESPONSE)]


def resume_topic(tracker: Tracker) -> Optional[str]:
    """The topic whose advice waited for the screen's answer, when the user has just answered it."""
    latest = (tracker.latest_message.get("intent") or {}).get("name")
    if latest in ("deny", "affirm") and tracker.get_slot(SCREENED_SLOT):
        value = tracker.get_slot(TOPIC_SLOT)
        return str(value) if value else None
    return None


# Reading an answer in the user's own words. A plain yes or no is the NLU's affirm or deny; people also
# answer "he'd never hurt me", "sometimes he yells", "i don't know, maybe a bit" or "i just want some peace".
DANGER, SAFE, UNCLEAR = "danger", "safe", "unclear"
# Worry for them ("I'm scared for him") and fear that names what they did as its reason ("scared and kind of angry at
# her for stopping without telling anyone") are feelings about the situation, not fear of them.
_SCARED_FOR = re.compile(
    r"\b(?:scared|afraid|worried|frightened|terrified) for\b(?! (?:my|our) (?:life|lives|safety|kids|children|baby|son|daughter)\b)"
    r"(?! (?:me|myself|us|the (?:kids|children|baby))\b)[^.,;!?]*|"
    r"\b(?:scared|afraid|worried|frightened|terrified) and (?:\w+ ){0,3}(?:at|with) (?:him|her|them) for (?!what)\w+ing\b[^.,;!?]*",
    re.I,
)
# The user's own anger or exasperation ("tbh im so angry", "i could strangle him sometimes") is a feeling about them,
# not fear of them: blanked before looking for fear, so that a vent right after the question doesn't get the
# domestic-violence reply. "He gets angry" and "sometimes he yells" are still read as danger.
_OWN_ANGER = re.compile(
    r"\b(?:i'?m|im|i am|i feel|i get|i got|i was|i'?ve been|ive been|makes me|made me|it makes me|leaves me|(?:for|about) being)\s+"
    r"(?:so\s+|really\s+|just\s+|absolutely\s+|bloody\s+|fucking\s+|fkn\s+|totally\s+|completely\s+|pretty\s+|actually\s+)*"
    r"(?:angry|furious|fuming|livid|mad|pissed(?: off)?|annoyed|raging|cross|frustrated|fed up|sick of (?:it|him|her|them))\b"
    r"(?:\s+(?:with|at) (?:him|her|them|my \w+))?(?:\s+(?:sometimes|at times|now and then))?"
    r"|(?:\bi\s+(?:swear\s+)?(?:i\s+)?(?:could|can|want to|wanna)|\b(?:makes?|made|making) me (?:want to|wanna))\s+"
    r"(?:honestly\s+|literally\s+|actually\s+|just\s+)*"
    r"(?:kill|strangle|throttle|murder|scream(?: at)?|shake|slap|wring his neck|wring her neck|explode|lose it)\s*(?:him|her|them)?"
    r"(?:\s+(?:sometimes|at times|some days|lol|haha))*",
    re.I,
)
_DENIED = re.compile(
    r"\b(?:never|not|no|nothing|nope|isn'?t|wasn'?t|wouldn'?t|doesn'?t|don'?t|didn'?t|hasn'?t|won'?t|'d never)\b[^.,;!?]{0,30}?"
    r"\b(?:violen\w*|hurt\w*|hit\w*|laid a finger|lay a finger|touch\w* me|scared|afraid|frightened|fear\w*|dangerous|"
    r"aggressive|unsafe|threat\w*|physical|like that)\b", re.I)
_FEAR = re.compile(
    r"\b(?:violen\w*|hurt\w*|hit|hits|hitting|push\w*|shov\w*|grab\w*|"
    r"(?:throw\w*|threw)(?! (?:(?:it|them|that|everything|her|his|their|my) )?(?:own )?(?:\w+ )?away\b)|"  # not "thrown her kids away"
    r"smash\w*|punch\w*|slap\w*|"
    r"kick(?:s|ed|ing)?(?! (?:him|her|them) out\b)(?! out\b)|yell\w*|shout\w*|scream\w*|rages?|temper|threat\w*|intimidat\w*|"
    r"scared|scary|scares|afraid|frighten\w*|fear|"
    r"eggshells|unsafe|aggressive|controll?\w*|"
    r"(?:is|'s|s|hes|shes|was|gets|got|be|being|so|really|very|too|pretty|quite|just|always|can be|get) mean|nasty|angry|anger|"
    r"explod\w*|loses it|kicks off|lash\w* out|snaps?)\b", re.I)
# Doubt ("maybe", "a bit", "sometimes", "not sure") is an answer only when it leads the reply or is most of it: "maybe a
# bit, he gets loud" puts safety first, but "is it bad that i resent him a bit" or "what kind of mother does that" is
# something else on their mind.
_DOUBT = re.compile(r"\b(?:maybe|a bit|a little|sometimes|not sure|i don'?t know|idk|kind of|sort of|kinda|used to|depends|"
    r"once or twice)\b", re.I)
_NOT_DOUBT = re.compile(r"\bwhat kind of\b|\bthat kind of\b|\ba bit of (?:a|an)\b", re.I)


_WORDS = re.compile(r"[\w']+")


def _answers_with_doubt(text: str) -> bool:
    found = _DOUBT.search(_NOT_DOUBT.sub(" ", text))
    if found is None:
        return False
    return len(_WORDS.findall(text)) <= 8 or len(_WORDS.findall(text, 0, found.start())) <= 2
_PLAIN_NO = re.compile(r"^\W*(?:no+|nope|nah|god no|not at all|never|nothing like that|we'?re (?:fine|safe)|i'?m safe)\b", re.I)


_NEW_QUESTION = re.compile(r"\b(?:how|what|where|when|why|which|who) (?:do|does|would|could|should|can|will|to|is|are|if|about)\b|"
                           r"\bis there (?:a|any)\b|\banother\b|\banything else\b", re.I)
# A yes-or-no question of their own ("should i stop lending him money?") is no answer either, unless it carries fear:
# "is it bad that i'm scared of him?", "should i be worried? he pushed me once" put safety first.
_OWN_QUESTION = re.compile(r"\bshould i\b|\bis it (?:ok|okay|alright|wrong|bad)\b", re.I)


def _unless_violence_is_the_reason(found: re.Match[str]) -> str:
    """Blank worry for them, unless what follows its "for" is violence ("scared and angry at him for hitting me")."""
    reason = re.split(r"\bfor\b", found.group(0), maxsplit=1, flags=re.I)[-1]
    return found.group(0) if _FEAR.search(reason) else " "


_ABOUT_THE_ANGER = re.compile(r"\b(?:about|for|with|over) (?:the|his|her|their|that|this) (?:anger|temper|rage)(?: issues?| problems?)?\b",
                              re.I)


def read_screen_answer(text: str, intent: Optional[str]) -> str:
    """DANGER, SAFE or UNCLEAR for an answer to the violence-or-fear question.

    Any sign of fear, violence or doubt counts as danger, even after a "no": the advice waits and safety
    comes first. Worry *for* them ("I'm scared for him") is not fear of them.
    """
    if _NEW_QUESTION.search(text):
        return UNCLEAR  # "ok so how would I push, gently": a question of their own, not an answer
    # "told him he should see someone about the anger and he said...": the struggle named, not a sign of danger to the user
    rest = _ABOUT_THE_ANGER.sub(" ", _OWN_ANGER.sub(" ", _SCARED_FOR.sub(_unless_violence_is_the_reason, text)))
    denied = bool(_DENIED.search(rest))
    rest = _DENIED.sub(" ", rest)
    if _FEAR.search(rest) or intent == "affirm":
        return DANGER  # a yes, even "yes we're fine", puts safety first (data/rules/safety.yml answers it so too)
    if _OWN_QUESTION.search(text):
        return UNCLEAR
    if _answers_with_doubt(rest):
        return DANGER
    if intent == "deny" or denied or _PLAIN_NO.search(text):
        return SAFE
    return UNCLEAR


def action_before_message(tracker: Tracker) -> Optional[str]:
    """The last action before the user's latest message. ``tracker.latest_action_name`` can't say it: by the time an
    action runs, the latest action is the ``action_listen`` that took the message in."""
    heard = False
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            if heard:
                return None
            heard = True
        elif heard and event.get("event") == "action" and event.get("name") != "action_listen":
            return str(event.get("name"))
    return None


def answering_screen(tracker: Tracker) -> Optional[str]:
    """The topic waiting for the violence-or-fear question when the latest message answers it."""
    if not tracker.get_slot(SCREENED_SLOT) or not tracker.get_slot(TOPIC_SLOT):
        return None
    return str(tracker.get_slot(TOPIC_SLOT)) if action_before_message(tracker) == SCREEN_RESPONSE else None
