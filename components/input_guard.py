"""Messages that are not words we can help with: empty, emoji only, markup, code, huge, or not English.

Each gets its own kind reply (see ``utter_unclear_input`` and ``utter_english_only``) instead of a
guess. The crisis guard still runs after this one, so danger is caught even inside such a message.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import Optional

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from components.rule_component import RuleComponent
from kernel.lexicon import loved_one_mention
from kernel.vocabulary import ADDRESS, BACKING_OUT

MAX_CHARS = 2000
UNCLEAR = "unclear_input"
NON_ENGLISH = "non_english"

_MARKUP = re.compile(r"<\s*/?\s*[a-z][a-z0-9]*[^>]*>|javascript:|\bon(?:error|load|click)\s*=", re.I)
_CODE = re.compile(
    r"\b(?:drop|truncate|alter)\s+table\b|\bselect\b[^.?!]{1,80}\bfrom\b\s+\w+\s*(?:where|;|$)|\bunion\s+select\b|\binsert\s+into\b|;\s*--|"
    r"\bor\s+'?1'?\s*=\s*'?1\b|\bdelete\s+from\b",
    re.I,
)
_ENGLISH = set(
    "i you he she they we it my me your his her their our the a an and or but so to of in on at for with is are was "
    "were be been do does did not no yes this that what how why when who can could would should will just about "
    "him them us have has had don't won't can't i'm it's he's she's they're".split()
)
_FOREIGN = set(
    "que de la el los las y es por con para una un mi mis su sus pero muy está esta estoy tengo quiero no se lo le "
    "le les est pas je tu il elle et mon ma mes pour avec une dans sur qui ne ce cette suis veut "
    "ich du er sie und nicht mein meine ist das die der ein eine mit für auf zu wie was will "
    "eu você ele ela não é um uma meu minha com para isso muito "
    "il lo la di che non è un una mio mia per con sono ho "
    "ir hacer tiene quiere puedo ayuda hijo hija madre padre esposo esposa novio novia hermano hermana amigo amiga "
    "mari femme fils fille mère père frère soeur ami amie aide veux Mann Frau Sohn Tochter Mutter Vater Bruder Schwester".lower().split()
)


def input_problem(text: str) -> Optional[str]:
    """Why ``text`` can't be read as a message in English words, or None when it can."""
    stripped = text.strip()
    if not stripped:
        return "empty"
    if len(stripped) > MAX_CHARS:
        return "too_long"
    if not re.search(r"[^\W\d_]", stripped):
        return "no_words"
    if _MARKUP.search(stripped):
        return "markup"
    if _CODE.search(stripped):
        return "code"
    if re.search(r"[\u0400-\u04ff\u0600-\u06ff\u0900-\u097f\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]", stripped):
        return "not_english"
    words = re.findall(r"[^\W\d_]+(?:'[^\W\d_]+)?", stripped.lower())
    if len(words) >= 3:
        english = sum(w in _ENGLISH for w in words)
        foreign = sum(w in _FOREIGN and w not in _ENGLISH for w in words)
        if foreign >= 2 and foreign >= english:
            return "not_english"
    return None


# "ok so how would I push, gently": an acknowledgement in front of a question. The question is what was asked, so
# such a message is never a plain yes (after "is there violence or fear at home?" a yes means safety-first help).
# Only acknowledgements count: "yes, how do I stay safe?" stays a yes.
_ACKNOWLEDGED_QUESTION = re.compile(
    r"^\W*(?:ok(?:ay)?|k|sure|alright|all right|fine|cool|right)\b(?!.*\bwhy not\b).*"
    r"(?:\b(?:how (?:do|would|should|could|can|will|to|about)|what (?:do|should|could|would|can|if|about|else)|"
    r"why (?:would|does|do|is|won'?t|can'?t|did)|where (?:do|can|should)|when (?:do|should|is))\b|\?\s*$)",
    re.IGNORECASE,
)
AFFIRM = "affirm"


def _demote_unless(message: Message, intent: str, fits: Callable[[str], bool]) -> None:
    """A message the classifier called ``intent`` whose words don't fit it takes the next best intent."""
    if (message.get(INTENT) or {}).get("name") == intent and not fits(message.get(TEXT) or ""):
        _take_the_next_best(message, intent)


def demote_acknowledged_question(message: Message) -> None:
    """An acknowledgement followed by a question takes the best intent that isn't ``affirm``."""
    _demote_unless(message, AFFIRM, lambda text: not _ACKNOWLEDGED_QUESTION.search(text))


# A goodbye about the loved one says so in words of leaving: "my kids are noticing now too" is news, not a goodbye,
# whatever its n-grams look like. Only messages that mention someone are checked ("toodles" needs no farewell word).
_FAREWELL = re.compile(
    r"\b(?:bye+|goodbye|good ?night|night|nite|gn|see (?:you|ya|u)|cya|later[sz]?|take care|talk (?:soon|later|tomorrow|again)|"
    r"sign(?:ing)? off|log(?:ging)? (?:off|out)|gotta (?:go|run)|gtg|got to (?:go|run)|ha(?:ve|s) to (?:go|run)|need to (?:go|run|log)|"
    r"must go|i'?m off|be off|off (?:now|to bed)|head off|that'?s (?:all|it|me)|done for|me done|leave it (?:there|here|for now)|ttyl|"
    r"cheerio|ciao|adios|toodle\w*|farewell|until (?:next time|tomorrow)|speak soon|going now|go now|time to go|catch you|"
    r"another time|come back|check back|message again|closing|have a (?:good|nice|lovely) \w+|enjoy your)\b",
    re.IGNORECASE,
)
GOODBYE = "goodbye"


def demote_unsaid_goodbye(message: Message) -> None:
    """A ``goodbye`` with no word of farewell in it takes the next best intent, when it mentions someone or runs long
    ("jake, love, can i come in for a minute? im not here to have a go" ended a practice set-up as a goodbye)."""
    _demote_unless(message, GOODBYE, lambda text: bool(_FAREWELL.search(text)) or (not loved_one_mention(text)
                                                                                  and len(text.split()) <= 8))


# "Are you a bot?" names what we are: a bot, a person, something real or automated. "how much am i actually supposed
# to take on here" is not that question, whatever its n-grams look like.
_ABOUT_WHAT_WE_ARE = re.compile(
    r"\b(?:bot|robot|chat ?bot|human|person|people|real|ai|a\.i\.?|machine|computer|program|automated|algorithm|chatgpt|gpt|"
    r"therapist|counsell?or|someone|somebody|anyone|who (?:are|r) (?:you|u)|what (?:are|r) (?:you|u))\b",
    re.IGNORECASE,
)
BOT_CHALLENGE = "bot_challenge"


def demote_unasked_bot_challenge(message: Message) -> None:
    """A ``bot_challenge`` that asks nothing about what we are takes the next best intent."""
    _demote_unless(message, BOT_CHALLENGE, lambda text: bool(_ABOUT_WHAT_WE_ARE.search(text)))


GREET = "greet"


def demote_greeting_with_news(message: Message) -> None:
    """"hi need help with my sister": a hello that already says who it is about is answered for what it says."""
    _demote_unless(message, GREET, lambda text: not loved_one_mention(text))


# A hello that says only who it is about, or how they found us: "mornin. its about my mum", "Namaste ji, I am writing
# regarding my elder brother", "hiya found u on google". Still a greeting (action_greet welcomes it and asks about them),
# where "hi need help with my sister, she won't eat" is news.
_HELLO = re.compile(
    r"^\W*(?:hi+|hiya|hello|hallo|hey+|yo|morning|mornin'?|good (?:morning|afternoon|evening|day)|evening|afternoon|"
    r"dear (?:sir/madam|sir or madam|sir|madam|team|all)|to whom it may concern|namaste(?: ji)?|salaam|salam|hola|bonjour|"
    r"g'?day|howdy|greetings)\b", re.IGNORECASE)
_ONLY_CONTEXT = re.compile(
    r"^(?:[\s,.!]*(?:ji|there|all|folks|everyone|team|love)\b)?[\s,.!:-]*(?:(?:um+|so|ok|okay|well)[\s,]+)?(?:i'?m new here[\s,.]*)?"
    r"(?:(?:my english is not (?:so |very )?good(?: but i try)?|not sure how this works)[\s,.]*)?"
    r"(?:(?:i am|i'?m) \d{2}(?: years old)?(?: and)?[\s,]*)?"
    r"(?:it'?s|its|it is|is|this is|i am writing|i'?m writing|writing|i'?m here|here|i(?:'m| am) messaging|messaging)? ?"
    r"(?:about|regarding|concerning|re:?|it concerns|concerns) (?:my|our) (?:\w+ ){0,2}\w+(?: really| i guess| honestly)?[\s.!]*$|"
    r"^[\s,.!:-]*(?:i )?(?:found|saw) (?:you|u|this)\b[^.?!]{0,80}[\s.!]*(?:lol|haha)?[\s.!]*$", re.IGNORECASE)


# A first word that only asks whether this is the place: "i dont know if this is the right place", "not sure where to start".
_ONLY_UNSURE = re.compile(
    r"^\W*(?:(?:hi+|hiya|hello|hey+|um+|so|ok(?:ay)?|sorry)\W+)*(?:i )?(?:(?:do ?n'?t|dont|do not) know|not sure|unsure|wondering)"
    r"(?: (?:if|whether) (?:this is|i'?m in|i am in|i'?ve come to) the right (?:place|app|site|chat)| (?:where|how) to (?:start|begin)|"
    r" how this works| if (?:you|this) can help)\W*(?:(?:really|tbh|honestly|lol)\W*)?$|"
    r"^\W*(?:(?:hi+|hiya|hello|hey+)\W+)?(?:is this|am i in) the right (?:place|app|site|chat)\W*$", re.IGNORECASE)


def promote_greeting_with_context(message: Message) -> None:
    """A hello whose rest only says who it is about, or how they found us, is a greeting; so is a first word that only
    asks whether this is the right place."""
    text = message.get(TEXT) or ""
    if _ONLY_UNSURE.match(text):
        _make_sure(message, GREET)
        return
    hello = _HELLO.match(text)
    if not hello or len(text.split()) > 20 or not _ONLY_CONTEXT.search(text[hello.end():]):
        return
    _make_sure(message, GREET)


# Asking to practise in words the classifier hasn't met: "I wonder whether I might rehearse it with you", "can we have a
# go at it, i want to try bringing it up". A request (can we, let's, I'd like to...) with a word of practising.
_PRACTICE_REQUEST = re.compile(
    r"\b(?:can|could|may|might|shall) (?:we|i|you)\b[^.?!]{0,30}\b(?:rehears\w*|practi[sc]\w*|role ?play\w*|"
    r"have a go(?! at (?:him|her|them|my))|"
    r"try it (?:out )?on you|try (?:saying|asking|telling|out) (?:something|it|this|that|what i)|try what i'?d (?:say|tell)|"
    r"run (?:it|through it)(?! (?:again )?with)|play (?:him|her|them|my (?:mum|mom|dad|husband|wife|"
    r"partner|son|daughter|"
    r"brother|sister|friend|boyfriend|girlfriend|mate|nan|grandad|stepdad|stepmum)))\b|"
    # "let me try it. you be jack", "can we practise, you be mum": casting us as them asks to practise
    r"(?:^|[.,!?;]\s*)(?:ok(?:ay)? |now |right )?you be "
    r"(?!(?:careful|good|nice|safe|honest|kind|ok|okay|quiet|strong|brave|well|fine|sure|happy|there)\b)(?:him|her|them|my \w+|[a-z]+)\W*$|"
    r"\b(?:i(?:'d| would)? (?:like|love|want) to|i wonder (?:whether|if) i (?:might|could)|let'?s|lets|wanna)\s+(?:\w+ ){0,2}"
    r"(?:rehears\w*|practi[sc]e|role ?play|have a go at (?:it|saying|this)|try (?:it|this) out)\b",
    re.IGNORECASE,
)
_NOT_A_REHEARSAL = re.compile(
    r"\b(?:practi[sc]\w*|rehears\w*) (?:being|self|patience|patient|mindfulness|gratitude|meditation|yoga|piano|guitar|law|"
    r"medicine|nursing|"
    r"what i preach|breathing|calm|kindness|compassion|my (?!lines?\b|words?\b|opening\b))|\bhow to (?:practi[sc]e|rehearse)\b",
    re.IGNORECASE,
)
# Said to the loved one, mid-practice ("can we run through it again with the gp next week, mum?"): a line, not a request.
_SAID_TO_THEM = re.compile(rf"(?:^\s*|,\s*){ADDRESS}\s*[?.!]*\s*$|^\s*{ADDRESS}\s*,", re.IGNORECASE)
START_ROLEPLAY = "start_roleplay"


def promote_practice_request(message: Message) -> None:
    """A plain request to practise is ``start_roleplay`` whatever the classifier guessed (not a line said to them, and
    not crisis: the crisis guard comes after this and still decides). Already the classifier's guess, it is made sure:
    "can i have a go at saying it to him" at 0.39 beside how_to_bring_up_therapy at 0.36 went to the fallback."""
    text = message.get(TEXT) or ""
    intent = (message.get(INTENT) or {}).get("name")
    if (intent == "stop_roleplay" or not _PRACTICE_REQUEST.search(text) or _NOT_A_REHEARSAL.search(text)
            or _SAID_TO_THEM.search(text) or _PRACTICE_DECLINED.search(text)):
        return
    _make_sure(message, START_ROLEPLAY)


# Any word of practising: without one, a weak start_roleplay guess is not a request ("do i confront her with the bottles
# or pretend i didnt see" at 0.33 started a rehearsal).
_PRACTICE_WORD = re.compile(
    r"\b(?:practi[sc]\w*|rehears\w*|role ?play\w*|you be\b|be (?:him|her|them|my \w+)\b|play (?:him|her|them|my)\b|"
    r"pretend (?:to be|you'?re)|act (?:as|like) (?:him|her|them|my)\b|try (?:it|this|that|again|saying|out)\b|have a go\b|"
    r"run (?:it|through)\b|go again\b|another go\b|one more go\b|start over\b|from the (?:top|start)\b)", re.IGNORECASE)
WEAK_PRACTICE_GUESS = 0.5
# "nah i dont want to practise, just tell me one line": practising declined, whatever the classifier's confidence.
_PRACTICE_DECLINED = re.compile(
    r"\b(?:don'?t|dont|do not|doesn'?t|won'?t|wont|not|rather not|no|skip the|without) (?:really |even |wanna |want to |"
    r"need to |feel like |going to |gonna )?(?:practi[sc]\w*|rehears\w*|role ?play\w*)", re.IGNORECASE)


STOP_ROLEPLAY = "stop_roleplay"


def promote_backing_out_of_practice(message: Message) -> None:
    """Backing out of practising (kernel.vocabulary.BACKING_OUT): as stop_roleplay it ends a set-up (the stop action then
    answers the rest), and outside practice the stop action answers it as any message."""
    if BACKING_OUT.search(message.get(TEXT) or ""):
        _make_sure(message, STOP_ROLEPLAY)


def drop_a_weak_practice_guess(message: Message) -> None:
    """A start_roleplay guess gives way to the next when practising is declined, or when it is under WEAK_PRACTICE_GUESS
    with no word of practising in the message."""
    text = message.get(TEXT) or ""
    intent = message.get(INTENT) or {}
    if intent.get("name") != START_ROLEPLAY or text.startswith("/"):
        return
    weak = float(intent.get("confidence") or 0.0) < WEAK_PRACTICE_GUESS and not _PRACTICE_WORD.search(text)
    if _PRACTICE_DECLINED.search(text) or weak:
        _take_the_next_best(message, START_ROLEPLAY)


def _make_sure(message: Message, intent: str) -> None:
    """The message's intent is ``intent`` at confidence 1.0, ahead of the rest of the ranking."""
    ranking = [entry for entry in message.get(INTENT_RANKING_KEY) or [] if entry.get("name") != intent]
    promoted = {"name": intent, "confidence": 1.0}
    message.set(INTENT, promoted, add_to_output=True)
    message.set(INTENT_RANKING_KEY, [promoted, *ranking], add_to_output=True)


def _take_the_next_best(message: Message, intent: str) -> None:
    """The message's intent and ranking without ``intent``: the best of the others (none left: unchanged)."""
    others = [entry for entry in message.get(INTENT_RANKING_KEY) or [] if entry.get("name") != intent]
    if others:
        message.set(INTENT, others[0], add_to_output=True)
        message.set(INTENT_RANKING_KEY, others, add_to_output=True)


# A refusal told in a few words ("keeps cancelling", "he just says he's fine") is learnt as describe_refusal, which the
# dialogue treats as they_refused_help; outside, the contract names only they_refused_help. The classifier keeps the
# two apart (folding their examples together drew symptom stories with no refusal in them into they_refused_help), and
# the name is given here. The form's buttons send "/describe_refusal{...}", which never reaches this pipeline.
TOLD_REFUSAL, REFUSED = "describe_refusal", "they_refused_help"


def name_refusal_for_the_contract(message: Message) -> None:
    """A refusal told in a few words (`describe_refusal`) is `they_refused_help` under the contract. When either leads,
    the two are one answer: named `they_refused_help`, with their confidences added, so the fallback's ambiguity check
    doesn't see two close intents where there is one (0.47 and 0.47 sent "every time i say he needs proper help he says
    he can handle it himself" to the fallback)."""
    intent = message.get(INTENT) or {}
    if intent.get("name") not in (TOLD_REFUSAL, REFUSED):
        return
    ranking = message.get(INTENT_RANKING_KEY) or []
    both = sum(float(r.get("confidence") or 0.0) for r in ranking if r.get("name") in (TOLD_REFUSAL, REFUSED))
    named = {**intent, "name": REFUSED, "confidence": min(1.0, max(both, float(intent.get("confidence") or 0.0)))}
    message.set(INTENT, named, add_to_output=True)
    message.set(INTENT_RANKING_KEY, [named, *[r for r in ranking if r.get("name") not in (TOLD_REFUSAL, REFUSED)]], add_to_output=True)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class InputGuard(RuleComponent):

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            problem = input_problem(text)
            intent_name = (message.get(INTENT) or {}).get("name")
            if problem is None and intent_name != UNCLEAR:
                demote_acknowledged_question(message)
                demote_unsaid_goodbye(message)
                demote_unasked_bot_challenge(message)
                demote_greeting_with_news(message)
                promote_greeting_with_context(message)
                promote_practice_request(message)
                drop_a_weak_practice_guess(message)
                promote_backing_out_of_practice(message)
                name_refusal_for_the_contract(message)
                continue
            problem = problem or "unclear"
            forced = {"name": NON_ENGLISH if problem == "not_english" else UNCLEAR, "confidence": 1.0}
            message.set(INTENT, forced, add_to_output=True)
            message.set(INTENT_RANKING_KEY, [forced], add_to_output=True)
            entity = {"entity": "input_problem", "value": problem, "start": 0, "end": 0, "extractor": "InputGuard"}
            message.set(ENTITIES, [*message.get(ENTITIES, []), entity], add_to_output=True)
        return messages
