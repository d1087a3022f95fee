"""The refused-help journey: acknowledge, ask how the no showed up, reframe, one next step."""
from __future__ import annotations

from collections.abc import Collection
from typing import Any, Optional

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.replies import REHEARSE_BUTTONS, Reply, bullet, form_buttons, loved_one, send
from contentdb.service import Facts, select_items
from kernel.lexicon import classify_resistance
from kernel.vocabulary import Kind, ResistanceForm, Topic

FORM_BUTTONS = form_buttons(
    "describe_refusal",
    {
        ResistanceForm.DIRECT: "Refused outright",
        ResistanceForm.PASSIVE: "Agreed, then didn't follow through",
        ResistanceForm.INTELLECTUAL: "Argued it away",
        ResistanceForm.EMOTIONAL: "Got overwhelmed or joked it off",
    },
)

FORM_SUMMARY = {
    ResistanceForm.DIRECT: "An outright no, sometimes with anger, is usually a door being held shut, not a verdict on you.",
    ResistanceForm.PASSIVE: "Agreeing and then not following through often means they couldn't say no out loud yet.",
    ResistanceForm.INTELLECTUAL: "Arguing it away can be a way of keeping a painful subject at a safe, thinking distance.",
    ResistanceForm.EMOTIONAL: "Shutting down, joking or changing the subject often means the topic itself feels too big right now.",
}

NO_CONTENT = "I don't have something specific for that yet, so I won't make it up."


def facts_from(tracker: Tracker) -> Facts:
    return Facts(
        relationship=tracker.get_slot("relationship"),
        resistance_form=tracker.get_slot("resistance_form"),
        concern=tracker.get_slot("concern"),
    )


def compose_acknowledgement(facts: Facts, shown: Collection[str]) -> Reply:
    (reframes,), selection = select_items(facts, shown, [(Topic.REFUSAL, Kind.REFRAME, 1)])
    who = loved_one(facts.relationship)
    lines = [f"That's a hard thing to hear from {who}. It makes sense to feel hurt, worried or stuck."]
    lines += [item.text for item in reframes]
    lines.append("How did the no show up? Pick the closest, or tell me in your own words.")
    return Reply(text="\n\n".join(lines), items=selection.items, buttons=FORM_BUTTONS)


def compose_refusal_reframe(facts: Facts, shown: Collection[str]) -> Reply:
    (reframes, steps), selection = select_items(
        facts, shown, [(Topic.REFUSAL, Kind.REFRAME, 1), (Topic.REFUSAL, Kind.PHRASING, 1)]
    )
    lines = []
    if facts.resistance_form in ResistanceForm._value2member_map_:
        lines.append(FORM_SUMMARY[ResistanceForm(facts.resistance_form)])
    lines += [item.text for item in reframes]
    if steps:
        lines.append("One thing you could try next time it comes up:\n" + "\n".join(bullet(item) for item in steps))
    if not reframes and not steps:
        lines.append(NO_CONTENT)
    lines.append(f"Would you like to rehearse that conversation? I can play {loved_one(facts.relationship)}.")
    return Reply(text="\n\n".join(lines), items=selection.items, buttons=REHEARSE_BUTTONS, pending_offer="rehearse")


class ActionAcknowledgeRefusal(Action):
    def name(self) -> str:
        return "action_acknowledge_refusal"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        reply = compose_acknowledgement(facts_from(tracker), tracker.get_slot("shown_items") or [])
        return send(dispatcher, tracker, reply)


class ActionReframeRefusal(Action):
    def name(self) -> str:
        return "action_reframe_refusal"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        form = resistance_form_of(tracker)
        if form is None:
            dispatcher.utter_message(
                text="I want to get this right. Which of these is closest to what happens?", buttons=FORM_BUTTONS
            )
            return []
        facts = Facts(relationship=tracker.get_slot("relationship"), resistance_form=form, concern=tracker.get_slot("concern"))
        reply = compose_refusal_reframe(facts, tracker.get_slot("shown_items") or [])
        return [SlotSet("resistance_form", form), *send(dispatcher, tracker, reply)]


def resistance_form_of(tracker: Tracker) -> Optional[str]:
    """The form named by a button on this turn, else what the user's words describe, else what we knew."""
    entity = next(tracker.get_latest_entity_values("resistance_form"), None)
    if entity in ResistanceForm._value2member_map_:
        return str(entity)
    described = classify_resistance(tracker.latest_message.get("text") or "")
    if described is not None:
        return described.value
    return tracker.get_slot("resistance_form")
