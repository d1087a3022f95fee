"""What people say after the crisis reply gets the follow-up that fits (actions/crisis_follow_up.py)."""
from __future__ import annotations

import pytest
from rasa_sdk import Tracker

from actions.crisis_follow_up import PLAN, REACH, RELIEF, STAY, TOMORROW, follow_up, read_follow_up, recent_crisis


@pytest.mark.parametrize(
    ("text", "category", "kind"),
    [
        ("she still isnt answering her phone", "loved_one_at_risk", REACH),
        ("he lives 20 mins away. do i drive over or call someone", "loved_one_at_risk", REACH),
        ("what do i do, it just goes straight to voicemail", "general", REACH),
        ("ok the paramedics are with her now", "overdose", RELIEF),
        ("his sister got there, hes alive, im still shaking", "loved_one_at_risk", RELIEF),
        ("she's in the hospital, they're keeping her in", "loved_one_at_risk", RELIEF),
        # blind set 22: a calm update after the crisis reply got "Glad that's useful"
        ("ok she's back indoors now and i rang her sister to come round", "loved_one_at_risk", RELIEF),
        ("his uncle is sitting with him, he's calmer", "general", RELIEF),
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


def _tracker(category: str, *bot_types: str) -> Tracker:
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


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # After pills or a drink, sleep and breathing can be the danger itself: never "I'm so glad they're not alone".
        ("he's asleep now", "overdose"),
        ("he's breathing but really slowly", "overdose"),
        ("we found him in the garage", "loved_one_at_risk"),
        ("i got there and the door is locked", "loved_one_at_risk"),
        ("she says she's ok but i don't believe her", "loved_one_at_risk"),
        ("she was ok this morning but now she's gone", "loved_one_at_risk"),
        ("is he safe?", "loved_one_at_risk"),
        ("im still shaking", "loved_one_at_risk"),  # news of the user, none of them: the check asks
    ],
)
def test_relief_needs_news_that_they_are_with_help(text: str, category: str) -> None:
    assert read_follow_up(text, category) != RELIEF


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # Written for a loved one at risk of suicide: wrong for someone being hurt, or in danger themselves.
        ("he's calmer now", "user_harmed"),
        ("should i call the police", "user_harmed"),
        ("what happens now", "user_harmed"),
        ("what do i do", "user_at_risk"),
        ("im still shaking", "user_at_risk"),
        # Not about reaching them at all.
        ("what should i do about his drinking", "loved_one_at_risk"),
        ("should i get him to see a doctor", "loved_one_at_risk"),
        ("he won't answer my questions about money", "loved_one_at_risk"),
        ("he's 20 minutes late", "loved_one_at_risk"),
        ("she is okay but she said she'll do it tomorrow", "loved_one_at_risk"),
    ],
)
def test_no_follow_up_for_a_crisis_it_was_not_written_for(text: str, category: str) -> None:
    assert read_follow_up(text, category) is None


def _after_crisis(*between: dict, text: str = "what should i do about his drinking") -> Tracker:
    events = [
        {"event": "user", "text": "my son says he'll kill himself tonight"},
        {"event": "action", "name": "utter_crisis"},
        {"event": "bot", "text": "...", "data": {"custom": {"type": "crisis", "category": "loved_one_at_risk"}}},
        {"event": "action", "name": "action_listen"},
        *between,
        {"event": "user", "text": text},
    ]
    return Tracker("someone", {"crisis_category": "loved_one_at_risk"}, {"text": text}, events, False, None, {}, "action_listen")


def test_a_new_session_ends_the_follow_ups() -> None:
    assert recent_crisis(_after_crisis(text="she's not picking up")) == "loved_one_at_risk"
    assert follow_up(_after_crisis(text="she's not picking up")) == "utter_crisis_reach"
    # The user comes back the next day: the crisis reply of yesterday is not what "he won't pick up" answers.
    later = ({"event": "session_started"}, {"event": "action", "name": "action_listen"})
    assert recent_crisis(_after_crisis(*later, text="she's not picking up")) is None
    assert follow_up(_after_crisis(*later, text="she's not picking up")) is None



def _said(tracker: Tracker) -> str:
    from rasa_sdk.executor import CollectingDispatcher

    from actions.crisis_follow_up import ActionCrisisFollowUp
    from tests.conftest import run_async

    dispatcher = CollectingDispatcher()
    run_async(ActionCrisisFollowUp().run(dispatcher, tracker, {}))
    return str(dispatcher.messages[-1]["response"])


def test_right_after_the_crisis_reply_an_unclear_message_gets_the_gentle_check() -> None:
    # As the action server sees it, the latest action is the action_listen that took the message in.
    assert _said(_after_crisis(text="ok")) == "utter_crisis_check"
    later = ({"event": "action", "name": "utter_crisis_check"}, {"event": "bot", "text": "..."},
             {"event": "action", "name": "action_listen"}, {"event": "user", "text": "hmm"},
             {"event": "action", "name": "utter_crisis_after"}, {"event": "action", "name": "action_listen"})
    assert _said(_after_crisis(*later, text="ok")) == "utter_crisis_after"


def test_after_an_overdose_relief_and_the_days_after_come_in_medical_words_first() -> None:
    from rasa_sdk import Tracker

    events = [{"event": "user", "text": "she took a load of pills"}, {"event": "action", "name": "utter_crisis"},
              {"event": "bot", "text": "...", "data": {"custom": {"type": "crisis"}}},
              {"event": "user", "text": "the paramedics are with her now"}]
    tracker = Tracker("someone", {"crisis_category": "overdose"}, {"text": "the paramedics are with her now"}, events, False, None, {},
                      "action_listen")
    assert follow_up(tracker) == "utter_crisis_relief_overdose"
