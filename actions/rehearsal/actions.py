"""Rasa actions for rehearsal: set-up, each in-character turn, hint, rewind, check-in, feedback, talk plan and progress."""
from __future__ import annotations

import dataclasses
import hashlib
import logging
import re
from typing import Any, Optional

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from actions.bring_up import OTHER_CONCERN, LovedOneSlots
from actions.events import bot_custom
from actions.rehearsal.coding import code
from actions.rehearsal.engine import Reply, opening, take_turn
from actions.rehearsal.feedback import Feedback, plural, summarise
from actions.rehearsal.plan import build_plan
from actions.rehearsal.scenarios import Scenario, closest, registry, scene_for
from actions.rehearsal.state import LADDER, Rehearsal, Turn, rewind
from actions.rehearsal.topics import REASON_PROMPTS
from actions.replies import CUSTOM_PAYLOAD_CHANNELS, form_buttons, loved_one
from contentdb import engine as db
from contentdb.queries import rehearsal_history, save_rehearsal
from kernel.lexicon import classify_resistance, normalise_concern, normalise_relationship, read_message
from kernel.vocabulary import ADDRESS, ResistanceForm, Stage

logger = logging.getLogger(__name__)

FORM_BUTTONS = form_buttons(
    "inform",
    {
        ResistanceForm.DIRECT: "Refuses outright",
        ResistanceForm.PASSIVE: "Agrees, then doesn't follow through",
        ResistanceForm.INTELLECTUAL: "Argues it away",
        ResistanceForm.EMOTIONAL: "Gets overwhelmed or jokes it off",
    },
)
DEFAULT_GOAL = "raise it gently, once"
GOAL_BUTTONS = [
    {"title": "Raise it gently, once", "payload": "raise it gently, once"},
    {"title": "Understand what's stopping them", "payload": "understand what's stopping them"},
    {"title": "Agree one small step", "payload": "agree one small step"},
]
PRACTICE_FOOTER = (
    "(Practice mode. Say “hint”, “how am I doing?”, “let me try that again” or “go back to turn 2”, "
    "or “stop practice” for feedback.)"
)
# Button payloads and typed requests handled inside the practice loop, whatever the intent classifier made of them.
SWITCH = re.compile(r"^\s*practi[sc]e (?:the )?scenario:?\s*([a-z0-9_-]+)\s*$", re.I)
GO_BACK = re.compile(r"^\s*(?:go back|rewind|back|return|redo|restart)(?: to)?(?: from)? (?:turn|line|step) (\d{1,2})\s*[.!]?\s*$", re.I)
TURN_NUMBER = re.compile(r"\b(?:turn|line|step|message)\s*(?:number\s*)?(\d{1,2})\b", re.I)
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8}
ORDINAL_TURN = re.compile(r"\b(first|second|third|fourth|fifth|sixth|seventh|eighth)\s+(?:turn|line|thing i said|message)\b", re.I)
# A message that opens with a stop ("stop.", "ok stop,", "hmm stop. was that bad?"), not a line that says stop
# to them ("stop drinking, please").
# "stop. that last bit was a mistake", "thank you, stop now. how i did?": a stop that opens the message.
STOP_FIRST = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|right|hmm+|alright|yeah|actually|sorry|thank you|thanks|thx|cheers|great|good|please|ugh+|argh+|god)"
    r"\W+){0,2}"
    r"(?:(?:let'?s |we (?:can |should )?|i (?:want to|wanna|'?d like to) |i'?m )?(?:stop|stopping|pause|end it|enough)"
    r"(?: (?:now|here|there|please|pls|for now|for today))?|"
    # "ok i'll stop there": the user's own stop, with its place (a bare "ok i'll stop." can be said to them)
    r"(?:i'?ll|ill|i will|i'?m gonna|i'?m going to) (?:stop|leave it|end it) (?:there|here)(?: for (?:now|today))?)\s*(?:[.!,;:?-]|$)", re.I
)
# "anyway stop, how was that", "Thank you that will do for now. How did I do": an end to the practice and a request
# for feedback that close the message, after a remark about the loved one ("he wouldnt say that lol").
STOP_LAST = re.compile(
    r"\b(?:stop(?: now| here| there| practi[cs]ing| the practice)?|i'?m done|im done|(?:ok(?:ay)?|right|alright|all) done|that'?ll do|"
    r"that will do|"
    r"that'?s (?:it|all|enough)|"
    r"let'?s (?:leave it|stop) (?:there|here))(?: for (?:now|today))?(?: (?:pls|please))?\W+(?:(?:so|and)\W+)?"
    r"(?:how(?: did|'d|d) i (?:do|go)(?!\s+(?:that|this|it|to|some|any))|how (?:bad |good )?was (?:that|i)|"
    r"did i (?:sound|come across|do) (?:\w+ ){0,2}"
    r"(?:ok(?:ay)?|alright|preachy|pushy|harsh|bossy|judgy|judgemental|judgmental|weird|right|fine|well|badly)|"
    r"(?:any |give me (?:some )?)?feedback|(?:tell me )?(?:honestly )?how (?:that|it|i) went)\b[^.!?]{0,20}[.!?\s]*$", re.I
)
# "ok stop that one was awful, i could hear my own mother in it. what should i have said instead": a stop that opens the
# message and a look back at the practice, not "ok stop lying to me" said to them.
STOP_AND_LOOK_BACK = re.compile(
    r"^\W*(?:ok(?:ay)?|right|alright|hmm+|ugh+|god|oh god)\W+stop\b(?=[\s\S]*\b(?:should i have said|say instead|said instead|"
    r"(?:was|sounded) (?:awful|bad|terrible|rubbish|crap|horrible|wrong|harsh)|how did i do|how was (?:that|i)|i could hear)\b)", re.I
)
# Asking us, mid-practice, what to say to them: "what do i say to that", "what should i say if she says that", "how do
# i answer that". Not "what do i say to make you believe me", which is said to them.
ASKS_US_WHAT_TO_SAY = re.compile(
    r"\bwhat (?:do|should|would|could|can) i (?:even )?say(?: (?:to|about) (?:that|this|it)| (?:next|now|then|here|there|back)|"
    r" (?:if|when) (?:s?he|they|he'?s|she'?s|they'?re|hes|shes)\b[^.!?]*)?\W*$|"
    r"\bhow (?:do|should|would|can|could) i (?:answer|respond to|reply to|come back (?:from|to)) (?:that|this)\b|"
    # "what if he just changes the subject": a question about them, to us (to them it would be "what if you...")
    r"^\W*(?:(?:and|but|so|ok|okay|hmm)\W+)?what (?:if|happens if|do i do if|about if) (?:s?he|they|he'?s|she'?s|hes|shes|they'?re) "
    r"(?:just |then |still |only )?(?:chang|say|walk|get|go|start|laugh|cr(?:y|ies)|shut|storm|refus|ignor|won'?t|wont|doesn'?t|doesnt|"
    r"clam|leav|hang|deflect|tell|deni|den(?:y|ies)|argu|snap|blow)", re.I
)
# "Please would you draw up a plan for me.", "can you make me a plan now": asking for the plan ends the rehearsal.
# A plan made for the user, not one proposed to them ("can we make a plan together?", "let's make a plan with your GP").
PLAN_ASKED = re.compile(r"\b(?:draw up|make|write|give|put together|do|get)\s+(?:(?:me|us)\s+(?:a|the|my)|my)\s+(?:talk\s+)?plan\b|"
                        r"\b(?:draw up|make|write|give|put together|do|get)\s+(?:a|the)\s+(?:talk\s+)?plan\s+for\s+me\b", re.I)
START_OVER = re.compile(r"\b(?:from the (?:start|beginning|top)|start over|all over again)\b", re.I)


def load_state(tracker: Tracker) -> tuple[Rehearsal, dict[str, Any]]:
    raw = tracker.get_slot("rp_state") or {}
    rehearsal = Rehearsal(openness=float(raw.get("openness", 1.0)), turns=[Turn.from_dict(t) for t in raw.get("turns", [])])
    return rehearsal, raw


def dump_state(rehearsal: Rehearsal, raw: dict[str, Any]) -> dict[str, Any]:
    return {**raw, "openness": rehearsal.openness, "turns": [t.to_dict() for t in rehearsal.turns]}


STORY_WORDS = 25


def told_their_story(tracker: Tracker) -> bool:
    """Whether the user told us about them before this message (STORY_WORDS words or more, typed, not buttons)."""
    said = [str(e.get("text") or "") for e in tracker.events if e.get("event") == "user"][:-1]
    return sum(len(text.split()) for text in said if not text.startswith("/")) >= STORY_WORDS


def user_words(tracker: Tracker) -> str:
    """The user's own word for the loved one ("dad"), which the listening action keeps; else everything they wrote
    (which may also name other relatives: "my dad, since mum died")."""
    word = (tracker.get_slot("memory") or {}).get("word")
    if word:
        return str(word)
    return " ".join(str(e.get("text") or "") for e in tracker.events if e.get("event") == "user")


def scenario_for(tracker: Tracker, raw: dict[str, Any]) -> Scenario:
    """The scenario set up for this rehearsal; otherwise the one closest to what the user has told us."""
    chosen = registry().get(str(raw.get("scenario") or ""))
    if chosen is not None:
        return as_told(chosen, raw.get("form"))
    salt = int(hashlib.sha256(str(tracker.sender_id).encode()).hexdigest()[:6], 16)
    # The user's word for them, and the kinds of struggle they named ("wife" + "gambling": Claire, not Sarah who drinks).
    named = " ".join((tracker.get_slot("memory") or {}).get("struggles") or [])
    return closest(tracker.get_slot("relationship"), tracker.get_slot("concern"), tracker.get_slot("resistance_form"),
                   f"{user_words(tracker)} {named}".strip(), salt, (tracker.get_slot("memory") or {}).get("pronoun"))


def as_told(scenario: Scenario, form: Optional[str]) -> Scenario:
    """The scenario, saying no the way the user told us they do ("she goes quiet and changes the subject": emotional),
    when the closest scenario's own form is another: the struggle and the reasons are the scenario's, the no is theirs."""
    if form in ResistanceForm._value2member_map_ and form != scenario.form:
        return dataclasses.replace(scenario, form=str(form))
    return scenario


def in_character(dispatcher: CollectingDispatcher, tracker: Tracker, raw: dict[str, Any], reply: Reply, footer: bool = False,
                 buttons: Optional[list[dict[str, str]]] = None) -> None:
    """The loved one speaks; the label is the person set up for this rehearsal, whatever the slots say now."""
    text = f"{raw['speaker']}: {reply.text}" + (f"\n{PRACTICE_FOOTER}" if footer else "")
    kwargs: dict[str, Any] = {"text": text}
    if buttons:
        kwargs["buttons"] = buttons
    if tracker.get_latest_input_channel() in CUSTOM_PAYLOAD_CHANNELS:
        kwargs["json_message"] = {
            "type": "roleplay", "in_character": True, "stage": reply.stage.value, "line_id": reply.line_id,
            "scenario": raw["scenario"], "answers": reply.answers, "reveals": reply.reveals,
        }
    dispatcher.utter_message(**kwargs)


def other_scenarios(current: Scenario, limit: int = 3) -> list[dict[str, str]]:
    """Buttons to practise a different person with the same relationship (or any, if there are few)."""
    others = [s for s in registry().values() if s.id != current.id]
    others.sort(key=lambda s: (s.relationship != current.relationship, s.form == current.form, s.id))
    return [{"title": f"Practise {s.title()} instead", "payload": f"practise scenario {s.id}"} for s in others[:limit]]


# Words that open a line to the loved one but are not their name ("Dad, ...", "Look, ...", "Okay, ...").
_NOT_NAMES = frozenset(
    "dad daddy mum mummy mom mommy mam mama ma love babe baby hun honey sweetheart sweetie darling dear mate son bro sis pal "
    "buddy dude man girl boy listen look hey hi hello okay ok so well sorry please yes no yeah right oh um hmm sweet grandma "
    "nan nana granny gran grandad grandpa sister brother husband wife partner friend guys you we it that this what why how "
    "when honestly seriously anyway just and but the he she they is was has had i "
    # openers and pet names that are not names either ("Alright, can we talk?", "Morning, love", "Pet, ...")
    "alright hiya morning evening afternoon night wait thanks thank cheers fine sure whatever also actually basically "
    "now er erm mainly ideally simply really maybe probably hopefully first firstly calm calmly gently kindly "
    "uh uhm ah ahh aw me sir madam pet babes bae hubby wifey lad lads kiddo kiddos chief champ boss fam "
    "bestie darl lovey sweetpea pops papa mother father mummy mammy auntie uncle grandmother grandfather granddad".split()
)
_NAMED_IN_LINE = re.compile(r"^\s*(?:(?:hey|hi|oh|look|listen|okay|ok|so|right)[ ,]+)?([A-Z][a-z]{1,14})\s*[,!.]")
_NAMED_IN_STORY = re.compile(r"\b[Mm]y (\w+(?: \w+)?),? ([A-Z][a-z]{1,14})\b")


# A name typed in lowercase at the start of the line, before "i", "im" or a comma: "dave i love you", "jess, im worried".
_LOWERCASE_NAME_IN_LINE = re.compile(r"^\s*([a-z]{3,10})(?:,|\s+(?:i|im|i'm|ive|i've|i'd|id|we|you|u)\b)")
_NOT_NAMES_EITHER = frozenset("today tonight lately yesterday tomorrow sometimes recently truly totally literally aww awww lol omg "
                              "idk tbh ngl btw fyi imo imho smh jeez gosh god christ wow huh ugh yep yup nope nah okay okey "
                              "kay mmm hmmm erm umm errr".split())


def _a_lowercase_name(word: str) -> bool:
    """A lowercase word is a name only if it is no common word either (spaCy's stop words, adverbs in -ly, times)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return (_a_name(word) and word not in STOP_WORDS and word not in _NOT_NAMES_EITHER and not word.endswith("ly")
            and not word.endswith("ing"))


def _a_name(word: str) -> bool:
    """Not a word for someone ("Mother", "Hubby") or an opener ("Alright", "Morning"): a name."""
    return word.lower() not in _NOT_NAMES and normalise_relationship(word) is None


# What the user wants to practise, said with the request: "i want to try asking her what makes it hard", "so i can tell
# him i'm worried". The clause from the verb on is the goal.
_GOAL_IN_REQUEST = re.compile(
    r"\b(?:i (?:want|need|would like|should like|'d like|wanna) to|i'?d like to|wanna|so (?:that )?i can|help me|let me)\s+(?:try (?:and |"
    r"to )?|practi[sc]e |work on |get better at )?"
    r"((?:ask|asking|tell|telling|say|saying|raise|raising|bring|bringing|talk|talking|explain|explaining|set|setting|suggest|suggesting|"
    r"mention|mentioning|open|opening|approach|approaching|offer|offering|check in|checking in)\b[^?!]{3,160})",
    re.IGNORECASE,
)


# "can i practise? shes called nadia", "his name's Tom", "my sister's called Jo": a name told for them in so many words.
_CALLED = re.compile(r"\b(?:(s?he|they)|(?:my|our) ((?:older |younger |big |little |best |eldest |oldest |youngest |twin )?[a-z]+?))"
                     r"(?:'s|s)?(?: is| are)? (?:called|named) ([a-z]{2,14})\b|"
                     r"\b(his|her|their) name(?:'s|s| is) ([a-z]{2,14})\b", re.I)


def names_told(tracker: Tracker) -> list[tuple[Optional[str], str]]:
    """Names the user told us, each with the word for the person or the pronoun they used: first those told after the
    word for them ("my wife priya has been...": ("wife", "Priya")), then those told with "called" or "name is" ("my
    sister's called Jo": ("sister", "Jo"); "she's called nadia": ("she", "Nadia"))."""
    said = [str(event.get("text") or "") for event in tracker.events if event.get("event") == "user"]
    told: list[tuple[Optional[str], str]] = [(word, name.capitalize()) for text in said for word, name in kin_then_name(text)]
    for text in said:
        for match in _CALLED.finditer(text.replace("’", "'")):
            name = match.group(3) or match.group(5)
            who = match.group(2) or _PRONOUN_OF.get((match.group(1) or match.group(4) or "").lower())
            if _a_lowercase_name(name.lower()) and name.lower() not in _CALLED_BUT_NO_NAME:
                told.append((who, name.capitalize()))
    return told


_PRONOUN_OF = {"she": "she", "he": "he", "they": "they", "her": "she", "his": "he", "their": "they"}
# "he's called names at school", "she's called twice today", "hes called police on me": "called" and no name.
_CALLED_BUT_NO_NAME = frozenset("names twice ahead sick round work home police samaritans loads ambulance doctor doctors gp nhs "
                                "helpline crisis everyone everybody people lots dozens".split())


# "my sister nadia has been so low", "my wife priya has been really flat": a lowercase name after the word for them, before
# a verb (not "my son drinks every night")
_KIN_THEN_NAME_AFTER = (r",? (\w+)\b(?=,? (?:is|has|was|hasn'?t|hasnt|isn'?t|isnt|doesn'?t|doesnt|won'?t|wont|keeps|just|always|never|"
                        r"says|said|had|gets|got|seems|'s)\b)")


def kin_then_name(said: str) -> list[tuple[str, str]]:
    """(word for them, lowercase name) pairs told as "my sister nadia has been..."."""
    pairs = re.findall(r"\bmy (\w+)" + _KIN_THEN_NAME_AFTER, said, re.I) + re.findall(r"\bmy \w+ (\w+)" + _KIN_THEN_NAME_AFTER, said, re.I)
    return [(word, name) for word, name in pairs if normalise_relationship(word) and _a_lowercase_name(name.lower())]


def opens_with_a_name(text: str, tracker: Tracker) -> bool:
    """"nadia, what's it been like since the split?": a line to them that opens, in lowercase, with a name the user told
    us ("she's called nadia", "my sister Nadia"). A capitalised name is caught by addresses_them; an unknown lowercase
    word may be a goal ("patience, mostly")."""
    typed = _LOWERCASE_NAME_IN_LINE.match(text.replace("’", "'"))
    if not typed or not _a_lowercase_name(typed.group(1)):
        return False
    return typed.group(1) in {name.lower() for _, name in names_told(tracker)}


def given_name(tracker: Tracker, first_line: Optional[str], pronouns: Optional[str] = None) -> Optional[str]:
    """The loved one's name as the user gave it: "Liam, I love you..." as their first line, or "my husband Dave" or
    "she's called Nadia" said earlier about the person being practised. None when they never named them."""
    named = _NAMED_IN_LINE.match(first_line or "")
    if named and _a_name(named.group(1)):
        return named.group(1)
    typed = _LOWERCASE_NAME_IN_LINE.match(first_line or "")
    if typed and _a_lowercase_name(typed.group(1)):
        return typed.group(1).capitalize()  # "dave i love you and im not having a go at you"
    relationship = tracker.get_slot("relationship")
    opener = (first_line or "").split()[0].strip(",.!").lower() if (first_line or "").split() else ""
    for event in tracker.events:
        if event.get("event") != "user":
            continue
        told = str(event.get("text") or "")
        for word, name in _NAMED_IN_STORY.findall(told):
            if _a_name(name) and relationship and normalise_relationship(word.split()[-1]) == relationship:
                return name
        # typed in lowercase: "my best friend jess has gone quiet", then "jess im not trying to make a big deal" to her
        for word, name in re.findall(r"\bmy (\w+(?: \w+)?),? (\w+)\b", told.lower()):
            if name == opener and _a_name(name) and relationship and normalise_relationship(word.split()[-1]) == relationship:
                return name.capitalize()
    # "my wife priya has been really flat": Priya, not the scenario's Kate; "she's called nadia" for a she; "my sister's
    # called Jo" only for the sister
    for word, name in names_told(tracker):
        if word in ("she", "he", "they"):
            if pronouns is None or pronouns.split("/")[0] == word:
                return name
        elif relationship and normalise_relationship(word.split()[-1]) == relationship:
            return name
    return None


def kin_word_told(tracker: Tracker, relationship: str) -> Optional[str]:
    """The user's word for them when only the set-up heard it ("my sister" answered to "who is it?"): the latest "my ..."
    they wrote that names someone of this relationship."""
    for event in reversed(tracker.events):  # the latest: "my sister" answered to "who is it?", after "my brother and i..."
        if event.get("event") != "user":
            continue
        for words in reversed(re.findall(r"\bmy ((?:(?:older|younger|big|little|eldest|oldest|youngest|baby|best|twin|grown[- ]up) )?\w+)",
                                str(event.get("text") or "").lower())):
            if normalise_relationship(words.split()[-1]) == relationship:
                return words
    return None


def begin(dispatcher: CollectingDispatcher, tracker: Tracker, scenario: Scenario, goal: str, setup_message: Any,
          first_line: Optional[str] = None, chosen: bool = False) -> dict[str, Any]:
    """Start the rehearsal: the set-up, then the loved one's opening; or, when the user already typed what they'd
    say (``first_line``), that line counts as their first and the loved one answers it. The loved one goes by the name
    the user gave them, if they gave one."""
    seed = f"{tracker.sender_id}:{len(tracker.events)}"
    if not chosen:  # a scenario the user picked from the list keeps its own way of saying no
        scenario = as_told(scenario, tracker.get_slot("resistance_form"))
    word = (tracker.get_slot("memory") or {}).get("word") or kin_word_told(tracker, scenario.relationship)
    # "I'll play Nadia (your older sister)" in the user's own word for them, when they gave one for this relationship
    own_word = bool(word) and normalise_relationship(str(word).split()[-1]) == scenario.relationship
    who = f"your {word}" if own_word else loved_one(scenario.relationship)
    name = given_name(tracker, first_line, scenario.pronouns) or scenario.call
    # A scenario set up from what they told us (not picked from the list) leaves out the story they know better.
    told = not chosen and tracker.get_slot("concern") == scenario.concern
    scene = scene_for(scenario, word, told)
    if not chosen and not told and told_their_story(tracker) and scenario.scene_told:
        # Their struggle is not this scenario's (a mum frightened since a mugging, played by the closest mum we have):
        # only where you are, not a story that contradicts theirs.
        setting = " ".join(re.split(r"(?<=[.!?])\s+", scenario.scene_told.strip())[1:])
        if setting:
            kin = word or loved_one(scenario.relationship).removeprefix("your ")  # "Your sibling, Rhi", not "Your your sibling"
            scene = f"Your {kin}" + ("" if name.lower() == kin.lower() else f", {name}") + f". {setting}"
    if name != scenario.call:
        scene = re.sub(rf"\b{re.escape(scenario.call)}\b", name, scene)
    taken = f" I'll take “{first_line}” as your first line." if first_line else ""
    dispatcher.utter_message(
        text=(
            f"Practice mode is on. I'll play {name} ({who}), and answer the way they might. Your goal: {goal}.{taken}\n"
            f"The scene: {scene}\n"
            "Say “hint” for a suggestion, “let me try that again” to redo a line, or “stop practice” to end and get feedback."
        ),
        buttons=other_scenarios(scenario),
    )
    line = opening(scenario, seed)
    raw = {"openness": 1.0, "turns": [], "seed": seed, "used": [line.line_id], "opening": line.text, "scenario": scenario.id,
           "speaker": name, "setup_message": setup_message, "form": scenario.form}
    if not first_line:
        in_character(dispatcher, tracker, raw, line)
        return raw
    raw["opening"] = ""
    rehearsal = Rehearsal()
    used = list(raw["used"])
    _, reply = take_turn(scenario, rehearsal, first_line, code(first_line), used, seed)
    in_character(dispatcher, tracker, raw, reply, footer=True)
    return dump_state(rehearsal, {**raw, "used": [*used, reply.line_id]})


# An answer to "what would you like to get out of this talk?" that is a line to the loved one, not a goal:
# quoted, or spoken to them ("dad, I miss mum too...", "I just want to know how you're doing") without naming
# them in the third person as a goal would ("get him to agree to one call").
_QUOTED = re.compile(r"^\s*[\"“'‘].{6,}[\"”'’]\s*$")
_VOCATIVE = re.compile(rf"^\s*(?:(?:{ADDRESS}|listen|look|hey|hi)\b\s*[,.!]|{ADDRESS}\s+(?:can|could|shall) (?:we|i)\b|"
                       rf"{ADDRESS}\s+(?:i'?m|im|i|we|please)\b)", re.I)  # "babe can we talk about the weed for a sec"
_SECOND_PERSON = re.compile(r"\b(?:you|you're|youre|you've|you'd|you'll|your|yours|yourself)\b", re.I)
_THIRD_PERSON = re.compile(r"\b(?:he|him|his|she|her|hers|they|them|their|he's|she's|they're|hes|shes|theyre)\b", re.I)


# "for you to help me stay calm", "can you play him", "I need you to be my dad": to us. "What would you want to be
# different?" and "I just want you to be safe" are to them.
_TO_US = re.compile(r"\byou to (?:help|teach|show|tell|play|give|be (?:him|her|them|my|the)\b)\b|"
                    r"\b(?:can|could|will|would) you (?:please )?(?:help|teach|show|coach|play|pretend|act|be (?:him|her|them|my)|give me|"
                    r"tell me (?:how|what to|if i))\b", re.I)


def addresses_them(text: str) -> bool:
    """Quoted, or opening with a word or a name for them ("Dad, ...", "Claire, I'm not here to shout"): a line to the
    loved one whatever the classifier made of it."""
    lowered = text.replace("’", "'")
    named = _NAMED_IN_LINE.match(lowered)
    return bool(_QUOTED.match(lowered) or _VOCATIVE.match(lowered) or (named and named.group(1).lower() not in _NOT_NAMES))


# "is it normal to be this fed up with someone you love": a question to us about the user's own feelings, its "you" anyone.
_ASKING_US_ABOUT_ME = re.compile(r"\bis it (?:normal|ok|okay|alright|wrong|bad|natural|common|weird) (?:to|that i|for me)\b|"
                                 r"\b(?:someone|somebody|people|the person|a person) you (?:love|care about)\b", re.I)


# Third-person words that may name someone other than the loved one (the doctors, the neighbours).
_OTHERS = frozenset(("they", "them", "their", "they're", "theyre"))


def _tells_of_my_kin(lowered: str) -> bool:
    """"my older sisters flat is full floor to ceiling ... you have to walk sideways down the hall": a message that opens
    on someone of theirs in the third person ("my sister's", "my husbands") tells us of them, and its "you" is anyone's
    ("i love you and my mum loves you too" opens on them, and is said to them)."""
    opening = re.match(r"\W*(?:so|and|ok|okay|well|honestly|basically)?\W*my (?:(?:older|younger|big|little|best|eldest|oldest|youngest|"
                       r"twin) )?(\w+?)(?:'?s)?\b(?!\s*,)", lowered)  # "my son, i need to talk to you": said to him
    return bool(opening and normalise_relationship(opening.group(1)))


# A story of what was said, and a question to us about people like them: "i said dad will you come to the doctors with
# me ... flat no ... how do you help someone who thinks the problem is everyone else".
_REPORTED = re.compile(r"^\W*(?:so |and |well |then )?(?:i|we) (?:said|asked|told (?:him|her|them)|tried saying|went)\b|"
                       r"\bhow (?:do|can|would) (?:you|i|we|people) (?:help|deal with|handle|get through to|reach|talk to|support) "
                       r"(?:someone|somebody|a person|people|anyone)\b")


def looks_like_a_line(text: str) -> bool:
    raw = text.replace("’", "'")
    lowered = raw.lower()  # lower-cased: "My dad's house is full ... you have to walk sideways" tells of him
    if _TO_US.search(lowered) or _ASKING_US_ABOUT_ME.search(lowered) or _REPORTED.search(lowered):  # "for you to help me" is to us
        return False
    if addresses_them(raw):  # a name needs its capital: "Claire, I'm not here to shout"
        return True
    if len(lowered.split()) < 4 or not _SECOND_PERSON.search(lowered) or _tells_of_my_kin(lowered):
        return False
    # "dan ill sit with you while you ring them, ill stay the whole time": "them" is someone else (the doctors) when the
    # line speaks to "you" more than once and names no "he" or "she".
    third = _THIRD_PERSON.findall(lowered)
    return not third or (len(_SECOND_PERSON.findall(lowered)) >= 2 and all(word in _OTHERS for word in third))



# Told to us, not to them: "my wife thinks im wasting my time and hes a grown man", "some days i just want to stop
# trying", "what do people do when the person is never going to change".
_ABOUT_US_HERE = re.compile(r"^\W*(?:some days|honestly|tbh|to be honest|maybe (?:she|he)'?s right|what do (?:people|you) do when|"
                            r"is it normal|i (?:just )?(?:want|feel like i want) to (?:stop|give up|quit)|my (?:wife|husband|partner|"
                            r"mum|mom|dad|sister|brother|friend|mate) (?:thinks|says|reckons))\b", re.I)


def an_aside_to_us(text: str, pronouns: Optional[str] = None) -> bool:
    """Mid-practice, a message about them or about how the user feels, said to us and not to them: no "you" for them, and
    "he" or "she" for them or a turn of phrase that speaks to us. Practice ends there (with its feedback) and it is
    answered as the listener would."""
    lowered = text.replace("’", "'").lower()
    if re.search(r"\b(?:would|wouldn'?t|wouldnt|'d|hed|shed) (?:just |never |probably |actually |really )?(?:say|do|act|react)\b", lowered):
        return False  # "he wouldn't say that, he'd laugh": a note on how we play them, and practice goes on
    if ASKS_US_WHAT_TO_SAY.search(lowered) or re.search(r"^\W*what if (?:s?he|they)\b", lowered):
        return False  # "what if he says im overreacting, what do i say back": a question for a hint, practice goes on
    if len(lowered.split()) < 5 or looks_like_a_line(lowered) or _SECOND_PERSON.search(lowered) and not _ABOUT_US_HERE.search(lowered):
        return False
    third = {word for word in _THIRD_PERSON.findall(lowered) if word not in _OTHERS}
    # "so it wasnt the talking that was the problem, it was that she didnt get it", said to Dave: "she" is the counsellor
    theirs = {"he": {"he", "hes", "he's", "him", "his"}, "she": {"she", "shes", "she's", "her"}}.get(
        (pronouns or "").split("/")[0], {"he", "she", "hes", "shes", "he's", "she's", "him", "his"})
    return bool(_ABOUT_US_HERE.search(lowered)) or bool(third & theirs)


class ValidateRoleplaySetupForm(LovedOneSlots, FormValidationAction):
    def name(self) -> str:
        return "validate_roleplay_setup_form"

    async def required_slots(
        self, domain_slots: list[str], dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[str]:
        # Once they have started talking to the loved one, what we still don't know isn't asked: we play them as best
        # we can from what we have (scenarios.closest copes with an unknown struggle or form).
        if (tracker.get_slot("rp_state") or {}).get("first_line") and tracker.get_slot("relationship"):
            return [slot for slot in domain_slots if slot not in ("concern", "resistance_form")]
        # Someone who has told us their story isn't asked again what we didn't catch in it ("he controls everything, checks
        # her phone" is no struggle on our list): we play the closest person we have.
        if tracker.get_slot("relationship") and told_their_story(tracker):
            return [slot for slot in domain_slots if slot not in ("concern", "resistance_form") or tracker.get_slot(slot)]
        # Each question about them is asked once: a reply that went elsewhere ("how did i do?", a line to them, another
        # question) is answered, and set-up goes on without it rather than asking it again after every message.
        return [slot for slot in domain_slots if slot not in ("concern", "resistance_form") or not asked_in_this_set_up(tracker, slot)]

    async def extract_roleplay_goal(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """A line to the loved one typed while we ask about them ("Dad, can we talk?" when asked how they say no)
        starts the rehearsal with that line, instead of asking the question again."""
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        text = " ".join(str(tracker.latest_message.get("text") or "").split())[:200]
        if intent == "start_roleplay":
            # "can we practise? i want to try asking her what makes it hard": the goal is told with the request (and a
            # new request's goal replaces the last rehearsal's).
            goal = _GOAL_IN_REQUEST.search(text)
            if goal:
                return {"roleplay_goal": goal.group(1).rstrip(" .!?")}
        # A line to them, however the classifier read it, unless it answers the question (names a struggle or a way of
        # saying no): "What's it like for you at 4 in the morning?" while set-up asks what they struggle with.
        spoken_to_them = opens_with_a_name(text, tracker) or looks_like_a_line(text) and (
            intent == "practice_line" or addresses_them(text) or (normalise_concern(text) is None and classify_resistance(text) is None))
        asking_about_them = tracker.get_slot("requested_slot") in ("concern", "resistance_form")
        if not asking_about_them or not tracker.get_slot("relationship") or not spoken_to_them:
            return {}
        # Given as the goal: validate_roleplay_goal turns a line into the first line (a slot set here beside the goal
        # would be dropped, since only the form's own slots are kept from an extraction).
        return {"roleplay_goal": text}

    async def extract_concern(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """"Can you be my sister? She's been really low": the request that starts the set-up names the struggle."""
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        if tracker.get_slot("concern") is not None or intent != "start_roleplay":
            return {}
        concern = read_message(str(tracker.latest_message.get("text") or "")).concern
        return {"concern": concern} if concern else {}

    async def extract_resistance_form(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """"Can you play my dad? He just gets angry and tells me to drop it": the request that starts the set-up
        already says how the no shows up, so it isn't asked."""
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        if tracker.get_slot("resistance_form") is not None or intent != "start_roleplay":
            return {}
        form = read_message(str(tracker.latest_message.get("text") or "")).resistance_form
        return {"resistance_form": form} if form else {}

    def validate_concern(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        # "She just changes the subject" answered to "what are they struggling with?" says how they say no, not
        # what they struggle with: keep it as the form, and ask the struggle again.
        text = str(value or "")
        if normalise_concern(text) is None and tracker.get_slot("resistance_form") is None:
            described = classify_resistance(text)
            if described is not None:
                return {"concern": None, "resistance_form": described.value}
        return super().validate_concern(value, dispatcher, tracker, domain)

    def validate_resistance_form(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if value in ResistanceForm._value2member_map_:
            return {"resistance_form": value}
        described = classify_resistance(str(value or ""))
        if described is None:
            # "She's been really anxious" answered to "how do they say no?": the struggle, which we didn't have.
            concern = normalise_concern(str(value or ""))
            update = {"concern": concern} if concern and tracker.get_slot("concern") in (None, OTHER_CONCERN) else {}
            lead = "Thanks, that helps. And when it comes up, which is closest to how they say no?" if update else (
                "I'm not sure which that is. Pick the closest:")
            dispatcher.utter_message(text=lead, buttons=FORM_BUTTONS)
            return {"resistance_form": None, **update}
        return {"resistance_form": described.value}

    def validate_roleplay_goal(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        goal = " ".join(str(value or "").split())[:200]
        if goal and (looks_like_a_line(goal) or opens_with_a_name(goal, tracker)):
            # They answered with what they'd say: practise that, towards the goal they told us before, if any.
            return {"roleplay_goal": goal_told_before(tracker, value) or DEFAULT_GOAL,
                    "rp_state": {"first_line": goal.strip("\"“”'‘’ ")}}
        return {"roleplay_goal": goal or DEFAULT_GOAL}


def asked_in_this_set_up(tracker: Tracker, slot: str) -> bool:
    """Whether this set-up already asked for the slot and it is still empty."""
    if tracker.get_slot(slot) is not None:
        return False
    for event in reversed(tracker.events):
        if event.get("event") == "active_loop" and event.get("name") == "roleplay_setup_form":
            return False  # back to where this set-up began
        if event.get("event") == "slot" and event.get("name") == "requested_slot" and event.get("value") == slot:
            return True
    return False


def goal_told_before(tracker: Tracker, line: Any) -> Optional[str]:
    """The goal set before this message ("I want to try asking how he's really doing", told with the request), not the
    line to the loved one that this message put in its place."""
    for event in reversed(tracker.events):
        if event.get("event") == "slot" and event.get("name") == "roleplay_goal" and event.get("value") != line:
            return event.get("value") or None
    return None


class ActionAskResistanceForm(Action):
    def name(self) -> str:
        return "action_ask_resistance_form"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        dispatcher.utter_message(text="When it comes up, how do they usually say no?", buttons=FORM_BUTTONS)
        return []


class ActionAskRoleplayGoal(Action):
    def name(self) -> str:
        return "action_ask_roleplay_goal"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        dispatcher.utter_message(text="What would you like to get out of this talk?", buttons=GOAL_BUTTONS)
        return []


class ActionBeginRoleplay(Action):
    def name(self) -> str:
        return "action_begin_roleplay"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        scenario = scenario_for(tracker, {})
        goal = tracker.get_slot("roleplay_goal") or "raise it gently"
        first_line = (tracker.get_slot("rp_state") or {}).get("first_line")
        # The set-up's last answer must not count as the first practice line when the loop starts (a line typed as
        # the answer to the goal question is taken as the first line here, once).
        raw = begin(dispatcher, tracker, scenario, goal, tracker.latest_message.get("message_id"), first_line)
        return [SlotSet("rp_state", raw), SlotSet("pending_offer", None), SlotSet("roleplay_line", None)]


def rewind_to(dispatcher: CollectingDispatcher, rehearsal: Rehearsal, raw: dict[str, Any], to_turn: Optional[int]) -> bool:
    """Undo from a turn onward and show where the conversation stood; False when there is nothing to undo."""
    undone = rewind(rehearsal, to_turn)
    if not undone:
        dispatcher.utter_message(text="(Nothing to undo yet. Go ahead with your first line.)")
        return False
    raw["undone"] = [turn.to_dict() for turn in undone]  # feedback asked for before another line is about these
    number = len(rehearsal.turns) + 1
    later = {1: "", 2: " and the one after it"}.get(len(undone), f" and the {len(undone) - 1} after it")
    previous = rehearsal.turns[-1].reply if rehearsal.turns else raw.get("opening", "")
    stage = rehearsal.stage.value
    buttons = [{"title": f"Go back to turn {n}", "payload": f"go back to turn {n}"} for n in range(1, number)][-4:]
    dispatcher.utter_message(
        text=(
            f"(Rewound to turn {number}. Your line “{undone[0].text}”{later} {'is' if len(undone) == 1 else 'are'} undone; "
            f"they're {stage} again, as before it.)\n"
            + (f"{raw.get('speaker', 'They')} had said: “{previous}”\n" if previous else "")
            + "Try it another way."
        ),
        buttons=buttons or None,
    )
    return True


def requested_turn(text: str) -> Optional[int]:
    if START_OVER.search(text):
        return 1
    number = TURN_NUMBER.search(text)
    if number:
        return int(number.group(1))
    ordinal = ORDINAL_TURN.search(text)
    return ORDINALS[ordinal.group(1).lower()] if ordinal else None


class ValidateRoleplayForm(FormValidationAction):
    """Each user line in practice: code it, move openness honestly, answer in character."""

    def name(self) -> str:
        return "validate_roleplay_form"

    def validate_roleplay_line(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        text = " ".join(str(value or "").split())
        rehearsal, raw = load_state(tracker)
        message_id = tracker.latest_message.get("message_id")
        if message_id is not None and message_id == raw.get("setup_message"):
            return {"roleplay_line": None}
        if not text:
            dispatcher.utter_message(text="(I didn't catch a line there. What would you say to them?)")
            return {"roleplay_line": None}
        switch = SWITCH.match(text)
        if switch and switch.group(1) in registry():
            fresh = begin(dispatcher, tracker, registry()[switch.group(1)], tracker.get_slot("roleplay_goal") or "raise it gently", None,
                          chosen=True)
            return {"roleplay_line": None, "rp_state": fresh}
        if (STOP_FIRST.match(text) or STOP_LAST.search(text) or STOP_AND_LOOK_BACK.match(text) or PLAN_ASKED.search(text)
                or (rehearsal.turns and an_aside_to_us(text, scenario_for(tracker, raw).pronouns))):
            # "hmm stop. that last bit was a mistake wasn't it": practice ends here with its feedback, and the form
            # closes; the rest of the message is then answered outside practice.
            return {"roleplay_line": None, "requested_slot": None, **finish_rehearsal(dispatcher, tracker, rehearsal, raw)}
        back = GO_BACK.match(text)
        if back:
            rewind_to(dispatcher, rehearsal, raw, int(back.group(1)))
            return {"roleplay_line": None, "rp_state": dump_state(rehearsal, raw)}
        scenario = scenario_for(tracker, raw)
        if ASKS_US_WHAT_TO_SAY.search(text):
            # "hed just say 'im chilling dad'. what do i say to that": a question to the coach, not a line to them
            dispatcher.utter_message(text=f"(Stepping out of character for a moment.)\n{hint_text(rehearsal, scenario)}\n"
                                          "(Back in character: go on with your next line.)")
            return {"roleplay_line": None}
        raw = {**raw, "scenario": scenario.id, "speaker": raw.get("speaker") or scenario.call}
        used = list(raw.get("used", []))
        turn, reply = take_turn(scenario, rehearsal, text, code(text), used, str(raw.get("seed", tracker.sender_id)))
        in_character(dispatcher, tracker, raw, reply, footer=len(rehearsal.turns) == 1)
        return {"roleplay_line": None, "rp_state": dump_state(rehearsal, {**raw, "used": [*used, reply.line_id]})}


class ActionAskRoleplayLine(Action):
    """The practice loop waits for the user's next line without saying anything itself."""

    def name(self) -> str:
        return "action_ask_roleplay_line"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        return []


class ActionRoleplayRetry(Action):
    """“Let me try that again” undoes the last line; “go back to turn 3” undoes from turn 3 on."""

    def name(self) -> str:
        return "action_roleplay_retry"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        rehearsal, raw = load_state(tracker)
        if rewind_to(dispatcher, rehearsal, raw, requested_turn(str(tracker.latest_message.get("text") or ""))):
            return [SlotSet("rp_state", dump_state(rehearsal, raw))]
        return []


def hint_text(rehearsal: Rehearsal, scenario: Scenario) -> str:
    """A suggestion that fits how open they are now and the reason still hidden."""
    heard = set(rehearsal.revealed())
    hidden = next((r for r in scenario.reason_names if r not in heard), None)
    last = rehearsal.turns[-1] if rehearsal.turns else None
    if last is not None and (last.triggered or last.delta < 0):
        return ("That last line raised their guard. Own it and hand back control: “I'm sorry, that came out wrong. "
                "It's your call. What would you want me to understand?”")
    stage = rehearsal.stage
    if stage is Stage.GUARDED:
        return ("They're guarded. Don't ask for anything yet: reflect what you see (“Sounds like you're tired of being asked”) "
                "or say it's their choice.")
    if hidden is not None and stage is Stage.WARY:
        return f"They're wary but listening. Ask an open question about what stops them, for example {REASON_PROMPTS[hidden]}"
    if hidden is not None:
        return (f"They're opening up. Reflect the feeling under what they just said, then ask {REASON_PROMPTS[hidden]}")
    if len(rehearsal.turns) < 6:
        return "You've heard what's stopping them. Reflect it back with its feeling, and take your time; there's no rush to a yes."
    return ("They're open and you know what stops them. Ask permission before suggesting one small step: "
            "“Would it be okay if I shared an idea? You can say no.”")


class ActionRoleplayHint(Action):
    def name(self) -> str:
        return "action_roleplay_hint"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        rehearsal, raw = load_state(tracker)
        scenario = scenario_for(tracker, raw)
        dispatcher.utter_message(text=f"(Stepping out of character for a moment.)\n{hint_text(rehearsal, scenario)}")
        return []


def send_feedback(dispatcher: CollectingDispatcher, tracker: Tracker, rehearsal: Rehearsal, scenario: Scenario, final: bool,
                  told_a_moment_ago: bool = False) -> Feedback:
    """Sends the feedback and returns it (its score is kept with the rehearsal, its payload for a recap later)."""
    feedback = summarise(rehearsal.turns, scenario, final=final)
    prefix = "Practice mode is off; I'm me again.\n" if final else "(Stepping out of character.)\n"
    suffix = "" if final else "\n(Back in character: go on with your next line.)"
    kwargs: dict[str, Any] = {"text": prefix + feedback.text(told_a_moment_ago) + suffix}
    if tracker.get_latest_input_channel() in CUSTOM_PAYLOAD_CHANNELS:
        kwargs["json_message"] = feedback.payload()
    dispatcher.utter_message(**kwargs)
    return feedback


def send_plan(dispatcher: CollectingDispatcher, tracker: Tracker, plan: dict[str, Any], text: str) -> None:
    kwargs: dict[str, Any] = {"text": text}
    if tracker.get_latest_input_channel() in CUSTOM_PAYLOAD_CHANNELS:
        kwargs["json_message"] = plan
    dispatcher.utter_message(**kwargs)


class ActionRoleplayFeedback(Action):
    """Ends practice with feedback and a talk plan, and keeps a record of it for progress over time."""

    def name(self) -> str:
        return "action_roleplay_feedback"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        rehearsal, raw = load_state(tracker)
        if not raw.get("scenario"):
            return after_practice(dispatcher, tracker)
        return [SlotSet(name, value) for name, value in finish_rehearsal(dispatcher, tracker, rehearsal, raw).items()]


def taken_back(dispatcher: CollectingDispatcher, raw: dict[str, Any], one: str, many: str) -> list[Turn]:
    """The lines last taken back, after saying the feedback is about them (``one`` or ``many``, by how many there were)."""
    dispatcher.utter_message(text=one if len(raw["undone"]) == 1 else many)
    return [Turn.from_dict(turn) for turn in raw["undone"]]


def finish_rehearsal(dispatcher: CollectingDispatcher, tracker: Tracker, rehearsal: Rehearsal, raw: dict[str, Any]) -> dict[str, Any]:
    """Final feedback and the talk plan, the rehearsal kept for progress; the slots that close it."""
    if not rehearsal.turns and raw.get("undone"):
        # "let me try that again" on the only line, then "stop there. was that ok?": the line they tried is what they ask about
        rehearsal.turns = taken_back(dispatcher, raw,
                                     "(You took that line back before trying another, so this is about the one you tried.)",
                                     "(You took those lines back before trying another, so this is about the ones you tried.)")
    if not rehearsal.turns:
        dispatcher.utter_message(text="Practice mode is off. You didn't try a line this time; come back whenever you're ready.")
        return {"rp_state": None}
    scenario = scenario_for(tracker, raw)
    # "how am i doing?" then "ok stop": the check-in a moment ago isn't read out again
    told = raw.get("checked_in_at") == len(rehearsal.turns)
    feedback = send_feedback(dispatcher, tracker, rehearsal, scenario, final=True, told_a_moment_ago=told)
    plan = build_plan(rehearsal.turns, scenario)
    send_plan(dispatcher, tracker, plan.payload(), plan.text())
    store_rehearsal(tracker, rehearsal, feedback.score, scenario)
    return {"rp_state": None, "rp_plan": {**plan.payload(), "text": plan.text(), "feedback": feedback.payload()}}


RECAP_OPENINGS = (
    "Not wrong, no. Practising is exactly how this gets easier, and nobody gets it word-perfect.",
    "It wasn't bad. Trying the words out loud is the hard part, and you did it.",
)
ASKS_FEEDBACK = re.compile(r"\b(?:how(?: did|'d|d) i (?:do|go)|feedback|how was (?:i|that|it)|score)\b", re.I)


def after_practice(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
    """"Did I do it wrong?", "was that bad?" outside practice. After a rehearsal: honest reassurance from it (what
    worked, the one line to change), then the listener's answer to the rest. With no rehearsal, a question about a
    real conversation is the listener's; a plain request for feedback says how to start one."""
    from actions.replies import send
    from actions.respond import answer

    text = str(tracker.latest_message.get("text") or "")
    plan = tracker.get_slot("rp_plan") or {}
    events: list[EventType] = []
    if plan:
        recaps = int(plan.get("recaps", 0))
        opening = RECAP_OPENINGS[recaps] if recaps < len(RECAP_OPENINGS) else "Still not wrong."
        feedback = plan.get("feedback") or {}
        plain_request = bool(ASKS_FEEDBACK.search(text)) and not re.search(r"\b(?:wrong|bad|harsh|mistake|instead)\b", text, re.I)
        if plain_request and feedback and not recaps:
            # "how did i do?" after the feedback: the gist again, not a reassurance to a question nobody asked
            opening = f"In short: a skills score of {feedback.get('score')}/100, for what you did rather than for a yes."
        events.append(SlotSet("rp_plan", {**plan, "recaps": recaps + 1}))
        worked = next((r for r in plan.get("reflections", []) if not str(r).startswith("(one to try)")), None)
        guarded = next((a for a in plan.get("avoid", []) if str(a).startswith("lines like")), None)
        parts = [opening]
        if recaps:  # the specifics were given the first time
            worked = guarded = None
        elif worked:
            parts.append(f"What worked: {worked}. Lines like that show you're listening.")
        if guarded:
            line = guarded.removeprefix("lines like ").split(", which")[0]
            parts.append(f"The one I'd change is {line}: it raised their guard. Reflect first, then ask.")
        if not recaps and not worked and not guarded:
            parts.append("Next time, try reflecting back what they say before asking anything; it lowers their guard.")
        kwargs: dict[str, Any] = {
            "text": "\n".join(parts),
            "buttons": [{"title": "Practise again", "payload": "/start_roleplay"}, {"title": "My talk plan", "payload": "/talk_plan"}],
        }
        if tracker.get_latest_input_channel() in CUSTOM_PAYLOAD_CHANNELS:
            recap = {"scenario": plan.get("scenario"), "worked": worked, "change": guarded}
            # asked for plainly, the recap carries the feedback's own payload again (its figures, its chart)
            again = {**feedback, **recap, "recap": True} if plain_request and feedback else {"type": "feedback_recap", **recap}
            kwargs["json_message"] = again
        dispatcher.utter_message(**kwargs)
        if plain_request:
            return events
    elif ASKS_FEEDBACK.search(text) or text.startswith("/"):
        dispatcher.utter_message(text="We're not in practice mode right now. Say “let's practise” to start a rehearsal.")
        return events
    reply, answered = answer(tracker)
    if reply.topic is None and plan:
        return events  # nothing more to add to the recap
    return events + answered + send(dispatcher, tracker, reply)


def _just_shown_plan(tracker: Tracker) -> bool:
    """Whether the assistant's last message was the talk plan (sent with the feedback, or asked for a moment ago)."""
    for event in reversed(tracker.events):
        if event.get("event") == "bot":
            return (bot_custom(event).get("type") == "talk_plan"
                    or str(event.get("text") or "").lstrip().startswith("Your talk plan"))
    return False


class ActionRoleplayPlan(Action):
    """“Make me a plan” outside practice: the last rehearsal's plan. (Asked during practice, it ends the rehearsal with
    its feedback and plan: data/rules/roleplay.yml.)"""

    def name(self) -> str:
        return "action_roleplay_plan"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        saved = tracker.get_slot("rp_plan")
        if saved and _just_shown_plan(tracker):
            dispatcher.utter_message(text="That's your plan from this practice, just above. To add to it, say “let's practise” "
                                          "and try a few more lines; what works goes into the plan.")
            return []
        if saved:
            send_plan(dispatcher, tracker, {k: v for k, v in saved.items() if k not in ("text", "recaps")}, saved.get("text", ""))
            return []
        dispatcher.utter_message(text="A talk plan comes from a rehearsal. Say “let's practise”, try a few lines, and I'll make you one.")
        return []


class ActionRoleplayAnswerAskedDirectly(Action):
    """After the brief step-out for a practised "are you thinking about suicide?", the loved one answers in character
    the way people do (relief, denial or an honest yes, per scenario), and the rehearsal goes on."""

    def name(self) -> str:
        return "action_roleplay_answer_asked_directly"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        reply = suicide_question_reply(tracker.get_slot("rp_state"))
        if reply is None:
            return []
        kwargs: dict[str, Any] = {"text": reply["text"]}
        if tracker.get_latest_input_channel() in CUSTOM_PAYLOAD_CHANNELS:
            kwargs["json_message"] = reply["custom"]
        dispatcher.utter_message(**kwargs)
        return []


def store_rehearsal(tracker: Tracker, rehearsal: Rehearsal, score: int, scenario: Scenario) -> None:
    counts: dict[str, int] = {}
    for turn in rehearsal.turns:
        for c in turn.codes:
            counts[c] = counts.get(c, 0) + 1
    try:
        with Session(db.get_engine()) as session, session.begin():
            save_rehearsal(
                session=session, sender_id=tracker.sender_id, resistance_form=scenario.form,
                relationship=scenario.relationship, turns=len(rehearsal.turns),
                final_openness=rehearsal.openness, score=score, codes=counts,
            )
    except SQLAlchemyError:
        logger.exception("Could not save the rehearsal")


def trend_text(scores: list[int]) -> str:
    bars = "▁▂▃▄▅▆▇█"
    spark = "".join(bars[min(len(bars) - 1, s * len(bars) // 101)] for s in scores)
    if len(scores) < 2:
        direction = "That's your first one; practise again to see a trend."
    elif scores[-1] > scores[0]:
        direction = f"Up from {scores[0]} to {scores[-1]}. The practice is paying off."
    elif scores[-1] < scores[0]:
        direction = f"Down from {scores[0]} to {scores[-1]}. Try the hint next time."
    else:
        direction = "Steady. Try one new skill next time, like an extra reflection."
    return f"{spark}  {direction}"


class ActionRehearsalProgress(Action):
    """“How am I doing?”: mid-practice, feedback on the rehearsal so far; otherwise the trend over rehearsals."""

    def name(self) -> str:
        return "action_rehearsal_progress"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        rehearsal, raw = load_state(tracker)
        if raw and raw.get("scenario"):
            if not rehearsal.turns and raw.get("undone"):
                # "go back to the start", then "how am i doing?": the lines they took back are what they ask about
                tried = Rehearsal(turns=taken_back(dispatcher, raw, "(You took that line back, so this is about the one you tried.)",
                                                   "(You took those lines back, so this is about the ones you tried before going back.)"))
                send_feedback(dispatcher, tracker, tried, scenario_for(tracker, raw), final=False)
                return []
            if rehearsal.turns:
                send_feedback(dispatcher, tracker, rehearsal, scenario_for(tracker, raw), final=False)
                return [SlotSet("rp_state", {**raw, "checked_in_at": len(rehearsal.turns)})]
            dispatcher.utter_message(text="(Stepping out of character.) You haven't tried a line yet. Start gently; there's no rush.")
            return []
        history: Optional[list] = None
        try:
            with Session(db.get_engine()) as session:
                history = rehearsal_history(session=session, sender_id=tracker.sender_id)
        except SQLAlchemyError:
            logger.exception("Could not read rehearsal history")
        if history is None:
            dispatcher.utter_message(text="I can't reach your practice history right now. Please try again later.")
        elif not history:
            dispatcher.utter_message(text="You haven't finished a rehearsal yet. Say “let's practise” to start one.")
        else:
            lines = [f"• {h.created_at:%d %b}: {h.score}/100 over {plural(h.turns, 'line')}" for h in history]
            scores = [h.score for h in history]
            kwargs: dict[str, Any] = {"text": "Your recent rehearsals:\n" + "\n".join(lines) + "\n" + trend_text(scores)}
            if tracker.get_latest_input_channel() in CUSTOM_PAYLOAD_CHANNELS:
                kwargs["json_message"] = {"type": "progress", "scores": scores}
            dispatcher.utter_message(**kwargs)
        return []


def suicide_question_reply(rp_state: Optional[dict[str, Any]]) -> Optional[dict[str, Any]]:
    """For the safety flow: when the user says a direct question about suicide was practice, the loved one answers it
    in character (relief, denial or an honest yes, per scenario). None when no rehearsal is running."""
    if not rp_state or str(rp_state.get("scenario") or "") not in registry():
        return None
    scenario = as_told(registry()[rp_state["scenario"]], rp_state.get("form"))
    stage = LADDER[min(len(LADDER) - 1, max(0, int(float(rp_state.get("openness", 1.0)) // 2)))]
    return {
        "text": f"{rp_state.get('speaker') or scenario.call}: {scenario.suicide_line}",
        "kind": scenario.suicide_kind,
        "custom": {"type": "roleplay", "in_character": True, "stage": stage.value, "line_id": f"{scenario.id}.suicide_question",
                   "scenario": scenario.id, "answers": "feelings", "reveals": None},
    }
