"""The listening assistant's one substantive action: read the situation, follow the thread, answer.

Every substantive intent routes here. Deterministic Python, not one rule per intent, decides the reply
from three things: what this message adds to the picture of the situation (kernel.lexicon.read_message),
what the user is asking for given the thread (actions.moves.read_move), and a small memory slot (the
last topic and kinds shown, what we already asked, which reflections we used). Each substantive reply
opens with a reflection, never asks what the user already said, and keeps to a phone-sized length with a
"more" quick reply where more is left.
"""
from __future__ import annotations

import copy
import re
import zlib
from collections.abc import Collection
from dataclasses import dataclass, field, replace
from typing import Any, Optional

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.crisis_follow_up import follow_up
from actions.events import bot_custom
from actions.moves import Move, read_move, violence_to_things
from actions.reflections import PRONOUN, Situation, reflect
from actions.rehearsal.actions import PLAN_ASKED, STOP_FIRST
from actions.replies import Reply, bullet, form_buttons, send
from actions.safety_screen import DANGER, SAFE, answering_screen, needs_screen, read_screen_answer, resume_topic, screen
from contentdb.queries import Content
from contentdb.service import Facts, has_more, items_by_id, select_in_order
from kernel.lexicon import SUBSTANCE_KINDS, Picture, form_strength, guess_concern, mentions_help, read_message
from kernel.resources import fill
from kernel.vocabulary import Kind, ResistanceForm

MAX_CHARS = 600
PRACTICE_BUTTON = {"title": "Practise it with me", "payload": "/start_roleplay"}
MORE_BUTTON = {"title": "More like this", "payload": "/ask_more"}
TOPIC_BUTTONS = {
    "refusal": {"title": "They said no", "payload": "/they_refused_help"},
    "bring_up": {"title": "What could I say?", "payload": "/how_to_bring_up_therapy"},
    "why_resist": {"title": "Why do they say no?", "payload": "/why_they_resist"},
    "boundaries": {"title": "Setting a boundary", "payload": "/set_boundaries"},
    "enabling": {"title": "Am I enabling?", "payload": "/worried_enabling"},
    "exhaustion": {"title": "Looking after myself", "payload": "/feel_exhausted"},
    "support": {"title": "Support for me", "payload": "/find_support"},
    "progress": {"title": "Signs of progress", "payload": "/signs_of_progress"},
    "resentment": {"title": "I feel resentful", "payload": "/feel_resentful"},
}
FORM_BUTTONS = form_buttons(
    "describe_refusal",
    {
        ResistanceForm.DIRECT: "Refused outright",
        ResistanceForm.PASSIVE: "Agreed, then didn't follow through",
        ResistanceForm.INTELLECTUAL: "Argued it away",
        ResistanceForm.EMOTIONAL: "Got overwhelmed or joked it off",
    },
)
NO_CONTENT = "I don't have something specific for that yet, so I won't make it up."
FORM_QUESTION = "How did the no show up? Pick the closest, or tell me in your own words."

# Which kinds of item answer a topic, first reply first; "more" walks on through the list.
KINDS: dict[str, tuple[str, ...]] = {
    "refusal": ("reframe", "phrasing", "tip", "avoid"),
    "bring_up": ("phrasing", "avoid", "reframe", "tip"),
    "why_resist": ("reframe", "phrasing", "tip"),
    "resentment": ("reframe", "phrasing", "tip", "avoid"),
    "exhaustion": ("tip", "reframe", "phrasing", "resource", "avoid"),
    "boundaries": ("phrasing", "reframe", "tip", "avoid"),
    "enabling": ("reframe", "tip", "avoid", "phrasing"),
    "progress": ("tip", "reframe", "phrasing", "avoid"),
    "support": ("resource", "tip", "reframe", "phrasing"),
    "worried_about_safety": ("tip", "reframe", "resource", "phrasing", "avoid"),
}
LEAD_IN = {
    "phrasing": "Something you could say, in your own words:",
    "avoid": "What tends to backfire:",
    "tip": "Something to try:",
    "resource": "Where to find support:",
}
LEAD_IN_AGAIN = "Something you could say:"
# Why each form of no tends to happen, said plainly (for "why would he do that?").
WHY_FORM = {
    "passive": "Saying yes and not going often means {they} can't say no out loud yet, or the step feels bigger than it "
    "looks from outside.",
    "direct": "A sharp no is usually protection: the suggestion can land as 'something is wrong with you', and anger keeps "
    "that feeling out.",
    "intellectual": "Arguing it away keeps a painful subject at a thinking distance, where {they} can stay in control of it.",
    "emotional": "Tears, jokes or silence usually mean the subject feels too big to hold right now; it isn't a sign of not caring.",
}
NEXT_NO = "If it's no again, that's not the end of it. Stay warm, don't argue the point, and leave the door open for another day."
SOURCES = {
    "CRAFT": "CRAFT (Community Reinforcement and Family Training; the book 'Get Your Loved One Sober' by Meyers and Wolfe)",
    "MI": "Motivational Interviewing (Miller and Rollnick)",
    "LEAP": "LEAP (Xavier Amador, 'I Am Not Sick, I Don't Need Help')",
}
ACKS = (
    "Glad that's useful. I'm here whenever you want to think the next step through.",
    "Okay. Take what fits and leave the rest; you know {who} best.",
    "You're welcome. Caring this much takes a lot, so go gently on yourself too.",
    "Sure. If anything shifts, or you want to look at something else, just say.",
    "Okay. There's no rush; small steps count here.",
    "Thanks for telling me all this. Come back any time, even just to think out loud.",
)
THANKED_ACKS = frozenset(text for text in ACKS if text.startswith(("Glad that's useful", "You're welcome")))  # replies to thanks
_THANKED = re.compile(r"\b(?:thanks?|thank you|thx|ty|cheers|ta)\b|\b(?:helpful|useful|helps|helped)\b")
FEELINGS = {
    "guilty": (
        "It's so common to look back and wonder if it's your fault. Struggles like this rarely have one cause, and caring enough "
        "to ask says a lot about you.",
        "Guilt tends to pile on when we love someone who is struggling. You're allowed to put some of it down.",
    ),
    "scared": (
        "Being frightened for someone you love is its own kind of tiring: it doesn't switch off at night. It makes sense that "
        "you feel it, and you don't have to carry it alone. If you ever think they're in danger right now, tell me and we'll "
        "put that first.",
        "That fear says how much they matter to you. Worry like this is easier to carry when someone else knows about it too.",
    ),
    "hypocrite": (
        "Having habits of your own doesn't cancel out your worry about them. If they throw it back at you, owning it usually "
        "works better than defending it: “Fair point, I'm not perfect either. If you were worried about me, I'd want you to "
        "say.” That keeps it about care, not about who's worse.",
    ),
    "venting": (
        "No need to apologise. Saying it out loud is part of carrying it, and what you're living with would wear anyone down. "
        "Vent here whenever you need to; when you're ready, we can think about what comes next.",
    ),
    "default": (
        "Thank you for telling me how this feels. You don't need to fix anything right now for that to matter.",
        "That sounds really hard to live with. It makes sense to feel this way after all you've been holding.",
        "I hear you. Feeling this way doesn't mean you're doing it wrong; it means it matters to you.",
    ),
}
OPEN_LINES = (
    "Tell me a bit more about what's going on, or pick what would help most right now.",
    "I'm listening. What would help most: understanding the no, finding words, or looking after yourself?",
    "Go on, I'm with you. Where would you like to start?",
)


# The facts about the situation that update_situation keeps in the memory; the rest of it is the thread (what was
# shown, asked and said back).
SITUATION_FACTS = ("word", "pronoun", "duration", "together", "user_state", "others_hurt", "struggles")


@dataclass
class Memory:
    """What we keep between turns: the thread, what we asked, the reflections and lines used."""

    topic: Optional[str] = None
    kinds: list[str] = field(default_factory=list)
    asked: list[str] = field(default_factory=list)
    used: list[str] = field(default_factory=list)
    word: Optional[str] = None
    duration: Optional[str] = None
    together: Optional[bool] = None
    user_state: Optional[str] = None
    others_hurt: Optional[str] = None  # someone else at home on the receiving end ("mum", "kids")
    pronoun: Optional[str] = None
    last_items: list[str] = field(default_factory=list)
    last_asked: Optional[str] = None
    audience: Optional[str] = None  # who the support shown last was for: "user" or "loved_one"
    struggles: list[str] = field(default_factory=list)  # kinds named (drinking, gambling...): kernel.lexicon.STRUGGLE_KINDS
    # How the concern was read (_GUESS): 0 in words or from a button, 1 from signs only, 2 the trained model's guess. A
    # reading more certain replaces it, and one as certain or more confirms it.
    concern_guess: int = 0

    @classmethod
    def load(cls, value: Any) -> Memory:
        data = value if isinstance(value, dict) else {}
        known = {name: data[name] for name in cls.__dataclass_fields__ if name in data}
        return cls(**known)

    def dump(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


def _button_entity(tracker: Tracker, name: str) -> Optional[str]:
    """A value set by a button payload (`/intent{"slot":"value"}`), which always wins. Words in a message are
    read by the lexicon with the conversation in view instead, so the normaliser's own finds are skipped."""
    for entity in tracker.latest_message.get("entities") or []:
        if entity.get("entity") == name and entity.get("extractor") in (None, "RegexMessageHandler"):
            return str(entity.get("value"))
    return None


# "no, it's my sister not my brother", "I meant my sister": a person named in contrast, not "sorry, my sister thinks..."
_SAME_KIN_CORRECTION = re.compile(r"\b(?:it'?s|its|i meant|i mean|actually|talking about) (?:my|our) \w+|\bnot (?:my|our) \w+", re.I)


def _guess(picture: Picture) -> int:
    """How the message read its concern, as Memory.concern_guess counts it."""
    return 2 if picture.concern_by_model else 1 if picture.concern_guessed else 0


def update_situation(
    slots: dict[str, Any], picture: Picture, buttons: dict[str, Optional[str]], memory: Memory, text: str = ""
) -> tuple[dict[str, Optional[str]], set[str]]:
    """The contract slots after this message, and which facts are new.

    A value holds until the user corrects it: another relative mentioned in passing ("his sister noticed
    too") doesn't replace the loved one, but "actually it's my sister" does.
    """
    values: dict[str, Optional[str]] = {}
    new: set[str] = set()
    read = {"relationship": picture.relationship, "concern": picture.concern, "resistance_form": picture.resistance_form}
    for name, heard in read.items():
        current = slots.get(name)
        value = buttons.get(name) or heard
        switch = (picture.correction
                  or (name == "concern" and (picture.named_concern or current in picture.ruled_out
                                             or _guess(picture) < memory.concern_guess))
                  or (name == "resistance_form" and picture.form_told
                      and (picture.told_by is None or memory.pronoun is None or picture.told_by == memory.pronoun)))
        if value and (current is None or (value != current and (buttons.get(name) or switch))):
            values[name] = value
            new.add(name)
            if name == "relationship":
                memory.word = picture.word
            if name == "concern":
                memory.concern_guess = 0 if buttons.get(name) else _guess(picture)
        elif name == "concern" and value == current:
            # the guess confirmed ("yes he's depressed, the gp said so"): by a sign, it is a sign's guess; by a word, no guess
            memory.concern_guess = min(memory.concern_guess, _guess(picture))
        elif name == "relationship" and value == current and picture.word and not memory.word:
            memory.word = picture.word
        elif (name == "relationship" and value == current and picture.correction and picture.word and picture.word != memory.word
              and _SAME_KIN_CORRECTION.search(text)):
            # "no, it's my sister not my brother": the same relationship, another person
            memory.word = picture.word
            memory.pronoun = picture.pronoun or PRONOUN.get(picture.word, memory.pronoun)
            new.add("word")
    if memory.pronoun is None and picture.pronoun:
        memory.pronoun = picture.pronoun
    # The kinds of struggle named so far ("he drinks, and now he gambles too": both); a corrected struggle starts again.
    if "concern" in new and slots.get("concern") is not None:
        memory.struggles = list(picture.struggles)
    else:
        added = [kind for kind in picture.struggles if kind not in memory.struggles]
        memory.struggles += added
        if any(kind in SUBSTANCE_KINDS for kind in added):
            new.add("also")  # "and she's drinking every night now": a second struggle beside the first
    for name in ("duration", "together", "user_state", "others_hurt"):
        heard_value = getattr(picture, name)
        if heard_value is not None and heard_value != getattr(memory, name):
            setattr(memory, name, heard_value)
            new.add(name)
    return values, new


def _plain_sources(items: Collection[Content]) -> list[str]:
    """The approaches behind the items, named so people can look them up ("CRAFT (Meyers & Wolfe, ...)").

    A grounding lists its sources separated by ";", each as "Source: the idea used". Our own seed articles
    are left out: nobody can look those up.
    """
    names: list[str] = []
    for item in items:
        for part in item.grounding.split(";"):
            source = part.split(":")[0].strip()
            source = SOURCES.get(source, source)
            if source and not source.lower().startswith(("seed", "the seed")) and source not in names:
                names.append(source)
    return names


class Responder:
    """Builds one reply; kept apart from the Action so tests can drive it turn by turn."""

    def __init__(self, situation: Situation, memory: Memory, shown: Collection[str], seed: str, new: Collection[str],
                 corrected: bool = False) -> None:
        self.corrected = corrected
        self.situation = situation
        self.memory = memory
        self.shown = list(shown)
        self.seed = seed
        self.new = set(new)
        self.facts = Facts(relationship=situation.relationship, resistance_form=situation.resistance_form, concern=situation.concern,
                           struggles=tuple(memory.struggles))
        self.audience: Optional[str] = None  # who this reply's support items are for (support topic only)
        self.thanked = True  # whether the message thanked us or called the reply useful (answer() says; see ack)

    # -- pieces
    def opening(self, topic: Optional[str]) -> Optional[str]:
        line, key = reflect(self.situation, new=self.new, topic=topic, used=self.memory.used)
        if key:
            self.memory.used.append(key)
        return line

    def items(self, topic: str, kinds: list[str]) -> list[Content]:
        """One unseen item of each kind, in order."""
        found = select_in_order(self.facts, self.shown, topic, kinds, count=len(kinds), seed=self.seed)
        self.shown.extend(item.id for item in found)
        return found

    def pick(self, topic: str, first: Optional[str] = None, count: int = 2, after: Optional[str] = None) -> list[Content]:
        """``count`` items of the topic: the ``first`` kind if asked for, then on through the topic's kinds."""
        order = list(KINDS.get(topic, ("reframe", "tip", "phrasing")))
        if after in order:  # "more": carry on from the kind shown last
            index = order.index(after)
            order = order[index:] + order[:index]
        if first in order:
            order.remove(first)
            order.insert(0, first)
        if topic == "support" and self.audience is None:
            self.for_whom(None, carry_on=True)
        found = select_in_order(self.facts, self.shown, topic, order, count=count, seed=self.seed,
                                audience=self.audience if topic == "support" else None)
        self.shown.extend(item.id for item in found)
        return found

    def for_whom(self, audience: Optional[str], carry_on: bool = False) -> str:
        """Support is for the user unless they ask about help for the loved one; "more" keeps who it was for."""
        self.audience = audience or (self.memory.audience if carry_on else None) or "user"
        self.memory.audience = self.audience
        return self.audience

    def body(self, items: list[Content]) -> list[str]:
        lines: list[str] = []
        for item in items:
            text = fill(bullet(item)) if item.kind in LEAD_IN or item.alternative else fill(item.text)
            lead = self.lead_in(item.kind)
            lines.append(f"{lead}\n{text}" if lead else text)
        return lines

    def once(self, key: str, *variants: str) -> Optional[str]:
        """The first of ``variants`` not yet said in this conversation (None when all were): no sentence twice."""
        for index, text in enumerate(variants):
            if f"{key}.{index}" not in self.memory.used:
                self.memory.used.append(f"{key}.{index}")
                return text
        return None

    def lead_in(self, kind: str) -> Optional[str]:
        """The label over an item; "in your own words" is said once a conversation, not over every phrasing."""
        if kind == "phrasing" and "lead.phrasing" in self.memory.used:
            return LEAD_IN_AGAIN
        return LEAD_IN.get(kind)

    def finish(self, topic: Optional[str], parts: list[Optional[str]], items: list[Content], buttons: list[dict[str, str]],
               *, closing: Optional[str] = None, asking: bool = False) -> Reply:
        """Join the reply, keep it phone-sized (dropping items, never the reflection), and offer more."""
        head = [part for part in parts if part]
        if topic in KINDS and not items and closing is None and not any(NO_CONTENT in part for part in head):
            head.append(NO_CONTENT)
        while True:
            text = "\n\n".join(head + self.body(items) + ([closing] if closing else []))
            if len(text) <= MAX_CHARS or not items:
                break
            dropped = items.pop()
            self.shown.remove(dropped.id)
        if len(text) > MAX_CHARS and closing:
            text = "\n\n".join(head + self.body(items))
        previous = None if asking else self.memory.topic
        buttons = [button for button in buttons if button is not TOPIC_BUTTONS.get(topic or "")]
        if topic and previous and previous != topic and previous in TOPIC_BUTTONS:  # a way back to where we were
            back = TOPIC_BUTTONS[previous]
            buttons = [{"title": f"Back to: {back['title']}", "payload": back["payload"]}] + [b for b in buttons if b is not back]
        if asking:  # the buttons are the answers to our question; nothing else goes with them
            pass
        elif topic in KINDS and items and has_more(self.facts, self.shown, topic, KINDS[topic],
                                                   audience=self.audience if topic == "support" else None):
            buttons = [MORE_BUTTON, *buttons]
        if any(item.kind == "phrasing" for item in items) and "lead.phrasing" not in self.memory.used:
            self.memory.used.append("lead.phrasing")
        if items:
            self.memory.kinds = [item.kind for item in items]
            self.memory.last_items = [item.id for item in items]
        if topic:
            self.memory.topic = topic
        return Reply(text=text, items=items, buttons=buttons[:4], topic=topic)

    def _buttons(self, *topics: str, practice: bool = False) -> list[dict[str, str]]:
        buttons = [TOPIC_BUTTONS[name] for name in topics if name in TOPIC_BUTTONS]
        return ([PRACTICE_BUTTON] if practice else []) + buttons

    # -- replies
    def refusal(self) -> Reply:
        form = self.situation.resistance_form
        if form is None and "resistance_form" not in self.memory.asked:
            self.memory.asked.append("resistance_form")
            self.memory.last_asked = "resistance_form"
            items = self.items("refusal", ["reframe"])
            reply = self.finish("refusal", [self.opening("refusal")], items, FORM_BUTTONS, closing=FORM_QUESTION, asking=True)
            return reply
        items = self.pick("refusal", count=2)
        # One explanation of this form of no per conversation: a reframe written for the form says it in its own
        # way, so the stock summary then stays out (and "why would he?" later doesn't hear it again).
        summary = None
        if form in WHY_FORM and not self.form_explained():
            if any(item.kind == "reframe" and item.resistance_form == form for item in items):
                self.memory.used.append("form_summary")
            else:
                summary = self.form_summary()
        return self.finish("refusal", [self.opening("refusal"), summary], items,
                           self._buttons("why_resist", "bring_up", practice=True))

    def form_explained(self) -> bool:
        return "form_summary" in self.memory.used

    def form_summary(self) -> Optional[str]:
        """Why this form of no tends to happen, said once in a conversation."""
        form = self.situation.resistance_form
        if form not in WHY_FORM or self.form_explained():
            return None
        self.memory.used.append("form_summary")
        return WHY_FORM[form].format(they=self.situation.they)

    def topic(self, topic: str, focus: Optional[str] = None, audience: Optional[str] = None) -> Reply:
        if topic == "refusal":
            return self.refusal()
        opening_key = topic
        if topic == "support" and self.for_whom(audience) == "loved_one":
            opening_key = "support_them"
        items = self.pick(topic, first=focus, count=2)
        follow = {"bring_up": ("why_resist", "boundaries"), "why_resist": ("bring_up",), "boundaries": ("bring_up", "enabling"),
                  "enabling": ("boundaries", "support"), "exhaustion": ("support", "boundaries"), "support": ("bring_up", "exhaustion"),
                  "resentment": ("boundaries", "exhaustion"), "progress": ("bring_up",), "worried_about_safety": ("support", "bring_up")}
        practice = topic in {"bring_up", "boundaries"}
        return self.finish(topic, [self.opening(opening_key)], items, self._buttons(*follow.get(topic, ()), practice=practice))

    def why_them(self) -> Reply:
        reason = self.form_summary()
        items = self.pick("why_resist", count=1 if reason else 2)
        return self.finish("why_resist", [self.opening("why_resist"), reason], items, self._buttons("bring_up", "refusal"))

    def more(self, topic: str, different: bool = False, audience: Optional[str] = None) -> Reply:
        if not self.memory.kinds and self.memory.topic == topic and topic in KINDS:
            return self.topic(topic, audience=audience)  # nothing of it shown yet (the safety question came first)
        last = self.memory.kinds[-1] if self.memory.kinds else None
        if topic == "support":
            self.for_whom(audience, carry_on=True)
        lead: Optional[str]
        if different:
            order = [kind for kind in KINDS.get(topic, ()) if kind not in self.memory.kinds]
            items = self.pick(topic, first=order[0] if order else None, count=2)
            lead = self.once("different", "Fair enough: you know them. Here's a different angle.", "Okay, another way in, then.",
                             "Fair point. Try this instead.") or "Another angle:"
        else:
            items = self.pick(topic, first=last, count=2)
            lead = "Here's another." if items else None
        if not items:
            end = self.once("end_of_topic", "That's everything I have on this for now, and I'd rather not make things up. "
                            "Want to look at it from another side?", "That's all I have on this one. Shall we look at another side of it?")
            return self.finish(topic, [self.opening(topic), end or "That's all I have here."], [],
                               self._buttons("why_resist", "bring_up", "support"))
        return self.finish(topic, [lead], items, self._buttons("why_resist", "bring_up", practice=topic == "bring_up"))

    def carry_on(self, topic: str) -> Reply:
        if topic == "refusal":
            return self.refusal()
        items = self.pick(topic, count=1)
        opening = self.opening(topic)
        bridge = ("With that in mind:" if opening else "Thanks for filling me in. One more thing that may help:") if items else None
        return self.finish(topic, [opening, bridge], items,
                           self._buttons("bring_up", "why_resist", "support"))

    def next_no(self, topic: str) -> Reply:
        if topic == "boundaries":
            items = self.pick("boundaries", first="phrasing", count=2)
            held = self.once("boundary_holds", "A boundary holds even when it's pushed back on: say it once, calmly, and then do what "
                             "you said.")
            return self.finish("boundaries", [self.opening("boundaries"), held], items, self._buttons("support", "resentment"))
        items = self.pick("refusal", first="tip", count=2)
        lead = self.once("next_no", NEXT_NO, "Another no would hurt, and it still wouldn't be the last word.") or "Then:"
        return self.finish("refusal", [lead], items, self._buttons("why_resist", "bring_up", practice=True))

    def why_us(self, shown_items: list[Content]) -> Reply:
        if not shown_items:
            return Reply(text="I haven't suggested anything yet to explain. Tell me what's going on and I'll say why I suggest what I do.")
        reasons = [f"• {item.reason}" for item in shown_items]
        sources = _plain_sources(shown_items)
        tail = ("These ideas come from " + " and ".join(sources) + ", which you can look up.") if sources else (
            "It comes from what families in this position commonly find helps.")
        header = self.once("why_us", "Here's the thinking behind what I suggested:") or "Why those:"
        tail = self.once(f"why_us.{zlib.crc32(tail.encode())}", tail) or ""
        text = "\n\n".join(part for part in [header + "\n" + "\n".join(reasons), tail] if part)
        return Reply(text=text[:MAX_CHARS], topic=self.memory.topic, buttons=[MORE_BUTTON] if self.memory.topic else [])

    def feeling(self) -> Reply:
        pool = FEELINGS.get(self.situation.user_state or "", ()) + FEELINGS["default"]
        line = next((text for text in pool if f"feel.{text[:20]}" not in self.memory.used), "I hear you.")
        self.memory.used.append(f"feel.{line[:20]}")
        opening = self.opening(None) if "user_state" in self.new else None
        tail = self.once("feel_tail", "I'm here to listen, and when you're ready we can look at support for you too.")
        return Reply(text="\n\n".join(part for part in (opening, line, tail) if part),
                     buttons=self._buttons("support", "exhaustion"))

    def ack(self) -> Reply:
        # "no, no violence or anything like that" told unasked is no thanks: not "Glad that's useful" or "You're welcome"
        pool = ACKS if self.thanked else tuple(text for text in ACKS if text not in THANKED_ACKS)
        line = next((text for text in pool if f"ack.{text[:16]}" not in self.memory.used), None)
        if line is None:
            line = "Okay. I'm still here if you need me."
            self.memory.used = [key for key in self.memory.used if not key.startswith("ack.")]
        self.memory.used.append(f"ack.{line[:16]}")
        return Reply(text=line.format(who=self.situation.who), buttons=self._buttons("bring_up", "support"))

    def declined(self) -> Reply:
        text = self.once("declined", "That's fine, no pressure. We can keep talking it through instead, whatever helps.",
                         "No problem. We'll leave practice for now.") or "Okay, no practice."
        return Reply(text=text, buttons=self._buttons("bring_up", "support", "why_resist"))

    def open(self, out_of_scope: bool = False) -> Reply:
        if out_of_scope and "scope" not in self.memory.used:
            self.memory.used.append("scope")
            return Reply(text="That's outside what I can help with. I'm here for when someone you love refuses help: why they might "
                         "say no, how to bring it up, and how to look after yourself.",
                         buttons=self._buttons("refusal", "bring_up", "exhaustion"))
        line = next((text for text in OPEN_LINES if f"open.{text[:16]}" not in self.memory.used), "I'm listening.")
        self.memory.used.append(f"open.{line[:16]}")
        return Reply(text="\n\n".join(part for part in (self.opening(None), line) if part),
                     buttons=self._buttons("refusal", "bring_up", "exhaustion"))


def respond(move: Move, responder: Responder, shown_items: list[Content], picture_has_form: bool) -> Reply:
    corrected = bool({"relationship", "word"} & set(responder.new)) and responder.corrected
    if corrected and move.kind in {"ack", "open"}:
        # "no, it's my sister not my brother": nothing to answer but the correction itself.
        return Reply(text=f"Sorry: {responder.situation.who}. Thanks for putting me right; I'll keep that in mind.\n\n"
                          "Where would you like to go from here?",
                     buttons=responder._buttons("refusal", "bring_up", "exhaustion"))
    reply = _respond(move, responder, shown_items, picture_has_form)
    if corrected:
        reply.text = f"Thanks for telling me: {responder.situation.who}. I'll keep that in mind.\n\n" + reply.text
        if len(reply.text) > MAX_CHARS:
            reply.text = reply.text[:MAX_CHARS].rsplit("\n\n", 1)[0]
    return reply


def _respond(move: Move, responder: Responder, shown_items: list[Content], picture_has_form: bool) -> Reply:
    memory = responder.memory
    # An answer in the user's own words to "how did the no show up?" is the answer.
    if memory.last_asked == "resistance_form" and picture_has_form and move.kind in {"open", "ack", "feeling", "topic"} and (
        move.kind != "topic" or move.topic == "refusal"
    ):
        return responder.refusal()
    # A description of how they said no, with nothing else asked, is about the refusal whatever the classifier guessed.
    first = memory.topic is None
    # So is a first story of their no that mentions money lent on the way ("hes borrowed 2 grand off me. when i mentioned
    # GA he shouted and stormed out"), with nothing asked: the no is the news, not a limit to set yet. And a first story
    # that ends "how do i argue with that?": the no is understood first, with words to meet it.
    if "resistance_form" in responder.new and (move.from_intent or move.kind in {"open", "ack", "feeling"} or first and (
            move.kind == "why_them" or move.kind == "topic" and not move.asked and move.topic in {"enabling", "boundaries"}
            or move.answers_no)):
        return responder.refusal()
    if move.kind == "why_us":
        return responder.why_us(shown_items)
    if move.kind in {"more", "different"}:
        return responder.more(move.topic or "bring_up", different=move.kind == "different", audience=move.audience)
    if move.kind == "next_no":
        return responder.next_no(move.topic or "refusal")
    if move.kind == "why_them":
        return responder.why_them()
    if move.kind == "topic" and move.topic:
        return responder.topic(move.topic, move.focus, move.audience)
    if move.kind == "feeling":
        return responder.feeling()
    if move.kind == "ack":
        return responder.ack()
    if "resistance_form" in responder.new or picture_has_form:
        return responder.refusal()
    if move.topic:  # a question that carries on the thread ("should i apologise or just leave it"): answered in it, not "another"
        return responder.carry_on(move.topic)
    if memory.topic and responder.new:  # a detail that changes the picture: carry on, fitted to it
        return responder.carry_on(memory.topic)
    if memory.topic in KINDS and move.kind == "open" and move.detail:  # more about where we are: stay with the thread
        return responder.carry_on(memory.topic)
    if responder.new & {"relationship", "concern"}:
        return responder.refusal() if memory.topic is None else responder.topic(memory.topic)
    return responder.open(out_of_scope=move.kind == "out_of_scope")


def load_items(ids: Collection[str]) -> list[Content]:
    return items_by_id(ids)


SCREEN_LEAD = {
    "boundaries": "Boundaries can help a lot here. First, though, one question.",
    "enabling": "Stepping back can help a lot here. First, though, one question.",
}


def unheard_texts(tracker: Tracker) -> list[str]:
    """What the user said before the latest message in turns the crisis rules answered on their own (the crisis
    response and its check-ins run without the action server), newest first."""
    texts: list[str] = []
    latest_seen = False
    for event in reversed(tracker.events):
        if event.get("event") == "action" and not str(event.get("name") or "").startswith(("utter_crisis", "action_listen")):
            break
        if event.get("event") == "user":
            if latest_seen and not str(event.get("text") or "").startswith("/"):
                texts.append(str(event.get("text") or ""))
            latest_seen = True
    return texts


def with_unheard_facts(picture: Picture, tracker: Tracker) -> Picture:
    """The picture, with who and what the struggle is filled in from messages a rule answered alone: "my son says he
    wants to kill himself, he's been drinking" got the crisis response; "how do I get him to see someone?" after it
    is about a son who drinks."""
    missing = [name for name in ("relationship", "word", "concern", "pronoun") if getattr(picture, name) is None]
    if not missing:
        return picture
    found: dict[str, Any] = {}
    for text in unheard_texts(tracker):
        earlier = read_message(text)
        who = picture.relationship or found.get("relationship")
        if who and earlier.relationship and earlier.relationship != who:
            continue  # about someone else: "my daughter says she wants to die" says nothing of a husband
        for name in missing:
            if name not in found and getattr(earlier, name) is not None:
                found[name] = getattr(earlier, name)
    return replace(picture, **found) if found else picture


def _close_guesses(tracker: Tracker, margin: float = 0.05) -> set[str]:
    """The classifier's likeliest intents other than the fallback: the best, and any within ``margin`` of it."""
    ranking = [r for r in tracker.latest_message.get("intent_ranking") or [] if r.get("name") not in ("nlu_fallback", None)]
    if not ranking:
        return set()
    best = float(ranking[0].get("confidence") or 0.0)
    return {str(r["name"]) for r in ranking if best - float(r.get("confidence") or 0.0) <= margin}


def answer(tracker: Tracker, resume: Optional[str] = None) -> tuple[Reply, list[EventType]]:
    """The reply to the latest message and the slot events that keep the picture and the thread.

    ``resume``: a topic whose advice waited for the safety question (actions/safety_screen.py), now answered.
    Advice that could ask the user to step back or hold a limit waits, the first time, for that question:
    the reply is then a short lead-in and the events ask it (CRAFT screens for violence first).
    """
    after_crisis = follow_up(tracker)
    if after_crisis and not resume:  # still about the danger just answered: "he's alive, his mate is with him", "he's back at 6"
        return Reply(text="", topic="worried_about_safety", response=after_crisis), []
    memory = Memory.load(tracker.get_slot("memory"))
    text = str(tracker.latest_message.get("text") or "")
    intent = str((tracker.latest_message.get("intent") or {}).get("name") or "")
    slots = {name: tracker.get_slot(name) for name in ("relationship", "concern", "resistance_form")}
    # How the no showed up is read where we asked, where they describe a refusal, and while the thread is about the
    # refusal and we don't know it yet ("he always says maybe when he feels better").
    refusal = {"describe_refusal", "they_refused_help"}
    # Unsure, with a told refusal among its best guesses ("when i bring up the doctor he gets really worked up"):
    # read as the refusal it most likely is when the words say how the no showed up.
    unsure_refusal = intent == "nlu_fallback" and bool(_close_guesses(tracker) & refusal)
    on_the_no = memory.topic in {"refusal", "why_resist"}
    expecting_form = (memory.last_asked == "resistance_form" or intent in refusal or unsure_refusal
                      or (not slots["resistance_form"] and on_the_no))
    picture = read_message(text, expecting_form=expecting_form) if not text.startswith("/") else Picture()
    if (picture.resistance_form and picture.concern == "anger" and (intent in refusal or unsure_refusal) and not mentions_help(text.lower())
            and memory.last_asked != "resistance_form" and not on_the_no and not _TOLD_A_NO.search(text.lower())):
        # "my husbands temper is getting worse ... he slams doors and cupboards": with a temper, the shouting and the
        # slamming are the struggle itself; they say how the no showed up only where help was raised
        picture = replace(picture, resistance_form=None)
    if unsure_refusal and not (memory.last_asked == "resistance_form" or on_the_no):
        if picture.resistance_form and form_strength(text) < 2:
            # a stray word ("snapping at everyone") read only because the classifier half-thought it a refusal story
            picture = replace(picture, resistance_form=None)
        if picture.resistance_form or mentions_help(text.lower()):
            intent = "they_refused_help"
    if intent == "signs_of_progress" and slots["resistance_form"]:
        # "she looked at the page!! didn't book anything but she looked": news of a step once the no is known, not a new no
        picture = replace(picture, resistance_form=None)
    if picture.concern is None and slots["concern"] is None and not text.startswith("/") and (guessed := guess_concern(text)):
        # no word or sign names it ("his bank card's been declined twice and he's on his phone at 3am"): the model's
        # guess, which a struggle named later replaces
        picture = replace(picture, concern=guessed, concern_guessed=True, concern_by_model=True)
    picture = with_unheard_facts(picture, tracker)
    buttons = {name: _button_entity(tracker, name) for name in slots}
    slots_before = dict(slots)
    values, new = update_situation(slots, picture, buttons, memory, text)
    slots.update(values)
    situation = Situation(
        relationship=slots["relationship"], concern=slots["concern"], resistance_form=slots["resistance_form"], word=memory.word,
        duration=memory.duration, together=memory.together, user_state=memory.user_state, pronoun=memory.pronoun,
        others_hurt=memory.others_hurt,
        also=next((kind for kind in memory.struggles if kind in SUBSTANCE_KINDS and slots["concern"] not in (None, "substance_use")), None),
    )
    move = read_move(text, intent, memory.topic) if not text.startswith("/") else _payload_move(intent, memory.topic)
    if resume:
        move = Move("topic", resume)
    responder = Responder(situation, memory, tracker.get_slot("shown_items") or [], seed=tracker.sender_id or "", new=new,
                          corrected=picture.correction and bool(slots_before["relationship"]))
    responder.thanked = intent == "thank" or bool(_THANKED.search(text.lower()))
    shown_items = load_items(memory.last_items) if move.kind == "why_us" and memory.last_items else []
    was_asked = memory.last_asked
    if intent == "deny" and tracker.get_slot("pending_offer") == "rehearse" and move.kind in {"ack", "open"}:
        memory.used.append("practice_declined")
        move = Move("declined")
    form_heard = picture.resistance_form is not None or bool(buttons.get("resistance_form"))
    if move.from_intent and move.topic == "resentment" and form_heard and picture.user_state != "angry":
        # "he flat out refuses and gets angry if I push": their anger in a refusal story, not the user's resentment.
        move = Move("topic", "refusal", from_intent=True)
    reply = responder.declined() if move.kind == "declined" else respond(move, responder, shown_items, form_heard)
    if memory.last_asked == was_asked:
        memory.last_asked = None
    events: list[EventType] = [SlotSet(name, value) for name, value in values.items()]
    if not resume and reply.topic and needs_screen(tracker, reply.topic):
        # Ask first; the advice (and the thread's memory of it) waits for the answer.
        # The thread moves to the topic all the same, with nothing of it shown yet: "something else?" instead of an
        # answer to the question then gets that topic's advice, not more of the last one.
        pending = Memory.load(tracker.get_slot("memory"))
        pending.topic, pending.kinds = reply.topic, []
        for name in SITUATION_FACTS:  # what this message told us is kept all the same ("betting apps": a gambler's family)
            setattr(pending, name, getattr(memory, name))
        return (Reply(text=SCREEN_LEAD.get(reply.topic, "First, one question."), topic=reply.topic),
                events + [SlotSet("memory", pending.dump())] + screen(reply.topic))
    events.append(SlotSet("memory", memory.dump()))
    return reply, events


def _payload_move(intent: str, last_topic: Optional[str]) -> Move:
    """A button press: the intent says exactly what was asked."""
    if intent == "ask_more":
        return Move("more", last_topic or "bring_up")
    if intent == "describe_refusal":
        return Move("topic", "refusal")
    return read_move("", intent, last_topic)


class ActionRespond(Action):
    def name(self) -> str:
        return "action_respond"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        if tracker.latest_action_name == "roleplay_form" and len(_after_stop(str(tracker.latest_message.get("text") or ""))) < 3:
            return []  # practice just ended on a bare "stop." and its feedback said it all
        before = slots_before(tracker)
        waiting = answering_screen(tracker)
        if waiting:  # the violence-or-fear question answered in the user's own words
            verdict = read_screen_answer(str(tracker.latest_message.get("text") or ""), _intent(tracker))
            if verdict == DANGER:
                dispatcher.utter_message(response=SAFETY_FIRST)
                return []
            if verdict == SAFE:
                reply, events = answer(tracker, resume=waiting)
                return _ordered(events + send(dispatcher, tracker, reply), before)
        reply, events = answer(tracker)  # anything else (a new question, "I just want some peace") is answered as it is
        if (reply.topic == "worried_about_safety" and violence_to_things(str(tracker.latest_message.get("text") or ""))
                and not _said_before(tracker, SAFETY_TOLD_STEP)):
            # "he punched the wall right next to our 7 year old": safety first, told plainly, not the warning-signs guide.
            # What we remember stays as it was (no items shown, no thread of warning signs to carry on).
            dispatcher.utter_message(response=SAFETY_TOLD)
            return _ordered([event for event in events if event.get("name") not in ("shown_items", "memory")], before)
        return _ordered(events + send(dispatcher, tracker, reply), before)


# What the feedback and the plan have already answered: "thanks, stop now. how did i do?" needs nothing more.
_ANSWERED_BY_FEEDBACK = re.compile(
    r"\W*(?:(?:how (?:did|do|was) i (?:do|did|go)?|how i (?:did|do|was|went)|how was (?:i|that)|(?:any )?feedback|thanks?|thank you|"
    r"cheers|please|(?:and )?(?:a|my|the) plan)\W*)*", re.I)


def _after_stop(text: str) -> list[str]:
    """The words of a message after a leading "stop" ("hmm stop. was that bad?" -> was, that, bad); none when the rest
    only asks what the feedback and the plan just gave ("thanks, stop now. how did i do?"), or asked for the plan."""
    stop = STOP_FIRST.match(text)
    rest = text[stop.end():] if stop else text
    if PLAN_ASKED.search(text) or _ANSWERED_BY_FEEDBACK.fullmatch(rest):
        return []
    return rest.split()


class ActionTopicContent(Action):
    """The name the safety rules use for "the advice": the worried-about-safety guide, and the advice that
    waited for the safety question once it is answered."""

    def name(self) -> str:
        return "action_topic_content"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        if answering_screen(tracker) and read_screen_answer(str(tracker.latest_message.get("text") or ""), _intent(tracker)) == DANGER:
            dispatcher.utter_message(response=SAFETY_FIRST)  # "no, but he yells sometimes": safety first all the same
            return []
        before = slots_before(tracker)
        reply, events = answer(tracker, resume=resume_topic(tracker))
        return _ordered(events + send(dispatcher, tracker, reply), before)


SAFETY_FIRST = "utter_safety_first"
SAFETY_TOLD = "utter_safety_told"
SAFETY_TOLD_STEP = "safety_told"


def _said_before(tracker: Tracker, step: str) -> bool:
    """Whether a reply with this safety step was sent earlier in the conversation."""
    for event in tracker.events:
        if bot_custom(event).get("step") == step:
            return True
    return False


def _intent(tracker: Tracker) -> Optional[str]:
    return (tracker.latest_message.get("intent") or {}).get("name")


def _ordered(events: list[EventType], before: Optional[dict[str, Any]] = None) -> list[EventType]:
    """A follow-up action goes last, after the reply's own events; with ``before`` (the slots as the turn began,
    from ``slots_before``), a slot set to the value it already held is left out (it changes nothing, and every
    event is stored, sent and replayed each turn)."""
    if before is not None:
        events = _changed_slots_only(events, before)
    return [e for e in events if e.get("event") != "followup"] + [e for e in events if e.get("event") == "followup"]


# What they said back ("he says theres nothing wrong with him", "he just laughs it off"): a no told, even with no help named.
_TOLD_A_NO = re.compile(r"\b(?:says?|said|saying|reckons|tells? me|told me|laugh\w*|jok\w*|insists?|denies|denied)\b")


def slots_before(tracker: Tracker) -> dict[str, Any]:
    """A copy of the slots taken before anything runs: the answer edits the lists and dicts it reads from the
    tracker (the memory's used lines, the shown items) in place, so comparing with the tracker afterwards would
    call a changed slot unchanged and drop its event."""
    return copy.deepcopy(dict(tracker.slots))


def _changed_slots_only(events: list[EventType], before: dict[str, Any]) -> list[EventType]:
    values = dict(before)
    kept = []
    for event in events:
        if event.get("event") == "slot":
            name = event.get("name")
            if name in values and values[name] == event.get("value"):
                continue
            values[name] = event.get("value")
        kept.append(event)
    return kept


KNOWN_KINDS = {kind.value for kind in Kind}
