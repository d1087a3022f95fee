"""Cues found by the fourth blind conversation set, tested on wordings of our own (not the set's lines)."""
from __future__ import annotations

from typing import Optional

import pytest

from actions.moves import read_move, topic_cue
from actions.safety_screen import DANGER, UNCLEAR, read_screen_answer
from kernel.lexicon import classify_resistance, find_relationship, loved_one_mention, mentions_help, read_message, struggle_kinds


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
        # a case made against help (blind conversation set 17)
        ("he stopped his medication, says it made him a zombie and he's read that antipsychotics do more harm than good",
         "intellectual"),
        ("i suggested he see someone and he says burnout is just a buzzword HR made up and all he needs is a week in spain",
         "intellectual"),
        # blind conversation set 18: the door shut on it, and a yes in their own words that never comes
        ("when i suggested the memory clinic she said there is nothing wrong with my mind thank you and that was the end of it",
         "direct"),
        ("i mentioned gamcare and he said absolutely not, hes not an addict, its his money and hes not discussing it. door shut",
         "direct"),
        ("i said maybe she could talk to someone and she said 'im not having strangers going through my things and thats final'",
         "direct"),
        ("every time i say maybe see someone they go 'yeah your right ill book something this week' and then its been 3 months",
         "passive"),
        ("when I suggested going back to the therapist he saw then he said he's 'not going back to that'.", "direct"),
    ],
)
def test_how_the_no_showed_up_is_read_from_the_users_own_words(text: str, form: str) -> None:
    assert read_message(text).resistance_form == form


@pytest.mark.parametrize("text", [
    # a reaction only feared says nothing about how they said no (blind conversation set 18: "So your husband shut the
    # idea down hard" before he had been asked)
    "he has 4 or 5 cans after every night shift and i dont know how to bring it up without him getting defensive",
    "i want to say something but what if she gets angry",
])
def test_a_feared_reaction_is_no_refusal_form(text: str) -> None:
    assert read_message(text).resistance_form is None


def test_forgetting_as_a_symptom_is_no_passive_no() -> None:
    # "forgets stuff i told her" is the drink talking; "forgot to ring the gp again" is a yes that never comes
    text = "like every night she has wine and then she gets weird and sad and forgets stuff i told her"
    assert read_message(text, expecting_form=True).resistance_form is None
    assert read_message("he said he'd see the gp then forgot to ring them again", expecting_form=True).resistance_form == "passive"



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
        # blind conversation set 17
        ("should i just check the door for him so we can go? he asks me to", "enabling"),
        ("is it a safety thing tho? theres boxes piled up next to the boiler and she has a gas fire", "worried_about_safety"),
        ("is it actually dangerous long term? like physically?", "worried_about_safety"),
        ("part of me worries hell end up hurting someone. not that he ever has", "worried_about_safety"),
        ("ok. is it normal to be this fed up with someone you love", "resentment"),
        ("should i not bring it up again until after christmas?", "bring_up"),
        ("im her dad tho, is it even my place to bring up food with a grown woman?", "bring_up"),
        ("so do i argue back with facts or what", "bring_up"),
        ("she left the hob on and the pan was black. nothing caught fire. is that something i need to act on now or am i panicking",
         "worried_about_safety"),
    ],
)
def test_what_the_question_is_about(text: str, topic: str) -> None:
    assert topic_cue(text) == topic


@pytest.mark.parametrize(
    "text",
    ["at what point do i get to have my own life back", "how bad does it have to get before he admits he has a problem",
     "i want to borrow a book about this", "is it a health thing for her, wanting to look after everyone?",
     "i worry she'll end up hurt by how people treat her",
     "i asked her straight out if shed talk to the gp and she said no, its under control, and dont bring it up again",
     # his tiredness, not the user's
     "he just goes 'mum can we not' and puts his headphones on. his dad says leave him be hes just tired",
     # his anger, not the user's
     "my brother left the army last year and hes been so angry since, put his fist through the door at our mums"],
)
def test_look_alikes_of_the_new_cues_are_not_those_topics(text: str) -> None:
    assert topic_cue(text) not in {"worried_about_safety", "enabling", "resentment", "bring_up", "exhaustion"}


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
        ("sorry should of said, dan's actually my brother, i call everyone my mate lol", True),  # blind set 17
        ("dan is really my brother", True),
        ("that's actually my biggest worry", False),
        ("i havent told anyone, not even my sister. feels like its my fault for not noticing sooner", False),
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


def test_a_practice_request_the_classifier_already_guessed_is_made_sure() -> None:
    """0.39 beside 0.36 sent "can i have a go at saying it to him" to the fallback (conversation set, session 8)."""
    from rasa.shared.nlu.training_data.message import Message

    from components.input_guard import promote_practice_request

    ranking = [{"name": "start_roleplay", "confidence": 0.39}, {"name": "how_to_bring_up_therapy", "confidence": 0.36}]
    message = Message(data={"text": "can i have a go at saying it to him", "intent": ranking[0], "intent_ranking": ranking})
    promote_practice_request(message)
    assert message.get("intent") == {"name": "start_roleplay", "confidence": 1.0}


@pytest.mark.parametrize("top", ["describe_refusal", "they_refused_help"])
def test_the_two_names_for_a_refusal_are_one_answer(top: str) -> None:
    """Two close names for one answer sent "he says he can handle it himself" to the fallback's ambiguity check."""
    from rasa.shared.nlu.training_data.message import Message

    from components.input_guard import name_refusal_for_the_contract

    other = "they_refused_help" if top == "describe_refusal" else "describe_refusal"
    ranking = [{"name": top, "confidence": 0.47}, {"name": other, "confidence": 0.46}, {"name": "greet", "confidence": 0.07}]
    message = Message(data={"text": "he says he can handle it himself", "intent": ranking[0], "intent_ranking": ranking})
    name_refusal_for_the_contract(message)
    assert message.get("intent") == {"name": "they_refused_help", "confidence": pytest.approx(0.93)}
    assert [r["name"] for r in message.get("intent_ranking")] == ["they_refused_help", "greet"]


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


def test_a_hello_that_says_who_it_is_about_is_answered_for_what_it_says() -> None:
    from rasa.shared.nlu.training_data.message import Message

    from components.input_guard import demote_greeting_with_news

    ranking = [{"name": "greet", "confidence": 0.6}, {"name": "they_refused_help", "confidence": 0.3}]
    news = Message(data={"text": "hi need help with my sister", "intent": ranking[0], "intent_ranking": ranking})
    hello = Message(data={"text": "hiya, good evening", "intent": ranking[0], "intent_ranking": ranking})
    demote_greeting_with_news(news)
    demote_greeting_with_news(hello)
    assert news.get("intent")["name"] == "they_refused_help" and hello.get("intent")["name"] == "greet"


def test_a_refusal_told_in_a_few_words_is_named_as_the_contract_names_it() -> None:
    from rasa.shared.nlu.training_data.message import Message

    from components.input_guard import name_refusal_for_the_contract

    ranking = [{"name": "describe_refusal", "confidence": 0.7}, {"name": "they_refused_help", "confidence": 0.2},
               {"name": "feel_resentful", "confidence": 0.1}]
    told = Message(data={"text": "keeps cancelling", "intent": ranking[0], "intent_ranking": ranking})
    name_refusal_for_the_contract(told)
    assert told.get("intent") == {"name": "they_refused_help", "confidence": pytest.approx(0.9)}  # the two added
    assert [r["name"] for r in told.get("intent_ranking")] == ["they_refused_help", "feel_resentful"]


@pytest.mark.parametrize(
    ("text", "relationship", "correction"),
    [
        ("sorry no. typing on school run. not husband. SON. 20. husband smokes w him sometimes tho", "child", True),
        ("its not my mum its my stepmum", "parent", True),
        ("my husband and my son both smoke weed", "partner", False),
    ],
)
def test_the_relative_after_not_is_who_it_isnt(text: str, relationship: str, correction: bool) -> None:
    picture = read_message(text)
    assert (picture.relationship, picture.correction) == (relationship, correction)


@pytest.mark.parametrize(
    ("text", "state"),
    [
        ("hes not sleeping, hes dropped all his mates, he just says he cant be bothered with anything", None),
        ("he seems so scared of it", None),
        ("honestly im exhausted, he is tired all the time", "exhausted"),
        ("she makes me so angry", "angry"),
    ],
)
def test_the_loved_ones_tiredness_or_fear_is_not_read_as_the_users(text: str, state: object) -> None:
    assert read_message(text).user_state == state


@pytest.mark.parametrize(
    ("text", "concern"),
    [
        ("hes not sleeping, hes dropped all his mates, he just says he cant be bothered with anything", "depression"),
        ("my fiance got back from his second tour. he jumps at every noise and hes drinking more", "trauma"),
        ("honestly i think under all of it shes very anxious", "anxiety"),
        ("my dad is on these online slot sites all day", "substance_use"),
    ],
)
def test_struggles_told_in_everyday_words(text: str, concern: str) -> None:
    assert read_message(text).concern == concern


def test_a_told_answer_updates_how_they_say_no_and_a_question_does_not() -> None:
    told = read_message("he says yeah yeah ill look into it. never does")
    assert (told.resistance_form, told.form_told) == ("passive", True)
    assert not read_message("how do i bring up therapy without him getting angry").form_told
    assert read_message("he told me its his money, and to keep my nose out, when i said talk to someone").resistance_form == "direct"


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("how much weight does she have to lose before i stop waiting and actually worry", "worried_about_safety"),
        ("at what point does this become something i should tell someone about", "worried_about_safety"),
        ("what would be the signs its gone past what i can handle", "worried_about_safety"),
        ("What would be a sensible rule to have in my own house without being cruel to him", "boundaries"),
        ("How will I know if he is really cutting down and not just telling me what I want to hear?", "progress"),
        ("how i can talk with him when he is calm", "bring_up"),
        ("is it even my place tho? we're not that close", "bring_up"),
    ],
)
def test_topic_cues_from_the_ninth_blind_set(text: str, topic: str) -> None:
    from actions.moves import read_move

    assert read_move(text, "nlu_fallback", None).topic == topic


@pytest.mark.parametrize(
    ("text", "relationship", "concern", "form"),
    [
        ("we lost our son at 37 weeks. stillborn. my wife wont see the bereavement midwife, she said no", "partner", "grief", "direct"),
        ("my brother's a GP and hes clearly depressed. he said he knows more about depression than any therapist", "sibling",
         "depression", "intellectual"),
        ("i asked if she'd think about talking to someone and she said straight out no", None, None, "direct"),
        ("my mum has dementia. when i mention the clinic she got all teary", "parent", "other", "emotional"),
    ],
)
def test_who_what_and_how_from_the_eleventh_blind_set(text: str, relationship: object, concern: object, form: str) -> None:
    picture = read_message(text, expecting_form=True)
    assert (picture.relationship, picture.concern, picture.resistance_form) == (relationship, concern, form)


@pytest.mark.parametrize(
    ("text", "kind", "topic"),
    [
        ("like what", "more", "enabling"),
        ("ok and?", "more", "enabling"),
        ("is he right or am i enabling her if i keep quiet", "topic", "enabling"),
        ("should i keep reassuring her when she rings me at midnight, or is that feeding it", "topic", "enabling"),
        ("what can i actually set as a line, like he cant be chucking stuff", "topic", "boundaries"),
        ("how would i know if its more than grief, when would i actually need to worry", "topic", "worried_about_safety"),
        ("her mum rang and i didnt know what to say. also im starting to resent her a bit", "topic", "resentment"),
        ("no but seriously what do i do for me", "topic", "support"),
    ],
)
def test_moves_from_the_eleventh_blind_set(text: str, kind: str, topic: str) -> None:
    from actions.moves import read_move

    move = read_move(text, "nlu_fallback", "enabling")
    assert (move.kind, move.topic) == (kind, topic)


@pytest.mark.parametrize(
    ("text", "kind", "topic"),
    [
        ("she turns up asking for money for the electric. what if i say no and something happens to her", "topic", "enabling"),
        ("my husband says we should stop letting her in the house at all. is he right?", "topic", "boundaries"),
        ("is it a cop thing? he's convinced they'll think he's gone soft", "why_them", "why_resist"),
        ("should i just stop buying the stuff she binges on? or is that controlling", "topic", "enabling"),
    ],
)
def test_moves_from_the_twelfth_blind_set(text: str, kind: str, topic: str) -> None:
    from actions.moves import read_move

    move = read_move(text, "nlu_fallback", None)
    assert (move.kind, move.topic) == (kind, topic)


@pytest.mark.parametrize(
    ("text", "concern", "form"),
    [
        ("i mentioned a therapist and he said depression is something for weak people and he just needs to pray", "depression",
         "intellectual"),
        ("she wont see anyone because 'i'm a doctor, i'd know if i needed help'", None, "intellectual"),
        ("actually i dont think it's depression. she had a proper panic attack when we tried to get her out", "anxiety", None),
        ("since his heart scare he checks his pulse constantly and googles symptoms at 2am", "anxiety", None),
    ],
)
def test_struggles_and_forms_from_the_twelfth_blind_set(text: str, concern: object, form: object) -> None:
    picture = read_message(text, expecting_form=True)
    assert (picture.concern, picture.resistance_form) == (concern, form)


def test_so_what_i_kick_him_out_is_no_answer_of_violence() -> None:
    from actions.safety_screen import read_screen_answer

    assert read_screen_answer("so what, I kick him out?", None) != "danger"
    assert read_screen_answer("he kicked the door in", None) == "danger"


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("my husband says leave him be, hes a grown man. but why wont Rhys just talk to somebody", "why_resist"),
        ("why he say yes and then nothing? he know it is problem", "why_resist"),
        ("the gas thing scares me. when is it time to actually do something", "worried_about_safety"),
    ],
)
def test_topics_from_the_thirteenth_blind_set(text: str, topic: str) -> None:
    from actions.moves import read_move

    assert read_move(text, "nlu_fallback", None).topic == topic


@pytest.mark.parametrize(
    ("word", "they", "said"), [("son", "he", "What he is going through"), (None, "they", "What they are going through")]
)
def test_the_two_struggle_reflection_agrees_with_who_it_is(word: object, they: str, said: str) -> None:
    """"What he're going through and the drugs on top of it" was said to a vicar about his son (blind set 14)."""
    from actions.reflections import Situation, reflect

    situation = Situation(relationship="child", concern="psychosis", word=word, also="drugs")  # type: ignore[arg-type]
    line, _ = reflect(situation, new={"also"}, topic=None, used=[])
    assert line is not None and line.startswith(said) and "'re" not in line.split(":")[0], line
    assert situation.they == they


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("im back on the road tonight and i feel guilty. is there anything for blokes like me in all this", "support"),
        ("Should I argue the point with him? I'm rather used to winning arguments", "bring_up"),
        ("He's still smoking, I can smell it on the landing. Do I let that carry on under our roof?", "boundaries"),
        ("At what point does this stop being something I wait out and become something I ring someone about?", "worried_about_safety"),
        ("how do i know if its just the drinking or if the old stuff is coming back", "worried_about_safety"),
        ("he came down for his tea on tuesday and talked about college a bit. only a small thing", "progress"),
        ("do i take my card off him? we have a joint account too", "boundaries"),
    ],
)
def test_topics_from_the_fourteenth_blind_set(text: str, topic: str) -> None:
    from actions.moves import read_move

    assert read_move(text, "nlu_fallback", None).topic == topic


@pytest.mark.parametrize(("text", "promoted"), [("let me try it. you be jack", True), ("can we practise, you be mum", True),
                                                ("dad, you be careful", False), ("you be careful out there", False)])
def test_casting_us_as_them_asks_to_practise(text: str, promoted: bool) -> None:
    from rasa.shared.nlu.training_data.message import Message

    from components.input_guard import promote_practice_request

    ranking = [{"name": "inform", "confidence": 0.5}, {"name": "start_roleplay", "confidence": 0.2}]
    message = Message(data={"text": text, "intent": ranking[0], "intent_ranking": ranking})
    promote_practice_request(message)
    assert (message.get("intent")["name"] == "start_roleplay") is promoted


def test_from_a_strangers_conversation_about_a_grieving_dad() -> None:
    """Held as a stranger on 2026-11-30: the sister's advice reported is not a question about enabling (it drew the
    violence question first), "i feel awful" is guilt, "feel bad for him" is not, and after "thanks, stop now. how did
    i do?" the feedback and the plan are the whole answer."""
    from actions.moves import read_move
    from actions.respond import _after_stop

    told = read_move("my dad hasnt been right since mum died. my sister keeps telling me to leave him be", "they_refused_help", None)
    assert told.topic != "enabling" and read_move("should i just leave him be?", "nlu_fallback", None).topic == "enabling"
    assert read_message("i feel awful because i live 2 hours away").user_state == "guilty"
    assert read_message("i feel bad for him").user_state is None
    assert _after_stop("thanks, stop now. how did i do?") == []
    assert _after_stop("stop. was that too much?") == ["was", "that", "too", "much?"]



@pytest.mark.parametrize(
    ("text", "concern", "form", "state"),
    [
        ("my gf has really bad social anxiety. she keeps saying shell do it online when the system opens", "anxiety", "passive", None),
        ("my younger brother lives alone with over forty cats. he will not let anyone in, not a vet not anybody", "other", "direct", None),
        ("he told me he thinks the neighbours are listening to him", "psychosis", None, None),
    ],
)
def test_from_the_fifteenth_blind_set(text: str, concern: str, form: object, state: object) -> None:
    picture = read_message(text, expecting_form=True)
    assert (picture.concern, picture.resistance_form, picture.user_state) == (concern, form, state)


@pytest.mark.parametrize(("text", "topic"), [("she gets really slurry in the evenings. when should i actually be worried",
                                              "worried_about_safety"), ("how do i look after myself in this", "support")])
def test_topics_from_the_fifteenth_blind_set(text: str, topic: str) -> None:
    from actions.moves import read_move

    assert read_move(text, "nlu_fallback", None).topic == topic


def test_a_state_denied_or_someone_elses_answer_changes_nothing_about_the_user_or_the_form() -> None:
    """"no he's never hit her, she says she isn't scared of him, it's more the shouting": nobody here is frightened, and
    mum's answer is not how dad refused (the form he was told to have stays)."""
    from actions.respond import Memory, update_situation

    picture = read_message("no he's never hit her, she says she isn't scared of him, it's more the shouting and the sulking",
                           expecting_form=True)
    assert picture.user_state is None and picture.told_by == "she"
    slots = {"relationship": "parent", "concern": "substance_use", "resistance_form": "emotional"}
    values, _ = update_situation(slots, picture, {}, Memory(pronoun="he"))
    assert "resistance_form" not in values
    his = read_message("he says yeah yeah i'll look into it, never does", expecting_form=True)
    values, _ = update_situation(slots, his, {}, Memory(pronoun="he"))
    assert values["resistance_form"] == "passive"  # his own answer, told later, does update it


def test_someone_else_at_home_on_the_receiving_end_is_said_back() -> None:
    """"gets really nasty with my mum when he's had a few": it lands on mum too, and a listener says so."""
    from actions.reflections import Situation, reflect

    told = read_message("my dad drinks most nights and gets really nasty with my mum when he's had a few, shouting mostly")
    assert told.others_hurt == "mum" and read_message("he shouts at the kids when he's drunk").others_hurt == "kids"
    assert read_message("she's mean to me about it").others_hurt is None
    line, key = reflect(Situation(relationship="parent", word="dad", others_hurt="mum"), new={"others_hurt"}, topic=None, used=())
    assert key == "others_hurt.0" and "your mum gets the worst of it" in line
    same, _ = reflect(Situation(relationship="parent", word="mum", others_hurt="mum"), new={"others_hurt"}, topic=None, used=())
    assert same is None or "mum gets the worst" not in same  # not when the one on the receiving end is the loved one


def test_whether_arguing_with_them_is_any_use_asks_about_their_no() -> None:
    # the classifier made it a request for support groups (conversation set, session 8)
    from actions.moves import read_move

    assert read_move("is there any point arguing the science with him", "find_support", None).topic == "why_resist"


@pytest.mark.parametrize(("text", "state"), [
    # a stranger's conversation: "is it my fault for moving away" got the general "thank you for telling me how this feels"
    ("is it my fault for moving away", "guilty"),
    ("is it my fault she drinks", "guilty"),
    ("she says its my fault", None),
    ("he feels guilty about it", None),
])
def test_guilt_asked_about_is_the_users(text: str, state: str | None) -> None:
    assert read_message(text).user_state == state


@pytest.mark.parametrize(("text", "concern"), [
    # blind set 22: a son sure the neighbours film him through the walls was read as no struggle at all
    ("my brother is convinced the people upstairs have put cameras in the walls", "psychosis"),
    ("she thinks the council are filming her through the smoke alarm", "psychosis"),
])
def test_a_belief_of_being_filmed_is_psychosis(text: str, concern: str) -> None:
    assert read_message(text).concern == concern


@pytest.mark.parametrize("text", ["should i just play along with it", "do i tell her it isn't real or go along with her story"])
def test_whether_to_argue_with_a_belief_asks_how_to_talk(text: str) -> None:
    assert topic_cue(text) == "bring_up"


@pytest.mark.parametrize("text", ["sorry, rant over", "ignore me, just needed to vent", "sorry for the essay, needed to get that out"])
def test_venting_is_met_as_a_feeling(text: str) -> None:
    assert read_move(text, "inform", "refusal").kind == "feeling"
    assert read_message(text).user_state == "venting"


def test_at_the_end_of_their_tether_is_the_users_tiredness() -> None:
    assert read_message("honestly i'm at my wits end with him").user_state == "exhausted"


@pytest.mark.parametrize("text", ["she seems a lot brighter these days, back at college", "he looks more like himself again"])
def test_looking_better_told_as_news_is_about_progress(text: str) -> None:
    assert topic_cue(text) == "progress"


@pytest.mark.parametrize(("text", "form"), [
    # blind set 22: his mood told as news was read as a joking deflection
    ("she's back to her old routine, laughing with her mates again", None),
    ("he seems ok, joking around", None),
    ("he just laughs whenever i bring up the counsellor", "emotional"),
    # a brush-off told: "not to make it a thing"
    ("she said it was nothing and not to make a big deal of it", "direct"),
])
def test_a_mood_told_is_no_refusal_but_a_brush_off_is(text: str, form: str | None) -> None:
    found = classify_resistance(text)
    assert (found.value if found else None) == form


@pytest.mark.parametrize(("text", "relationship"), [
    # blind sets 23 and 24, in words of our own
    ("my brothers girl got diagnosed last year and honestly it sounded just like my wife", "partner"),
    ("my dads girlfriend says hes drinking again", "parent"),  # the owner, when no one else is named
    ("hes forgot to pick the kids up again", None),
    ("she only eats at a mate's house now", None),
    ("my sister's new partner thinks im fussing", "sibling"),
    ("since grans funeral she barely speaks", None),
])
def test_who_is_meant_when_other_people_are_named(text: str, relationship: str | None) -> None:
    assert read_message(text).relationship == relationship


@pytest.mark.parametrize(("text", "concern"), [
    ("hes been hitting the bottle every night", "substance_use"),
    ("she couldnt breathe in the queue and thought she was dying, now she barely goes out", "anxiety"),
    ("he talks really fast and says hes starting three businesses, spending money he doesnt have", "psychosis"),
    ("she pushes her food around and says she already ate", "eating"),
    ("his memory is going, he forgot my sons name at christmas", "other"),
    ("they say psychiatrists just want to drug people", None),
    ("my mate was in a crash on the motorway and the other driver died, now he wont drive", "trauma"),
])
def test_struggles_told_by_their_signs(text: str, concern: str | None) -> None:
    assert read_message(text).concern == concern


@pytest.mark.parametrize(("text", "form"), [
    ("he reckons talking to a counsellor wont change anything", "intellectual"),
    ("she said she's fine and to stop going on at her", "direct"),
    ("he laughed and said im the one who needs a therapist", "direct"),
    ("she says at this age everyone forgets", "intellectual"),
])
def test_more_ways_a_no_is_told(text: str, form: str) -> None:
    found = classify_resistance(text)
    assert found is not None and found.value == form


def test_a_story_with_a_stray_maybe_tells_no_form_but_a_bare_maybe_does() -> None:
    assert read_message("since three weeks he sleeps maybe 2 hours a night", expecting_form=True).resistance_form is None
    assert read_message("he said maybe", expecting_form=True).resistance_form == "passive"


@pytest.mark.parametrize(("text", "topic"), [
    ("now shes asked me for 500 for the car. do i give it her", "enabling"),
    ("am i a bad sister for being this angry at her", "resentment"),
    ("should i still let the grandkids stay over at his", "boundaries"),
    ("what can i even do from so far away", "bring_up"),
    ("is there any point raising it again or do i just wait", "bring_up"),
    ("when is it the point where you call someone", "worried_about_safety"),
    ("is that a sign its getting worse?", "worried_about_safety"),
    ("is that an opening?", "progress"),
    ("how do i follow that up without scaring her off", "bring_up"),
])
def test_what_people_ask_in_their_own_words(text: str, topic: str) -> None:
    assert read_move(text, "inform", "refusal").topic == topic


@pytest.mark.parametrize(("text", "concern"), [
    # blind set 25, in words of our own
    ("since she retired she sleeps till noon and never answers texts", "depression"),
    ("he says the people next door are talking about him through the wall and hes put tin foil on the windows", "psychosis"),
    ("he flies off the handle over nothing, threw his phone at the telly last week", "anger"),
    ("shes at her desk till 2am every night and her eye has started twitching", "stress"),
])
def test_more_struggles_told_by_their_signs(text: str, concern: str) -> None:
    assert read_message(text).concern == concern


@pytest.mark.parametrize(("text", "form"), [
    ("she went mad and said im the one with the problem", "direct"),
    ("i said maybe see someone and she just burst into tears", "emotional"),  # the user's maybe is no passive no
])
def test_the_users_maybe_and_a_no_turned_back(text: str, form: str) -> None:
    found = classify_resistance(text)
    assert found is not None and found.value == form


@pytest.mark.parametrize(("text", "topic"), [
    ("he always says maybe. is that a no?", "why_resist"),
    ("is that unfair on him, making him pay rent", "boundaries"),
    ("i havent slept properly in weeks", "exhaustion"),
    ("he keeps saying hes a burden to us all", "worried_about_safety"),
    ("she doesnt want to be a burden on the nhs", None),
])
def test_what_set_25_asked(text: str, topic: str | None) -> None:
    move = read_move(text, "inform", None)
    assert (move.topic if move.kind in ("topic", "why_them") else None) == topic


def test_a_no_that_says_it_is_under_control_is_an_argument() -> None:
    found = classify_resistance("he said loads of people bet and its all under control")
    assert found is not None and found.value == "intellectual"


# Cues found by blind conversation set 26 (session 11), tested on wordings of our own.
@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("is it normal to feel this angry with my own mum, she's ill", "resentment"),
        ("how do i handle it when she blows up at me over nothing", "boundaries"),
        ("what should i do when he loses his temper at the dinner table", "boundaries"),
    ],
)
def test_the_users_anger_and_the_moment_they_kick_off(text: str, topic: str) -> None:
    assert topic_cue(text) == topic


def test_wondering_whether_backing_off_is_giving_up_is_not_exhaustion() -> None:
    assert topic_cue("do i leave it for a bit, or is that giving up on him") != "exhaustion"
    assert topic_cue("honestly i'm close to giving up on him") == "exhaustion"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("yeah. and i've been lying to his boss for him, said he had flu when he was hungover", False),
        ("ok so she did book it, then she cancelled the morning of because of work", False),
        ("ok thanks", True),
        ("yeah that makes sense", True),
    ],
)
def test_ok_or_yeah_opening_a_long_message_is_a_way_in_not_the_message(text: str, kind: bool) -> None:
    intent = "worried_enabling" if "lying" in text else "signs_of_progress" if "book" in text else "affirm"
    assert (read_move(text, intent, "refusal").kind == "ack") is kind


@pytest.mark.parametrize(
    "text",
    ["she says all her mates smoke way more than her", "he told me grief isn't something a counsellor can fix"],
)
def test_a_comparison_or_a_thing_no_one_fixes_is_an_intellectual_no(text: str) -> None:
    assert classify_resistance(text) is not None and classify_resistance(text).value == "intellectual"


@pytest.mark.parametrize(
    ("text", "kinds"),
    [("my brother's hooked on painkillers since his op", ["drugs"]), ("mum's on sleeping tablets in the daytime now", ["drugs"]),
     ("she's stoned every night", ["drugs"]), ("dad won't take his blood pressure tablets", [])],
)
def test_pills_named_as_a_habit_are_drugs(text: str, kinds: list[str]) -> None:
    assert struggle_kinds(text) == kinds


@pytest.mark.parametrize(
    ("text", "stop"),
    [
        ("actually no, sorry, i'm not ready for that yet", True),
        ("hmm i've changed my mind, can we just talk", True),
        ("i'm not ready to give up on you", False),
        ("he's not ready for that", False),
    ],
)
def test_backing_out_of_practice_just_asked_for_is_a_stop(text: str, stop: bool) -> None:
    from rasa.shared.nlu.training_data.message import Message

    from components.input_guard import promote_backing_out_of_practice

    ranking = [{"name": "deny", "confidence": 0.8}, {"name": "stop_roleplay", "confidence": 0.1}]
    message = Message(data={"text": text, "intent": ranking[0], "intent_ranking": ranking})
    promote_backing_out_of_practice(message)
    assert (message.get("intent")["name"] == "stop_roleplay") is stop


@pytest.mark.parametrize(
    ("text", "word"),
    [("since my dad passed away my mum won't leave the house", "mum"), ("my brother died in may and my sister's drinking", "sister"),
     ("ever since mum passed my dad drinks every night", "dad")],
)
def test_the_one_who_died_is_not_the_one_refusing(text: str, word: str) -> None:
    from kernel.lexicon import loved_one_mention

    mention = loved_one_mention(text)
    assert mention is not None and mention[1] == word


def test_whether_to_leave_it_is_whether_to_let_the_no_stand() -> None:
    move = read_move("my husband says give her space, she'll figure it out herself. is he right?", "why_they_resist", "refusal")
    assert (move.kind, move.topic) == ("topic", "refusal")
    assert read_move("should i keep lending him money?", "worried_enabling", "refusal").asked


@pytest.mark.parametrize(
    ("text", "violent"),
    [
        ("he threw a mug at the wall when i said the word counsellor", True),
        ("she put her fist through the bathroom door last week", True),
        ("he banged his fists on the table and walked out", True),
        ("he slams the door when i mention it", False),  # a way of saying no, told as such
        ("he kicked the ball at the window by accident", False),
        ("she smashed it at work this week", False),
    ],
)
def test_anger_that_lands_on_things_puts_safety_first(text: str, violent: bool) -> None:
    from actions.moves import violence_to_things

    assert violence_to_things(text) is violent
    if violent:
        assert topic_cue(text) == "worried_about_safety"


def test_thanks_and_a_break_for_tonight_is_a_thank_you_not_a_new_question() -> None:
    """Found holding a stranger's conversation (session 11): the boundaries advice came again after "thanks. i think i need
    a break from thinking about it tonight"."""
    assert read_move("thanks, i think i'll leave it there for today and get some sleep", "set_boundaries", "boundaries").kind == "ack"
    assert read_move("thanks but what if she asks again tomorrow", "how_to_bring_up_therapy", "boundaries").kind != "ack"


def test_thinking_she_knows_better_is_no_sign_of_progress() -> None:
    """Found holding a stranger's conversation (session 11): "she was a nurse for 40 years so she thinks she knows better"
    got the signs-of-progress advice."""
    assert read_move("he was a paramedic so he reckons he knows better", "signs_of_progress", "refusal").topic != "progress"
    assert read_move("he's been a bit better since the weekend", "signs_of_progress", "refusal").topic == "progress"


# Blind set 27 (tests/data/conversations/blind_set_27.yml): kinds of mistake its first run found, in our own words.
@pytest.mark.parametrize("text", [
    "can i try what id say to him? hes coming round to mums for sunday dinner",
    "lets practise, we'll both be at my nans on friday",
    "she ate at a mates last night",
    # blind set 30: who someone else is to the user, in brackets
    "her dad (my ex) says im overreacting and she looks fine. can i practise what to say to her?",
])
def test_a_relatives_place_names_no_loved_one(text: str) -> None:
    assert loved_one_mention(text) is None and find_relationship(text) is None


@pytest.mark.parametrize(("text", "form"), [
    ("i tried to say maybe a counsellor could help and she burst into tears, said i want to bin all her things", "emotional"),
    ("he told me 'i dont have a problem, end of, im not going to some meeting'", "direct"),
    ("when i mentioned a dietitian he went on a rant about how doctors dont know the first thing about training", "intellectual"),
    ("she says she knows all the therapy stuff already and its just paying someone to nod at you", "intellectual"),
    ("whenever i mention the doctor she goes 'ill mention it to the nurse' then laughs and changes the subject. she never mentions it",
     "passive"),
    # blind set 28: silence, a sarcastic bit and sobbing after the suggestion
    ("when i mentioned the gp she went mad at me and then didnt speak to me for a week", "emotional"),
    ("i suggested a counsellor and he did a bit about lying on a couch, everything's a joke with him", "emotional"),
    ("every time i bring up the support group he starts sobbing", "emotional"),
    # blind set 29: a lecture, tears on the phone, and the door shut
    ("i mentioned a psychologist and got a lecture, he says there's no evidence it beats going to church", "intellectual"),
    ("when i said the word counsellor she started shaking and crying and hung up", "emotional"),
    ("he told me to mind my own business", "direct"),
    # blind set 30: an answer for everything
    ("he reckons its not an addiction because he can go a week without, everyone in london does it, and rehab is a money racket. "
     "hes got an answer for everything", "intellectual"),
])
def test_more_ways_the_no_is_told(text: str, form: str) -> None:
    found = classify_resistance(text)
    assert found is not None and found.value == form


@pytest.mark.parametrize(("text", "concern"), [
    ("my cousin has been in bits since the factory closed, he stopped coming to the pub quiz", "depression"),
    ("since a bad call at work shes not herself, nightmares, she jumps out of her skin at the doorbell", "trauma"),
    ("my wife does all the night feeds and barely sleeps", "stress"),
    ("mum keeps telling the same story and last week she got lost driving home from the shops", "other"),
    ("hes been in bed most of the day since the breakup", "depression"),
    # blind set 30: pointless, low before the gaming, crowds, a soldier's startle with a drink on the side
    ("my best mate hasnt been right for about a year, doesnt come out anymore, just says everything's a bit pointless innit", "depression"),
    ("my son is 26 and still at home, hes been really low since he got made redundant in feb, just games all night", "depression"),
    ("my daughter hasnt left her apartment except for work in months, she says crowds make her physically sick", "anxiety"),
    ("my mate did two tours in afghanistan, since he got out he cant sleep, jumps out his skin at fireworks, drinks a bit", "trauma"),
    ("my dad hasnt been right since the stroke, keeps forgetting names", "other"),
    ("she's really low and drinking every night", "substance_use"),  # the low names the struggle only before a vaguer one
])
def test_more_struggles_in_everyday_words(text: str, concern: str) -> None:
    assert read_message(text).concern == concern


@pytest.mark.parametrize(("text", "kind", "topic"), [
    ("honestly i resent it. he wouldnt fly so we drove all night. is it awful to be angry at him", "feeling", None),
    ("so how do i say no to the money without losing her", "topic", "boundaries"),
    ("and if she shouts at me again?", "next_no", "refusal"),
    ("her friend mentioned a carers group and she didnt shut it down. is that something?", "topic", "progress"),
])
def test_what_these_ask_for(text: str, kind: str, topic: Optional[str]) -> None:
    move = read_move(text, "feel_resentful" if kind == "feeling" else "inform", "enabling")
    assert move.kind != "different" and (kind == "feeling" or (move.kind, move.topic) == (kind, topic)), move


def test_how_to_meet_the_no_just_told_is_marked() -> None:
    assert read_move("he says its a con. how do i argue with someone who did a psych degree", "nlu_fallback", None).answers_no
    assert not read_move("how do i bring it up with her", "how_to_bring_up_therapy", None).answers_no


# Blind set 28: kinds of mistake its first run found, in our own words.
def test_a_correction_names_the_one_after_it() -> None:
    picture = read_message("oops my daughter typed that bit. its my wife who wont eat properly, my daughter is fine")
    assert (picture.relationship, picture.correction) == ("partner", True)


@pytest.mark.parametrize(("text", "topic"), [
    ("am i a terrible son for wanting a weekend off from all this", "exhaustion"),
    ("i feel guilty for even thinking it but im so fed up of cleaning up after him", "resentment"),
    ("should i just ring the gp and book an appointment for her myself", "boundaries"),
])
def test_what_people_in_two_minds_ask(text: str, topic: str) -> None:
    assert topic_cue(text) == topic


@pytest.mark.parametrize(("text", "danger"), [
    ("he smashed a plate against the wall last night, not at me, never at me", False),
    ("you cant keep living like this love, you need to see someone", False),
    ("he threw the remote at me and now hes blocking the door", True),
])
def test_a_thing_thrown_and_a_line_pressed_on_them(text: str, danger: bool) -> None:
    from components.crisis_guard import grade_message

    level = grade_message(text, "they_refused_help", [])[0].level
    assert (level == "crisis") == danger, level


# Blind set 29: kinds of mistake its first run found, in our own words.
def test_a_baby_told_by_age_is_not_the_one_refusing() -> None:
    assert read_message("our daughter is 6 weeks old and my husband has stopped sleeping").relationship == "partner"
    assert read_message("my son is 8 months clean and still wont talk to anyone").relationship == "child"


@pytest.mark.parametrize(("text", "topic"), [
    ("he asked me to pick up a bottle on my way home and i did. was that wrong?", "enabling"),
    ("the anger is eating me up", "resentment"),
    ("what's the best thing i can do for him this next month", "support"),
    # blind set 30: a breath checked after an overdose, a lever, a line drawn, someone else paying, reassurance, a step
    ("he OD'd two years ago and ever since if he sleeps past noon i go in and check hes breathing. should i be doing more",
     "worried_about_safety"),
    ("my husband thinks we should take his wifi away until he books an appointment, is that fair", "boundaries"),
    ("should i tell him ill take the kids to my mums if he shouts again? or is that a threat", "boundaries"),
    ("is it ok to tell him i wont come round if he starts shouting", "boundaries"),
    ("mum keeps lending him money for 'rent' and im pretty sure its not rent. should i tell her to stop", "enabling"),
    ("how do i reassure her nobodys going to lock her up just for going to the gp", "bring_up"),
    ("ok well he did actually come on a walk with me and the dog yesterday and talked a bit about work", "progress"),
])
def test_what_these_ask_after_a_story(text: str, topic: str) -> None:
    assert topic_cue(text) == topic



# A review of session 12's safety fixes (figures of speech and "now" cues) found these; each is held here.
_STILL_DANGER_NOW = [
    "he says he will kill me now",
    "he found out, he said he'd kill me now",
    "it's my husband, he's killing me",
    "that's him at the door, he's killing me",
    "i think that he is killing me, he keeps putting something in my food",
    "help it's happening again, he's killing me",
    "the voices are telling him to jump off a bridge",
    "he keeps telling me to jump off a bridge and i think i will",
    "he said goodbye to the kids and said it's his last day",
    "he said his goodbyes and said it was his last day, he's not answering",
    "he said goodbye to me and said this is his last day on earth",
    "my daughter has taken an overdose at school, they've called an ambulance",
    "my son had a breakdown at college and is saying he wants to die",
    "he grabbed my daughter by the throat when she was leaving and she still has the marks",
    "should i ask him if he's self harming again? he's locked in the bathroom and there's blood on the floor",
    "the blister packs from the pharmacy are all empty",
    "i cant wake him for work, there's sick on the pillow and an empty bottle of vodka",
    "he's gone back in his room with the rope",
    "he went back in his car with a hose and the engine running",
    "she said kill me now and took the pills",
    "i cant keep living like this",
    "he threw a glass at me, not at the wall",
    "my husband is standing on the terrace railing and saying he will jump if i come near, kindly tell what to do",
    "ma sister's steamin an she's got the weans in the car, says she's drivin them tae her ex's",
    "my da's after pulling a knife on me, i'm in the car",
    "my father has drunk some poison i think, he is vomiting, what to do",
    "tonight he mixed his oxy with about half a bottle of rye and now he's snoring really loud and his face looks grey",
]
_STILL_NO_EMERGENCY = [
    "i'm so pissed at my husband, he never helps with the kids, i do all the driving",
    "he used to get drunk when the kids were small, so i did all the driving",
    "he was drunk at christmas. the kids are fine now. i'm driving up to see him tomorrow",
    "she said she'll jump at the chance to see a counsellor",
    "my son said he'll jump on a call with the counsellor tomorrow",
    "he says he'll jump in the shower",
    "mum said see you on the other side before her hip operation",
    "see you on the other side of christmas",
    "we sat on the railings at the seafront eating chips",
    "my husband drank half a bottle of wine every night this week and i want to talk to him about it",
    "dad took his painkillers for his back and is snoring in his chair",
    "kill me now, she's signed us up for a wellness retreat",
    "honestly caring for mum is killing me, haven't slept in a month",
    "my son told me to go jump off a cliff when i suggested counselling",
    "cant wake him for work, he sleeps through three alarms",
    "he said goodbye to everyone at work today, retiring after 40 years",
]


@pytest.mark.parametrize("text", _STILL_DANGER_NOW)
def test_figures_of_speech_never_hide_danger_now(text: str) -> None:
    from components.crisis_guard import grade_message

    assert grade_message(text, "they_refused_help", [])[0].level == "crisis"


@pytest.mark.parametrize("text", _STILL_NO_EMERGENCY)
def test_everyday_words_near_the_new_cues_are_no_emergency(text: str) -> None:
    from components.crisis_guard import grade_message

    assert grade_message(text, "they_refused_help", [])[0].level != "crisis"


def test_the_loved_ones_words_about_the_user_are_not_the_users_worry() -> None:
    """"she bursts into tears and says so you think im a terrible mother" tells her no; it asks nothing about limits."""
    assert topic_cue("every time i mention the health visitor he says so you think im a terrible dad and storms off") != "boundaries"
    assert topic_cue("am i a terrible daughter for setting limits") == "boundaries"


def test_what_to_say_when_they_ask_again_is_a_limit_after_enabling() -> None:
    assert read_move("ok so what do i tell him when he asks for money again", "how_to_bring_up_therapy", "enabling").topic == "boundaries"


def test_a_temper_told_is_the_struggle_not_how_the_no_showed_up() -> None:
    """Blind set 30: "hes never hit anyone but he slams doors" named no help ("anyone" after "hit" is no one to see), so
    the slamming is the temper, not a way of saying no."""
    text = "my husbands temper is getting worse. hes never hit anyone but he slams doors and cupboards and the kids go quiet"
    assert not mentions_help(text) and read_message(text).resistance_form is None
    assert mentions_help("he wont see anyone about it")


@pytest.mark.parametrize(("text", "not_topic"), [
    # review of session 13: the new cues are read after the safety cue, and no limit, step or reassurance hides danger
    ("how do i reassure her when she says she wants to kill herself", "bring_up"),
    ("is it ok to tell him i wont come round if he hits mum again", "boundaries"),
    ("he did actually go out last night but came back really quiet and shaky, should i be worried?", "progress"),
    ("he did actually text me back but it said he cant do this anymore", "progress"),
    ("is that a threat to his safety or am i overreacting", "boundaries"),
    ("i wish he did actually talk to me instead of shutting me out", "progress"),
    ("he has finally asked me for money again, third time this month", "progress"),
])
def test_a_limit_a_step_or_reassurance_never_hides_a_worry(text: str, not_topic: str) -> None:
    assert topic_cue(text) != not_topic


@pytest.mark.parametrize(("text", "relationship"), [
    ("his dad (my husband) drinks every night and refuses to see anyone", "partner"),  # who the loved one is, in brackets
    ("her mum (my wife) wont go to the gp about her panic attacks", "partner"),
    ("her dad (my ex) says im overreacting and she looks fine", None),  # someone else, speaking
])
def test_a_bracket_says_who_someone_is(text: str, relationship: Optional[str]) -> None:
    assert read_message(text).relationship == relationship


def test_a_no_told_unasked_is_not_thanked_for() -> None:
    """A stranger's conversation: "no, no violence or anything like that", told before we asked, got "Glad that's useful"."""
    from actions.respond import THANKED_ACKS, answer
    from tests.conftest import make_tracker

    reply, _ = answer(make_tracker("no, no violence or anything like that", "deny", slots={"relationship": "parent"}))
    assert len(THANKED_ACKS) == 2
    assert not reply.text.startswith(("Glad that's useful", "You're welcome")), reply.text
    thanked, _ = answer(make_tracker("ok thanks, thats helpful", "thank", slots={"relationship": "parent"}))
    assert thanked.text.startswith("Glad that's useful"), thanked.text


@pytest.mark.parametrize(("text", "concern", "guessed"), [
    # blind sets 32 and 33: a struggle told only by what the loved one does (the registry's `signs`), as a guess
    ("my husband is since march not going to work, he lay on sofa whole day and he say nothing has sense anymore", "depression", True),
    ("he say the neighbours put cameras in his flat and listen him through the wall. he put aluminium paper in all the windows",
     "psychosis", True),
    ("her husband ciarán was killed in a motorbike accident last october and she's not been right since", "grief", True),
    ("i think something's going on with his memory. he asked me the same question four times in one phone call", "other", True),
    ("she cuts everything into tiny pieces and moves it round the plate, goes to the gym twice a day", "eating", True),
    ("if we try going to the shops her chest goes tight, she goes white and shaky", "anxiety", True),
    ("he's on his laptop from 5am till midnight and grinds his teeth", "stress", True),
    ("my son (24) has stopped leaving his room except to eat. curtains shut, gaming till 5am", "depression", True),
    ("he checks the locks three or four times before bed and most nights he wakes up drenched and shaking", "trauma", True),
    # a word for it is no guess
    ("he had a proper panic attack in the kitchen last week", "anxiety", False),
    # and the signs don't take what is someone else's: eating stays eating
    ("my flatmate has basically stopped eating properly, skips meals, lost loads of weight", "eating", False),
])
def test_struggles_told_only_by_what_the_loved_one_does_are_guesses(text: str, concern: str, guessed: bool) -> None:
    picture = read_message(text)
    assert (picture.concern, picture.concern_guessed) == (concern, guessed)


def test_a_struggle_named_later_replaces_one_guessed_from_its_signs() -> None:
    from actions.respond import Memory, update_situation

    memory = Memory()
    slots: dict = {}
    for text in ("my flatmate hasnt left his room except for the toilet in like three weeks",
                 "oh and he had a proper panic attack in the kitchen last week, couldnt breathe"):
        values, _ = update_situation(slots, read_message(text), {}, memory, text)
        slots.update(values)
    assert slots["concern"] == "anxiety"


@pytest.mark.parametrize(("text", "relationship"), [
    ("we've been together 11 years and he's always liked a drink", "partner"),
    ("i've been with him since uni, we've got a mortgage and a dog together", "partner"),
    ("bloke i work with, we've been on the same crew 15 years, he's like a brother to me", "friend"),
    ("there's three holes in the plaster in my mum and dad's hallway now, all from my little brother", "sibling"),
    ("my brothers girl got diagnosed last year and honestly it sounded just like my wife", "partner"),
])
def test_who_it_is_told_without_the_usual_word(text: str, relationship: str) -> None:
    assert read_message(text).relationship == relationship


def test_a_sign_or_a_word_replaces_the_models_guess_and_a_word_confirms_a_sign() -> None:
    from dataclasses import replace

    from actions.respond import Memory, update_situation

    memory = Memory()
    slots: dict = {}
    steps = [
        (replace(read_message("her jeans were hanging off her at the station"), concern="substance_use", concern_guessed=True,
                 concern_by_model=True), "substance_use"),
        (read_message("she cuts everything into tiny pieces and moves it round the plate"), "eating"),
        (read_message("yes i think it's an eating disorder, her friend said so"), "eating"),
        (read_message("she had a few drinks at her cousin's party"), "eating"),  # confirmed in words: no longer a guess
    ]
    for picture, concern in steps:
        values, _ = update_situation(slots, picture, {}, memory)
        slots.update(values)
        assert slots["concern"] == concern


# A review of the registry's signs (2026-12-02) tried these: a sign about the user, or one that happens over a struggle
# named after it, does not take the place of that struggle.
@pytest.mark.parametrize(("text", "concern"), [
    ('I work crazy hours and my husband drinks every night', 'substance_use'),
    ("i keep the curtains closed so the neighbours don't see him drunk", 'substance_use'),
    ("he says he's a failure because he can't stop gambling", 'substance_use'),
    ('my husband threw things at the wall when he lost at poker', 'substance_use'),
    ('he slams the door every time i mention his drinking', 'substance_use'),
    ("i was attacked by him last year, he's my husband and he drinks", 'substance_use'),
    ("she was attacked by a dog as a kid, now she's depressed", 'depression'),
    ("she hears things through the wall from the neighbours, they argue a lot, she's depressed", 'depression'),
    ("he's got cameras in his house for security, he drinks every night", 'substance_use'),
    ("the police are after him for the fight, he's been drinking heavily", 'substance_use'),
    ("i rang his flat and no one was there, he's been drinking for days", 'substance_use'),
    ('i called round and nobody was there', 'none'),
    ('he was killed off in the show and my son cried, anyway my son drinks too much', 'substance_use'),
])
def test_a_sign_gives_way_where_it_is_the_users_or_happens_over_a_named_struggle(text: str, concern: str) -> None:
    assert (read_message(text).concern or "none") == concern


def test_going_quiet_is_emotional_however_it_is_said() -> None:
    # held as a stranger would (2026-12-02): "got very quiet" was not read, so "not crazy" made it a hard no
    text = "i told him maybe a psychologist can help and he got very quiet and then said he is not crazy, and went to his room"
    form = read_message(text, expecting_form=True).resistance_form
    assert form == "emotional"
