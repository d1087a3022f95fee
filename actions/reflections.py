"""Opening reflections: one short line that shows we heard this person, built from their situation.

A Motivational-Interviewing practitioner reflects before advising. The line is chosen from what this
message added (a new detail beats an old one), and a line once used is not used again in the conversation,
so the openings vary instead of repeating one stock sentence per intent.
"""
from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Optional

PRONOUN = {
    "husband": "he", "boyfriend": "he", "bf": "he", "fiance": "he", "son": "he", "dad": "he", "father": "he", "brother": "he",
    "stepdad": "he", "grandad": "he", "mate": "he", "wife": "she", "girlfriend": "she", "gf": "she", "fiancee": "she",
    "daughter": "she", "mum": "she", "mom": "she", "mother": "she", "sister": "she", "stepmum": "she", "nan": "she",
    "grandma": "she",
}
DEFAULT_WHO = {
    "partner": "your partner", "parent": "your parent", "child": "your son or daughter", "sibling": "your sibling",
    "friend": "your friend",
}
CHILD_WORDS = {"son": "your son", "daughter": "your daughter", "stepson": "your stepson", "stepdaughter": "your stepdaughter"}


@dataclass(frozen=True)
class Situation:
    relationship: Optional[str] = None
    concern: Optional[str] = None
    resistance_form: Optional[str] = None
    word: Optional[str] = None  # the user's own word: "husband", "mum"
    pronoun: Optional[str] = None  # "he" or "she" when the user's words make it clear
    duration: Optional[str] = None
    together: Optional[bool] = None
    user_state: Optional[str] = None
    also: Optional[str] = None  # drinking, drugs or gambling named beside another struggle ("panic attacks, and wine every night")
    others_hurt: Optional[str] = None  # someone else at home on the receiving end: "mum", "kids"

    @property
    def who(self) -> str:
        if self.word:
            return f"your {self.word}"
        return DEFAULT_WHO.get(self.relationship or "", "your loved one")

    @property
    def they(self) -> str:
        return PRONOUN.get(self.word or "", self.pronoun or "they")

    @property
    def them(self) -> str:
        return {"he": "him", "she": "her"}.get(self.they, "them")


_FORM_LINES: dict[str, tuple[str, ...]] = {
    "passive": (
        # passive covers "yeah, I'll book something" and then nothing, and "I'm fine" as a brush-off
        "So {who} keeps it at arm's length: a quick \"I'm fine\", or a yes that never turns into a step. That in-between is "
        "its own kind of tiring.",
        "Nothing is refused outright, yet nothing happens, which leaves you waiting and wondering when to raise it again.",
        "Agreeing and then not going can feel worse than a no, because you can't quite argue with it.",
    ),
    "direct": (
        "So {who} shut the idea down hard. That stings, even when part of you expected it.",
        "A flat no with heat behind it is hard to come back from, and it makes sense you're wary of raising it again.",
        "It sounds like the door closes fast every time you get near the subject.",
    ),
    "intellectual": (
        "So {who} has an argument ready for every suggestion, and you end up out-talked rather than heard.",
        "It turns into a debate about whether help works, instead of a conversation about how {they} {are}.",
        "You're up against reasons rather than a plain no, which is hard to answer without arguing back.",
    ),
    "emotional": (
        "So when you get close to it, {who} steps away: tears, silence or a joke, and the moment's gone.",
        "It sounds like the subject itself is too big for {them} right now, so it goes quiet fast.",
        "Every time it comes up {they} can't stay with it, and you're left holding the worry on your own.",
    ),
}
_CONCERN_LINES: dict[str, tuple[str, ...]] = {
    "substance_use": (
        "Living alongside someone's drinking, using or gambling wears on you in ways that are hard to explain.",
        "With drinking, drugs or gambling in the picture, every conversation can feel loaded.",
    ),
    "grief": (
        "{Who} is grieving, and saying no to help on top of the loss.",
        "Grief can look a lot like shutting everyone out, and it's hard to know when to step in.",
    ),
    "depression": (
        "Low mood that goes on and on changes a whole household, not just the person in it.",
        "Watching someone you love go flat and withdrawn is lonely for you too.",
    ),
    "anxiety": (
        "With anxiety, even the appointment can become the thing to fear.",
        "Anxiety tends to make the safe-feeling option the avoiding one, which is hard to watch.",
    ),
    "eating": (
        "Worrying about someone's eating is frightening, and food can turn into a minefield between you.",
        "When eating is the struggle, almost anything you say can land on a sore spot.",
    ),
    "psychosis": (
        "When someone may not see what you're seeing, every conversation can feel like walking a line.",
        "It's frightening when {who} believes things you can see aren't so, and arguing only seems to dig it in.",
    ),
    "trauma": (
        "After what {they} went through, talking about it can feel like going back there.",
        "Trauma often makes avoiding the subject feel like the only way to get through the day.",
    ),
    "stress": (
        "{Who} is running on empty and won't stop long enough to look at it.",
        "Burnout has a way of making the help feel like one more thing on the list.",
    ),
    "anger": (
        "Living with someone's temper means weighing every word before you say it.",
        "When anger is the problem, raising it can feel like lighting a fuse.",
    ),
    "other": (
        "It's hard to watch {who} struggle with something {they} won't look at.",
    ),
}
# Two struggles at once: the named one and drinking, drugs or gambling beside it.
_CONCERN_NAMES = {
    "depression": "The low mood", "anxiety": "The anxiety", "grief": "The grief", "trauma": "What {they} went through",
    "stress": "The stress", "anger": "The temper", "psychosis": "What {they} {are} going through", "eating": "The eating",
    "other": "What {they} {are} struggling with",
}
_ALSO_NAMES = {"drinking": "the drinking", "drugs": "the drugs", "gambling": "the gambling"}
_BOTH_LINES = (
    "{Concern} and {also} on top of it: each can feed the other, and it's hard to know which to raise first.",
    "So it's {concern}, and {also} too, which is often how someone takes the edge off something that feels too big.",
)
# Said back when the user tells us someone else at home gets the worst of it ("nasty with my mum when he's had a few").
_OTHERS_HURT_LINES = (
    "And it sounds like your {other} gets the worst of it at those times. That's hard to watch, and harder to live with.",
    "It isn't only you it lands on, either: your {other} {takes} the brunt of it too.",
)
_STATE_LINES: dict[str, tuple[str, ...]] = {
    "exhausted": ("You sound worn down, and that matters as much as anything else here.",
                  "You've been carrying this a long time and it shows in how tired you are."),
    "guilty": ("You're carrying a lot of guilt with this, and most of it isn't yours to carry.",
               "It sounds like you're blaming yourself, which is so common for people who care this much."),
    "angry": ("That anger makes sense after everything you've given.",
              "Being angry at someone you love, who is struggling, is a hard place to be."),
    "alone": ("It sounds lonely, carrying this without much back-up.",),
    "grieving": ("You're grieving too, and trying to hold someone else up through it. That's a lot for one person.",),
    "scared": ("You sound frightened, and that's a natural response to what you're seeing.",),
}
_TOGETHER_LINES = {
    True: "Living under one roof with it means you can't step away, even for an evening.",
    False: "Doing this from a distance adds its own kind of worry.",
}
_TOPIC_LINES: dict[str, tuple[str, ...]] = {
    "refusal": ("A no to help is hard to hear, and it rarely means the door is shut for good.",
                "Hearing no again is discouraging, so let's plan for it rather than dread it."),
    "bring_up": ("You want to raise it without it turning into the same conversation again.",
                 "Finding words that {they} can actually hear is the hard part.",
                 "You're trying to get the timing and the tone right, which is already half of it."),
    "why_resist": ("Wondering why is a good instinct: the reason usually points to what might help.",
                   "The no usually makes more sense from the inside than it looks from the outside."),
    "resentment": ("Feeling resentful doesn't make you a bad person; it usually means you've given a lot for a long time.",),
    "exhaustion": ("Being this worn out is a signal, not a failure.",),
    "boundaries": ("You're weighing what you can keep giving against what it's costing you.",
                   "Working out where your line is takes care, for them and for you."),
    "enabling": ("It's a fair question, and asking it shows how much you care about getting this right.",
                 "You're trying to tell helping from propping up, which is one of the hardest calls."),
    "progress": ("Progress with someone who resists help is usually small and quiet, so it's easy to miss.",
                 "Noticing small shifts is worth it: they're often the first signs."),
    "support": ("You deserve support too, whatever {they} {decide} about getting help.",
                "Looking after yourself isn't a side issue here; it keeps you able to keep going."),
    "worried_about_safety": ("You're right to ask; checking is better than wondering.",),
    # Help for the loved one ("where could he go?"), as against support for the user.
    "support_them": ("Having an option or two ready makes it easier to act if {they} {are} ever open to it.",
                     "A small, concrete first step is often easier to accept than \"getting help\" in general."),
}


def _render(line: str, situation: Situation) -> str:
    duration = f" for {situation.duration}" if situation.duration and not situation.duration.startswith(("since", "lockdown")) else ""
    if situation.duration == "lockdown":
        duration = " since lockdown"
    plural = situation.they == "they"
    are = "are" if plural else "is"
    concern = _CONCERN_NAMES.get(situation.concern or "", "").format(they=situation.they, are=are)
    other = situation.others_hurt or "family"
    text = line.format(other=other, takes="take" if other in ("kids", "family") else "takes",
                       who=situation.who, Who=situation.who[:1].upper() + situation.who[1:], they=situation.they, them=situation.them,
                       dur=duration, are=are, decide="decide" if plural else "decides", Concern=concern,
                       concern=concern[:1].lower() + concern[1:], also=_ALSO_NAMES.get(situation.also or "", ""))
    return text


def reflect(
    situation: Situation, *, new: Collection[str], topic: Optional[str], used: Collection[str]
) -> tuple[Optional[str], Optional[str]]:
    """(line, key) for the freshest unused reflection; (None, None) when every fitting line was used."""
    candidates: list[tuple[str, str]] = []

    def add(prefix: str, lines: tuple[str, ...]) -> None:
        candidates.extend((f"{prefix}.{index}", line) for index, line in enumerate(lines))

    if "user_state" in new and situation.user_state in _STATE_LINES:
        add(f"state.{situation.user_state}", _STATE_LINES[situation.user_state])
    if "others_hurt" in new and situation.others_hurt and situation.others_hurt != situation.word:
        add("others_hurt", _OTHERS_HURT_LINES)
    if "resistance_form" in new and situation.resistance_form in _FORM_LINES:
        add(f"form.{situation.resistance_form}", _FORM_LINES[situation.resistance_form])
    if situation.also and situation.concern in _CONCERN_NAMES and ("concern" in new or "also" in new):
        add("both", _BOTH_LINES)
    if "concern" in new and situation.concern in _CONCERN_LINES:
        add(f"concern.{situation.concern}", _CONCERN_LINES[situation.concern])
    if "together" in new and situation.together is not None:
        candidates.append((f"together.{situation.together}", _TOGETHER_LINES[situation.together]))
    if topic in _TOPIC_LINES:
        add(f"topic.{topic}", _TOPIC_LINES[topic])
    if situation.concern in _CONCERN_LINES:
        add(f"concern.{situation.concern}", _CONCERN_LINES[situation.concern])
    if situation.resistance_form in _FORM_LINES:
        add(f"form.{situation.resistance_form}", _FORM_LINES[situation.resistance_form])
    for key, line in candidates:
        if key not in used:
            return _render(line, situation), key
    return None, None
