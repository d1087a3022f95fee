"""A number typed in reply picks from the options the conversation last showed, read from the tracker."""
from __future__ import annotations

from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered

from channels.buttons import last_shown_buttons, picked

OPTIONS = [{"title": "Yes, let's practise", "payload": "/affirm"}, {"title": "Not now", "payload": "/deny"}]


def test_the_last_bot_messages_buttons_are_the_options_shown() -> None:
    events = [UserUttered("hi"), ActionExecuted("utter_offer"), BotUttered("Shall we practise?", {"buttons": OPTIONS}),
              BotUttered("No pressure either way."), ActionExecuted("action_listen")]
    assert last_shown_buttons(events) == OPTIONS
    assert picked(last_shown_buttons(events), "2") == "/deny"
    assert picked(last_shown_buttons(events), " #1. ") == "/affirm"
    assert picked(last_shown_buttons(events), "not now") == "/deny"


def test_options_only_answer_the_message_they_came_with() -> None:
    events = [BotUttered("Shall we practise?", {"buttons": OPTIONS}), UserUttered("tell me more"), BotUttered("Sure.")]
    assert last_shown_buttons(events) == []
    assert picked(last_shown_buttons(events), "2") == "2"


def test_a_number_out_of_range_or_other_text_stays_as_it_was() -> None:
    assert picked(OPTIONS, "3") == "3"
    assert picked(OPTIONS, "0") == "0"
    assert picked(OPTIONS, "2 of them refused") == "2 of them refused"
    assert picked([], "1") == "1"
