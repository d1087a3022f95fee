"""The crisis guard's two rule layers: spaCy matchers over lemmas, and the regular-expression net.

Recall on crisis is what matters most, so every crisis example in the training data and a set of fresh,
realistic messages (written for this test, not copied from data/nlu) must be caught. Messages that borrow
the words of danger ("dead tired", "this job is killing me") must not be.
"""
from __future__ import annotations

import time
from pathlib import Path

import pytest
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.loading import load_data
from rasa.shared.nlu.training_data.message import Message

from components.crisis_guard import CRISIS_CATEGORY_KEY, CrisisGuard, danger_category, speaks_of_danger
from components.crisis_matcher import danger_categories
from components.crisis_regex import regex_speaks_of_danger

NLU_DIR = Path(__file__).resolve().parent.parent / "data" / "nlu"

# Written for this test: danger to the user, to the loved one (means, overdose), abuse toward the user and
# emergencies happening now, with typos, texting spellings and indirect wording, in chat and in practice.
FRESH_CRISES = [
    "he said he would take his life, away from us all, and i believe him",
    # Danger to the user.
    "honestly I think everyone would be happier if I just wasn't around anymore",
    "i keep looking up ways to kill myself",
    "some days I just want to go to sleep and never wake up",
    "i've started giving my things away to friends",
    "I don't see any reason to keep living",
    "I'm so done, I want to end my life",
    "i feel like killing myself tbh",
    "I've been thinking about suicide every night this week",
    "life feels pointless and I don't want to be alive",
    "i wish i could just die in my sleep",
    "Tonight I'm going to take every pill in the house",
    "what's the least painful way to die",
    "i just want to stop existing",
    "i'm a burden to everyone and it'd be easier if i was gone",
    "im thinking of ending things for good",
    "no point going on anymore",
    "sometimes i think about driving off a cliff",
    "i've got the pills lined up on the table",
    "i've been self harming again",
    "I cut myself last night and it won't stop bleeding",
    "I burnt my arm with a lighter on purpose",
    "i keep hurting myself when it gets bad",
    "i hit myself until i bruise",
    # In the middle of a practice conversation.
    "sorry to break the practice but I really want to die right now",
    "can we stop the roleplay, i'm having thoughts of killing myself",
    # Danger to the loved one.
    "my wife told me she wants to kill herself",
    "my son said he doesn't want to live anymore",
    "my daughter has been cutting her arms",
    "My dad has a gun and keeps talking about ending it",
    "my brother overdosed on heroin last month and he's using again",
    "my girlfriend took a whole bottle of her antidepressants",
    "he swallowed a bunch of pills and now he's really sleepy",
    "my mum's been stockpiling her sleeping tablets",
    "my husband bought a rope and I'm frightened",
    "she posted a goodbye message on instagram",
    "my teenager searched how many paracetamol it takes to die",
    "my partner said he's going to drive his car into a tree",
    "my sister is threatening to jump off the balcony",
    "my friend has been talking about suicide a lot lately",
    "my dad tried to hang himself last year and he's talking like that again",
    "my boyfriend texted me saying goodbye forever and won't answer",
    "My son is saying he'd be better off dead",
    "she keeps saying nobody would miss her if she was gone",
    "my father has stopped eating and says he wants to die",
    "my husband od'd on his meds",
    "my wife tried to od again",
    # Violence or abuse toward the user.
    "my husband hits me when he's drunk",
    "he choked me during an argument last night",
    "my partner threatened to kill me if I leave",
    "she slapped me and pushed me down the stairs",
    "he won't let me leave the house or see my friends",
    "my boyfriend takes all my money and checks my phone",
    "he said if I tell anyone he'll hurt the kids",
    "I'm scared of my husband, he gets violent when he drinks",
    "she keeps punching me and I don't know what to do",
    "my dad beats me",
    "my partner forced me to have sex when I said no",
    "he grabbed me by the throat",
    "my ex keeps turning up at my house and threatening me",
    "he threatned to shoot me",
    # Emergencies now.
    "he has a knife and he's outside my door",
    "my mom isn't breathing, what do I do",
    "my son is unconscious and there's pills everywhere",
    "i'm on the bridge right now",
    "please help he's trying to break the door down",
    "she collapsed after taking something",
    "I'm locked in the bathroom and he's screaming he'll kill me",
    "should I call an ambulance? he took too many tablets",
    "my brother is standing on the roof saying he'll jump",
    # Typos, texting and indirect wording.
    "i wnat to kil myself",
    "im gona end it tonite",
    "dont want to b alive",
    "thinkin bout unaliving myself",
]

# The words of danger without the danger: hyperbole, negation, and ordinary talk about the loved one.
NOT_CRISES = [
    "I'm dying to know how to start this conversation",
    "honestly I'm dead tired after work",
    "this job is killing me",
    "I could kill for a coffee right now",
    "he'd never hurt a fly",
    "we ended the call on a bad note",
    "my back is killing me from sleeping on the couch",
    "I'm not suicidal, just exhausted and frustrated",
    "he has never hit me, he just shuts down",
    "she'd never hurt herself, she just refuses to talk",
    "the waiting is killing me",
    "I nearly died laughing when he said that",
    "I'm bored to death of having the same argument",
    "let's not jump to conclusions about why he won't go",
    "shoot me a message if you have more tips",
    "I've been cutting corners on self-care",
    "I need to hit the gym to clear my head",
    "that cake was to die for",
    "I've been killing time waiting for him to get home",
    "his drinking is killing our marriage",
    "the news about his diagnosis hit me hard",
    "it really hurts me that he won't open up",
    "he pushes me away whenever I bring up therapy",
    "I want to end this conversation for now",
    "I ended things with my ex years ago",
    "he's never been violent, he's just withdrawn",
    "she's not abusive, just very stubborn",
    "his substance abuse is what worries me",
    "my dad is a retired police officer and won't talk to anyone",
    "I'm worried sick about my son",
    "she overdoes it with the caffeine",
    "I feel like I'm drowning in paperwork",
    "I'd die for my kids, that's why this hurts so much",
    "if i move a carrier bag she cries and says im trying to take her life away from her",  # her hoard, her way of living
    "he beat me at chess again lol",
    "my phone died halfway through our chat",
    "he's a recovering addict and he's doing well",
    "I'm scared of her reaction if I bring it up",
    "I'm not going to let this kill our relationship",
    "he always said he'd rather die than see a shrink",
    "the heat is killing my plants",
    "I hung up on him yesterday",
    "we jumped at the chance to see a counselor",
    "he cut me some slack after the fight",
    "I'm so tired of fighting with him about therapy",
    "I don't want to live with him anymore if he won't get help",
    "he's not a danger to anyone, he's just sad",
    "she threatened to leave if I mention therapy again",
]


# Written while probing the rules for gaps after the lists above passed; the rules were widened for the
# ones that were missed (with general patterns, not these sentences), so these guard against regressions.
PROBED_CRISES = [
    "I can't do this anymore, I just want it all to stop",
    "i'm planning to end my life this weekend",
    "my mother keeps saying she'd be better off dead",
    'my son has been burning himself with cigarettes',
    "my husband is drunk and says he's going to shoot himself",
    "I found a suicide note in my daughter's room",
    'my wife overdosed and is in hospital',
    'my partner punched me in the face last night',
    'he strangled me until I passed out',
    'she threatens to kill herself every time I mention therapy',
    'im scared hes going to hurt me again',
    'my dad keeps a loaded gun by his bed and talks about dying',
    'help my friend took a load of pills and wont wake up',
    "my brother said he's going to jump in front of a train",
    'i want to die so badly',
    "she's hitting me right now",
    "I'm thinking about hanging myself",
    'my girlfriend slit her wrists',
    'I keep having thoughts of ending my own life',
    'he locked me in the house and took my phone',
    'my boyfriend raped me',
    'my son is threatening to kill us',
    'my teen has been self-harming for months',
    "i don't think i can stay alive much longer",
    "I can't stop crying and I want to kill myself during our practice",
    'my sister keeps talking about wanting to die',
    "my dad hasn't eaten in days and said he's ready to give up on life",
    'i took 20 tablets an hour ago',
    'he pulled a knife on me',
    "I'm hiding in my car because he's going to hurt me",
    'she said she has pills saved up to end it',
    'he kicked me in the stomach while I was pregnant',
    'every day I think about killing myself',
    'I want to die, please help',
    'my mum said she wishes she was dead',
    'im going to jump off the bridge',
    'my husband tried to strangle me',
    'i slit my wrist',
    'my partner has been beating me for years',
    "my son cut himself badly and won't let me see",
    "he said he'd kill me and the kids",
    'i want to end it all tonight',
    'my brother attempted suicide last week',
    "i've been starving myself to punish myself",
    'my husband is holding a knife to his own throat',
    'my wife has locked herself in the bathroom with a razor',
    "he says he's going to end everything tonight",
    'my son is drinking bleach',
    'my daughter told her friend she plans to jump',
    'my mom took all of her sleeping pills',
    'dad left a letter saying sorry and now his phone is off',
    'my partner has been hoarding his painkillers',
    'my brother has a rope in his car',
    'my husband threatened me with a hammer',
    "she throws things at me when she's angry",
    'he says he will kill me if I ever leave him',
    "I'm terrified he'll find me",
    'my ex broke into my flat last night',
    'my boyfriend shoved me into a wall',
    'he keeps strangling me during fights',
    'my father sexually abused me',
    'he keeps hitting our kids',
    "my son punched his fist through a window and there's blood everywhere",
    "she's not responding and her lips are blue",
    'he is having a seizure',
    'my wife is threatening suicide',
    'i cant live like this anymore',
    "there's no way out for me",
    "honestly i'd be better off not existing",
    "i'm going to kill myself if he leaves",
    'my life is worthless and i want to end it',
    "i'm so close to ending it",
    'i hate my life and want to die',
    'tbh i wanna die',
    'i want to disapear forever',
    "i've started self harming",
    "i'm burning myself with a lighter",
    "my son's been cutting himself again",
    "i'm scared my husband will kill himself",
    'my daughter attempted to take her own life',
    "my friend says she's going to take her life",
    "he said he's going to end his life",
    'My dad has been talking about killing himself',
    'she has bruises all over her arms from him',
    'he threatened to hurt my dog',
    'he spits on me and calls me worthless',
    'my wife has a gun pointed at me',
    'someone is trying to get into my house',
    "i'm afraid for my life",
    "he's outside with a bat",
    "help he's hurting me",
    "ok stepping out of the practice - my husband just said he's going to kill himself",
    'pause. my son just texted that he took a bunch of pills',
    'can we stop, i feel like i want to die',
    "I'm not okay, I keep thinking about ending my life",
    "i just can't see a way to keep going",
    "i don't want to be alive anymore honestly",
    "everything would be easier if i wasn't here",
    "i've been stockpiling my meds",
    "i'm sitting in my car with a hose",
    'my husband says the kids would be better off without him',
    'my dad has been saying goodbye to people',
    'she gave her cat to a neighbour and wrote a will',
    'my son has been searching for ways to die online',
    'my partner keeps saying he wants to sleep forever',
    'my wife is threatening to drive into the river',
    "my brother keeps a gun in his nightstand and he's really depressed",
    "she's been cutting herself with razors",
    'he hangs out at the bridge a lot and says he thinks about jumping',
    "my girlfriend said she doesn't want to wake up",
    'my mum overdosed on her insulin',
    'my boyfriend hit me so hard i blacked out',
    "he said i'd regret it if i leave, and he has a gun",
    "i'm afraid to go home tonight",
    "my husband controls everything, i can't see my family",
    'she threw a glass at me',
    'my dad beat my mom last night',
    'he keeps threatening to hurt himself if i leave',
    'i live with someone who hurts me',
    'he sometimes chokes me',
    'i just took all my pills',
    'i cut too deep',
    'im bleeding a lot',
    "he's unconscious after taking pills",
    "she isn't waking up",
    "i'm standing on the edge of a cliff",
    'my son has a noose in his room',
    'my husband is beating me',
    'he has me locked in the house',
    'i cant take it anymore i want to die',
    'i hate myself and want to die',
    "i'd rather be dead",
    'i wish i was never born',
    "i'm tired of being alive",
    "i'm thinking of killing myself tonight",
    "i don't deserve to live",
    "maybe it'd be better if i just disappeared",
    'my sister tried to kill herself yesterday',
    'my wife is talking about suicide again',
    # The same patterns, still danger next to those look-alikes.
    "my husband goes through my phone every night",
    "he pushed my son into the wall",
    "he shoved her into the wall",
    "she keeps saying she wants a way to not be around",
    "i heard her screaming and then the line went dead",
    "she has her pills and says she's going to take them all tonight",
]
PROBED_NOT_CRISES = [
    "I'm dying to see how this goes",
    'this heat is killing me',
    'my kids are killing me today',
    "I'd kill for a holiday",
    'we ended our session early',
    'he jumps at every chance to avoid it',
    "she's been cutting back on drinking",
    'that comment really hit home',
    "I'm not going to hurt him by pushing",
    "he's not abusive, I just want him to get help",
    "I'm so tired of this argument",
    'my knees are killing me',
    'he nearly killed it at the talent show',
    "I'm dead set on getting him to a therapist",
    'he always shoots down my ideas',
    'my dad would never hurt anyone',
    "she doesn't want to go to therapy",
    'this whole thing is exhausting',
    'I died a little inside when he said no',
    "my son's grades are dying",
    'I feel stuck and frustrated',
    "he's been drinking a lot lately",
    'I need help talking to my husband about therapy',
    'can you help me figure out what to say',
    'she throws everything I say back at me',
    'I tried to get into the house but forgot my keys',
    "my son is so stubborn he would rather die than admit he's wrong",
    "my husband says therapy is for people who can't cope",
    'he shuts down and walks out when I bring it up',
    'my mum refuses to take her meds for her blood pressure',
    'he takes a lot of pills for his back pain',
    "i'm worried about my brother, he's been drinking heavily",
    "my wife says she's fine but she's not sleeping",
    'my teen is angry all the time and slams doors',
    "my daughter won't talk to me",
    "he'd rather suffer in silence",
    "i'm scared he'll never get better",
    "I'm scared of losing him",
    'she cried when I mentioned counselling',
    'he got defensive and said I was attacking him',
    "it hurt my son when his dad didn't show up",
    "I feel like I'm failing him",
    "my partner says she's too busy for therapy",
    'he told me to stop nagging him about it',
    'I want to end the practice now',
    'can we stop the role play',
    "let's end it here for today",
    'I think I killed it in that practice round',
    "my friend's anxiety is through the roof",
    "my dad's blood pressure is through the roof",
    'he hit the roof when I suggested a therapist',
    'the doctor said his liver is shot',
    'he always wants to hang out with his friends instead',
    "she's cutting out sugar to feel better",
    "i shot him a text but he didn't reply",
    'his temper scares me sometimes',
    'we had a fight and he stormed off',
    "i'm drowning in guilt",
    "I don't keep going on about it, I promise",
    "I can't keep on top of everything",
    'what have I done to myself, I should have set boundaries earlier',
    'he deserves to live a happier life',
    "she'd rather be alone than see a counselor",
    'he keeps the garden hose in the car',
    'I feel like giving up on getting him to therapy',
    'my son has scars from a bike accident',
    'he has me wrapped around his finger',
    'my wife feels like a failure',
    'his car is at the garage being fixed',
    'he wrote a note to his boss',
    'my mum found my old diary and read it',
    "I'm so done with this conversation",
    "he said he'd think about it",
    "she doesn't see the point of therapy",
    "he doesn't see any point in talking to a stranger",
    "my husband doesn't see a future in counselling",
    "i don't see a way to bring it up",
    "he says there's no point in therapy",
    'my daughter thinks therapy is pointless',
    "he's been hitting the bottle again",
    'the kids are driving me up the wall',
    'she blew up at me again',
    "I'm at the end of my rope",
    'he took my advice for once',
    'he took a couple of ibuprofen for his headache',
    'he takes his pills every morning',
    'my dad is dying of cancer and refuses counselling',
    "I'm scared of my dad's reaction",
    "I'm scared of my mum finding out",
    "I'm afraid of saying the wrong thing",
    "she's afraid of therapists",
    "he's terrified of being judged",
    # Look-alikes of patterns added after the second blind set (the user's own phone, pushing in words, a rooftop bar).
    "let me look through my messages and find what she said",
    "did you read my message properly?",
    "every time i bring it up i push my daughter further away",
    "i keep hitting him with facts about drinking and it doesn't work",
    "i feel like i'm shoving him into rehab",
    "we were at a rooftop bar when i brought it up",
    "i need a way to not be around when he's drinking",
    "his drinking is really hurting our family right now",
    "i heard her screaming at the telly and then it went quiet",
    "he refuses his meds, says he won't take them all, just the one",
]
# Deliberately left a crisis: the same words are a real threat or a means as often as not.
AMBIGUOUS_KEPT_AS_CRISIS = [
    "my mum will kill me if I'm late",
    "my brother is a gun enthusiast",
    # how abuse is often first told; only a light word beside it ("lol", "he's so private") makes it a figure of speech
    "my husband will kill me if he finds out i'm talking to you",
    "he'd kill me if he knew i told you about the bruises",
]


def _examples() -> tuple[list[str], list[str]]:
    data = load_data(str(NLU_DIR))
    crisis = [m.get(TEXT) for m in data.intent_examples if m.get(INTENT) == "crisis"]
    # Questions about how to help (worried_about_safety) and doubts after a crisis reply name danger on purpose;
    # the guard grades them (components/crisis_grade.py, tests/test_safety_grading.py), so they are not counted here.
    other = [m.get(TEXT) for m in data.intent_examples if m.get(INTENT) not in ("crisis", "worried_about_safety", "crisis_doubt")]
    return crisis, other


CRISIS_EXAMPLES, OTHER_EXAMPLES = _examples()


def test_every_crisis_example_in_the_training_data_is_caught(capsys: pytest.CaptureFixture[str]) -> None:
    missed = [t for t in CRISIS_EXAMPLES if not speaks_of_danger(t)]
    by_spacy = sum(bool(danger_categories(t)) for t in CRISIS_EXAMPLES)
    with capsys.disabled():
        print(f"\ncrisis examples: {len(CRISIS_EXAMPLES)}; caught by the guard {len(CRISIS_EXAMPLES) - len(missed)}, "
              f"by the spaCy layer alone {by_spacy}")
    assert len(CRISIS_EXAMPLES) > 800
    assert missed == []


@pytest.mark.parametrize("message", FRESH_CRISES + PROBED_CRISES + AMBIGUOUS_KEPT_AS_CRISIS)
def test_a_realistic_crisis_message_is_caught(message: str) -> None:
    assert speaks_of_danger(message)


@pytest.mark.parametrize("message", NOT_CRISES + PROBED_NOT_CRISES)
def test_crisis_sounding_words_without_danger_are_not_a_crisis(message: str) -> None:
    assert danger_category(message) is None


def test_the_fresh_lists_are_big_enough_and_not_copied_from_the_training_data() -> None:
    assert len(FRESH_CRISES) >= 60 and len(NOT_CRISES) >= 40
    known = {t.lower() for t in CRISIS_EXAMPLES + OTHER_EXAMPLES}
    assert not [m for m in FRESH_CRISES + NOT_CRISES + PROBED_CRISES + PROBED_NOT_CRISES if m.lower() in known]


# Non-crisis training examples the regular-expression net alone flagged before the spaCy layer existed.
FALSE_POSITIVES_BEFORE = 1


def test_false_positives_on_other_intents_do_not_go_up(capsys: pytest.CaptureFixture[str]) -> None:
    flagged = [t for t in OTHER_EXAMPLES if speaks_of_danger(t)]
    by_spacy = [t for t in OTHER_EXAMPLES if danger_categories(t)]
    with capsys.disabled():
        print(f"\nnon-crisis examples: {len(OTHER_EXAMPLES)}; flagged by the guard {len(flagged)}, by the spaCy layer {len(by_spacy)}")
    assert len(flagged) <= FALSE_POSITIVES_BEFORE


@pytest.mark.parametrize(
    ("message", "category"),
    [
        ("I want to kill myself", "SUICIDE"),
        ("I've been cutting my arms again", "SELF_HARM"),
        ("my son says he wants to kill himself", "LOVED_ONE_DANGER"),
        ("she took a handful of pills", "MEANS_OVERDOSE"),
        ("my husband hits me", "VIOLENCE_ABUSE"),
        ("he's not breathing", "IMMEDIATE_DANGER"),
        ("he never hit me but he threatens to", "VIOLENCE_ABUSE"),
        ("I'm dead tired and I want to die", "SUICIDE"),
    ],
)
def test_a_crisis_is_named_by_its_most_urgent_category(message: str, category: str) -> None:
    assert danger_category(message) == category


@pytest.mark.parametrize(
    "message",
    ["I'm not suicidal", "he has never hit me", "she'd never hurt herself", "I would never kill myself",
     "he's not going to hurt himself", "she has no plan to harm herself"],
)
def test_a_negated_danger_is_not_a_crisis(message: str) -> None:
    assert danger_categories(message) == []


@pytest.mark.parametrize(
    "message",
    [
        "I don't want to live",
        "not sure I want to live anymore",
        "he never hit me but he threatens to",
        "I'm not going to kill myself, I'm going to take all my pills",
        "I don't want to hurt myself but I keep doing it",
        "he hit me not once but twice",
        # "not to" is an effort or a plea against the danger, not its absence ("to" is a filler only after "going" etc.).
        "honestly i'm struggling not to kill myself",
        "we pleaded with her not to hurt herself and she locked the door",
    ],
)
def test_negation_cancels_only_what_it_negates(message: str) -> None:
    assert danger_categories(message)


def test_hyperbole_cancels_only_its_own_words() -> None:
    assert danger_categories("this job is killing me") == []
    assert danger_categories("this job is killing me and I want to kill myself") == ["SUICIDE"]


@pytest.mark.parametrize(
    "message",
    [
        # Wanting it all to stop, said after "i don't want to die", is still wanting not to be here.
        "I don't want to die, I just want it all to stop",
        "i don't want to die, i just want to disappear",
        "i don't want to die, i just want out",
        "i don't want to die i just want to not exist for a while",
        # A denial that certainty or a deed overturns in the same sentence.
        "I'm not worried he'll kill himself, I know he will",
        "i'm not scared she'll kill herself, she already tried last night",
    ],
)
def test_a_denied_danger_figure_swallows_no_crisis_said_with_it(message: str) -> None:
    assert speaks_of_danger(message)


@pytest.mark.parametrize(
    "message",
    [
        "I don't want to die, I want to sleep for a week and have someone else deal with him for once",
        "I'm not worried he'll hurt himself, he's not like that. I'm worried he'll lose his job.",
    ],
)
def test_a_rest_wanted_or_a_danger_denied_is_not_a_crisis(message: str) -> None:
    assert danger_category(message) is None


@pytest.mark.parametrize(
    "message",
    [
        # Ordinary talk that the fifth blind set's new patterns took for danger.
        "still no sign of him coming round to the idea of counselling",
        "she finally bought the tablets the GP prescribed but won't take them",
        "I'm so exhausted looking after him I can't keep my eyes open at work",
        "we picked the 14th for the family meeting because we didn't want to spoil her birthday",
        "getting the train would be quick, the clinic is right by the station",
        "the clinic is just over the bridge so it would be easy for him to walk there",
        "he gave me one last hug before he went back to uni",
    ],
)
def test_ordinary_talk_near_the_new_danger_patterns_is_not_a_crisis(message: str) -> None:
    assert danger_category(message) is None


def test_inflections_and_misspellings_reach_the_same_lemma() -> None:
    for message in ["she overdosed", "she's overdosing", "she od'd", "she ODed"]:
        assert danger_categories(message) == ["MEANS_OVERDOSE"], message
    assert danger_categories("he's been threatning me") == ["VIOLENCE_ABUSE"]
    for message in ["I wish I was gone", "I'm done with life", "my son is on the train tracks", "he took loads of pills"]:
        assert danger_categories(message), message


def test_the_guard_sets_the_crisis_intent_and_category_but_leaves_other_messages_alone() -> None:
    guard = CrisisGuard()
    ranking = [{"name": "greet", "confidence": 0.9}, {"name": "crisis", "confidence": 0.05}]
    danger = Message(data={TEXT: "my husband hits me", INTENT: ranking[0], INTENT_RANKING_KEY: ranking})
    calm = Message(data={TEXT: "I'm dead tired", INTENT: ranking[0], INTENT_RANKING_KEY: ranking})
    guard.process([danger, calm])
    assert danger.get(INTENT)["name"] == "crisis" and danger.get(CRISIS_CATEGORY_KEY) == "VIOLENCE_ABUSE"
    assert CRISIS_CATEGORY_KEY in danger.as_dict(only_output_properties=True)
    assert calm.get(INTENT)["name"] == "greet" and calm.get(CRISIS_CATEGORY_KEY) is None


def test_the_guard_takes_well_under_a_millisecond_per_message(capsys: pytest.CaptureFixture[str]) -> None:
    texts = CRISIS_EXAMPLES + OTHER_EXAMPLES
    start = time.perf_counter()
    for text in texts:
        speaks_of_danger(text)
    per_message = (time.perf_counter() - start) / len(texts)
    with capsys.disabled():
        print(f"\nguard: {per_message * 1e6:.0f} µs per message over {len(texts)} training examples")
    # Typically about 0.3 ms; the bound leaves room for a shared, busy machine.
    assert per_message < 0.002


def test_the_regex_net_still_stands_on_its_own() -> None:
    assert regex_speaks_of_danger("i wnt to die honestly")
    assert not regex_speaks_of_danger("I'm dead tired")


def test_patterns_are_written_in_base_forms_so_that_they_can_match() -> None:
    # The lemma table turns "gone" into "go" before matching, so a pattern word "gone" would never match.
    from components.crisis_lexicon import DANGER
    from components.crisis_matcher import _LEMMA_OF, _options

    inflected = {
        word
        for patterns in DANGER.values()
        for pattern in patterns
        for spec in pattern.lstrip("+").split()
        if spec[0] not in "=!_"
        for option in _options(spec.rstrip("?"))
        for word in option.split("+")
        if _LEMMA_OF.get(word, word) != word
    }
    assert inflected == set()


@pytest.mark.parametrize(
    "text",
    [
        "my brother had a heart scare, now he checks his pulse constantly and has been to A&E 4 times since",
        "sorry for being a dick earlier. im just fried",
        "she had a proper panic attack, couldnt breathe, shaking, and her chest goes tight just thinking about going out",
    ],
)
def test_the_twelfth_blind_sets_false_alarms_are_not_danger(text: str) -> None:
    """Ordinary talk a blind writer wrote that set the emergency script off (2026-11-30): visits to A&E counted, an
    apology, a panic attack told afterwards."""
    from components.crisis_grade import acute
    from components.crisis_guard import danger_category

    assert danger_category(text) is None and not acute(text)


@pytest.mark.parametrize("text", ["im sorry for being a burden to everyone", "my dad is clutching his chest and hes gone grey"])
def test_the_danger_beside_those_false_alarms_is_still_seen(text: str) -> None:
    from components.crisis_grade import acute
    from components.crisis_guard import danger_category

    assert danger_category(text) is not None or acute(text)


def test_a_belief_that_medicine_is_poison_is_no_poisoning_and_a_poisoning_still_is() -> None:
    from components.crisis_guard import grade_message

    crisis = [{"name": "crisis", "confidence": 1.0}]
    belief = "she's stopped her thyroid meds and her antidepressants because they told her western medicine is poison"
    assert grade_message(belief, "crisis", crisis)[0].level == "none"
    assert grade_message("she drank the weedkiller, it is poison", "crisis", crisis)[0].level == "crisis"


@pytest.mark.parametrize("text", [
    # blind set 23: "my friend is burning himself out and won't listen to anyone" got the full emergency reply
    "my friend is burning himself out and won't listen to anyone",
    "honestly im burning myself out looking after everyone",
    "since the divorce he's cut himself off from all of us",
])
def test_burning_out_or_cutting_yourself_off_is_no_self_harm(text: str) -> None:
    from components.crisis_grade import acute
    from components.crisis_guard import danger_category

    assert danger_category(text) is None and not acute(text)


@pytest.mark.parametrize("text", ["he burned himself with a lighter on purpose", "she cut herself again last night"])
def test_self_harm_told_plainly_is_still_danger(text: str) -> None:
    from components.crisis_guard import danger_category

    assert danger_category(text) is not None
