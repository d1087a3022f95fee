"""Self-care and understanding topics: one recipe of content per topic."""
from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any, Optional

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.refusal import NO_CONTENT, facts_from
from actions.replies import Reply, bullet, send
from contentdb.service import Facts, select_items
from kernel.vocabulary import TOPIC_FOR_INTENT, Kind, Topic


@dataclass(frozen=True)
class Recipe:
    opening: str
    wanted: tuple[tuple[Kind, int], ...]
    follow_up: str
    buttons: tuple[tuple[str, str], ...]


RECIPES: dict[Topic, Recipe] = {
    Topic.RESENTMENT: Recipe(
        "Feeling resentful doesn't make you a bad person. It usually means you've been giving a lot for a long time.",
        ((Kind.REFRAME, 1), (Kind.TIP, 1)),
        "Resentment is often a sign a boundary or your own care needs attention. Shall we look at one of those?",
        (("Setting a boundary", "/set_boundaries"), ("Looking after myself", "/feel_exhausted")),
    ),
    Topic.EXHAUSTION: Recipe(
        "Carrying someone else's pain is tiring, and being this worn out is a signal, not a failure.",
        ((Kind.REFRAME, 1), (Kind.TIP, 2)),
        "Would it help to think about boundaries, or about support for you?",
        (("Boundaries", "/set_boundaries"), ("Support for me", "/find_support")),
    ),
    Topic.BOUNDARIES: Recipe(
        "A boundary is about what you will do, not about controlling them, and it can be kind and firm at once.",
        ((Kind.REFRAME, 1), (Kind.PHRASING, 1), (Kind.TIP, 1)),
        "Do you want to check whether something you do might be enabling, or practise saying a boundary?",
        (("Am I enabling?", "/worried_enabling"), ("Practise saying it", "/start_roleplay")),
    ),
    Topic.WHY_RESIST: Recipe(
        "Refusing help is usually protection rather than stubbornness, and it tells you something about what they need.",
        ((Kind.REFRAME, 2),),
        "Would you like ideas for how to bring it up in a way that respects that?",
        (("How to bring it up", "/how_to_bring_up_therapy"), ("Describe how they refuse", "/they_refused_help")),
    ),
    Topic.ENABLING: Recipe(
        "It's a fair question to ask, and asking it shows care, not failure. Patience and enabling can look alike from outside.",
        ((Kind.REFRAME, 1), (Kind.AVOID, 1), (Kind.TIP, 1)),
        "Want to work out a boundary that fits?",
        (("Set a boundary", "/set_boundaries"), ("I feel resentful", "/feel_resentful")),
    ),
    Topic.SUPPORT: Recipe(
        "You deserve support too, whether or not they ever go.",
        ((Kind.RESOURCE, 2), (Kind.TIP, 1)),
        "Is there anything else on your mind?",
        (("How to bring it up", "/how_to_bring_up_therapy"), ("Signs of progress", "/signs_of_progress")),
    ),
    Topic.PROGRESS: Recipe(
        "Progress with someone who resists help is usually small and quiet, so it's easy to miss.",
        ((Kind.REFRAME, 1), (Kind.TIP, 1)),
        "Would you like to practise how to respond when they open up a little?",
        (("Practise", "/start_roleplay"), ("How to bring it up", "/how_to_bring_up_therapy")),
    ),
}


def compose_topic(topic: Topic, facts: Facts, shown: Collection[str]) -> Reply:
    recipe = RECIPES[topic]
    groups, selection = select_items(facts, shown, [(topic, kind, count) for kind, count in recipe.wanted])
    found = [item for group in groups for item in group]
    body = "\n".join(bullet(item) for item in found) if found else NO_CONTENT
    text = "\n\n".join([recipe.opening, body, recipe.follow_up])
    buttons = [{"title": title, "payload": payload} for title, payload in recipe.buttons]
    offer = "rehearse" if any(payload == "/start_roleplay" for _, payload in recipe.buttons) else None
    return Reply(text=text, items=selection.items, buttons=buttons, pending_offer=offer)


def topic_of(tracker: Tracker) -> Optional[Topic]:
    intent = (tracker.latest_message.get("intent") or {}).get("name")
    name = TOPIC_FOR_INTENT.get(str(intent))
    return Topic(name) if name in Topic._value2member_map_ else None


class ActionTopicContent(Action):
    def name(self) -> str:
        return "action_topic_content"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        topic = topic_of(tracker)
        if topic not in RECIPES:
            dispatcher.utter_response("utter_ask_rephrase")
            return []
        return send(dispatcher, tracker, compose_topic(topic, facts_from(tracker), tracker.get_slot("shown_items") or []))
