# ruff: noqa: E501  (long regular-expression alternations read better unbroken)
"""Graded safety: is the danger happening now, long past or second-hand, or is the user asking how to help?

The danger rules (components/crisis_matcher.py and crisis_regex.py) say *whether* a message speaks of
danger. This module says *what kind of answer fits*:

- ``crisis``: danger now. The crisis reply by category (loved_one_at_risk, overdose, user_harmed,
  user_at_risk, general).
- ``past``: danger that is over, or someone else's (years ago, a film, the news). A short safety note
  beside the normal answer, never the emergency script.
- ``asking``: a question about how to help (warning signs, asking directly, means safety, what to say
  on the phone), or, in practice, the user asking the loved one directly about suicide
  (``asking_directly``).
- ``none``.

When unsure, it says crisis: a past or asking cue only lowers the level when nothing says "now".
All of it is regular expressions and a small deletion index (misspelt danger words), so it costs well
under a millisecond a message.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from components.crisis_regex import DENIED_HARM, RATHER_DIE_THAN, WANTS_A_REST

CRISIS = "crisis"
PAST = "past"
ASKING = "asking"
NONE = "none"

LOVED_ONE_AT_RISK = "loved_one_at_risk"
OVERDOSE = "overdose"
USER_HARMED = "user_harmed"
USER_AT_RISK = "user_at_risk"
GENERAL = "general"
CATEGORIES = (LOVED_ONE_AT_RISK, OVERDOSE, USER_HARMED, USER_AT_RISK, GENERAL)


@dataclass(frozen=True)
class SafetyGrade:
    level: str
    category: Optional[str] = None
    # The user, in practice, asks the loved one directly about suicide or self-harm.
    asking_directly: bool = False

    def as_dict(self) -> dict[str, object]:
        return {"level": self.level, "category": self.category, "asking_directly": self.asking_directly}


# "od'd", and "odd" typed for it after someone ("she odd on heroin", "my mate odd at the party"), not "the odd mug",
# "acting odd again".
_ODD = (r"od'd|(?:(?<=she )|(?<=he )|(?<=they )|(?<=mate )|(?<=has )|(?<=have )|(?<=just )|(?<=son )|(?<=daughter )|(?<=brother )|"
        r"(?<=sister )|(?<=friend )|(?<=had ))odd(?! (?:mug|one|jobs?|things?|bit|socks|way|times?|moment|days?|looks?|feeling|"
        r"person|man|woman|guy|number|again|this|since|lately|recently|behaviou?r|sometimes|at times))")


def _rx(*parts: str) -> re.Pattern[str]:
    # Case-sensitive on purpose: callers lower-case the text once, which is faster than re.I on every pattern.
    return re.compile("|".join(parts))


# --- Misspelt danger words --------------------------------------------------------------------------------
# Long words only, whose near neighbours are not ordinary English: one edit up to 9 letters, two from 10.
_FUZZY_TARGETS = (
    "suicide suicidal suicides overdose overdosed overdosing overdoses unconscious unresponsive paracetamol "
    "acetaminophen naloxone fentanyl painkillers antidepressants ibuprofen strangled strangling himself herself "
    "myself themselves yourself selfharm breathing threatened threatening poisoning"
).split()


# Ordinary words one edit from a danger word ("she overdoes it with the caffeine").
_ENGLISH_NEIGHBOURS = frozenset("overdoes overdone overdoing overdo mysel breathing".split())


def _deletes(word: str, depth: int) -> set[str]:
    found = {word}
    frontier = {word}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1:] for w in frontier for i in range(len(w))}
        found |= frontier
    return found


@lru_cache(maxsize=1)
def _fuzzy_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for target in _FUZZY_TARGETS:
        for variant in _deletes(target, 2 if len(target) >= 10 else 1):
            index.setdefault(variant, target)
    return index


_WORD = re.compile(r"\b[a-z]{5,20}\b")  # longer "words" are never danger words, and would be slow to check


def _edit_distance(a: str, b: str) -> int:
    """Edits between two words, a swap of neighbouring letters counting as one ("himslef")."""
    rows = [list(range(len(b) + 1))]
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            row[j] = min(rows[i - 1][j] + 1, row[j - 1] + 1, rows[i - 1][j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], rows[i - 2][j - 2] + 1)
        rows.append(row)
    return rows[-1][-1]


def _correct(word: str) -> str:
    lower = word.lower()
    if len(lower) < 5 or lower in _FUZZY_TARGETS or lower in _ENGLISH_NEIGHBOURS:
        return word
    index = _fuzzy_index()
    # In a fixed order, the word itself first (a dropped letter, the commonest slip: "overdosd" is "overdosed", not
    # "overdose"): a set's order changes from one process to the next, and with it the word chosen on a tie.
    for variant in sorted(_deletes(lower, 2 if len(lower) >= 9 else 1), key=lambda v: (v != lower, -len(v), v)):
        target = index.get(variant)
        if target is not None and _edit_distance(lower, target) <= (2 if len(target) >= 10 else 1):
            return target
    return word


def corrected(text: str) -> str:
    """The text, lower-cased, with misspelt danger words spelt right ("sucide" -> "suicide")."""
    return _WORD.sub(lambda m: _correct(m.group(0)), text.lower().replace("\u2019", "'"))


# --- Cues -------------------------------------------------------------------------------------------------
# Something "just" done ("he just took", "she just texted"): now, unless the clause is a film's (_STORY_TIME).
_JUST_DID = (r"\bjust (?:told|said|texted|sent|found|took|rang|called|admitted|messaged|posted|came|hit|threatened|collapsed|od'?d|"
             r"overdosed|walked|left|swallowed|smashed|loaded)\b")
# A knife drawn on the user, and children driven by someone drunk (blind set 12): danger by themselves, and now.
_DANGER_DONE_NOW = (
    r"\b(?:pull(?:ed|ing|s)?|held|holding|waving|wave[ds]?) (?:a|the|his|her) knife (?:on|at|to) (?:me|us|my|mum|mom|dad|the kids)\b",
    # "she's steamin an she's got the weans in the car": in one sentence, the children in the car or being driven
    r"\b(?:drunk|steamin'?g?|hammered|wasted|off (?:his|her|their) (?:face|head)|out of (?:his|her) (?:face|head|mind))\b"
    r"(?<!\bused to get drunk)[^.?!]{0,60}\b(?:(?:got|has|put|putting|taking|took|with) (?:the |our |my |his |her )?(?:kids|weans|children|"
    r"bairns|baby|toddler|little ones?|wee ones?) in the car|driv\w* (?:them|the kids|the weans|the children|the baby|the bairns))\b",
)
# Danger happening as it is told (blind set 12): on the edge, a goodbye from a high place, poison swallowed. Each says
# now, so a layer that saw danger is not talked down by a question in the same message.
_POISON_TAKEN = (r"\b(?:drunk|drank|swallowed|taken|took|ate|eaten)\b[^.?!]{0,20}\b(?:poison|bleach|weedkiller|weed killer|"
                 r"pesticide|antifreeze|paraquat|rat poison|drain cleaner|muriatic acid|battery acid|caustic soda|kerosene)\b")
_HAPPENING = (
    # On the edge, told as it is: "standing on the terrace railing ... saying he will jump if i come near", "find my friends
    # has her at the top of the parking garage", "'see u on the other side'"
    r"\b(?:standing|sitting|stood|sat|climbed|climbing|perched) (?:on|onto|over|at) (?:the |a |his |her |their )?(?:\w+ )?"
    r"(?:railings?|ledge|parapet|edge of the (?:roof|bridge|cliff|building))\b",
    r"\b(?:says?|saying|said|threaten\w*)(?: that)? (?:he|she|they)(?:'ll| will| is going to| are going to|'s going to| gonna) jump\b"
    r"(?! (?:at|in|on|ship|through|into (?:a|the) (?:shower|pool|bath|car)|the queue|the gun))",
    r"\b(?:at|on) the top (?:floor |level )?of (?:the |a )?(?:parking (?:garage|structure|lot)|car ?park|multi-?stor(?:e)?y|bridge|cliff)\b",
    r"\bsee (?:u|you|ya) on the other side\b(?! of\b)",
    # poison swallowed: "my father has drunk some poison i think, he is vomiting" (nlu blind set 5)
    _POISON_TAKEN,
    *_DANGER_DONE_NOW,
)
# Danger happening now or very recently. Any of these keeps a message at crisis.
_NOW = _rx(
    *_HAPPENING,
    r"\bright now\b|\bjust now\b|\btonight\b|(?<!on the news )(?<!on the radio )(?<!on tv )(?<!on telly )(?<!on stream )\btoday\b|\bthis (?:morning|evening|afternoon|weekend)\b(?![^.?!]*\btrains?\b)",
    r"\blast night\b(?![^.?!]*\b(?:storyline|episode|film|show|documentary|special|stream|livestream|video|podcast)\b)(?<!on stream last night)|\byesterday\b|\bearlier\b|"
    r"\bat the moment\b|\bcurrently\b|\bas we speak\b",
    r"\bstill (?:bleeding|has (?:the|a|his|her)(?! scars?\b)|got (?:the|a)(?! scars?\b)|holding|won'?t (?:wake|answer|respond|open|come|pick up|stop|let)|not (?:breathing|answering|awake)|in the|on the|outside|raging)\b",
    r"\bhelp now\b|\bneed help\b|(?<!not saying it's )(?<!not saying its )\bhappening again\b|\bright away\b",
    r"\bon the phone (?:to|with) (?:911|999|000|112|the ambulance|emergency|the police|an ambulance)\b|"
    r"\bwhile i wait\b|\bwaiting for (?:the |an )?(?:ambulance|paramedics|police)\b",
    r"\bjust (?:got|come|came) (?:home|back|in)\b|\b(?:is|'s) still (?:here|in the house|outside)\b",
    # gone out to a place of danger: "has gone out to the cliff path in her dressing gown"
    r"\b(?:has|have|'s|is|just) (?:gone|went|walked|driven|headed|going) (?:out |off |down |up )?(?:to|towards|onto|on to) (?:the )?"
    r"(?:cliffs?|cliff path|cliff top|bridge|river|canal|sea|beach|tracks|railway|level crossing|station|quarry|motorway|multi-?storey)\b",
    # a body in trouble as it is told (blind set 13): "her eyes are closing", "she is coughing and there is blood", "she is
    # saying let me die"
    # (not "her eyes keep closing at the dinner table because of her new meds", "blood tests", "choking back tears")
    r"\b(?:his|her|their) eyes (?:are |'re |have )?(?:closing|rolling back|rolled back)\b(?! (?:at|because|over|from|when|with|in (?:class|"
    r"church|the)))|"
    r"\b(?:he|she|they)(?:'s| is| are|'re) (?:\w+ )?(?:coughing (?:up )?blood|vomiting blood|choking(?! back| on (?:her|his|their) words)|"
    r"gasping for (?:air|breath))\b|"
    r"\bthere(?:'s| is) blood\b(?! (?:in (?:his|her|their|the) (?:stool|urine|poo|pee|wee|sample)|tests?|pressure|sugar|results?|work|donor|"
    r"type|on the (?:sheet|tissue)))|"
    r"\b(?:is|'s) (?:saying|screaming|crying|begging)\b[^.?!]{0,10}\b(?:let (?:me|him|her) die|"
    r"(?:i|he|she) want(?:s)? to die|leave (?:me|him|her) to die)\b(?! (?:of|laughing|from))",
    # a body in trouble now: "now he is sweating and very confused"
    r"\bnow (?:he|she|they)(?:'s|'re| is| are)? (?:\w+ )?(?:sweating|confused?|shaking|drowsy|being sick|vomiting|throwing up|slurring|"
    r"clammy|pale|grey|gray|cold|floppy|out of it)\b",
    r"\b(?:an? |one |\d+ )?(?:hour|hr|min|minute)s? ago\b|\b(?:self[- ]?harm\w*|cutting|hit (?:me|us)|injected|od'?d) again\b",
    _JUST_DID,
    r"\band now (?:(?:he|she|they)(?:'s| is| are|'re)? (?:not|un\w+|passed|on|in|sitting|standing|locked|holding|won'?t|can'?t|isn'?t|gone|shaking|fitting|breathing|going|says|saying|outside|upstairs)|(?:his|her|their) (?:phone|location)|it'?s (?:silent|quiet))\b|\bnow (?:he|she|they)(?:'s|'re| is| are)? (?:not|un\w+|passed|on the|in the|sitting|standing|locked|holding|won'?t|can'?t|isn'?t|gone|shaking|fitting)\b",
    r"\bwon'?t (?:wake|answer|pick up|respond|open|come (?:back|out))\b|\bwont (?:wake|answer|pick up)\b|"
    r"\bnot (?:answering|responding|breathing|waking|picking up)\b|\bisn'?t answering\b",
    r"\b(?:don'?t|do not|dont) know what (?:to do|i'?m doing)\b(?![^.?!]*\b(?:if|when|ever)\b)|"
    r"\bfrightened\s*(?:[.!,]|and|$)|\bhelp me\b|\bplease help\b|\bi(?:'m| am) (?:hiding|locked)\b|"
    # not the reason for the worry told: "so you can see why i'm scared"
    r"(?<!see why )(?<!understand why )(?<!know why )\bi(?:'m| am) (?:so |really )?(?:scared|terrified)\s*(?:[.!]|$)",
    r"\b(?:he|she)'?s (?:here|upstairs|downstairs|back|outside|in the next room)\b|\bnext room\b|\boutside my\b",
    r"\b(?:search\w*|googl\w*|looked up|looking up|researching)\b",
    r"\b(?:he|she|they|hes|shes)(?:'s| is| are|'re)? (?:\w+ )?(?:slumped|unconscious|unresponsive|not breathing|barely breathing|hardly breathing|"
    r"turning blue|going blue|fitting|having a (?:fit|seizure)|not moving)\b|\blips (?:are|have|'ve|has|"
    r"is)\b[^.?!]{0,15}\b(?:blue|grey|gray|purple)\b",
)
# "What do I do?" says now, unless the message is about "if it ever happens".
_WHAT_DO_I_DO = _rx(r"\bwhat (?:do|should|can) i do\b(?! if| when| in case| with)|\bwhat to do,? (?:please|now|help)\b|\bwhat to do\W*$")
_HYPOTHETICAL = _rx(r"\bif (?:he|she|they|my \w+|someone|a person|i) (?:ever|says?|tells?|starts?|tries|does)\b|\bever\b|\bjust in case\b|\bwhat if\b")
# "She's fine now", "he's 34 now": a "now" that says the danger is over, checked before _NOW.
_OVER_NOW = _rx(
    r"\b(?:fine|well|ok|okay|safe|better|good|stable|sober|clean|great|happy|recovered|\d+|over it|out of it) now\b",
)
# Danger that is over, or someone else's (a film, the news, a friend of a friend).
_PAST = _rx(
    r"\b(?:\d+|a few|few|many|several|ten|twenty|two|three|five) (?:years?|yrs?|decades?) (?:ago|back|later)\b|"
    r"\byears ago\b|\blong (?:ago|time ago)\b",
    r"\blong in the past\b|\bback when\b|\bback in (?:the day|the (?:'?\d0s|sixties|seventies|eighties|nineties)|(?:19|20)\d\d|school|"
    r"college|uni|(?:my|his|her|their) (?:teens|twenties|thirties|school days|uni days|army days|youth)|those days|"
    r"january|february|march|april|may|june|july|august|september|october|november|december|spring|summer|autumn|winter)\b|\bwhen (?:i|he|she|we|they) (?:was|were)\b|\bas a (?:kid|child|teen|teenager)\b",
    r"\bin (?:19|20)\d\d\b|\bin the (?:\d0s|'\d0s|eighties|nineties)\b|\bin the \d0'?s\b|\bused to\b|(?<!at )\bonce\b(?!\s+(?:more|again))",
    r"\b(?:uncle|aunt|auntie|cousin|grandad|granddad|grandpa|granda|grampa|gramps|grandma|gran|nan|friend|neighbou?r|colleague|mate)(?: \w+)?'s "
    r"(?:suicide|overdose|death|attempt)\b|\bwhen (?:your|my|his|her|our|their) (?:granda|grandad|granddad|grandpa|grandma|gran|nan|uncle|"
    r"aunt|auntie|great[- ]\w+) (?:tried|attempted|took|died|was)\b",
    r"\blast (?:year|winter|summer|spring|autumn|fall|month|decade|christmas|easter|new year|halloween|thanksgiving|ramadan|diwali)\b|\bin (?:my|his|her|their) (?:teens|twenties|20s|30s)\b",
    r"\b(?:overdosed|od'?d|attempted|tried|cut|self[- ]harmed) (?:at|aged|when (?:i|he|she) was) \d\d?\b|"
    r"\b(?:i'?m|i am) \d\d now\b|\blong back\b|\byears back\b",
    r"\blost (?:a|my|our|his|her|their) (?:\w+ )?to (?:suicide|an overdose|drugs|drink)\b|\b(?:of|in) '\d\d\b",
    r"\b(?:lad|guy|girl|boy|kid|someone|somebody|a man|a woman) (?:from|at|in) (?:my|our|his|her) (?:school|class|year|street|estate|work|uni|village|church)\b",
    r"\b(?:attempt|overdose|breakdown)s? (?:from|during) (?:uni|university|college|school|(?:his|her|their) teens)\b|"
    r"\bin year \d+\b|\bat uni\b|\bin (?:high )?school\b|\bin college\b|\bwhen i was (?:little|young|a kid|small|\d+)\b",
    r"\bbefore (?:i|we) (?:was|were) born\b|\b(?:all )?long over\b|\bwhen we were (?:kids|little|young|children|small)\b|"
    r"\b(?:his|her|their|my) old (?:suicide )?attempt\b",
    r"\b(?:been|is|was|stayed|staying) (?:clean|sober|stable|well|fine|good|ok|okay|better|safe)\b(?! (?:at|this|earlier|an hour|until|till|before|when i|yesterday|last night|a minute))"
    r"|\bhasn'?t (?:since|in)\b|\b(?:dry|clean|sober) (?:since|for (?:\w+ )?(?:months|years))\b",
    r"\bsurvived\b|\bgot through\b|\bgot help\b|\brecovered\b|\bthat was\b|\bafter (?:his|her|my|their) (?:first|divorce)\b",
    # Second-hand: fiction, news, statistics, someone outside the family.
    r"\b(?:film|movie|tv show|series|episode|documentary|(?<!to )(?<!just )book(?! (?:the|an?|in|him|her|them|it|me|my|his|their|a)\b)|novel|character|news|article|podcast|story|singer|"
    r"celebrity|actor|footballer|rapper|influencer|youtuber|streamer|tiktoker|interview|song|statistics?|headline|reasons why)\b",
    r"\bwatched\b|\bheard about\b|\bread (?:a|an|that|about)\b|\bsupport group\b|\bcolleague\b|\bfriend of a friend\b",
    r"\b(?:guy|man|woman|girl|boy|someone|person) (?:at|from|in) (?:my|our|the) (?:work|office|school|town|group)\b",
    r"\bour (?:town|school|area)\b|\bthere was a suicide\b|\bmore likely\b|\bmy (?:best )?friend from school\b",
    r"\b(?:friend|cousin|neighbou?r|uncle|aunt|grandad|grandfather|grandma|gran|colleague)'?s? (?:\w+ )?(?:died|killed|od'?d|overdosed)\b",
    r"\bdied (?:by|of|from) (?:suicide|an? (?:overdose|od))\b|\b(?:killed|hanged) (?:himself|herself|themselves)\b",
)
# A question about how to help, not a report of danger.
_ASKING = _rx(
    r"^\s*(?:how|what|when|where|which|should i|is it|is there|are there|can i|can you|do i|do you|does)\b|"
    r"\b(?:would|will) you (?:let|give|keep|call|tell|come)\b",
    r"\bhow (?:do|can|should|would|could) (?:i|you|we|people|someone)\b|\bhow to\b|\bhow (?:i|we) (?:can|should|could)\b",
    r"\bwhat (?:should|do|can|would) (?:i|we|you) (?:say|do|ask|tell|look)\b|\bwhat to (?:say|do|look)\b",
    r"\b(?:warning )?signs?\b|\bshould i (?:be worried|worry|take|call|ring|ask|bring)\b|\bam i overreacting\b",
    r"\bis it (?:ok|okay|true|normal|safe|right|wise)\b|\bwhen (?:should|do|is it) \b|\bwhat (?:number|happens)\b",
    r"\bjust in case\b|\bjust so i know\b|\bin case\b|"
    r"\bif (?:he|she|they|my \w+|someone|a person) (?:ever|says?|tells?|texts?|tries?|has)\b",
    r"\b(?:practi[sc]\w*|rehears\w*|role ?play\w*|get better at|learn\w*|build up to|work up to) (?:\w+ ){0,2}ask(?:ing)?\b",
    r"\bwho (?:do|should|can) i (?:call|ring|contact|talk to|tell)\b|\bsafety plan\b|\bsafer\b|\block (?:away|up)\b|"
    r"\b(?:get|getting) rid of\b|\bcrisis lines?\b|\bmake sense of\b|\bat what point\b|\bis it worth\b|"
    r"\bsafest\b|\bwhat'?s the (?:best|right|safe) (?:thing|way)\b",
)
# The user asks someone directly ("are you thinking about killing yourself?"), as in practice.
_ASKING_DIRECTLY = _rx(
    r"\b(?:are|have|were|do|did|would|will|could|is) (?:you|u|ya)\b[^.?!]{0,60}\b(?:kill(?:ing)? (?:yourself|urself)|suicid\w*|"
    r"end(?:ing)? (?:your|ur) (?:own )?life|(?:hurt|harm|cut)(?:ing)? (?:yourself|urself)|how you'?d do it|"
    r"act on it|unaliv\w* (?:yourself|urself|ur ?self)|"
    r"want(?:ing)? to die|thoughts? (?:of|about) (?:dying|death|suicide|ending)|not (?:wanting|want) to (?:live|be here))",
    r"\bis (?:that|this|it) something (?:you'?ve|you have|you) (?:ever )?(?:thought about|felt|been thinking|think about)\b|\bis that happening (?:for|to) you\b|\bhave you (?:thought|been thinking) about (?:how|suicide|ending|dying)\b",
)
# A goal to ask them ("ask her directly whether she's thinking about suicide"): asking, unless the danger is now
# ("she just took all her pills, should i ask her if she's thinking about suicide?" is a crisis).
# A question about telling words from danger ("what's the difference between venting 'i want to disappear' and being
# suicidal"): the quoted words are an example, not the user's own.
_ASKING_WHICH = _rx(
    r"\b(?:what'?s|whats|what is) the difference between\b[^?!]{0,120}\b(?:suicidal|serious|means? it|danger|crisis)\b|"
    r"\bhow (?:do|can|would) (?:i|you|we|people) (?:know|tell) (?:the difference|whether|if)\b[^?!]{0,120}\b(?:suicidal|serious|means? it|"
    r"venting|joking|just saying)\b",
)
# The question rehearsed, not asked yet: "can i practise asking my girlfriend if she's been self harming again".
_PRACTISING = _rx(r"\bpracti[sc]\w*|\brehears\w*|\brole ?play")
_ASKING_GOAL = _rx(
    r"\bask(?:ing)? (?:him|her|them|my \w+)(?: directly| straight out| outright| plainly| straight)? (?:whether|if) (?:s?he|they)(?:'s|'re| is| are| has| have)? "
    r"(?:been )?(?:thinking (?:about|of) |(?:having|had|has) (?:any )?thoughts (?:of|about) )?(?:suicide|killing|ending|hurting|self[- ]harm)",
)
_NO_THIRD_PERSON = r"(?:(?!\b(?:he|she|they|him|her|them|his|he'?s|she'?s|they'?re|someone|people|my|if|you|your|you'?re|u|ur)\b)[^.?!\"“”]){0,50}"
# The user's own way out, pictured or in hand (blind set 3): "steering into the lorries and having it all stop", "go under
# and stay under", "should just disappear, like permanently", "keep taking the morphine out and counting it". Danger on
# its own (in _ACUTE too), and the user's own.
_USER_WAY_OUT = _rx(
    r"\b(?:i|i'?d|i'?ll|i'?m|im)\b" + _NO_THIRD_PERSON + r"\bdisappear\W+(?:\w+\W+){0,2}(?:permanently|forever|for good)\b",
    r"\b(?:i|i'?ve|ive|i'?m|im)\b" + _NO_THIRD_PERSON + r"\b(?:think|thought|thinking|tempted|imagine|imagining|picture|picturing|fantasi[sz]e)\w* "
    r"(?:about |of )?(?:just )?(?:steer|swerv|driv|crash|veer|walk|step|jump)\w* (?:into|off|in front of|out in front of) "  # a way to die, not "into town"
    r"(?:the |a |an |some |one of the |oncoming |the back of (?:a |the )?)*(?:lorr\w*|trucks?|buses|bus|trains?|tube|cars?|vans?|traffic|sea|river|canal|"
    r"lake|water|quarry|wall|trees?|barrier|central reservation|bridge|cliffs?|edge|ledge|roof|balcony|platform|"
    r"motorway|tracks|building|car park|multi-?storey)\b",
    # "some nights driving back i think about just not turning the wheel at the bend"
    r"\b(?:i|i'?ve|ive|i'?m|im)\b" + _NO_THIRD_PERSON + r"\b(?:think|thought|thinking|tempted|imagine|imagining|picture|picturing)\w* "
    r"(?:about |of )?(?:just )?not (?:turning|turn|steering|braking) (?:the wheel|at the bend|the car)\b",
    r"\b(?:have|having|make|making|let|letting) it all (?:stop|end|go away)\b|\b(?:go|going|slip|slipping) under and (?:stay|not come)\b"
    r"|\bstay under (?:the water|water|for good|forever)\b",  # not "stay under the duvet", "under the radar", "under budget"
    # The user's own pills ("my morphine", not "his tablets", counted out into his dosette box by a carer).
    r"\b(?:i'?ve|ive|i have|i'?m|im|i)\b[^.?!]{0,40}(?<!his )(?<!her )(?<!their )(?<!'s )\b(?:pills|tablets|morphine|meds|codeine|painkillers|insulin|oxy\w*)\b"
    r"[^.?!]{0,80}\b(?:taking (?:it|them) out and counting|count(?:ing)? (?:them|it) (?:again|over)|lined (?:them )?up|lining (?:them )?up)\b",
)
# The user speaks of their own danger: never an "asking" question, and its own category.
_USER_AT_RISK = _rx(
    r"\b(?:i|i'?ve|i'?m|im)\b" + _NO_THIRD_PERSON + r"\b(?:kill(?:ing)? myself|end(?:ing)? (?:it|my (?:own )?life|things)|hurt(?:ing)? myself|"
    r"harm(?:ing)? myself|cut(?:ting)? myself|burn(?:ed|t)? myself|hang(?:ing)? myself|unalive myself|kms|"
    r"(?:want|wanna|going) to die|be (?:dead|gone)|rather be dead|"
    r"(?:taking|take|swallow\w*) (?:all |all of )?(?:my|his|her|the|them|those) (?:\w+ )?(?:pills|tablets|meds)|swallow\w* everything)",
    r"\b(?:i'?m|im|i am|i feel|i'?ve been|feeling) (?:so |really |very )?suicidal\b|"
    r"\b(?:i|i'?ve)\b" + _NO_THIRD_PERSON + r"\bthinking about suicide\b",
    r"\b(?:i|i'?m|im)\b[^.?!]{0,30}\b(?:don'?t|do not|dont) want to (?:be here|live|be alive|wake up|exist)\b",
    r"\bi (?:just )?want to (?:disappear|die|not exist|go to sleep and not)\b|\bwith being alive\b|\bkeep myself safe\b",
    r"\b(?:i'?m|im|i am) (?:the one|standing|sat|sitting|on the)\b[^.?!]{0,60}\b(?:pills?|tablets?|bridge|edge|rope|die|ledge)\b",
    r"\bmy own (?:pills|tablets|rope)\b|\bi (?:have|'ve got|got) (?:the|a) (?:rope|gun|pills)\b|\b(?:i'?ve|i have) written a note\b",
    r"\b(?:scratching|cutting|hurting|burning) my (?:wrists?|arms?|legs?|skin)\b|\bi'?ve been (?:cutting|self[- ]?harming)\b",
    r"\bi'?m not (?:gonna|going to) be (?:around|here)\b|\bwould be better off (?:if|without) (?:i|me)\b|\bbetter off if i\b",
    r"\bi'?m the one\b|\bi (?:looked up|searched|googled)\b[^.?!]{0,40}\b(?:how many|ways? to|how to)\b|"
    r"\bto kill me\b(?=[^.?!]*\b(?:how many|tablets|pills|would take)\b)|\bbe with (?:him|her) again\b|\bgo and be with (?:him|her)\b",
    r"\bthinking (?:about|of) (?:driving|jumping|crashing|swallowing|taking|necking|downing)\b|"
    r"\bno way out for me\b|\bwould anyone notice\b",
    # Told in the middle of a message about the loved one: thoughts of ending it, ways not to be here, a note written,
    # means in hand ("i've got my tablets out in front of me"), a plan ("i've sorted out how i'd do it").
    r"\b(?:i|i'?ve|ive|i'?m|im)\b" + _NO_THIRD_PERSON + r"\b(?:thoughts?|thinking|thought) (?:of|about) (?:ending (?:it|my|things)|killing myself|"
    r"suicide|dying|not being (?:here|alive|around)|taking my (?:own )?life|unaliving|kms)\b",
    r"\b(?:i|i'?ve|ive|i'?m|im)\b" + _NO_THIRD_PERSON + r"\bways? (?:to|of) (?:die|dying|not be (?:here|alive|around)|not exist|end it|kill myself|unalive)\b",
    r"\bi(?:'ve| have|ve)? (?:wrote|written|started writing|been writing|left)(?: (?:a|my|some|goodbye|suicide|the|last))* (?:notes?|letters?)\b"
    r"(?! (?:to|for) (?:him|her|them|you|the|his|my (?:boss|gp|doctor|landlord|husband|wife|partner|boyfriend|girlfriend|son|daughter|mum|mom|dad)))",
    r"\b(?:i'?ve|ive|i have|i'?m|im|i)\b[^.?!]{0,10}\b(?:got|have|holding|sat with|sitting with)\b[^.?!]{0,25}\b(?:pills|tablets|meds|codeine|"
    r"painkillers|blades?|razors?|rope|knife)\b[^.?!]{0,15}\b(?:out|in front of me|next to me|in my hand|on my lap|"
    r"on the bed|beside me|here)\b",
    r"\b(?:i|im|i'?m|ive|i'?ve)\b[^.?!]{0,8}\b(?:want|wanna|going|gonna|thinking|tempted|could|about|need)\b[^.?!]{0,12}\b(?:take|swallow|neck|down)\w*"
    r"\s+(?:them all|all of them|every (?:single |last )?one|the lot|the whole|everything|them)\b|"
    r"\bpart of me (?:wants|thinks|is tempted)\b",
    r"\b(?:i|i'?ve|ive)\b" + _NO_THIRD_PERSON + r"\bhow (?:and when )?(?:i'?d|id|i would|i'?ll|i will|i'?m going to|im going to) do it\b",
    r"\b(?:i'?m|im|i am) not (?:okay|ok|safe)\b",
    r"\b(?:decided|know|sure)\b[^.?!]{0,20}\b(?:this|it)(?:'s| is| will be|'ll be) my last (?:week|day|night|weekend)"
    r"\s*(?:[.!;]|$|,? (?:goodbye|sorry|bye)\b)(?!\s*(?:after|then|from|next|after that|he|she|they)\b)|"
    r"\bi(?:'ve| have)? (?:already )?(?:told|written|wrote|left)\b[^.?!]{0,30}\bwhat to do with my (?:things|stuff|belongings)\b"
    r"(?![^.?!]{0,40}\b(?:while|when|during|for the|travel\w*|holiday|move|trip|abroad|away))|"
    r"\bi'?m (?:so |just )?(?:done|tired|sick) (?:with|of) (?:trying to )?(?:stay(?:ing)? alive|being alive|living|existing)\b"
    r"(?! (?:on|in|with|around|for|like|at|here|there)\b)|"
    r"\bi'?m done being here\s*(?:[.!,;]|$)|\b(?:world|everyone|everybody|my family)(?:'s| is| are|'d be| would be)? (?:better|happier) "
    r"(?:off )?without me\s*(?:[.!,;]|$)",
    _USER_WAY_OUT.pattern,
)
# Something was taken: an overdose, happening or just happened.
_OVERDOSE = _rx(
    r"\boverdos(?:ed|ing|d)\b|\b(?:" + _ODD + r")\b|\bo\.d\.?'?d?\b|\balcohol poisoning\b|\bnarcan\b|\bnaloxone\b",
    r"\b(?:took|taken|swallowed|downed|necked|injected|snorted|mixed|smoked)\b[^.?!]{0,50}\b(?:pills?|tablets?|paracetamol|tylenol|"
    r"xanax|codeine|lithium|insulin|methadone|heroin|fentanyl|coke|cocaine|something|them|painkillers|antidepressants|"
    r"meds|medication|bottle|packet|strip|load|lot|edibles|too much|\d+)\b",
    r"\b(?:empty|pill) (?:blister packs?|pill bottles?|bottles?|packets?|organi[sz]er)\b(?=[^.?!]*\b(?:drowsy|mumbling|wake|breath|collapsed|floor|unconscious)\b)",
    r"\bpassed out\b[^.?!]{0,80}\b(?:pills?|tablets?|patch(?:es)?|morphine|fentanyl|needles?|empty (?:bottle|packet))\b|\bextra (?:\w+ )?(?:xanax|bars|pills|tablets)\b",
    r"\bpill bottles\b|\bblister packs\b|\bneedle\b|\bused? again\b[^.?!]*\b(?:unconscious|breath|blue|grey|gray)\b",
    r"\binjected\b|\bbreathing (?:is )?(?:really |so |very )?(?:slow|weird|shallow|funny)\b|\blips (?:are |look )?(?:\w+ )?blue\b",
    r"\b(?:coke|cocaine|speed|meth|crack|mdma|molly|ketamine|ket|spice|heroin|a bender|(?:took|taken|had|on) something)\b[^.?!\n]{0,100}"
    r"\b(?:chest|heart|breath\w*|fitting|seizure|burning up|shaking|lips|unresponsive|wake)\b",
)
# Violence, threats or abuse toward the user or the children at home.
_USER_HARMED = _rx(
    r"\b(?:hit|hits|hitting|punched|slapped|kicked|choked|strangled|shoved|pushed|threw|bit|grabbed|pinned|attacked|beat|beats|"
    r"smacked|clawed|shook|threatening|threatened|threatens|pins|locked)\b[^.?!]{0,25}\b(?:me|us|my|our|the baby|the kids|him)\b",
    r"(?<!take to )\b(?:kill|hurt|stab|shoot|destroy|sort) (?:me|us)\b(?! to (?:see|hear|say|know|think|watch))|\bi'?m next\b|\bim next\b",
    r"\bcame at me\b|\bcome (?:round|over|after|for) (?:me|us)\b|\bwon'?t let me (?:leave|go|out)\b|\bhands? (?:round|around) my\b",
    r"\bwith us in it\b|\btake the kids\b|\bthe baby\b|\bmy kids are\b|\bbelt\b|\bpunching the (?:door|wall)\b",
    r"\bbroke in\b|\boutside my (?:bedroom|door|house|flat)\b|\bneed to be destroyed\b|\bthreaten\w* (?:me|to (?:stab|kill|hurt))\b",
    r"\b(?:to|at|against) my (?:\w+'?s? )?(?:throat|neck|head|temple)\b|\b(?:he|he'?s|hes)\b[^.?!]{0,40}\bto her (?:throat|neck|temple)\b"
    r"|\b(?:she|she'?s|shes)\b[^.?!]{0,40}\bto his (?:throat|neck|temple)\b|"
    r"\bto her (?:throat|neck|temple)\b[^.?!]{0,40}\b(?:he|he'?s|hes)\b",
    r"\b(?:drunk|wasted|hammered|pissed|off (?:his|her) face|been drinking|high)\b[^.?!]{0,100}\b(?:about to|trying to|going to|gonna|wants? to|"
    r"insist\w* on|threatening to)\b[^.?!]{0,30}\b(?:drive|put (?:him|her|them|the kids?|the baby|my \w+) in)",
    r"\b(?:hitting|beating|punching|kicking|slapping|choking|strangling|battering|slamming) (?:my |our )?(?:mum|mom|mother|her|sister|brother|the baby|the kids)\b",
    r"\b(?:threw|thrown|throws|throwing|chucked|hurled|lobbed|flung)\b[^.?!]{0,50}(?<!\bnot )(?<!\bnever )\bat (?:me|us|my|the kids|the baby)\b|\bboiling (?:water|kettle)\b",
    r"\b(?:going to|gonna|will|'ll|about to|threatening to)\s+(?:batter|beat|bash|deck|glass|smash|punch|strangle|choke|throttle|stab)\s+(?:me|us|the kids|my)\b",
    r"\bwon'?t let me (?:past|out|leave|go|get out)\b|\bbacked me into\b|\bgot me (?:backed|pinned|cornered)\b|"
    r"\bcornered me\b|\bblocking the door\b|"
    r"\b(?:i'?m|im|i am|we'?re|we are) (?:locked|hiding|stuck|shut|barricaded) in\b|"
    r"\bkick(?:s|ed|ing)? (?:the |my |our )?(?:bathroom |bedroom )door (?:in|down)\b",
)
# Talk of suicide or self-harm by someone else.
_LOVED_ONE_WORDS = _rx(
    r"\b(?:him|her|them)sel(?:f|ves)\b|\bsuicid\w*\b|\b(?:his|her|their) (?:own )?life\b|\bself[- ]?harm\w*\b|\bunalive\b|\bkms\b",
    r"\b(?:better off|end it|not (?:be |being )?(?:around|here)|wake up|point in living|goodbye|note|letters?|sorry for everything|on purpose)\b",
    r"\b(?:rope|noose|bridge|balcony|ledge|garage|razor|pills|tablets|jump)\b",
    r"\b(?:bye|voicemail|look after|take care of|thanks for everything|love you all|roof|rooftop|multi-?storey|car park|tracks|railway|cliffs?|viaduct|motorway)\b",
    r"\b(?:photo|pic|picture|selfie) of (?:the |a )?(?:sea|river|quarry|viaduct|bridge|cliff|tracks|edge|lake|sea wall|pier)\b",
    r"\b(?:wants? to die|how to (?:hang|kill|hurt)|last time you'?ll hear from me|(?:got it all|all) planned|at peace|made (?:his|her|their) peace)\b",
)
_WEAPON_ONLY = _rx(r"\b(?:knife|machete|gun|rifle|bat|axe|blood|bang|gas|psychotic|voices|screaming|smashed|kicking off)\b")

# Danger now in words the lemma rules don't hold: something taken and the body failing, a weapon out,
# violence in the room. Each is enough on its own (the past and asking cues still apply).
_ACUTE = _rx(
    r"\b(?:took|taken|snorted|injected|smoked|swallowed|mixed|drank|downed)\b[^.?!]{0,50}\b(?:all of them|them all|way too much|too much|"
    r"a load of|loads of|a bunch of|a lot of|most of a bottle|a whole)\b",
    # pills with drink: "mixed his oxy with about half a bottle of rye" (not "drank half a bottle of wine every night")
    r"\b(?:took|taken|swallowed|mixed|downed)\b[^.?!]{0,50}\bhalf a bottle\b",
    r"\b(?:took|taken|snorted|injected|smoked|mixed)\b[^.?!]{0,40}\b(?:something|pills|tablets|edibles|coke|heroin|meds|oxys?|oxycodone|"
    r"opioids|painkillers|benzos|xanax|valium|sleeping (?:pills|tablets))\b"
    r"(?=[^.?!]*\b(?:shaking|fitting|seizure|floppy|not making (?:any )?sense|heart|breath\w*|wake|dizzy|pulse|chest|paranoid|answer\w*|drowsy|blue|grey|vomit\w*|throwing up)\b)",
    *_DANGER_DONE_NOW,
    r"\b(?:not|barely|hardly|stopped) breathing\b|\bbreathing (?:is )?(?:really |so |very )?(?:slow|weird|shallow|funny|strange)\b",
    # breathless with something taken, either way round (a second review, 2026-12-02): "she's in a panic attack, can't breathe,
    # she mixed her xanax with wine", "he's had a load of coke and his heart is racing and he can't breathe"
    r"\b(?:can'?t|cannot|couldn'?t|cant|couldnt) (?:breathe|catch (?:her|his|their) breath)\b(?=[^\n]*\b(?:xanax|valium|benzos?|pills|"
    r"tablets|coke|cocaine|spice|ket|mdma|insulin|vodka|wine|gin|whisky|took|taken|mixed|a load of|too much)\b)|"
    r"\b(?:xanax|valium|benzos?|pills|tablets|coke|cocaine|spice|ket|mdma|insulin|took|taken|mixed|a load of|too much)\b[^\n]*"
    r"\b(?:can'?t|cannot|couldn'?t|cant|couldnt) (?:breathe|catch (?:her|his|their) breath)\b",
    r"\b(?:won'?t|wont|can'?t|cant|couldn'?t) (?:wake (?:him|her|them|up)|get (?:him|her|them) to wake)\b|"
    r"\bunresponsive\b|\bunconscious\b|\bnot responding\b",
    r"\bfitting\b|\bseizure\b|\bconvuls\w*\b|\bgone floppy\b|\bturn(?:ed|ing)? blue\b|"
    r"\blips (?:are |look |kind of |gone )*blue\b|\bchest pains?\b",
    # "my heart is racing" is the user's fear unless a drug was taken.
    r"\bheart(?<!my heart) (?:is )?(?:racing|going crazy|pounding)\b|"
    r"\bmy heart (?:is )?(?:racing|going crazy|pounding)\b(?=[^\n]*\b(?:coke|cocaine|speed|pills|took|taken|snorted|mdma|meth)\b)"
    r"|\bpulse (?:is )?(?:so |really |very )?(?:slow|weak)\b|\balcohol poisoning\b|\bsmells? (?:of|like) gas\b",
    r"\b(?:someone|somebody|one of us|anyone)(?:'s| is)? (?:going to|gonna|about to) (?:get hurt|end up dead|die|get killed)\b|\b(?:isn'?t|not) going to make it\b",
    r"\bgoing to be blood\b|\b(?:someone|somebody)(?:'s| is) getting hurt\b|\bwho'?s hurt\b|\bsomething (?:just )?smashed\b|"
    # "screaming 'put it down'", a car in the creek and its driver not answering, smoke under a locked door
    r"\b(?:scream\w*|shout\w*|yell\w*)\b[^.?!]{0,20}['\"“‘]?\s*(?:put|drop) (?:it|that|the \w+) down\b|"
    r"\b(?:car|truck|van|ute|bike|motorbike)(?:'s| is)? (?:\w+[- ]?down |upside down |on its (?:roof|side) )?in (?:the|a) "
    r"(?:creek|river|ditch|canal|lake|water|burn|reservoir)\b|"
    r"\bsmoke (?:is )?(?:coming )?(?:under|from under|through) (?:it|the|his|her|their|my) ?(?:\w+ )?(?:door)?\b(?=[\s\S]{0,80}\b(?:locked|won'?t "
    r"answer|not answering|isn'?t answering|inside|in there|drinking|drunk)\b)|"
    r"(?<=locked\. )smoke under it\b|"
    r"\bsmashing (?:things|stuff|the)\b",
    # a farewell sent and a pet or things given away: "texted me at 2am 'thanks for trying, you were always the good one x'
    # and shes given her dog to her sister 'for a bit'"
    r"^(?=[\s\S]*\b(?:thanks for trying|thank you for trying|you were always the good one|sorry for everything|sorry for being "
    r"(?:such )?a (?:burden|let ?down|failure)|look after (?:\w+ ){0,2}for me)\b)[\s\S]*\b(?:(?:given|gave|giving|rehomed|rehoming) "
    r"(?:\w+ ){0,3}(?:dog|cat|pets?|things|stuff|belongings|guitar|watch|rings?|jewellery|jewelry)\b|not answering|won'?t answer)",
    # mania on the road: "hasnt slept since sunday ... driving to scotland today because the signs are telling her to"
    r"\b(?:signs|voices|messages|god|the universe|angels) (?:are |is |keep )?(?:telling|told|tell|sending) (?:her|him|them|me) to\b",
    r"\bhasn'?t slept (?:since|for (?:\d+|two|three|four|five|days))\b[\s\S]{0,160}\b(?:driving|drive|behind the wheel|on the motorway)\b",
    # the body failing without food or water: "hasnt eaten or drunk anything in 4 days and shes confused"
    r"\b(?:hasn'?t|hasnt|has not|not|hadn'?t|won'?t|wont|isn'?t) (?:eaten or drunk|eaten or had (?:a drink|anything to drink|any water)|"
    r"had (?:any )?(?:food or water|anything to eat or drink)|drunk any water|had any water)\b[^.?!]{0,40}\b(?:\d+|two|three|four|five|"
    r"several|few) days\b",
    r"\bpunching the (?:door|wall)s?\b|\bbang\b[^.?!]*\b(?:silent|nobody|no one)\b|\bkicking off\b[^.?!]*\b(?:knife|machete|gun|weapon)\b",
    r"\b(?:got|has|holding|waving|with|loaded|grabbed|pulled|picked up)\b[^.?!]{0,20}\b(?:a |the |his |her |my )?(?:kitchen )?(?:knife|machete|gun|rifle|shotgun|"
    r"baseball bat|bat|axe|hammer|belt|broken bottle|crowbar)\b(?! of)",
    r"\b(?:is|'s|gone) psychotic\b|\bvoices (?:told|tell|are telling)\b|\bmission from god\b|\bneeds? to be destroyed\b|\bthe devil\b",
    r"\bsort me out\b|\bshook the baby\b|\bdo something (?:really |very )?stupid\b|\bfinish it\b|\blast time you'?ll hear from me\b",
    r"\bwith being alive\b|\bgo and be with (?:him|her)\b|\bhow to (?:hang|kill|hurt) (?:yourself|urself|oneself)\b|"
    r"\bscreaming\b[^.?!]*\bhurt\b",
    r"\b(?:there'?s a|on) fire\b|\bnote (?:in|on|under) (?:his|her|their) (?:room|bed|desk|pillow)\b|"
    r"\bnote addressed to\b|\bdriving around drunk\b",
    r"\b(?:swallowing|taking) (?:everything|all (?:of )?(?:my|his|her|the) (?:pills|tablets|meds))\b|"
    r"\btaking them myself\b|\bpills in my hand\b",
    r"\bhow many of (?:his|her|my|their) (?:\w+ )?(?:tablets|pills)\b",
    # The body failing after drugs: "his chest is crushing", "her heart is pounding", "lips have gone blue".
    r"(?<!\boff )\b(?:his|her|their|\w+'s) chest\b[^.?!]{0,30}\b(?:crush\w*|tight\w*|pains?|hurt\w*|heavy|squeez\w*|on fire)\b"
    r"(?![^.?!]{0,40}\b(?:(?:just )?(?:thinking|thinks?|thought) (?:about|of)|when (?:she|he|they) (?:thinks?|panics?|gets? anxious))\b)|\bclutching (?:his|her|their|my) chest\b",
    r"\b(?:his|her|their|\w+'s) heart\b[^.?!]{0,25}\b(?:racing|pounding|thumping|going crazy|beating (?:so |really |too |super )?fast)\b",
    r"\blips (?:are |look |have |'ve |has |kind of |gone |turned |going |turning |a bit |really |so )*(?:blue|grey|gray|purple)\b"
    r"(?![^.?!]{0,25}\b(?:wine|lipstick|lolly|lollies|popsicle|ice pop|slushie|blueberr\w*|sweets|face paint|make-?up)\b)",
    # Seen in blind set 3, each a kind of danger the words above had no pattern for:
    # a goodbye said sideways ("it won't matter soon anyway", "so nobody has to deal with her anymore", "last sunset x");
    r"\bwon'?t (?:matter|be a problem|be (?:a )?burden|be around|be here) (?:\w+ )?(?:soon|much longer|for long|anymore|any more|after (?:tonight|today))\b"
    r"|"
    r"\b(?:nobody|no one|noone|no-one)(?:'ll| will)? (?:has|have|'ll have|will have|needs?) to (?:deal with|worry about|put up with|look after) (?:her|him|them|me)\b"
    r"|\blast sunset\b|"
    r"\bone last (?:look|time|goodbye|sunset|drive)\b(?! (?:i'?m|i'?ll|i will|i am|we'?re|we'?ll|to ask|to try)\b)(?=[^.?!]*\b(?:bridge|cliff|sea|edge|won'?t|not answering|sorry|goodbye|x)\b)",
    # a note that says sorry or goodbye, found or left;
    r"\b(?:found|left|wrote|written|finds?)\b[^.?!]{0,30}\bnote\b[^.?!]{0,120}\b(?:sorry|can'?t (?:keep|go on|do this|carry on)|goodbye|forgive|love you|"
    r"addressed to|better off|the kids|look after)\b",
    # looking up ways to die: videos about tying knots, a lethal dose, how long it takes;
    r"\b(?:videos?|searche?s?|search history|watch history|browser|googl\w*|looked up|looking up|researching|tabs? open)\b[^.?!]{0,50}\b(?:tying (?:a )?(?:knots?|nooses?)|"
    r"nooses?|lethal (?:dose|amount)|fatal (?:dose|amount)|"
    r"how many \w+ (?:it )?(?:would|to|it takes) (?:kill|be fatal|be lethal)|painless (?:ways?|death)|"
    r"how long (?:it takes )?to (?:die|bleed out|drown)|carbon monoxide|exit bags?)\b",
    # a hosepipe and tape in the car;
    r"\bhose ?pipe\b[^.?!]{0,60}\b(?:tape|exhaust|boot|garage|window)\b|\b(?:tape|exhaust)\b[^.?!]{0,60}\bhose ?pipe\b",
    # found collapsed, on the floor, passed out with drugs or blood;
    r"\bpassed out\b[^.?!]{0,80}\b(?:pills?|tablets?|patch(?:es)?|morphine|fentanyl|needles?|syringe|empty (?:bottle|packet)|vomit\w*|blue|blood)\b"
    r"|\b(?:pills?|tablets?|patch(?:es)?|morphine|fentanyl|needles?|syringe|empty (?:bottle|packet))\b[^.?!]{0,60}\bpassed out\b",
    r"\b(?:found|lying|collapsed|is|'s|he'?s|she'?s) (?:\w+ ){0,3}on the (?:\w+ )?floor\b[^.?!]{0,80}\b(?:blood|bleeding|not moving|won'?t (?:answer|wake|respond)|"
    r"breathing|unconscious|pills|vomit\w*|passed out|head)\b|\bblood (?:on|from|pouring (?:from|out of)|"
    r"coming (?:from|out of)) (?:his|her|their) (?:head|face|mouth|ears?)\b",
    # taken extra and now no answer ("had a few extra xanax bars and was going to sleep it off, now he's not answering");
    r"\b(?:extra|a few|a load of|too many|loads of|a handful of|a bunch of|double|the whole|all (?:of )?(?:his|her|the))\s+(?:\w+\s+)?(?:xanax|bars|pills|tablets|"
    r"oxy\w*|morphine|fentanyl|methadone|benzos|valium|diazepam|codeine|tramadol|insulin|sleeping pills|painkillers)\b[\s\S]{0,200}"
    r"\b(?:not (?:answering|responding|picking up|waking)|won'?t (?:answer|respond|wake|open)|isn'?t answering|no answer|sleep it off)\b",
    # violence now in deeds: something thrown at them, a door kicked in, a beating threatened;
    r"\b(?:threw|thrown|throws|throwing|chucked|hurled|lobbed|flung)\b[^.?!]{0,50}(?<!\bnot )(?<!\bnever )\bat (?:me|us|my (?:head|face)|the kids|the baby|my (?:son|daughter|kids))\b"
    r"|\bboiling (?:water|kettle)\b[^.?!]{0,40}\b(?:at|over|on) (?:me|us|my)\b|"
    r"\bmy (?:arm|hand|face|skin|leg)(?:'s| is)? (?:blistering|burnt|burned|bleeding)\b",
    r"\bkick(?:s|ed|ing)? (?:the |my |our |her |his )?(?:\w+ )?door (?:in|down)\b|"
    r"\b(?:trying|tried) to (?:break|kick|smash|force) (?:the |my |our )?(?:\w+ )?door\b"
    r"|\bbreak(?:ing)? (?:the |my |our )?(?:\w+ )?door down\b|\bforc(?:ing|ed) (?:the |my |our )?(?:\w+ )?door\b",
    r"\b(?:going to|gonna|will|'ll|about to|threatening to|says? (?:he|she)'?ll)\s+(?:batter|beat|bash|deck|glass|smash|punch|strangle|choke|throttle|stab|knife)\s+"
    r"(?:me|us|the kids|my (?:face|head|son|daughter|kids))\b|\bbeat (?:me|us|the kids) up\b",
    r"\b(?:i'?m|im|i am|we'?re|we are) (?:locked|hiding|stuck|shut|barricaded) in (?:the |my |our |a )?(?:\w+ )?(?:with|and)\b",
    # someone screaming outside or for help, a crash then nothing;
    r"\b(?:she'?s|he'?s|they'?re|someone'?s|somebody'?s|someone is|she is|he is) (?:\w+ )?screaming (?:outside|downstairs|upstairs|for help|in (?:the|her|his))\b",
    r"\b(?:crash|bang|thud|thump|smash)\b[^.?!]{0,60}\b(?:then|and)\s+(?:then\s+)?(?:nothing|silence|quiet|nothing else)\b",
    # out in the cold, drunk or confused, and not back;
    r"\b(?:snow|freezing|minus \w+|below zero|sub-?zero|hypotherm\w*|frost)\b[\s\S]{0,120}\b(?:hasn'?t come back|not come back|not back|missing|no coat|t-?shirt|"
    r"drunk|confused|wandered|can'?t find)\b|\b(?:walked|wandered|stormed|went) (?:off |out )(?:into|"
    r"in) the (?:snow|cold|freezing|night)\b[^.?!]{0,80}\b(?:drunk|t-?shirt|no coat|hasn'?t|not back)\b",
    # driving drunk or high with the children in the car, now;
    r"\b(?:drove|driven|driving|drives|took the car|got in the car|behind the wheel)\b[^.?!]{0,60}\b(?:drunk|smashed|wasted|hammered|pissed|off (?:his|her) face|high|stoned|"
    r"over the limit)\b[^.?!]{0,60}\b(?:kids?|children|baby|son|daughter|boys|girls)\b"
    r"|"
    r"\b(?:drunk|smashed|wasted|hammered|pissed|off (?:his|her) face|stoned|over the limit)\b[^.?!]{0,40}\b(?:drove|driven|driving|took the car)\b[^.?!]{0,60}\b(?:kids?|children|baby)\b",
    # smoke or gas now.
    r"\bsmoke (?:coming|pouring|billowing|everywhere)\b|\b(?:full of|filling (?:up )?with) smoke\b|"
    r"\bgas (?:\w+ )?(?:is |'s )?on (?:with )?no flame\b|\bno flame\b"
    r"|\b(?:stinks|reeks|stinking|reeking) of (?:gas|it)\b(?=[^\n]*\bgas\b)",
    _USER_WAY_OUT.pattern,
    # Blind set 4: a death promised with a date or a place ("she will not see another Christmas", "going to go and join her",
    # "drink the pesticide if the bank comes again", "that's where she'd do it");
    r"\b(?:won'?t|will not|not going to|isn'?t going to) (?:see|be here for|be around for|make it to|live to see) (?:another|next|this) (?:christmas|birthday|year|summer|spring|winter|new year)\b",
    r"^(?=[\s\S]*\b(?:passed|died|death|dead|funeral|lost|gone|heaven|grave)\b)[\s\S]*\b(?:going to|gonna|wants? to|will|'ll) (?:go and |go )?(?:join|be with) "
    r"(?:her|him|them|mum|mom|dad|nan|gran|grandad|grandma|my \w+)\b",
    r"\b(?:pesticide|weedkiller|weed killer|paraquat|bleach|antifreeze|rat poison|poison)\b[^.?!]{0,80}\b(?:drink|swallow|take|down)\b|\b(?:drink|swallow|take|down)\w* (?:the |some |a bottle of )?(?:pesticide|weedkiller|paraquat|bleach|antifreeze|rat poison)\b",
    r"\bwhere (?:s?he|they|i)(?:'d| would| will|'ll) do it\b|"
    r"\btired of being (?:here|alive|around)\b(?! (?:every|with|when|him|her|them|at|in|for|on|all|while)\b)|"
    r"\bknow (?:exactly )?(?:what|how much) (?:would|will) do it\b",
    r"\b(?:photo|pic|picture|selfie|video)\b[^.?!]{0,50}\b(?:river|bridge|cliff|cliffs|sea|tracks|edge|roof|lake|quarry|gap|drop|motorway)\b[\s\S]{0,120}"
    r"\b(?:not (?:picking up|answering|replying)|won'?t (?:answer|pick up)|no answer|voicemail|location off)\b",
    r"\blocked (?:her|him|them)sel(?:f|ves) in\b|"
    r"\b(?:bathroom|toilet|garage|shed)\b[^.?!]{0,40}\block\w*[\s\S]{0,80}\b(?:won'?t|not|isn'?t) (?:answer|respond|open|come out)\w*\b",
    r"\b(?:bag of |bought |buying |got )charcoal\b(?![^.?!]*\b(?:bbq|barbecue|grill|braai)\b)|"
    r"\bnot turn the wheel\b|\bnearly did\b(?! (?:lose|say|shout|cry|give|walk|tell|leave|snap|hang|text|ring|call)\b)(?=[^.?!]*$)",
    # an overdose seen in the body: pinned pupils, slow breaths, grey skin, empty packets, no response to their name;
    r"\bpupils (?:are |were |look )?(?:pinned|pinpoint|tiny|like pinpricks)\b|"
    r"\bbreathing (?:maybe |only |like |about )?(?:\w+ )times a minute\b|(?<!hair's )(?<!hair is )(?<!hair has )(?<!hairs )\b(?:gone|going|turned|turning) grey\b(?! hair)",
    r"\b(?:packets?|blister packs?|bottles?|boxes|strips?) (?:are|is|was|were) (?:all )?empty\b|"
    r"\b(?:does not|doesn'?t|did not|didn'?t|will not|won'?t|isn'?t) (?:respond|react|wake|come round)\w*\b"
    # not the silence of a refusal: "doesn't respond to my texts", "didn't react when i brought up therapy", "doesn't wake till noon"
    r"(?! (?:to (?:my|our|any|anything|the|texts|messages|calls|emails|letters|being|advice|treatment|criticism)|well|when i (?:bring|brought|ask|mention|raise|suggest)\w*|"
    r"much|at all to)\b)(?!(?: up)? (?:until|till|before|early|on time|for (?:work|school|college|uni))\b)",
    # violence now: a door being forced or kicked, plates smashed, followed and watched, a threat to the children;
    r"\bkicking (?:at )?(?:the |my |our )?(?:\w+ )?door\b|\bdoor\b[^.?!]{0,60}\bkicking it\b|"
    r"\bkicking it (?:in|down)\b|\b(?:trying to|tried to) force (?:it|the door)\b|\bsmashing (?:plates|glasses|the)\b",
    r"\b(?:i'?m|im|we'?re|i am) in the (?:bedroom|bathroom|car|toilet|kitchen|loft) with the (?:kids|children|baby)\b",
    r"\bfollow(?:ed|ing) me (?:home|to|from|around)\b[\s\S]{0,150}\b(?:tonight|now|outside|across the road|watching|parked)\b",
    r"\bthreaten\w* to \w+ (?:the kids|the children|the baby|them|us|me)\b(?=[^\n]*\b(?:now|right now|tonight|won'?t tell|got them|has them)\b)",
    # falls, crashes, fires and storms with someone hurt or cut off.
    r"\b(?:fallen|fell) (?:down|off)\b[^.?!]{0,120}\b(?:confused|not making sense|can'?t get up|unconscious|bleeding|head|funny angle|not moving|won'?t wake)\b",
    r"\b(?:flipped|rolled|overturned|crashed|came off|come off)\b[\s\S]{0,120}\b(?:not moving|can'?t see (?:him|her|them) moving|trapped|unconscious|bleeding)\b",
    r"\b(?:bush ?fire|wildfire|flood(?:water)?s?|storm|blizzard|rip)\b[^.?!]{0,100}\b(?:refus\w* to leave|won'?t leave|trapped|cut off|not answering|stuck|drink on)\b",
    r"\b(?:bang|crash|thud|thump)\b[\s\S]{0,80}\b(?:isn'?t|not|won'?t) (?:answering|responding|replying|answer)\b",
    r"\blighter\b[^.?!]{0,60}\bgas\b|\bgas\b[^.?!]{0,60}\blighter\b|"
    r"\bgas is (?:still )?on\b(?! for\b| low\b| to\b)(?![^.?!]{0,40}\b(?:cook\w*|tea|dinner|kettle|pasta|soup)\b)",
    # A call that ends in screams, a crash or silence.
    r"\b(?:rang|rung|called|call|phone\w*|voice (?:message|note|mail)|voicemail|facetime\w*|on the line)\b[\s\S]{0,120}\b(?:scream|crash|bang|smash|thud|thump|struggl)\w*\b(?! (?:with|in) (?:excitement|joy|laughter|delight|happiness))"
    r"[^.?!]{0,60}\b(?:went dead|cut off|cut out|went silent|went quiet|dropped|died|ended)\b",
)
# Figures of speech the lemma rules still take for danger; blanked before those rules look.
_FIGURES = _rx(
    r"\bkilling (?:himself|herself|myself|themselves|ourselves) (?:laughing|with laughter)\b",
    # Exasperation (blind set 12): "kill me now, she's signed us up for a wellness retreat", "caring for mum is killing me",
    # "told me to go jump off a cliff", "she's going to kill the neighbour's rooster", "overdosed on christmas chocolate".
    r"(?:^|(?<=[.!?,;:'\"‘“]))\s*(?:(?:just|honestly|ugh+|omg|god|lord|someone|somebody|please|seriously|oh|argh+|lol|and|so|like)\s+)*"
    r"kill me now\b",
    r"\b(?:sit|sits|sitting|sat) on the edge of (?:the|my|his|her) bed\b",
    # a startle, not a collapse: "if a door slams shes on the floor with her hands over her head"
    r"\bon the floor with (?:her|his|their) (?:hands|arms) (?:over|round|around|on) (?:her|his|their) head\b",
    # said to them, pressing: "you cant keep living like this, you need to go back" (not the user's own "I can't go on")
    r"\byou (?:can'?t|cant|cannot) (?:keep|go on|carry on) (?:living|going|doing this|doing it)(?: on)? like this\b"
    r"(?=[^.?!]{0,40}\b(?:you need|you have to|you should|you'?ve got to|go and|see someone|get help|for me|for us|for the))",
    # everyday things with danger words in them: "fitting the new kitchen", "lips were blue from the slushie", "can't wake him
    # for work", "the pharmacist has her blister packs all sorted", "giving away half her wardrobe, a marie kondo thing",
    # "said goodbye to everyone at work today, retiring after 40 years"
    r"\bfitting (?:the|a|an|his|her|their|new|some) (?:new )?(?:kitchen|bathroom|carpets?|flooring|shelves|wardrobes?|boiler|doors?|"
    r"windows?|blinds|curtains|tiles|units|cupboards)\b",
    r"\blips (?:were|are|went|look|looked|turned) (?:\w+ )?blue from (?:the|a|his|her|eating|drinking|that|all the)\b",
    r"\b(?:can'?t|cant|couldn'?t|could not) (?:ever )?wake (?:him|her|them)(?: up)? (?:for|in time for) (?:work|school|college|uni|"
    r"(?:his|her|their) shift)\b(?![^.?!]{0,80}\b(?:sick|vomit\w*|bottle|pills|tablets|empty|breath\w*|blue|cold|grey|gray))",
    r"\b(?:pharmacist|pharmacy|chemist)\b[^.?!]{0,40}\bblister packs?\b(?![^.?!]{0,30}\b(?:empty|gone|taken|swallowed|missing|popped))|"
    r"\bblister packs?\b[^.?!]{0,30}\b(?:sorted|organised|organized|set up)\b",
    r"\bgiving (?:\w+ ){0,3}away\b[^.?!]{0,60}\b(?:marie kondo|declutter\w*|moving house|downsiz\w+|spring clean\w*|charity shop)\b",
    r"\bsaid (?:his |her |their )?goodbyes? (?:to \w+ )?(?:at|to (?:everyone|all) at) (?:work|the office|the mill|the factory|the shop)\b"
    r"[^.?!]{0,40}\b(?:retir\w+|leaving do|new job)\b",
    r"\b(?:(?:caring for|looking after|worrying about|dealing with|coping with) (?:\w+ ){0,2}?(?:mum|mom|dad|him|her|them|nan|gran|"
    r"grandad|it all|everything|all this)|working nights|worrying|waiting|commuting|studying|revising|this job|the commute|the worry|"
    r"the stress|the waiting|this)(?:'s| is) (?:literally |honestly |slowly |just )?killing me\b",
    r"\b(?:told|tells?|telling) (?:me|us) to go (?:jump off a (?:cliff|bridge)|jump in (?:a|the) (?:lake|river|canal)|drop dead)\b"
    r"(?![^.?!]{0,40}\band i (?:think|might|will|want|could|should)\b)",
    r"\bkill (?:the|that|a|those|these|his|her|their|our|my|the neighbou?r'?s'?) (?:bloody |stupid |damn |flipping )?(?:rooster|cockerel|"
    r"chickens?|flies|fly|wasps?|spiders?|mosquito(?:es)?|slugs?|weeds|plants?|pigeons?|seagulls?|cockroach(?:es)?|mice|mouse|rats?|bugs?|"
    r"ants)\b",
    r"\boverdos\w* (?:on|of) (?:(?:christmas|easter|the|his|her|all the) )?(?:chocolate|sweets|candy|biscuits|cake|turkey|mince pies|"
    r"crisps|pizza|carbs|sunshine|fresh air|reality tv|true crime)\b",
    # grief that lands, not a blow (blind set 13): "robin williams' death still hits my dad every august"
    r"\b(?:death|loss|passing|anniversary|news|grief)(?:'s| is)? (?:still |really |always |just |kind of )?"
    r"(?:hits|hit|hitting) (?:him|her|them|me|us|my \w+) (?:hard|every|each|badly|again|in waves)\b",
    # "he'd sooner shoot himself in the foot than talk to a counsellor", "she's killing me with this"
    r"\bshoot(?:s|ing)? (?:him|her|my|them|your)sel(?:f|ves) in the foot\b",
    # A panic attack told with the all-clear: "her heart was pounding and she was sure she was dying, the ER said her heart is fine"
    r"\b(?:his|her|their|my) heart (?:was|is|were|kept|started) [^?!]{0,100}\b(?:heart (?:is|was)(?: completely| totally| perfectly)? "
    r"(?:fine|ok|okay|healthy|normal)|nothing wrong with (?:her|his|their|my) heart)\b",
    r"\b(?:s?he|it|this|that|they|you)(?:'s|'re| is| are) (?:literally )?killing me with (?:this|that|worry|stress|the (?:worry|stress|"
    r"arguments?|nagging|drinking|silence)|all (?:this|the)|(?:his|her|their) (?:moods?|drinking|silence|nagging))\b",
    # crying till breathless (blind set 33): "she cried so hard she couldn't breathe and we never brought it up again"
    r"\b(?:cried|cries|crying|sobbed|sobbing|laughed|laughing|wept) (?:so (?:hard|much)|until|till) (?:that )?(?:s?he|they|i) "
    r"(?:couldn'?t|could not|couldnt|can'?t|cannot|cant) (?:breathe|catch (?:her|his|their|my) breath)\b",
    # harm denied in plain words (blind set 33): "he's never hit anyone, i want to say that. it's walls and doors"
    r"\b(?:(?:has|have|had|'s|'ve)? ?never|not once|hasn'?t ever|would never|wouldn'?t ever) (?:once )?(?:hit|hurt|harmed|touched|"
    r"laid a (?:finger|hand) on) (?:anyone|anybody|a soul|me|us|her|him|them|the kids|the children|my \w+)\b(?! (?:until|till|before|but))",
    # A belief about medicine, not a poisoning: "they told her western medicine is poison", "he says the meds are poison".
    r"\b(?:medicine|meds|medication|pills|tablets|drugs|chemicals|psychiatry|pharma|antidepressants|vaccines?)\b[^.?!]{0,15}\b"
    r"(?:is|are|was|were)\s+(?:all\s+|just\s+|pure\s+)?poison\b",
    # Danger denied or joked: "i'm not worried he'll hurt himself, he's not like that", "i don't want to die, i want to
    # sleep for a week", "he's literally killing me" (at parents' evening), "i'll throw myself off the sofa".
    DENIED_HARM,
    WANTS_A_REST,
    r"\b(?:he|she|they|it|this|that)(?: is|'s| are|'re) literally killing me\b",  # not "he's actually killing me", a plea
    r"\bthrow (?:myself|himself|herself) (?:off|out of) the (?:sofa|couch|bed|chair|settee)\b",
    r"\bbleed(?:s|ing)? (?:me|us|you|him|her|them|the family|the account|my account) (?:dry|white)\b",  # money taken, not blood
    r"\bbleed(?:s|ing)? (?:money|cash)\b",
    # clothes hanging off her, hanging out with friends; a phone thrown off the balcony
    r"\b(?:clothes|jeans|trousers|dress|top|shirt|jumper|skin) (?:are |is |were |was |just |now |all )*hanging off (?:her|him|them|me)\b|"
    r"\bhang(?:ing)? out with\b",
    r"\b(?:i'?m going to|im going to|i'?m gonna|im gonna|i'?ll|ill|i could|i want to|i wanna) (?:just )?throw (?:his|her|their|the) (?:phone|laptop|stuff|things|clothes|bags?|keys|tv|console|xbox|playstation|"
    r"bottles?|cans|drink|booze|weed|vape)\b[^.?!]{0,20}\b(?:off|out of|over|out)\b",
    # a licence, not a weapon in hand: "reckons they'll pull his firearms licence"
    r"\b(?:firearms?|gun|shotgun) (?:licen[cs]e|certificate|permit)\b",
    # A knife or a rope at work ("chopping onions with the big knife", "a new knife for cutting load straps", "a new rope for
    # the trailer"), and tablets set out that he won't take.
    r"\b(?:chopping|cutting|slicing|peeling|dicing|carving) (?:up )?(?:the |some |an? |his |her )?(?:onions?|veg\w*|carrots?|potatoes|"
    r"meat|bread|cake|chicken|tomatoes|garlic|apples?|fruit|herbs|turkey|roast|joint|straps?|string|tape|wood|cardboard|boxes|"
    r"tea|dinner|lunch)\b[^.?!]{0,20}\bwith (?:the |a |my )?(?:big |sharp |bread |kitchen |good )?knife\b",
    r"\b(?:new |sharp |big |good )?knife for (?:cutting|chopping|slicing|the (?:kitchen|bread|meat|veg|straps|boat|fish))\b",
    r"\b(?:bought|buy|buying|got|ordered) (?:a |some )?(?:new |spare |long )?rope for (?:the )?(?:trailer|boat|load|washing|tent|"
    r"swing|climbing|towing|garden|dog|hay|bales|horse|roof rack)\b",
    r"\b(?:pills|tablets|meds|medication)\b[^.?!]{0,30}\blined up\b[^.?!]{0,40}\b(?:won'?t|will not|refuses? to|doesn'?t|does not) "
    r"(?:take|touch)\b",
    RATHER_DIE_THAN,  # a way of saying no ("you'd rather be dead than go to AA")
    # A life taken away as a way of living ("says i'm trying to take her life away from her", of a hoard cleared),
    # not a life ended.
    r"\b(?:take|taking|took|takes) (?:my|his|her|their|your) (?:whole )?life away(?= from\b)",
    r"\b(?:joke|that|it|this|you|film|episode|line|story|show|bit|scene|ending|video|clip|meme|tiktok|reel|sketch|comment|face|pun) "
    r"(?:literally |actually |honestly |absolutely |just |nearly )?killed (?:me|us)\b",
    r"\bkilled (?:me|us)\b(?=[^.?!]{0,40}(?:\blaugh\w*|\blol\b|\blmao\b|\bhaha\w*|\bin (?:bits|stitches|hysterics)\b|\bcrying laughing\b|😂|🤣|💀))",
    # "shoot me now, the in-laws are here", "someone shoot me": said of a day, not a threat (not "he'll shoot me").
    r"(?:^|(?<=[.!?,;:]))\s*(?:(?:just|honestly|ugh+|omg|god|lord|someone|somebody|please|seriously|pls|plz|oh|can someone|could someone)\s+)*"
    r"shoot me(?:\s+(?:now|already|please|pls|plz|lol|haha|lmao|rn|right now))*\b",
    # "she'd kill me if she knew i told you lol", "he'll murder me for telling you this, he's so private": only with a
    # light word beside it, and never when someone said it as a threat. Without one, "my husband will kill me if he
    # finds out i'm talking to you" is how abuse is often first told, and it gets the safety reply.
    r"\b(?=(?:he|she|they|you|mum|mom|dad|my)\b)(?<!said )(?<!says )(?<!say )(?<!told me )(?<!threatened )(?<!threatens )(?<!swore )(?<!swears )(?<!that )"
    r"(?:he|she|they|you|mum|mom|dad|my \w+)(?:'d| would|'ll| will| is going to| is gonna|'s gonna|'s going to)? (?:literally |actually |honestly |absolutely |so )?"
    r"(?:kill|murder|strangle|throttle) (?:me|us) (?:(?:if|when) (?:he|she|they|you|i|mum|mom|dad)\b[^.?!]{0,15}?\b(?:knew|know|knows|found out|finds out|"
    r"find out|ever found|saw|sees|see|heard|hears|read|reads|caught|catches|learns?|learned|learnt|realised|"
    r"realized)\b|for (?:telling|saying|talking|posting|"
    r"sharing|being|coming|asking|writing|showing))"
    r"(?=[^\n]{0,80}?(?:\blol\b|\blmao\b|\bhaha\w*|\bha\b|\bjk\b|\bjoking\b|\bkidding\b|\bprivate\b|\bnosy\b|\bembarrass\w*|\ban app\b|"
    r"\ba (?:chat)?bot\b|😂|🤣|😅|🙈))",
    r"\byou(?:'d| would|'ll| will) (?:literally |actually |honestly |so )?(?:kill|murder) me if i\b",
    # Danger as someone's work ("i'm a paramedic so i see overdoses all the time at work"), money or weather called lethal.
    r"\b(?:see|seen|deal with|dealt with|treat|treated|attend|attended|go to|went to)\s+(?:\w+\s+)?(?:overdoses|ods|suicides|self[- ]harm|stabbings|assaults|"
    r"domestics)\b(?=[^.?!]{0,40}\b(?:all the time|at work|every (?:single )?shift|every day|on shift|on the job|for a living|daily|in my job|"
    r"most (?:shifts|nights|days|weeks))\b)",
    r"\b(?:overdraft|bills?|prices?|traffic|rent|commute|hangover|exams?|queue|heat|weather|sun|workout|deadline|week|month|mortgage|budget|gym class|"
    r"hot sauce|curry|cocktails?)\b[^.?!]{0,15}\blethal\b",
    # A workplace, not an emergency: "an a&e nurse", "works in accident and emergency".
    r"\b(?:a&e|accident (?:and|&) emergency|emergency (?:department|dept|medicine|room|ward)|the er)\s+(?:nurse|doctor|consultant|registrar|receptionist|porter|"
    r"staff|shifts?|job|department|dept|rota|work|team|sister|paramedic)\b|\b(?:works?|working|worked|job|shifts?|"
    r"nights?|nurse|doctor|consultant|registrar|"
    r"paramedic|porter|trained|training|career) (?:in|at|on|for) (?:the |an |a )?(?:a&e|"
    r"accident (?:and|&) emergency|emergency (?:department|dept|medicine|room|ward)|er)\b",
    # A child's game: "yelled kms when he died in fortnite" (unless the message says it was meant). Only words of a game:
    # "lost his job and texted kms", "lost everything at the casino" are not one.
    r"\b(?:kms|kys)\b(?=[^.?!]{0,80}\b(?:games?|gaming|level|died in|fortnite|minecraft|roblox|fifa|mario|xbox|playstation|ps5|"
    r"controller|console)\b)(?![^\n]*\b(?:for real|not joking|means? it|meant it|serious(?:ly)?|isn'?t joking)\b)"
    r"|\b(?:games?|gaming|level|died in|fortnite|minecraft|roblox|fifa|mario|xbox|playstation|ps5|controller|console)\b"
    r"[^.?!]{0,80}\b(?:kms|kys)\b(?![^\n]*\b(?:for real|not joking|means? it|meant it|serious(?:ly)?|isn'?t joking)\b)",
    # "one more lecture and i'll jump out the window lol": a laugh after the words.
    r"\b(?:jump\w*|throw\w* myself) (?:out (?:of )?(?:the|a|my) window|off (?:the|a) (?:roof|balcony|bridge|cliff))\b"
    r"(?=[^.?!\n]{0,40}(?:\blol\w*\b|\blmao\b|\bhaha\w*|\bjk\b|\bjoking\b|😂|🤣|🙃|🙄|💀|\bxd\b))",
    r"\boverdos\w* (?:on|of) (?:self-help|escapism|positivity|advice|books?|tv|netflix|screens?|caffeine|coffee|sugar|work|gaming)\b",
    r"\b(?:drinking|words?|lying|lies|silence|attitude|behaviou?r|this|that|it) (?:is|are|was|'s) (?:really |so )?hurting (?:me|us|"
    r"everyone|all of us|(?:our|the|my|his|her) (?:family|marriage|relationship|feelings|health|finances|business|kids|children))\b",
    # Emergency as a kind of job or thing, not one happening: "a service for ex emergency workers", "the emergency fund".
    r"\bemergency (?:workers?|responders?|services? (?:workers?|staff|personnel)|crews?|fund|savings|cash|contacts?|dentist|vet|"
    r"appointment|meeting|leave|repairs?|plumber|brake|exit|kit|supplies|drill|budget|childcare|contraception)\b",
    r"\b(?:no one|nobody|noone|no-one)(?: is|'s)? (?:in (?:any )?danger|at risk|unsafe|hurt)\b|"
    r"\b(?:not|isn'?t) (?:an? )?(?:emergency|crisis)\b|"
    r"\bno danger\b",    # "is this an emergency? he's not violent, just scared": the question, when the same message says there is no danger.
    r"\b(?:is|would) (?:this|it|that) (?:count as |be )?(?:an? |a real )?(?:emergency|crisis)\b(?=[^.!]{0,80}\b(?:not|isn'?t|never|no)\b "
    r"(?:\w+ )?(?:violent|dangerous|in danger|hurting|suicidal|threatening|aggressive|unsafe|hurt|a danger|harmed)\b)",
)
# A plain question about what the user should do or know (the asking route when no danger word is there).
_HOW_DO_I = _rx(
    r"(?:^|[.!?]\s+)\s*(?:how (?:do|can|should|would|could) (?:i|we|you)|what (?:should|do|can) (?:i|we)|what (?:are|is) the|what number|what happens|"
    r"what does|should i|can i|who (?:do|should|can) i|when (?:should|do|is it)|is it (?:ok|okay|true|normal|safe)|are there|is there)\b",
    r"^\s*(?:is|would) (?:this|it|that) (?:count as |be )?(?:an? |a real )?(?:emergency|crisis|serious|dangerous)\b",
    r"\bshould i (?:be worried|worry)\b|\bwhat (?:signs|should i (?:look|watch))\b",
    # "what's the number for Lifeline again?", a helpline asked for "to be prepared"
    r"\bwhat'?s the (?:number|helpline|hotline|line)\b|\b(?:helpline|hotline|crisis line|lifeline|samaritans)\b[^.!]{0,60}\?|"
    r"\b(?:want|like) to be prepared\b|\bto have it (?:ready|saved)\b",
)
# With an asking cue, a question about safety even when no danger word is there.
_SAFETY_TOPIC = _rx(
    r"\b(?:warning signs?|signs? (?:of|that)|crisis (?:line|team)s?|safety plan|narcan|naloxone|alcohol poisoning|withdrawal|psychotic|psychosis|"
    r"dangerous|lock (?:away|up)|meds|medication|guns?|firearms?|overdose|suicid\w*|self[- ]?harm\w*|kms|kys|"
    r"unaliv\w*|911|999|988|111|ambulance|a&e|police|"
    r"section(?:ed)?|mobile crisis|emergency|unconscious|safe|unsafe|safer|safest|safety|hurt (?:himself|herself|themselves)|"
    r"sleeps? all day|stopped (?:seeing|eating|going out|talking)|withdrawn|isolat\w+|hopeless|a burden|giving (?:\w+ )?away|"
    r"helplines?|hotlines?|lifeline|samaritans|paracetamol|tablets|pills|rifles?|shotguns?)\b",
)
# Any word of acute danger, even when misspelt: the classifier's "crisis" only counts with one of these.
_DANGER_WORD = _rx(
    r"\b(?:suicid\w*|overdos\w*|" + _ODD + r"|unaliv\w*|kms|kys|noose|rope|knife|knives|gun|rifle|weapon\w*|bleeding|unconscious|"
    r"unresponsive|(?:not|isn'?t|barely|hardly|stopped|struggling|trouble|difficulty|can'?t stop|funny|weird|strange|shallow) breathing|"
    r"breathing (?:funny|weird|strangely|oddly|slowly|badly|shallow|really slow)|collapsed|seizure|poison\w*|"
    r"emergency|ambulance|911|999|988|goodbye|chok(?:ed|ing)|"
    r"violent|violence|abus(?:e|ed|ing|ive)|rape\w*|kill (?:himself|herself|myself|themselves)|end (?:it|my life|his life|her life)|"
    r"hurt (?:me|himself|herself|myself)|want(?:s)? to die|not safe|in danger)\b",
)


def speaks_of_danger_word(text: str) -> bool:
    """A word of acute danger anywhere (after spelling correction): the gate for the classifier's guess."""
    return bool(_DANGER_WORD.search(text))


def speaks_of_safety_topic(text: str) -> bool:
    """A word of a safety topic (suicide, overdose, weapons, emergency ...) anywhere in the text."""
    return bool(_SAFETY_TOPIC.search(text))


# A panic attack named, then its signs (blind set 32): "what I think are panic attacks. Heart racing, can't breathe,
# convinced she's dying, and then twenty minutes later she's fine", or one told as past ("she had a proper panic attack,
# couldn't breathe, shaking"). The signs are the attack's, so they are blanked, when nothing else in the message could
# stop a breath; anything else in it (pills, a drug, a blade) still counts.
_PANIC_NAMED = _rx(r"\bpanic attacks\b|\b(?:has|have|gets?|getting|started having|keeps? having|been having|having these) (?:a |these |bad |"
                   r"proper )?panic attacks?\b|\bhad (?:a |another |her |his )?(?:\w+ )?panic attack\b")
# ... told as they come and go ("and then twenty minutes later she's fine")
_ALL_CLEAR = _rx(r"\bhad (?:a |another |her |his )?(?:\w+ )?panic attack\b(?! and)|\b(?:then|and|later|after)\b[^.?!]{0,30}\b(?:s?he'?s|s?he is|they'?re|they are|i'?m) (?:fine|ok|okay|alright|all right|"
                 r"better|back to normal)\b|\bminutes? later\b|\b(?:it )?(?:passes|wears off)\b|\bcalms? down\b")
# ... and nothing else that could stop a breath or a heart: something taken, asthma, an allergy, a collapse
_NOT_ONLY_PANIC = _rx(r"\b(?:took|taken|had some|ate|eaten|been on|snort\w*|inject\w*|smok\w*|popped|using|pills?|tablets?|coke|cocaine|"
                      r"mdma|ket|drink\w*|drunk|drank|asthma\w*|inhaler|allerg\w*|peanuts?|swell\w*|collaps\w*|lips|numb|insulin|"
                      r"overdos\w*|chest pains?|arm|faint\w*|passed out|unconscious|blue|grey|gray)\b")
_PANIC_SIGNS = _rx(
    r"\bheart (?:is |was |keeps |kept )?(?:racing|pounding|thumping|going (?:like mad|crazy|a mile a minute))\b|"
    r"\b(?:couldn'?t|could not|couldnt|can'?t|cannot|cant) (?:breathe|catch (?:her|his|their|my) breath|get (?:her|his|their|my) breath)\b|"
    r"\b(?:convinced|sure|certain|thinks?|thought|feels? like|felt like) (?:that )?(?:s?he'?s|s?he is|s?he was|they'?re|they were|i'?m|i was) "
    r"(?:going to |gonna |about to )?(?:dying|die|having a heart attack|going to die)\b|\bchest (?:goes |went |gets |got |feels |felt )?tight\b"
)


def without_figures(text: str) -> str:
    """The text with figures of speech the lemma rules would misread blanked out."""
    text = _FIGURES.sub(" ", text)
    if _PANIC_NAMED.search(text) and _ALL_CLEAR.search(text) and not _NOT_ONLY_PANIC.search(text):
        return _PANIC_SIGNS.sub(" ", text)
    return text


def acute(text: str) -> bool:
    return bool(_ACUTE.search(without_figures(text)))  # "chopping onions with the big knife" holds no knife up


# The user's own danger, over: "I used to self-harm", "I had suicidal thoughts years ago".
_USER_PAST = _rx(r"\bi used to\b|\bi had\b|\byears ago\b|\bwhen i was\b|\bin my (?:teens|twenties|20s)\b|\bback in\b")
_QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”")
# Words in single quotes, used only where a question quotes an example ("the difference between 'i want to disappear' and ...").
_SINGLE_QUOTED = re.compile(r"(?:(?<=\s)|^)['‘][^'‘’]{3,80}['’](?=[\s.,!?]|$)")


# A clause about a film, a show or a book: its "just" and "last night" are the story's, not the family's. Only those
# story times are blanked there ("my son just told me he wants to die, we were watching a film" keeps its "just"): "the film made him want to kill himself tonight", "she was watching a series and now
# she's not breathing" still say now.
_FICTION_WORD = _rx(r"\b(?:film|movie|tv show|the show|series|episode|character|scene|documentary|novel|storyline)\b")
_STORY_TIME = _rx(_JUST_DID, r"\blast night\b|\byesterday\b|\bearlier\b|\bthis (?:morning|evening|afternoon|weekend)\b")


# A clause about what might happen ("what should i do if i ever find he's been searching ...? i'm asking in advance"). A
# clause, not a sentence: "what do i do if he won't wake, he took all his pills an hour ago" says now in its second.
# Its own "right now", "tonight" or "an hour ago" still count ("should i call 999 right now, i hid the knives just in case").
_IF_CLAUSE = _rx(r"\b(?:what (?:should|do|would|can) i do|how (?:do|would|should) i)\b.*\bif\b",
                 r"\b(?:in advance|just in case|haven'?t found anything)\b")
# A clause: the text between sentence ends, commas and semicolons (found in one pass, so a 25,000-character message
# with no punctuation costs a scan, not a scan per character).
_CLAUSE = re.compile(r"[^.!?\n,;]+")
_CLOCK_NOW = _rx(r"\bright now\b|\bjust now\b|\btonight\b|\btoday\b|\bat the moment\b|\bcurrently\b|\bas we speak\b|"
                 r"\b(?:an? |one |\d+ )?(?:hour|hr|min|minute)s? ago\b")


# A poisoning dated in the past ("in 2019 my sister drank poison after her exam results, thank god she survived") is not
# happening now; and what the loved one might think ("without him thinking it's happening again") is not a fact.
_DATED_PAST = _rx(r"\b(?:in|back in) (?:19|20)\d\d\b|\b(?:\d+|a few|few|many|several|two|three|four|five|ten) (?:years?|yrs?) "
                  r"(?:ago|back)\b|\byears ago\b|\blast year\b")
# ... unless the sentence says it again or now ("she drank bleach, same as last year", "he's being sick").
_AGAIN_OR_NOW = _rx(r"\b(?:again|now|noo|just|too|same|like (?:she|he|they|it) did|still|being|vomiting|sick|pain|mornin|the night|"
                    r"crying|screaming|unconscious|asleep|breathing|hospital|ambulance)\b|"
                    r"\b(?:s?he|they|it)(?:'s| is|'re| are)\b(?! (?:fine|ok|okay|well|better|alive|doing well|recovered|safe|grand|now fine))")
_POISON_NOW = _rx(_POISON_TAKEN)
_WHAT_THEY_MIGHT_THINK = _rx(r"\bwithout (?:him|her|them|my \w+) (?:thinking|feeling|believing|assuming) (?:that )?(?:i think |we think )?"
                             r"(?:it'?s|its|it is) (?:happening|starting|coming back|back)(?: again)?\b")


def _without_a_dated_poisoning(sentence: str) -> str:
    """The sentence without its one poisoning when that is dated in the past and nothing in it says now or again."""
    if not _DATED_PAST.search(sentence) or _CLOCK_NOW.search(sentence):
        return sentence
    rest, poisonings = _POISON_NOW.subn(" ", sentence)
    return rest if poisonings == 1 and not _AGAIN_OR_NOW.search(rest) else sentence


def _says_now(text: str) -> bool:
    if _WHAT_DO_I_DO.search(text) and not _HYPOTHETICAL.search(text):
        return True
    text = _SENTENCE.sub(lambda m: _without_a_dated_poisoning(m.group(0)), _WHAT_THEY_MIGHT_THINK.sub(" ", text))
    text = _CLAUSE.sub(lambda m: _STORY_TIME.sub(" ", m.group(0)) if _FICTION_WORD.search(m.group(0)) else m.group(0),
                       _OVER_NOW.sub(" ", text))
    text = _CLAUSE.sub(lambda m: " " + " ".join(c.group(0) for c in _CLOCK_NOW.finditer(m.group(0))) + " "
                       if _IF_CLAUSE.search(m.group(0)) else m.group(0), text)
    return bool(_NOW.search(text))


# Words that say a sentence is about danger at all (broad on purpose: a miss only keeps a message at crisis).
_DANGER_STEM = _rx(
    r"\b(?:suicid|overdos|" + _ODD + r"|o\.d|kill|die|died|dying|dead|death|hang|cut|self[- ]?harm|harm|hurt|attempt|pill|tablet|meds|breath|"
    r"unconscious|unrespons|collaps|blood|bleed|hit|beat|punch|slap|kick|chok|strangl|violen|abus|assault|"
    r"rap(?:e|ed|ing)\b|knife|knive|gun|"
    r"rope|noose|jump|bridge|swallow|took|taken|hospital|section|police|ambulance|a&e|psychos|psychotic|breakdown|anorexi|eating disorder|"
    r"(?:him|her|my|them)sel|life\b|lives\b|attack|threat|stab|shot|fight|arrest|seizure|fit\b|unaliv|kms|goodbye|note\b|blue\b|slumped|"
    r"drunk|drink|drug|heroin|coke|cocaine|fentanyl|using|relapse|sober|clean\b|rehab|poison|fire\b|crash|accident|emergency|danger|scare|"
    r"afraid|terrif|frighten|bruis|scar|burn|wrist|edge|ledge|roof|tracks|drown|starv|disappear|drove|drive|river|lake)",
)
_SENTENCE = re.compile(r"[^.!?\n]+")


def _past(text: str) -> bool:
    """A past or second-hand cue that qualifies the danger: in the sentence of the last danger, after it, or in an
    earlier sentence that speaks of danger itself. Earlier context ("i've been practising here for weeks. found him
    slumped in the car") does not make a danger now a thing of the past."""
    if not _PAST.search(text):
        return False
    sentences = [m.group(0) for m in _SENTENCE.finditer(text)]
    danger = [i for i, sentence in enumerate(sentences) if _DANGER_STEM.search(sentence) or acute(sentence)]
    if len(sentences) < 2 or not danger:
        return True
    return any(_PAST.search(sentence) and (i >= danger[-1] or i in danger) for i, sentence in enumerate(sentences))


def _user_at_risk(text: str) -> bool:
    # Quoted words are someone else's ("she said "i want to end it all""), so they don't count here.
    return bool(_USER_AT_RISK.search(_QUOTED.sub(" ", text)))


def category_of(text: str, rule_categories: list[str]) -> str:
    """Which crisis reply fits: the most specific of the five categories the text supports."""
    if _OVERDOSE.search(text):
        return OVERDOSE
    if _USER_HARMED.search(text):
        return USER_HARMED
    if _user_at_risk(text):
        return USER_AT_RISK
    loved_one_words = bool(_LOVED_ONE_WORDS.search(text))
    if "VIOLENCE_ABUSE" in rule_categories and not loved_one_words:
        return USER_HARMED
    if loved_one_words or {"SUICIDE", "SELF_HARM", "LOVED_ONE_DANGER"} & set(rule_categories):
        if loved_one_words or not _WEAPON_ONLY.search(text):
            return LOVED_ONE_AT_RISK
    if "MEANS_OVERDOSE" in rule_categories and not _WEAPON_ONLY.search(text):
        return LOVED_ONE_AT_RISK
    return GENERAL


def grade(text: str, rule_categories: list[str], danger_seen: bool) -> SafetyGrade:
    """The level of a message, with its category when crisis.

    ``text`` should already be spelling-corrected; ``danger_seen`` says whether the danger layers (or the
    classifier, with a danger word) saw danger. Only a past or asking cue with nothing that says "now"
    lowers a danger message from crisis; the user's own danger never becomes a question.
    """
    user_at_risk = _user_at_risk(text)
    if _ASKING_DIRECTLY.search(text) and not user_at_risk:
        return SafetyGrade(ASKING, asking_directly=True)
    practising = bool(_PRACTISING.search(text))
    if _ASKING_GOAL.search(text) and not user_at_risk and not _says_now(_ASKING_GOAL.sub(" ", text) if practising else text) \
            and not acute(text):
        return SafetyGrade(ASKING, asking_directly=True)
    if _ASKING_WHICH.search(text) and not _user_at_risk(_SINGLE_QUOTED.sub(" ", text)) and not _says_now(text) and not acute(text):
        return SafetyGrade(ASKING)
    asking = bool(_ASKING.search(text))
    if not (danger_seen or acute(text)):
        # Without a danger word, only a plain question about what the user should do, on a safety topic.
        return SafetyGrade(ASKING) if _HOW_DO_I.search(text) and _SAFETY_TOPIC.search(text) else SafetyGrade(NONE)
    now = _says_now(text)
    if not now and _past(text) and (not user_at_risk or _USER_PAST.search(text)):
        return SafetyGrade(PAST)
    if not now and not user_at_risk and asking:
        return SafetyGrade(ASKING)
    return SafetyGrade(CRISIS, category_of(text, rule_categories))
