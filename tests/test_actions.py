"""Custom actions against a real SQLite content database (they do not run inside test stories)."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.engine import Engine

from actions.bring_up import ActionSuggestOpeners, ValidateTherapyTalkForm
from actions.dialogue import ActionExplainWhy, ActionRespondAffirm, ActionRespondDeny
from actions.refusal import NO_CONTENT, ActionAcknowledgeRefusal, ActionReframeRefusal
from actions.topics import RECIPES, ActionTopicContent
from contentdb.engine import make_engine
from kernel.vocabulary import TOPIC_FOR_INTENT
from tests.conftest import Run, make_tracker

RunAction = Callable[..., Run]


def test_a_refusal_from_a_husband_is_acknowledged_with_a_partner_reframe_and_the_four_forms(
    actions_db: Engine, run_action: RunAction
) -> None:
    tracker = make_tracker("my husband flat out refuses to see a therapist", "they_refused_help",
                           slots={"relationship": "partner"})
    result = run_action(ActionAcknowledgeRefusal(), tracker)

    assert "your partner" in result.text
    assert result.items and result.items[0]["relationship"] == "partner"
    buttons = result.messages[0]["buttons"]
    assert [b["payload"].split('"')[-2] for b in buttons] == ["direct", "passive", "intellectual", "emotional"]
    assert result.slot("shown_items") == result.item_ids


def test_changing_the_subject_is_read_as_overwhelm_and_gets_a_partner_reframe_and_a_next_step(
    actions_db: Engine, run_action: RunAction
) -> None:
    tracker = make_tracker("he just says he's fine and changes the subject", "describe_refusal",
                           slots={"relationship": "partner"})
    result = run_action(ActionReframeRefusal(), tracker)

    assert result.slot("resistance_form") == "emotional"
    kinds = [item["kind"] for item in result.items]
    assert kinds == ["reframe", "phrasing"]
    assert result.items[0]["relationship"] == "partner"
    assert "rehearse" in result.text and result.slot("pending_offer") == "rehearse"
    assert "thinking behind" in result.slot("last_why")


def test_a_button_choice_of_form_wins_over_the_words(actions_db: Engine, run_action: RunAction) -> None:
    tracker = make_tracker("/describe_refusal", "describe_refusal",
                           entities=[{"entity": "resistance_form", "value": "passive"}])
    result = run_action(ActionReframeRefusal(), tracker)
    assert result.slot("resistance_form") == "passive"


def test_an_unclear_description_asks_which_form_instead_of_guessing(actions_db: Engine, run_action: RunAction) -> None:
    result = run_action(ActionReframeRefusal(), make_tracker("it's complicated", "describe_refusal"))
    assert "closest" in result.text
    assert len(result.messages[0]["buttons"]) == 4
    assert result.items == []


def test_the_same_item_is_never_shown_twice_in_a_conversation(actions_db: Engine, run_action: RunAction) -> None:
    shown: list[str] = []
    for _ in range(3):
        tracker = make_tracker("she said she'd book it and never did", "describe_refusal",
                               slots={"relationship": "parent", "shown_items": shown})
        result = run_action(ActionReframeRefusal(), tracker)
        assert not set(result.item_ids) & set(shown)
        shown = result.slot("shown_items")
    assert len(shown) == len(set(shown)) >= 4


def test_messaging_platforms_get_plain_text_without_a_custom_payload(actions_db: Engine, run_action: RunAction) -> None:
    tracker = make_tracker("my sister refuses", "they_refused_help", slots={"relationship": "sibling"}, channel="slack")
    result = run_action(ActionAcknowledgeRefusal(), tracker)
    assert result.text
    assert all(not message.get("custom") for message in result.messages)
    assert result.slot("shown_items")


def test_openers_for_a_parent_mix_three_phrasings_with_what_to_avoid(actions_db: Engine, run_action: RunAction) -> None:
    tracker = make_tracker("depression", "inform", slots={"relationship": "parent", "concern": "depression"})
    result = run_action(ActionSuggestOpeners(), tracker)

    kinds = [item["kind"] for item in result.items]
    assert kinds.count("phrasing") == 3 and kinds.count("avoid") == 2
    assert {item["relationship"] for item in result.items} <= {"parent", "any"}
    assert "Instead:" in result.text
    assert result.slot("pending_offer") == "rehearse"


def test_every_topic_intent_answers_with_curated_items(actions_db: Engine, run_action: RunAction) -> None:
    for intent, topic in TOPIC_FOR_INTENT.items():
        if topic not in RECIPES:
            continue
        result = run_action(ActionTopicContent(), make_tracker("...", intent, slots={"relationship": "friend"}))
        assert result.items, intent
        assert {item["topic"] for item in result.items} == {topic}, intent
        assert len(result.messages[0]["buttons"]) >= 2, intent


def test_asking_why_returns_the_reason_behind_the_last_suggestion(actions_db: Engine, run_action: RunAction) -> None:
    first = run_action(ActionTopicContent(), make_tracker("", "worried_enabling"))
    why = run_action(ActionExplainWhy(), make_tracker("why?", "ask_why", slots={"last_why": first.slot("last_why")}))
    assert "thinking behind" in why.text
    assert "grounded in" in why.text


def test_asking_why_before_any_suggestion_says_so_honestly(run_action: RunAction) -> None:
    assert "haven't suggested anything yet" in run_action(ActionExplainWhy(), make_tracker("why", "ask_why")).text


def test_yes_with_nothing_offered_asks_what_to_look_at(run_action: RunAction) -> None:
    result = run_action(ActionRespondAffirm(), make_tracker("yes", "affirm"))
    assert "What would you like" in result.text and result.messages[0]["buttons"]


def test_no_to_an_offer_is_accepted_without_pressure(run_action: RunAction) -> None:
    result = run_action(ActionRespondDeny(), make_tracker("no", "deny", slots={"pending_offer": "rehearse"}))
    assert "no pressure" in result.text
    assert result.slot("pending_offer") is None


def test_when_nothing_fits_the_reply_says_so(empty_db: Engine, use_db: Callable[[Engine], None], run_action: RunAction) -> None:
    use_db(empty_db)
    result = run_action(ActionReframeRefusal(), make_tracker("he argues it's a scam", "describe_refusal"))
    assert NO_CONTENT in result.text
    assert result.items == []


def test_an_unreachable_database_gives_an_honest_reply_not_an_error(
    tmp_path: Path, use_db: Callable[[Engine], None], run_action: RunAction
) -> None:
    use_db(make_engine(f"sqlite:///{tmp_path / 'missing' / 'nowhere.db'}"))
    result = run_action(ActionTopicContent(), make_tracker("", "feel_exhausted"))
    assert NO_CONTENT in result.text
    assert result.items == []


def test_the_form_reads_stepdad_as_a_parent_and_asks_again_for_a_stranger() -> None:
    form = ValidateTherapyTalkForm()
    dispatcher = CollectingDispatcher()
    tracker = make_tracker()
    assert form.validate_relationship("my stepdad", dispatcher, tracker, {}) == {"relationship": "parent"}
    assert dispatcher.messages == []
    assert form.validate_relationship("the postman", dispatcher, tracker, {}) == {"relationship": None}
    assert "partner, a parent" in dispatcher.messages[0]["text"]


def test_the_form_keeps_an_unrecognised_struggle_general_instead_of_looping() -> None:
    form = ValidateTherapyTalkForm()
    tracker = make_tracker()
    assert form.validate_concern("he drinks every night", CollectingDispatcher(), tracker, {}) == {"concern": "substance_use"}
    assert form.validate_concern("she's just not herself", CollectingDispatcher(), tracker, {}) == {"concern": "other"}
