"""What people say after the crisis reply gets the follow-up that fits (actions/crisis_follow_up.py)."""
from __future__ import annotations

import pytest

from actions.crisis_follow_up import PLAN, REACH, RELIEF, STAY, TOMORROW, read_follow_up


@pytest.mark.parametrize(
    ("text", "category", "kind"),
    [
        ("she still isnt answering her phone", "loved_one_at_risk", REACH),
        ("he lives 20 mins away. do i drive over or call someone", "loved_one_at_risk", REACH),
        ("what do i do, it just goes straight to voicemail", "general", REACH),
        ("ok the paramedics are with her now", "overdose", RELIEF),
        ("his sister got there, hes alive, im still shaking", "loved_one_at_risk", RELIEF),
        ("she's in the hospital, they're keeping her in", "loved_one_at_risk", RELIEF),
        ("what do i say to him tomorrow", "loved_one_at_risk", TOMORROW),
        ("ok so what happens now when she's discharged", "loved_one_at_risk", TOMORROW),
        ("i dont want to leave him, i just want him to get help", "user_harmed", STAY),
        ("she'll be home at 7", "user_harmed", PLAN),
        ("he's coming back tonight", "user_harmed", PLAN),
    ],
)
def test_the_follow_up_fits_what_was_said(text: str, category: str, kind: str) -> None:
    assert read_follow_up(text, category) == kind


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("he's not okay, he's not breathing properly", "overdose"),  # not relief: the danger goes on
        ("she isn't safe there", "loved_one_at_risk"),
        ("thank you", "general"),
        ("i love him", "loved_one_at_risk"),  # staying is about someone hurting the user
        ("he's coming back tonight", "loved_one_at_risk"),
    ],
)
def test_no_follow_up_is_read_into_what_does_not_say_one(text: str, category: str) -> None:
    assert read_follow_up(text, category) not in {RELIEF, STAY, PLAN}


@pytest.mark.parametrize(
    "text",
    ["where do i get support myself?", "honestly if he asks me 'is she breathing' one more time i will scream", "im shaking with anger"],
)
def test_everyday_words_near_a_crisis_are_not_read_as_a_follow_up(text: str) -> None:
    assert read_follow_up(text, "loved_one_at_risk") is None


def _tracker(category: str, *bot_types: str) -> "Tracker":
    from rasa_sdk import Tracker

    events: list[dict] = [{"event": "user", "text": "danger"}, {"event": "action", "name": "utter_crisis"},
                          {"event": "bot", "text": "...", "data": {"custom": {"type": "crisis"}}}]
    for payload in bot_types:
        events += [{"event": "user", "text": "something else"}, {"event": "bot", "text": "...", "data": {"custom": {"type": payload}}}]
    events.append({"event": "user", "text": "now"})
    return Tracker("someone", {"crisis_category": category}, {"text": "now"}, events, False, None, {}, "action_listen")


def test_the_follow_up_window_closes_once_other_help_was_given_unless_someone_is_hurting_the_user() -> None:
    from actions.crisis_follow_up import recent_crisis

    assert recent_crisis(_tracker("loved_one_at_risk")) == "loved_one_at_risk"
    assert recent_crisis(_tracker("loved_one_at_risk", "crisis_follow_up")) == "loved_one_at_risk"
    assert recent_crisis(_tracker("loved_one_at_risk", "content")) is None
    assert recent_crisis(_tracker("user_harmed", "content")) == "user_harmed"
    assert recent_crisis(_tracker("user_harmed", "content", "content", "content", "content")) is None  # four messages on
