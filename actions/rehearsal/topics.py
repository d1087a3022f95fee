"""What a practice line is about: a small keyword lexicon over the line, no model.

The topics are the closed vocabulary of hidden reasons (why someone says no to help) plus three
more a family member often raises: feelings, the relationship and the future.
"""
from __future__ import annotations

import re
from typing import Optional

# The hidden reasons a loved one may have for refusing help (scenario files use these names).
REASONS: tuple[str, ...] = (
    "money", "time", "stigma", "past_experience", "medication", "labels", "privacy",
    "fear_of_feelings", "doubt_it_works", "independence", "culture_faith", "family_role",
)
TOPICS: tuple[str, ...] = (*REASONS, "feelings", "the_relationship", "the_future")

# Plain names for feedback and talk plans.
TOPIC_NAMES: dict[str, str] = {
    "money": "money", "time": "time", "stigma": "what people would think", "past_experience": "a bad past experience",
    "medication": "medication", "labels": "being labelled", "privacy": "privacy", "fear_of_feelings": "fear of what would come up",
    "doubt_it_works": "doubt that it works", "independence": "wanting to cope alone", "culture_faith": "faith and culture",
    "family_role": "their role in the family", "feelings": "feelings", "the_relationship": "the two of you",
    "the_future": "the future",
}

# Checked in this order: specific reasons before the broad topics, so "how do you feel about the
# pills?" is about medication, not feelings.
_PATTERNS: tuple[tuple[str, str], ...] = (
    ("medication", r"medic\w*|meds|pills?|tablets?|antidepressants?|prescri\w+|side[- ]effects?|drugs? they(?:'d| would) give|"
                   r"zombie|sertraline|prozac|dosage|dose"),
    ("money", r"money|cost\w*|afford\w*|pay(?:ing|s)?|price\w*|expensive|cheap|fees?|insurance|bills?|budget|savings|"
              r"broke|financ\w*|\$|£|co-?pay|free (?:service|sessions?|counsel\w*)"),
    ("past_experience", r"last time|before,? when|(?:in|from) the past|back then|previous\w*|(?:tried|been|went|saw|seen)\s+"
                        r"(?:\w+\s+)?(?:before|already|once)|bad experience|what happened (?:with|when|at)|first time you|"
                        r"used to see|old (?:therapist|counsell?or|doctor)|went wrong|burn(?:ed|t) before|been through it|"
                        r"(?:tried|been|went|saw|seen|did|had)\b[^.?!]{0,40}\bbefore|back when you|years ago|"
                        r"last (?:doctor|counsell?or|therapist|gp|psychiatrist)|"
                        r"went to (?:a|that|the|see) (?:counsell?or|therapist|doctor|gp|psychiatrist)"),
    ("stigma", r"people (?:would |might |will )?(?:think|say|know|find out|judge)|what (?:would |will )?(?:people|others|"
               r"everyone|they|the neighbou?rs|your (?:mates|friends|colleagues|boss|team)) (?:think|say)|judg\w+|"
               r"ashamed|shame\w*|embarrass\w*|weak(?:ness)?|looked down|gossip|reputation|at work (?:know|find)|"
               r"stigma|seen as|look bad|how it looks|"
               r"(?:people|others|everyone|anyone|folks|colleagues|friends|mates|neighbou?rs|the lads|the girls)\b[^.?!]{0,25}"
               r"\b(?:think|say|judge|react|see you|look at you|f(?:ou|i)nd(?:ing)? out|hear|knew|know)|"
               r"say about (?:a person|you|someone|people)"),
    ("labels", r"label\w*|diagnos\w+|call(?:ed|ing)? (?:you|it) \w+|crazy|mad\b|mental case|nutter|psycho\b|"
               r"being (?:called|named)|a name for|alcoholic|addict\b|disorder|on (?:your|a) record|in a box|the word"),
    ("privacy", r"privacy|private|privat\w+|confidential\w*|f(?:ou|i)nd(?:ing)? out|who (?:would|might|will) (?:know|see|hear)|"
                r"records?|notes?|written down|kept secret|kept between|tell (?:anyone|anybody|others)|"
                r"stranger knowing|on file|share what you say"),
    ("fear_of_feelings", r"opening up|open up|scar\w+|afraid|frighten\w*|fear\w*|dread\w*|(?:might|would|could|will) "
                         r"come (?:up|out)|stir\w* (?:things|it) up|fall apart|break down|can'?t stop|overwhelm\w*|dig(?:ging)? up|"
                         r"dredg\w+|too much to (?:feel|face)|falling apart|open the lid|lid on"),
    ("culture_faith", r"faith|church|mosque|temple|synagogue|pray\w*|god\b|relig\w+|spiritual\w*|belief|cultur\w+|"
                      r"community|tradition\w*|where you grew up|back home|our people|imam|priest|pastor|rabbi|"
                      r"elders|heritage|raised|brought up|upbringing"),
    ("family_role", r"the family|family|the kids|children|grandkids|provider|provid\w+|hold(?:ing)? (?:it|everything|"
                    r"us|everyone) together|look after|looking after|the strong one|(?:be|stay|being|staying) strong|strong for|"
                    r"head of|your role|everyone depends|"
                    r"depend on you|let (?:us|them|everyone) down|eldest|oldest|your job|responsib\w+|carer|caring for"),
    ("time", r"(?:the|enough|no|spare|free|any|find(?:ing)?(?: the)?|make|have(?: the)?) time|time (?:for|off|to go|to see)|"
             r"busy|schedule\w*|hours|appointments?|waiting lists?|shifts?|work hours|when would you|fit (?:it|that|them) in|"
             r"fit(?:ting)? (?:it |that |them |appointments |sessions )?(?:in(?:to)?|around) (?:your|my|the|a|work)|"
             r"calendar|diary|day off|evenings|lunch ?break|too much on|time-?consuming|every week|your week|squeeze|make room"),
    ("doubt_it_works", r"work for you|(?:would|will|could|does|did) (?:it|therapy|talking|counsell?ing) (?:help|work|change|"
                       r"make a difference|do)|help at all|point\w*|worth it|any good|makes? a difference|"
                       r"believe in|trust (?:it|therapy|that)|waste of time|useless|just talking|does(?:n'?t)? help|"
                       r"sceptic\w*|skeptic\w*|evidence|actually help|change anything|fix|worth (?:it|trying|a (?:try|go|shot))|convinc\w+|"
                       r"make (?:a|any|much) difference|"
                       r"(?:wouldn'?t|won'?t|doesn'?t|didn'?t|can'?t|couldn'?t|would|will|could|might) (?:really |actually |ever )?help"),
    ("independence", r"on your own|by yourself|yourself alone|alone|rel(?:y|ying|iance) on|needing|"
                     r"independen\w+|self-?relian\w+|handle it|sort it|"
                     r"cop(?:e|ing)|figure it out|need(?:ing)? (?:anyone|help|someone)|rely on|lean on|"
                     r"stand on your own|in control|control|ask(?:ing)? for help|your own way|tough it out"),
    ("the_relationship", r"between us|us\b|each other|our (?:marriage|relationship|friendship)|you and (?:me|i)|"
                         r"me and you|trust me|we(?:'ve| have)? been|"
                         r"us two|the two of us|our family|we used to|closer|distance between"),
    ("the_future", r"future|next (?:year|month|few)|years? from now|(?:a|one) year|down the line|long run|"
                   r"where do you see|hope\w*|plans?|what's next|look(?:ing)? ahead|someday|one day|"
                   r"in (?:five|ten|5|10) years|going forward|what would change|if nothing changes|"
                   r"how (?:would|will) (?:things|life) (?:be|look)|better look like|tomorrow|(?:would|will) be different|got better"),
    ("feelings", r"feel\w*|felt|emotion\w*|mood|sad\w*|down\b|low\b|lonely|hurt\w*|angry|anger|upset|"
                 r"stress\w*|tired|exhaust\w*|heart|inside|really doing|how are you|how've you been|how have you been|"
                 r"cop(?:ing)? with|carrying|heav(?:y|iest)|on your mind|weigh\w*|grief|griev\w+|miss(?:ing)? (?:her|him|them)|"
                 r"numb|empty|anxious|anxiety|worr\w+"),
)
# Whole words only: "feel" is not "fee", and "you and I've" is not "you and I".
_COMPILED = tuple((topic, re.compile(rf"(?:^|\b|(?<=\W))(?:{pattern})(?![a-z'])", re.I)) for topic, pattern in _PATTERNS)


def classify_topic(text: str) -> Optional[str]:
    """The topic a line is about, or None: the first topic in priority order whose words appear."""
    for topic, pattern in _COMPILED:
        if pattern.search(text):
            return topic
    return None

# An open question that invites each hidden reason out, for hints and talk plans.
REASON_PROMPTS: dict[str, str] = {
    "money": "“What would it cost you, do you think, if you did see someone?”",
    "time": "“When would something like that even fit in your week?”",
    "stigma": "“What do you imagine people would think if they knew?”",
    "past_experience": "“What happened the last time you talked to someone about it?”",
    "medication": "“What worries you about what a doctor might suggest?”",
    "labels": "“What would it mean to you if someone put a name to it?”",
    "privacy": "“Who would you be worried might find out?”",
    "fear_of_feelings": "“What do you think might come up if you started talking?”",
    "doubt_it_works": "“What makes you think it wouldn't help?”",
    "independence": "“How would it feel to let someone help with this?”",
    "culture_faith": "“How does your faith, or the way you were brought up, see something like this?”",
    "family_role": "“Who do you feel you have to be strong for?”",
}
