"""actions/safety_screen.py: the violence-or-fear question is asked once, before boundaries advice."""
from __future__ import annotations

from typing import Any

import pytest
from rasa_sdk import Tracker

from actions.safety_screen import (
    DANGER,
    SAFE,
    SCREEN_RESPONSE,
    UNCLEAR,
    answering_screen,
    needs_screen,
    read_screen_answer,
    resume_topic,
    screen,
)


def _tracker(slots: dict[str, Any], intent: str = "set_boundaries") -> Tracker:
    return Tracker("someone", slots, {"intent": {"name": intent}}, [], False, None, {}, "action_listen")


def test_boundaries_advice_asks_first_and_only_once() -> None:
    assert needs_screen(_tracker({"safety_screened": False}), "boundaries")
    assert not needs_screen(_tracker({"safety_screened": True}), "boundaries")
    assert not needs_screen(_tracker({"safety_screened": False}), "exhaustion")


def test_the_screen_remembers_the_topic_and_asks_the_question() -> None:
    events = screen("boundaries")
    slots = {e["name"]: e["value"] for e in events if e["event"] == "slot"}
    assert slots == {"safety_screened": True, "safety_screen_topic": "boundaries"}
    assert events[-1]["name"] == SCREEN_RESPONSE
    answered = _tracker({"safety_screened": True, "safety_screen_topic": "boundaries"}, intent="deny")
    assert resume_topic(answered) == "boundaries"
    assert resume_topic(_tracker({"safety_screened": True, "safety_screen_topic": "boundaries"})) is None


def _answering(text: str, intent: str | None) -> Tracker:
    """A conversation whose last question was the violence-or-fear one, and ``text`` the answer."""
    events = [
        {"event": "action", "name": "action_respond"},
        {"event": "action", "name": SCREEN_RESPONSE},
        {"event": "bot", "text": "is there any violence at home...?"},
        {"event": "action", "name": "action_listen"},
        {"event": "user", "text": text, "input_channel": "rest", "parse_data": {"intent": {"name": intent}}},
    ]
    return Tracker("someone", {"safety_screened": True, "safety_screen_topic": "enabling"},
                   {"text": text, "intent": {"name": intent}}, events, False, None, {}, "action_listen")


@pytest.mark.parametrize("text, intent, verdict", [
    ("no he's never violent, just grumpy", "nlu_fallback", SAFE),
    ("he'd never hurt me", "nlu_fallback", SAFE),
    ("no. i'm not scared of him, i'm scared FOR him", "deny", SAFE),
    ("scared for my life tbh", None, DANGER),  # fear for oneself is not worry for them
    ("i'm scared for the kids when he's like that", None, DANGER),
    ("im scared and angry at him for hitting me", None, DANGER),
    # fear that names what they did, not what they might do: a feeling shared, not an answer
    ("honestly im scared and kind of angry at her for stopping without telling anyone. is that awful of me", None, UNCLEAR),
    ("i feel so angry with her, she's thrown her own kids away. is it wrong to feel like that", None, UNCLEAR),  # not a throw
    ("he threw a plate at me", None, DANGER),
    ("no violence, he just sulks", None, SAFE),
    ("i don't know, maybe a bit", "deny", DANGER),  # doubt after a "no" still puts safety first
    ("sometimes he yells and throws stuff", "describe_refusal", DANGER),
    ("yeah he gets scary when he drinks", "describe_refusal", DANGER),
    ("no, but he hit the wall once", "deny", DANGER),
    ("he drinks and gets mean", None, DANGER),
    ("i just want some peace in the house", "nlu_fallback", UNCLEAR),
    ("ok so how would i push, gently", "how_to_bring_up_therapy", UNCLEAR),  # their own question, not an answer
    ("is there a group for families of people who use drugs", "find_support", UNCLEAR),
    ("yes we're fine", "affirm", DANGER),  # a yes puts safety first, as the rule that answers it does
    ("yes, it's fine most days but he scares me when he drinks", "affirm", DANGER),
    # The user's own anger or exasperation is no fear of them (it got the domestic-violence reply); theirs still is.
    ("honestly im fuming. she forgot our son's school play and was at the pub", "feel_resentful", UNCLEAR),
    ("i could throttle him sometimes, he slept through the kids' swimming again", "feel_resentful", UNCLEAR),
    ("i'm so angry with him, and he gets angry back and throws things", "feel_resentful", DANGER),
    # "scream" without anyone to scream at is the user's own exasperation (found in blind conversation set 17)
    ("i could honestly scream. im so angry with her and then i feel guilty for being angry", "feel_resentful", UNCLEAR),
    ("it makes me want to scream, she took another loan", None, UNCLEAR),
    ("she screams at me when she's lost", None, DANGER),
    ("i get so mad at her but honestly i'm scared of what she does when she's drunk", None, DANGER),
    # "he's mean" is still theirs ("i mean" is not); a question of the user's own that carries fear is an answer.
    ("he's mean when he drinks", None, DANGER),
    ("hes just mean when hes had a few", None, DANGER),
    ("is it bad that i'm scared of him?", None, DANGER),
    ("should i be worried? he pushed me once", None, DANGER),
    ("should i stop lending him money?", "nlu_fallback", UNCLEAR),
    ("i mean, he's fine", None, UNCLEAR),
])
def test_an_answer_in_the_users_own_words_is_read(text: str, intent: str | None, verdict: str) -> None:
    assert read_screen_answer(text, intent) == verdict


def test_only_the_message_right_after_the_question_answers_it() -> None:
    assert answering_screen(_answering("he'd never hurt me", "nlu_fallback")) == "enabling"
    later = _answering("how do i stop paying his debts", "worried_enabling")
    later.events.extend([{"event": "action", "name": "action_respond"}, {"event": "action", "name": "action_listen"},
                         {"event": "user", "text": "ok"}])
    assert answering_screen(later) is None


def test_own_words_answers_get_the_advice_or_safety_first(actions_db: Any) -> None:
    from rasa_sdk.executor import CollectingDispatcher

    from actions.respond import ActionRespond
    from tests.conftest import run_async

    dispatcher = CollectingDispatcher()
    run_async(ActionRespond().run(dispatcher, _answering("sometimes he yells and throws stuff", "describe_refusal"), {}))
    assert [m.get("response") for m in dispatcher.messages] == ["utter_safety_first"]
    dispatcher = CollectingDispatcher()
    run_async(ActionRespond().run(dispatcher, _answering("he's never laid a finger on me", "nlu_fallback"), {}))
    content = [m["custom"] for m in dispatcher.messages if (m.get("custom") or {}).get("type") == "content"]
    assert content and content[0]["topic"] == "enabling", dispatcher.messages


def test_a_slot_edited_in_place_during_the_turn_still_gets_its_event() -> None:
    """The answer edits the memory it read from the tracker in place: its event must not be dropped as unchanged."""
    from actions.respond import _ordered, slots_before

    tracker = _answering("thanks", "thank")
    tracker.slots["memory"] = {"used": ["ack.Glad"]}
    before = slots_before(tracker)
    tracker.slots["memory"]["used"].append("ack.Okay")  # what Memory.load + append does to the tracker's own dict
    events = _ordered([{"event": "slot", "name": "memory", "value": tracker.slots["memory"]},
                       {"event": "slot", "name": "safety_screened", "value": True}], before)
    assert [e["name"] for e in events] == ["memory"]  # the edited slot kept, the unchanged one left out


def test_what_the_message_that_draws_the_screen_tells_is_kept(actions_db: Any) -> None:
    """The advice waits for the answer, but "he's on the betting apps every night" is a gambler's family all the same:
    the memory the screen saves keeps the struggle (before, it was dropped and the advice later spoke of drinking)."""
    from actions.respond import answer

    text = "my brother has been on the betting apps every night and keeps asking me to lend him 50 quid till payday"
    tracker = Tracker("someone", {"safety_screened": False}, {"text": text, "intent": {"name": "worried_enabling"}},
                      [], False, None, {}, "action_listen")
    _, events = answer(tracker)
    assert any(e.get("name") == "safety_screen_topic" for e in events)  # the screen was asked
    memory = next(e["value"] for e in events if e.get("name") == "memory")
    assert memory["struggles"] == ["gambling"] and memory["word"] == "brother"
