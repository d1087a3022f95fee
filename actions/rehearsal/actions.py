"""Rasa actions for rehearsal: set-up, each in-character turn, hint, retry, feedback and progress."""
from __future__ import annotations

import logging
from typing import Any, Optional

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from actions.bring_up import LovedOneSlots
from actions.rehearsal.coding import code
from actions.rehearsal.feedback import summarise
from actions.rehearsal.state import Rehearsal, Turn, advance, reply_stage, rewind
from actions.replies import CUSTOM_PAYLOAD_CHANNELS, form_buttons, loved_one
from contentdb import engine as db
from contentdb.queries import Line, pick_roleplay_line, rehearsal_history, save_rehearsal
from contentdb.service import Facts, select_items
from kernel.lexicon import classify_resistance
from kernel.vocabulary import Kind, ResistanceForm, Stage, Topic

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
GOAL_BUTTONS = [
    {"title": "Raise it gently, once", "payload": "raise it gently, once"},
    {"title": "Understand what's stopping them", "payload": "understand what's stopping them"},
    {"title": "Agree one small step", "payload": "agree one small step"},
]
# When the database is down, the loved one still answers, just with less variety.
FALLBACK_LINES = {
    Stage.GUARDED: "I don't want to talk about this right now.",
    Stage.WARY: "I don't know. Why are you bringing this up again?",
    Stage.SOFTENING: "Maybe... it's just hard to admit things aren't great.",
    Stage.OPEN: "Honestly, I've been struggling more than I let on.",
    Stage.CONCESSION: "Okay. Send me a name and I'll at least look. No promises.",
}
PRACTICE_FOOTER = "(Practice mode. Say “hint”, “let me try that again”, or “stop practice” for feedback.)"


def load_state(tracker: Tracker) -> tuple[Rehearsal, dict[str, Any]]:
    raw = tracker.get_slot("rp_state") or {}
    rehearsal = Rehearsal(openness=float(raw.get("openness", 2.0)), turns=[Turn.from_dict(t) for t in raw.get("turns", [])])
    return rehearsal, raw


def dump_state(rehearsal: Rehearsal, raw: dict[str, Any]) -> dict[str, Any]:
    return {**raw, "openness": rehearsal.openness, "turns": [t.to_dict() for t in rehearsal.turns]}


def choose_line(form: str, stage: Stage, used: list[str], seed: str) -> Line:
    try:
        with Session(db.get_engine()) as session:
            line = pick_roleplay_line(session=session, resistance_form=form, stage=stage.value, exclude=used, seed=seed)
    except SQLAlchemyError:
        logger.exception("Role-play lines unavailable; using the built-in line")
        line = None
    return line or Line(id=f"builtin.{stage.value}", text=FALLBACK_LINES[stage])


def in_character(dispatcher: CollectingDispatcher, tracker: Tracker, line: Line, stage: Stage, footer: bool = False) -> None:
    who = loved_one(tracker.get_slot("relationship")).replace("your ", "").capitalize()
    text = f"{who}: {line.text}" + (f"\n{PRACTICE_FOOTER}" if footer else "")
    kwargs: dict[str, Any] = {"text": text}
    if tracker.get_latest_input_channel() in CUSTOM_PAYLOAD_CHANNELS:
        kwargs["json_message"] = {"type": "roleplay", "in_character": True, "stage": stage.value, "line_id": line.id}
    dispatcher.utter_message(**kwargs)


class ValidateRoleplaySetupForm(LovedOneSlots, FormValidationAction):
    def name(self) -> str:
        return "validate_roleplay_setup_form"

    def validate_resistance_form(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if value in ResistanceForm._value2member_map_:
            return {"resistance_form": value}
        described = classify_resistance(str(value or ""))
        if described is None:
            dispatcher.utter_message(text="I'm not sure which that is. Pick the closest:", buttons=FORM_BUTTONS)
            return {"resistance_form": None}
        return {"resistance_form": described.value}

    def validate_roleplay_goal(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        goal = " ".join(str(value or "").split())[:200]
        return {"roleplay_goal": goal or "raise it gently, once"}


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
        form = tracker.get_slot("resistance_form") or ResistanceForm.DIRECT.value
        seed = f"{tracker.sender_id}:{len(tracker.events)}"
        who = loved_one(tracker.get_slot("relationship"))
        dispatcher.utter_message(
            text=(
                f"Practice mode is on. I'll play {who}, and answer the way they might. Your goal: "
                f"{tracker.get_slot('roleplay_goal') or 'raise it gently'}.\n"
                "Say “hint” for a suggestion, “let me try that again” to redo a line, or “stop practice” to end and get feedback."
            )
        )
        rehearsal = Rehearsal()
        line = choose_line(form, rehearsal.stage, [], seed)
        in_character(dispatcher, tracker, line, rehearsal.stage)
        # The set-up's last answer must not count as the first practice line when the loop starts.
        setup_message = tracker.latest_message.get("message_id")
        state = {"openness": rehearsal.openness, "turns": [], "seed": seed, "used": [line.id], "opening": line.text,
                 "setup_message": setup_message}
        return [SlotSet("rp_state", state), SlotSet("pending_offer", None), SlotSet("roleplay_line", None)]


class ValidateRoleplayForm(FormValidationAction):
    """Each user line in practice: code it, move openness, answer in character."""

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
        turn = advance(rehearsal, text, code(text))
        stage = reply_stage(rehearsal)
        form = tracker.get_slot("resistance_form") or ResistanceForm.DIRECT.value
        used = list(raw.get("used", []))
        line = choose_line(form, stage, used, f"{raw.get('seed', tracker.sender_id)}:{len(used)}")
        turn.reply_id, turn.reply = line.id, line.text
        in_character(dispatcher, tracker, line, stage, footer=len(rehearsal.turns) == 1)
        state = dump_state(rehearsal, {**raw, "used": [*used, line.id]})
        return {"roleplay_line": None, "rp_state": state}


class ActionAskRoleplayLine(Action):
    """The practice loop waits for the user's next line without saying anything itself."""

    def name(self) -> str:
        return "action_ask_roleplay_line"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        return []


class ActionRoleplayRetry(Action):
    def name(self) -> str:
        return "action_roleplay_retry"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        rehearsal, raw = load_state(tracker)
        undone = rewind(rehearsal)
        if undone is None:
            dispatcher.utter_message(text="(Nothing to undo yet. Go ahead with your first line.)")
            return []
        previous = rehearsal.turns[-1].reply if rehearsal.turns else raw.get("opening", "")
        dispatcher.utter_message(
            text=(
                f"(Rewound. Your line “{undone.text}” is undone, and they're as open as before it.)\n"
                f"They said: {previous}\nTry it another way."
            )
        )
        return [SlotSet("rp_state", dump_state(rehearsal, raw))]


class ActionRoleplayHint(Action):
    def name(self) -> str:
        return "action_roleplay_hint"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        facts = Facts(relationship=tracker.get_slot("relationship"), resistance_form=tracker.get_slot("resistance_form"))
        shown = tracker.get_slot("shown_items") or []
        (phrasings,), selection = select_items(facts, shown, [(Topic.REFUSAL, Kind.PHRASING, 1)])
        if not phrasings:
            (phrasings,), selection = select_items(facts, shown, [(Topic.BRING_UP, Kind.PHRASING, 1)])
        if phrasings:
            hint = phrasings[0]
            text = f"(Stepping out of character for a moment.)\nTry something like: {hint.text}\nWhy: {hint.reason}"
        else:
            text = "(Stepping out of character.) Try reflecting back what they just said before asking anything: “So it sounds like…”"
        dispatcher.utter_message(text=text)
        return [SlotSet("shown_items", [*shown, *[item.id for item in selection.items]])]


class ActionRoleplayFeedback(Action):
    """Ends practice with feedback, and keeps a record of it for progress over time."""

    def name(self) -> str:
        return "action_roleplay_feedback"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        rehearsal, raw = load_state(tracker)
        if not raw:
            dispatcher.utter_message(text="We're not in practice mode right now. Say “let's practise” to start a rehearsal.")
            return []
        if not rehearsal.turns:
            dispatcher.utter_message(text="Practice mode is off. You didn't try a line this time; come back whenever you're ready.")
            return [SlotSet("rp_state", None)]
        feedback = summarise(rehearsal.turns, rehearsal.openness)
        kwargs: dict[str, Any] = {"text": "Practice mode is off; I'm me again.\n" + feedback.text()}
        if tracker.get_latest_input_channel() in CUSTOM_PAYLOAD_CHANNELS:
            kwargs["json_message"] = feedback.payload()
        dispatcher.utter_message(**kwargs)
        store_rehearsal(tracker, rehearsal, feedback.score, feedback.counts)
        return [SlotSet("rp_state", None)]


def store_rehearsal(tracker: Tracker, rehearsal: Rehearsal, score: int, counts: dict[str, int]) -> None:
    try:
        with Session(db.get_engine()) as session, session.begin():
            save_rehearsal(
                session=session, sender_id=tracker.sender_id, resistance_form=tracker.get_slot("resistance_form"),
                relationship=tracker.get_slot("relationship"), turns=len(rehearsal.turns),
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
        direction = f"Down from {scores[0]} to {scores[-1]}. Harder conversations score lower; try the hint next time."
    else:
        direction = "Steady. Try one new skill next time, like an extra reflection."
    return f"{spark}  {direction}"


class ActionRehearsalProgress(Action):
    def name(self) -> str:
        return "action_rehearsal_progress"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
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
            lines = [f"• {h.created_at:%d %b}: {h.score}/100 over {h.turns} lines" for h in history]
            scores = [h.score for h in history]
            kwargs: dict[str, Any] = {"text": "Your recent rehearsals:\n" + "\n".join(lines) + "\n" + trend_text(scores)}
            if tracker.get_latest_input_channel() in CUSTOM_PAYLOAD_CHANNELS:
                kwargs["json_message"] = {"type": "progress", "scores": scores}
            dispatcher.utter_message(**kwargs)
        return []
