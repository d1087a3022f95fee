"""Messages the practice rules send here outside practice: a "stop" that isn't one, a line that is a feeling."""
from __future__ import annotations

import dataclasses
import re
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.moves import read_move
from actions.rehearsal.actions import looks_like_a_line
from actions.replies import Reply, send
from actions.respond import Memory, answer
from kernel.lexicon import loved_one_mention
from kernel.vocabulary import BACKING_OUT

MENU = [
    {"title": "They refused help", "payload": "/they_refused_help"},
    {"title": "How to bring it up", "payload": "/how_to_bring_up_therapy"},
    {"title": "Looking after myself", "payload": "/feel_exhausted"},
]

# A real request to stop practising; "got any words I could use with him?" is not one.
_STOP = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|right|hmm|alright|yeah)\W+)?(?:stop|enough|end|quit|exit|pause|finish)\b|\bstop (?:the )?(?:practi|"
    r"role|rehears|this|there|now|it)|"
    r"\b(?:that'?s|thats) enough\b|\bi'?ll stop\b|\bend (?:the )?(?:practi|role|rehears|session)|\bbreak character\b|"
    r"\bout of (?:practice|role)\b",
    re.IGNORECASE,
)


class ActionStopRoleplay(Action):
    def name(self) -> str:
        return "action_stop_roleplay"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        text = str(tracker.latest_message.get("text") or "")
        if text and not text.startswith("/") and not _STOP.search(text):
            reply, events = answer(tracker)
            if BACKING_OUT.search(text):  # "actually no, i'm not ready for that yet. can we talk about...": said yes to, kindly
                reply = dataclasses.replace(reply, text="That's fine, there's no rush: we can practise whenever you feel "
                                                        "ready.\n\n" + reply.text)
            return events + send(dispatcher, tracker, reply)
        dispatcher.utter_message(
            text="Practice mode is off; I'm me, not your loved one. Say “let's practise” whenever you want to rehearse."
        )
        return [SlotSet("pending_offer", None)]


class ActionGreet(Action):
    """After the introduction (utter_greet, which needs no action server): a hello that already says who it is about
    ("morning. it's about my mum") is asked what has been happening, without assuming anything happened yet."""

    def name(self) -> str:
        return "action_greet"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        text = str(tracker.latest_message.get("text") or "")
        if text.startswith("/") or not loved_one_mention(text):
            return []
        # Who they are is kept (the slots the listener sets); what happened is asked, not assumed.
        reply, events = answer(tracker)
        mention = loved_one_mention(text)
        word = (mention[1] if mention else "") or "loved one"
        welcome = f"What's been happening with your {word}? Tell me as much or as little as you like."
        return events + send(dispatcher, tracker, dataclasses.replace(reply, text=welcome, items=[], buttons=[], topic=None))


class ActionOfferPractice(Action):
    """A line that sounds meant for the loved one: offer to rehearse it, unless it's a feeling told to us
    or the user already said no to practising."""

    def name(self) -> str:
        return "action_offer_practice"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        text = str(tracker.latest_message.get("text") or "")
        memory = Memory.load(tracker.get_slot("memory"))
        move = read_move(text, "practice_line", memory.topic)
        # A story about them ("my mum's house is full, you can't get into the back bedroom") is told to us, not a line.
        if move.kind != "open" or "practice_declined" in memory.used or not looks_like_a_line(text):
            reply, events = answer(tracker)
            return events + send(dispatcher, tracker, reply)
        reply = Reply(
            text="That sounds like something you might say to them. Want to practise it? I'll play them and give you feedback.",
            buttons=[{"title": "Yes, let's practise", "payload": "/start_roleplay"}, {"title": "Not now", "payload": "/deny"}],
            pending_offer="rehearse",
        )
        return send(dispatcher, tracker, reply)
