"""Cues found by the fourth blind conversation set, tested on wordings of our own (not the set's lines)."""
from __future__ import annotations

import pytest

from actions.moves import read_move, topic_cue
from actions.safety_screen import DANGER, UNCLEAR, read_screen_answer
from kernel.lexicon import read_message, struggle_kinds


@pytest.mark.parametrize(
    ("text", "relationship"),
    [("my husbands drinking has got worse since covid", "partner"), ("my girlfriends eating is all over the place", "partner"),
     ("my brothers temper scares the kids", "sibling")],
)
def test_a_possessive_without_its_apostrophe_is_still_the_person(text: str, relationship: str) -> None:
    assert read_message(text).relationship == relationship


@pytest.mark.parametrize(
    ("text", "relationship"),
    [("my sisters and i are worried about dad", "parent"), ("my sons are grown up now but my husband drinks every night", "partner"),
     ("both my brothers think my mum needs help", "parent"), ("my husbands had enough of me asking", "partner")],
)
def test_a_plural_is_other_people_not_the_person(text: str, relationship: str) -> None:
    assert read_message(text).relationship == relationship


@pytest.mark.parametrize(
    ("text", "form"),
    [
        ("she's drinking every night. i suggested the gp and she said she knows what she's doing and it's only wine", "intellectual"),
        ("i said maybe counselling and he told me it's just a rough patch, everyone has them", "intellectual"),
        ("my nan won't see anyone since grandad went, she says at her age you just get on with it", "intellectual"),
        ("i mentioned a therapist and he said no chance, end of discussion", "direct"),
        ("when i suggested a counsellor she cried and said i was making her out to be mad", "emotional"),
        ("he says he'll go next month, he always says maybe", "passive"),
    ],
)
def test_how_the_no_showed_up_is_read_from_the_users_own_words(text: str, form: str) -> None:
    assert read_message(text).resistance_form == form


def test_the_users_own_maybe_is_not_the_loved_ones() -> None:
    # the user hedged ("i said maybe..."); how he said no is what counts
    assert read_message("i said maybe see someone and he went really quiet and walked off").resistance_form == "emotional"


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("my son keeps asking me to borrow money for his phone bill", "enabling"),
        ("do i go along with it when she needs to check the oven five times", "enabling"),
        ("at what point should i call someone, he hasn't eaten in days", "worried_about_safety"),
        ("would it help to get my dad to have a word with him", "bring_up"),
        ("is it ok to raise it again after christmas", "bring_up"),
        ("how do i not mess it up now she's said yes", "progress"),
    ],
)
def test_what_the_question_is_about(text: str, topic: str) -> None:
    assert topic_cue(text) == topic


@pytest.mark.parametrize(
    "text",
    ["at what point do i get to have my own life back", "how bad does it have to get before he admits he has a problem",
     "i want to borrow a book about this"],
)
def test_look_alikes_of_the_new_cues_are_not_those_topics(text: str) -> None:
    assert topic_cue(text) not in {"worried_about_safety", "enabling"}


def test_how_bad_before_calling_someone_is_about_safety() -> None:
    assert topic_cue("how bad does it have to get before i call someone") == "worried_about_safety"


def test_the_loved_ones_promise_to_bring_it_up_is_not_a_request_for_words() -> None:
    assert topic_cue("she says she'll bring it up with her doctor some time") is None


def test_asking_for_other_ideas_for_raising_it_wants_words() -> None:
    assert read_move("any other ideas for bringing it up", "ask_more", "boundaries").topic == "bring_up"


@pytest.mark.parametrize(
    "text", ["honestly i could strangle her some days, she lied to my face again", "i'm so angry, he spent the rent at the casino"]
)
def test_the_users_own_anger_is_no_answer_to_the_violence_question(text: str) -> None:
    assert read_screen_answer(text, None) == UNCLEAR


@pytest.mark.parametrize("text", ["he gets angry and i'm a bit scared", "she can be really mean when she drinks", "yes"])
def test_any_sign_of_fear_still_puts_safety_first(text: str) -> None:
    assert read_screen_answer(text, "affirm" if text == "yes" else None) == DANGER


def test_what_the_loved_one_said_in_quotes_names_no_one() -> None:
    # "you're not my mum" is the stepson's line, not a correction of who the user means
    picture = read_message("i suggested a counsellor and he said 'you're not my dad, you can't tell me what to do'")
    assert picture.relationship is None and not picture.correction


@pytest.mark.parametrize(
    ("text", "concern"),
    [("she's taking codeine every day, way more than prescribed", "substance_use"),
     ("i think he's on steroids, he's huge now", "substance_use"),
     ("she's been sleeping all weekend and isolating from everyone", "depression"), ("he watches porn half the night", "other")],
)
def test_struggles_in_everyday_words(text: str, concern: str) -> None:
    assert read_message(text).concern == concern


@pytest.mark.parametrize(
    "text",
    ["i told him it might help and he said it's a women's thing, made up by doctors",
     "when i asked if she'd see someone she said 'i'm a grown woman, stop checking on me'"],
)
def test_a_no_told_in_their_words_is_a_refusal_not_progress(text: str) -> None:
    assert read_move(text, "signs_of_progress", None).topic == "refusal"


@pytest.mark.parametrize(
    ("text", "topic"),
    [("i'm nearly giving up on her to be honest", "exhaustion"), ("is it even my place anymore, she's an adult", "boundaries"),
     ("give me one thing i could say to her tonight", "bring_up")],
)
def test_more_of_what_people_ask(text: str, topic: str) -> None:
    assert topic_cue(text) == topic


@pytest.mark.parametrize(
    ("text", "kinds"),
    [("i'm betting he won't even look at it", []), ("i bet on him saying no again", []),
     ("he's been betting again", ["gambling"]), ("my husband bets on the horses", ["gambling"])],
)
def test_the_users_own_bet_is_no_gambling(text: str, kinds: list[str]) -> None:
    assert struggle_kinds(text) == kinds


@pytest.mark.parametrize(
    ("text", "concern", "named"),
    [
        ("she isnt depressed, shes just totally fried from the 70 hr weeks", "stress", False),
        ("honestly i reckon its hoarding, the garage is floor to ceiling", "other", True),
        ("she lost her job in june and hardly leaves her room, i honestly think shes depressed", "depression", True),
        ("to be fair its mostly the painkillers now, he takes double the dose", "substance_use", True),
        ("she lost her husband last year and won't see anyone", "grief", False),
    ],
)
def test_a_struggle_ruled_out_named_or_only_a_lost_job_is_read_as_said(text: str, concern: str, named: bool) -> None:
    picture = read_message(text)
    assert (picture.concern, picture.named_concern) == (concern, named)


@pytest.mark.parametrize(
    ("text", "correction"),
    [
        ("she actually rang the helpline my friend told her about", False),
        ("sorry for rambling, my brother gambles", False),
        ("actually it is my cousin not my sister", True),
        ("sorry, my stepmum, not my mum", True),
    ],
)
def test_actually_and_sorry_correct_who_it_is_only_when_a_relative_follows(text: str, correction: bool) -> None:
    assert read_message(text).correction is correction


def test_a_bot_challenge_that_asks_nothing_about_what_we_are_takes_the_next_intent() -> None:
    from rasa.shared.nlu.training_data.message import Message

    from components.input_guard import demote_unasked_bot_challenge

    ranking = [{"name": "bot_challenge", "confidence": 0.4}, {"name": "feel_exhausted", "confidence": 0.3}]
    asked = Message(data={"text": "am i talking to a real person?", "intent": ranking[0], "intent_ranking": ranking})
    not_asked = Message(data={"text": "how much am i actually supposed to take on here", "intent": ranking[0], "intent_ranking": ranking})
    demote_unasked_bot_challenge(asked)
    demote_unasked_bot_challenge(not_asked)
    assert asked.get("intent")["name"] == "bot_challenge" and not_asked.get("intent")["name"] == "feel_exhausted"


@pytest.mark.parametrize(
    ("text", "promoted"),
    [
        ("I wonder whether I could rehearse this with you before Sunday", True),
        ("can we have a go at it? i want to try raising it when the kids are out", True),
        ("i want to practise self care more, any tips", False),
        ("how do i practise being patient with him", False),
    ],
)
def test_a_plain_request_to_practise_starts_practice(text: str, promoted: bool) -> None:
    from rasa.shared.nlu.training_data.message import Message

    from components.input_guard import promote_practice_request

    ranking = [{"name": "how_to_bring_up_therapy", "confidence": 0.5}, {"name": "start_roleplay", "confidence": 0.2}]
    message = Message(data={"text": text, "intent": ranking[0], "intent_ranking": ranking})
    promote_practice_request(message)
    assert (message.get("intent")["name"] == "start_roleplay") is promoted


@pytest.mark.parametrize("text", ["it isn't just the drinking any more, there's the betting on top",
                                  "he's not just drinking, he's using coke as well"])
def test_not_just_a_struggle_keeps_it(text: str) -> None:
    assert read_message(text).ruled_out == ()


@pytest.mark.parametrize(
    ("text", "correction"),
    [("wait, my dad wants to have a word with her first", False), ("sorry my wife just came home", False), ("actually my aunt", True)],
)
def test_news_about_a_relative_after_wait_or_sorry_is_no_correction(text: str, correction: bool) -> None:
    assert read_message(text).correction is correction


@pytest.mark.parametrize(
    "text",
    ["can i have a go at her when she gets in", "could i play my records to wind down", "can we run through it again at the weekend, dad?"],
)
def test_not_every_practise_word_is_a_request_to_practise(text: str) -> None:
    from rasa.shared.nlu.training_data.message import Message

    from components.input_guard import promote_practice_request

    ranking = [{"name": "inform", "confidence": 0.5}, {"name": "start_roleplay", "confidence": 0.2}]
    message = Message(data={"text": text, "intent": ranking[0], "intent_ranking": ranking})
    promote_practice_request(message)
    assert message.get("intent")["name"] == "inform"


def test_a_second_struggle_beside_the_first_is_reflected_with_it() -> None:
    from actions.reflections import Situation, reflect

    situation = Situation(relationship="child", concern="depression", word="son", also="gambling")
    line, key = reflect(situation, new={"also"}, topic=None, used=[])
    assert key == "both.0" and line is not None and line.startswith("The low mood and the gambling")
