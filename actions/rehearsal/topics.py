"""What a practice line is about: a small keyword lexicon over the line, no model.

The topics are the closed vocabulary of hidden reasons (why someone says no to help) plus three
more a family member often raises: feelings, the relationship and the future.
"""
from __future__ import annotations

import re
from typing import Optional

from kernel.vocabulary import ADDRESS

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
    ("medication", (
        r"hooked on (?:them|it|the (?:pills|tablets|meds))|get(?:ting)? hooked|weight (?:gain|you put on)|put on weight|"
        r"the last lot|make you take|medicat\w*|medicine\w*|tak(?:e|"
        r"ing) something|something for it|meds|pills?|tablets?|antidepressants?|"
        r"prescri\w+|side[- ]effects?|drugs? they(?:'d| would) give|zombie|sertraline|prozac|dosage|dose"
    )),
    ("money", (
        r"money|fork(?:ing)? out|shell(?:ing)? out|paid|pay for|cost\w*|afford\w*|pay(?:ing|s)?|price\w*|"
        r"expensive|cheap|fees?|insurance|bills?|budget|savings|broke|financ\w*|\$|£|co-?pay|"
        r"free (?:service|sessions?|counsel\w*)"
    )),
    ("past_experience", (
        r"last time|before,? when|(?:in|from) the past|back then|previous\w*|"
        r"(?:tried|been|went|saw|seen)\s+(?:\w+\s+)?(?:before|already|once)|bad experience|"
        r"what happened (?:with|when|at)|first time you|used to see|old (?:therapist|counsell?or|doctor)|"
        r"went wrong|burn(?:ed|t) before|been through it|"
        r"(?:tried|been|went|saw|seen|did|had)\b[^.?!]{0,40}\bbefore|back when you|years ago|"
        r"last (?:doctor|counsell?or|therapist|gp|psychiatrist)|as a (?:teenager|kid|child|student)|"
        r"back in (?:uni|school|college|the day)|"
        r"(?:therapist|counsell?or|psychiatrist|psychologist)\b[^.?!]{0,20}\b(?:you had|you saw|you went to|back in)|"
        r"remember about|that whole thing|that (?:counsell?or|therapist|doctor|psychiatrist|psychologist)|"
        r"experience with|at (?:school|uni|college)|before\?|"
        r"went to (?:a|that|the|see) (?:counsell?or|therapist|doctor|gp|psychiatrist)"
    )),
    ("culture_faith", (
        r"muslim|christian|jewish|hindu|sikh|buddhist|catholic|sin\b|urdu|punjabi|hindi|arabic|polish|"
        r"western|where you'?re coming from|our house growing up|in our (?:culture|family|community|house)|(?:what|"
        r"how) you believe|faith(?! (?:do you have|that|in (?:it|therapy|talking|them)))|church|mosque|"
        r"temple|synagogue|pray\w*|god\b|relig\w+|spiritual\w*|beliefs?|values|cultur\w+|community|"
        r"tradition\w*|where you grew up|back home|our people|imam|priest|pastor|rabbi|elders|heritage|"
        r"background|where you're from|roots|raised|brought up|upbringing"
    )),
    # Who would have to know is privacy, even when "people" or "anyone" are in it (stigma's phrases are next).
    ("privacy", (
        r"(?:would|will|'d|does|do|did|is|are) (?:\w+ ){0,4}(?:have|need|got|going|gonna) to (?:know|be told|find out|hear)|"
        r"(?:would|will|could|might) (?:\w+ ){0,3}find out|"
        r"kept (?:private|confidential|quiet)|(?:would|will|could|might) (?:\w+ ){0,2}get (?:back to|told)"
    )),
    ("stigma", (
        r"(?!i\b|you\b|it\b)\b\w+ (?:would|might|will) (?:react|judge|think)|how it (?:would|might|will) look|"
        r"(?:would|will|might) (?:your|the|my|his|her) \w+ (?:say|think)|"
        r"if (?:he|she|they|people|anyone) (?:knew|found out)|"
        r"people (?:would |might |will )?(?:think|say|know|find out|judge)|"
        r"what (?:would |will )?(?:people|others|everyone|they|the neighbou?rs|your (?:mates|friends|colleagues|boss|team)) (?:think|say)|"
        r"judg\w+|ashamed|shame\w*|embarrass\w*|weak(?:ness)?|looked down|gossip|reputation|"
        r"at work (?:know|find)|stigma|seen as|look bad|how it looks|"
        r"(?:people|others|everyone|anyone|folks|colleagues|co-?workers|friends|mates|guys|lads|girls|boss|neighbou?rs|relatives)"
        r"\b[^.?!]{0,30}\b(?:think|say|judge|react|see (?:it|that|this)|see you|saw you|seeing you|look at you|f(?:ou|"
        r"i)nd(?:ing)? out|hear|knew|know|"
        r"make of)|"
        r"say about (?:a person|you|someone|people)|(?:people|everyone|folk|the village|round here)\b[^.?!]{0,30}\b(?:talk|"
        r"whisper)\w*|"
        r"real men|soft in the head|admit(?:ting)? (?:you've|youve|you have|you) (?:failed|lost|can't|cant)|like (?:a )?failure|"
        r"what (?:anyone|people|others) (?:thought|think) of you"
    )),
    ("labels", (
        r"bipolar|ptsd|schizo\w*|ocd|adhd|psychotic|alcholic|alky|slap (?:a|that|ptsd|the)|that word|follows? you|label\w*|"
        r"(?:being|been|get) told|told (?:it's|you're|you have)|diagnos\w+|"
        r"call(?:ed|ing)? (?:you|it) \w+|crazy|mad\b|mental case|nutter|psycho\b|being (?:called|named)|"
        r"a name for|alcoholic|addict\b|disorder|on (?:your|a) record|in a box|the word"
    )),
    ("privacy", (
        r"privacy|private|f(?:ou|i)nds? out|(?:won'?t|will|might|would) get out|gets? out|"
        r"(?:keep|kept) (?:\w+ )?to (?:yourself|myself)|(?:nobody|no one|no-one) (?:\w+ ){0,3}know|privat\w+|"
        r"confidential\w*|f(?:ou|i)nd(?:ing)? out|who (?:would|might|will) (?:know|see|hear)|records?|notes?|"
        r"written down|kept secret|kept between|between you and (?:the|a|your|them|him|her) \w+|"
        r"on (?:your|my|their) records?|tell (?:anyone|anybody|others)|stranger knowing|on file|"
        r"share what you say|(?:have to|need to|get to) be told|(?:would|will|might|'d) (?:\w+ ){0,2}(?:have to )?(?:be told|"
        r"find out|hear about)|"
        r"get back to|nobody knows you|no one knows you|anyone (?:at|from) (?:work|church|the club)|who (?:gets? to|can|could|"
        r"would get to|'d get to) (?:see|know|read|hear|find out)|"
        r"what you (?:tell|say to) (?:them|someone|a therapist|a counsell?or|the)|stays? between|off (?:your|the) record"
    )),
    ("fear_of_feelings", (
        r"crying|start(?:ed)? to cry|floodgates|going over (?:it|the|everything|what)|make (?:it|things) worse|"
        r"(?:not|never) be able to stop|won'?t stop|wont stop|in there|opening up|surface|bubble up|painful|too (?:raw|"
        r"hard to look)|(?:go|went|going) there|look at it|"
        r"open up|scar\w+|afraid|frighten\w*|fear\w*|dread\w*|(?:might|would|could|will) come (?:up|out)|"
        r"stir\w* (?:things|it) up|fall apart|break down|can'?t stop|overwhelm\w*|dig(?:ging)? up|dredg\w+|"
        r"too much to (?:feel|face)|falling apart|open the lid|lid on|"
        r"let (?:yourself|it) (?:\w+ )?(?:feel|out|go)|really feel it|feel it all|scariest|"
        r"hardest part of talking"
    )),
    ("family_role", (
        r"pick up the slack|step(?:ped)? back|take over|the family|family|the kids|children|grandkids|provider|"
        r"provid\w+|(?:hold|keep)(?:ing)? (?:it|things|everything|us|everyone|the family)(?: all)? together|look after|looking after|"
        r"the strong one|(?:be|stay|being|staying) strong|strong for|head of|your role|everyone depends|"
        r"depend on you|let (?:us|them|everyone) down|eldest|oldest|responsib\w+|carer|caring for"
    )),
    ("time", (
        r"(?:with|around) (?:your|my) (?:job|work)|(?:make|no|any|enough|find) room for|need to give|make space|juggl\w*|pick-?ups?|"
        r"school run|rota|(?:the|enough|no|spare|free|any|find(?:ing)?(?: the)?|make|have(?: the)?) time|"
        r"time (?:for|off|to go|to see)|busy|schedule\w*|(?:work(?:ing)?|long|opening|office|the) hours|appointments?|"
        r"waiting lists?|shifts?|work hours|"
        r"when would you|fit (?:it|that|them) in|"
        r"fit(?:ting)? (?:it |that |them |appointments |sessions )?(?:in(?:to)?|around) (?:your|my|the|a|work)|"
        r"(?:what|which) (?:days?|times?|evenings?|hours?)|calendar|diary|day off|evenings|lunch ?break|"
        r"too much on|time-?consuming|every week|your week|squeeze|make room|carve out|"
        r"(?:with|around) (?:work|the kids|everything)|"
        r"when (?:do you think )?(?:you'?d|you could|would you|could you) (?:be able to )?go"
    )),
    ("doubt_it_works", (
        r"mumbo[- ]jumbo|just chatting|nothing (?:actually |really )?changes|already know|written it off|"
        r"(?:could|would|can) (?:a|the|that|some) (?:counsell?or|therapist|doctor|psychologist|stranger|group) (?:actually |really )?do|"
        r"what (?:could|would|can) (?:they|someone|anyone) (?:actually |really )?do|psychobabble|navel[- ]gazing|(?:it|therapy|"
        r"talking|counsell?ing|that) helps|faith (?:do you have|that|in)|"
        r"(?:could|would|can|will|might) (?:actually |really )?do for you|likely|"
        r"make (?:things|it|you|anything) better|work for you|"
        r"(?:would|will|could|does|did) (?:it|therapy|talking|counsell?ing) (?:help|work|change|make a difference|do)|"
        r"help at all|point\w*|worth it|any good|makes? a difference|believe in|trust (?:it|therapy|that)|"
        r"waste of time|useless|just talking|does(?:n'?t)? help|sceptic\w*|skeptic\w*|evidence|actually help|"
        r"change anything|do (?:anything|any good|much good)|any use|fix|worth (?:it|trying|a (?:try|go|shot))|"
        r"convinc\w+|make (?:a|any|much) difference|"
        r"(?:it|therapy|this|that|talking|counsell?ing) (?:could|would|will|might|can) (?:really |actually )?work|"
        r"(?:it|therapy|talking|that|this|counsell?ing|someone|anyone|they|a therapist|a counsell?or) (?:really |actually )?"
        r"(?:wouldn'?t|won'?t|doesn'?t|didn'?t|can'?t|couldn'?t|would|will|could|might) (?:really |actually |ever )?help"
    )),
    ("independence", (
        r"asked? (?:anyone|anybody) for (?:anything|help)|telling you what to do|giving in|self[- ]?relian\w+|solo|"
        r"(?:every single thing|everything|it all) (?:by )?yourself|"
        r"on your own|by yourself|without (?:anyone|anybody|help|support)|sort (?:things|it|stuff) out|"
        r"let (?:someone|anyone|people|others|me) in|yourself alone|alone|rel(?:y|ying|iance) on|needing|"
        r"accept(?:ing)? (?:help|support)|figure (?:\w+ )?out|(?:it|things|stuff) out yourself|"
        r"help from (?:other|others|anyone|someone|people)|independen\w+|self-?relian\w+|handle it|sort it|"
        r"cop(?:e|ing)|figure it out|need(?:ing)? (?:anyone|help|someone)|rely on|lean on|stand on your own|"
        r"in control|control|ask(?:ing)? (?:\w+ )?for help|your own way|tough it out|"
        r"let(?:ting)? (?:someone|somebody|anyone|people|others|them|a stranger|me|us) (?:\w+ )?help|"
        r"accept(?:ing)? (?:some |any )?(?:help|support)|"
        r"(?:sort|handle|deal with|fix) (?:this|it|things) (?:yourself|on your own|alone)"
    )),
    ("the_relationship", (
        r"pushing (?:too|so) (?:hard|much)|(?:do|did) i (?:actually |really )?listen|anything i (?:do|did|say|said)|"
        r"(?:am|was) i (?:being|too)|between the two of|between us|us\b|each other|our (?:marriage|relationship|friendship)|"
        r"you and (?:me|i)|me and you|"
        r"trust me|from me|(?:can|could|should) i do|we(?:'ve| have)? been|us two|the two of us|our family|"
        r"we used to|closer|distance between|getting it wrong|(?:could|should) i do differently|let you down|"
        # missing them as they were: "I miss how you were before all this. I miss you."
        r"miss(?:ing)? (?:you|us|how (?:you|we|things) (?:were|used to be)|the old you|having you|you (?:sleeping|being|around|here))\b"
    )),
    ("the_future", (
        r"hoping for|retire\w*|(?:get|be) better from here|future|turn(?:ing|s)? out|end up|where (?:this|things|it) (?:is|are) going|"
        r"(?:good|next|this|better) year|look(?:ing)? forward|"
        r"in (?:a|the next) (?:few|couple of) (?:years|months|weeks)|next few|few years|years' time|"
        r"look like (?:in|by|next)|next (?:year|month|few)|years? from now|(?:a|one) year|down the line|"
        r"long run|where do you see|hope\w*|plans?|what's next|look(?:ing)? ahead|someday|one day|"
        r"in (?:five|ten|5|10) years|going forward|what would change|if nothing changes|"
        r"how (?:would|will) (?:things|life) (?:be|look)|better look like|tomorrow|(?:would|will) be different|"
        r"got better|(?:months?|weeks?|years?) from now|this time next|look like (?:a few|in a|this time|by)|"
        r"by (?:the )?(?:summer|spring|autumn|winter|christmas|new year)"
    )),
    ("feelings", (
        r"feel\w*|felt|your day|worst part|nights?|sleep\w*|in your head|head ?space|state of mind|"
        r"going on (?:with|for) you|how(?:'s| are) things|how's life|(?:what's|what has) it been like|"
        r"how(?:'s| has) it been|emotion\w*|mood|sad\w*|down\b|low\b|lonely|hurt\w*|angry|anger|upset|"
        r"stress\w*|tired|exhaust\w*|heart|inside|really doing|how are you|how've you been|how have you been|"
        r"cop(?:ing)? with|carrying|heav(?:y|iest)|on your mind|weigh\w*|grief|griev\w+|"
        r"miss(?:ing)? (?:her|him|them)|numb|empty|anxious|anxiety|worr\w+|"
        r"(?:without|since|lost|losing|miss(?:ing)?) (?:your |our )?(?:mum|mom|dad|nan|nana|gran|grandad|grandpa|him|her|them)\b|"
        r"since (?:\w+ ){0,3}(?:died|passed|went|left)|since the (?:accident|funeral|divorce|layoffs?|diagnosis|breakup|split)|"
        r"(?:seem|look|sound)(?:ed|s)? (?:so |really |a bit |pretty |very )?(?:flat|down|low|tired|shattered|exhausted|on edge|"
        r"stressed|quiet|sad|lost|far away|worn out|off|drained|fed up)|are (?:you|u) (?:ok|okay|alright|all right)|"
        r"how(?:'s| is) your head|on edge|rotten|hard year|rough (?:year|few|patch|time)|"
        # "I can see how hard the shops are for you", "I hate watching you struggle"
        r"(?:watch(?:ing)?|see(?:ing)?) you (?:struggle|suffer|hurt|go through)\w*|"
        r"how hard (?:\w+ ){0,3}(?:is|are|has been|have been|gets) for you"
    )),
)
# Whole words only: "feel" is not "fee", and "you and I've" is not "you and I".
_COMPILED = tuple((topic, re.compile(rf"(?:^|\b|(?<=\W))(?:{pattern})(?![a-z'])", re.I)) for topic, pattern in _PATTERNS)


# Looser cue words, weighed when the phrases above find nothing, or only "feelings" (so "how do you feel about the
# expense?" is about money). A trailing * matches any ending.
_CUES: dict[str, tuple[str, ...]] = {
    "money": ("expens*", "cost*", "spend*", "spent", "pay*", "paid", "price*", "fund*", "cash", "wage*", "salary", "afford*",
              "insur*", "financ*", "fee", "fees", "cheap*", "bill", "bills", "debt*", "rent", "mortgage", "budget*", "quid", "dollars"),
    "time": ("slot*", "hour*", "diary", "calendar*", "schedul*", "week*", "shift*", "busy", "juggl*", "rota*", "timing", "waitlist*",
             "appointment*", "evening*", "weekend*", "morning*", "lunch*", "commut*", "deadline*", "time"),
    "stigma": ("judg*", "asham*", "shame*", "embarrass*", "gossip*", "reputation", "weak*", "stigma*", "neighbour*", "neighbor*",
               "colleague*", "workmates", "seen", "looks", "image"),
    "past_experience": ("before", "previous*", "experience*", "history", "ago", "tried", "remember*", "teenager"),
    "medication": ("medic*", "meds", "pill*", "tablet*", "drug*", "prescri*", "dose*", "antidepress*", "chemic*", "side-effects"),
    "labels": ("label*", "diagnos*", "illness*", "ill", "disorder*", "condition*", "mental*", "crazy", "mad", "psycho*", "name",
               "word", "called", "sick", "patient", "case", "alcoholic", "addict*", "broken"),
    "privacy": ("knowing", "secret*", "confiden*", "private", "privacy", "record*", "notes", "file*", "overhear*"),
    "fear_of_feelings": ("afraid", "scar*", "fear*", "frighten*", "terrif*", "dread*", "painful", "pain", "raw", "unbearable",
                         "overwhelm*", "flood*", "dig*", "unravel*", "crumbl*", "cry*", "tears"),
    "doubt_it_works": ("useful", "useless", "point*", "pointless", "worth*", "difference", "better",
                       "effective", "evidence", "results", "doubt*", "sceptic*", "skeptic*", "convinc*", "waste", "believe"),
    "independence": ("yourself", "own", "alone", "independen*", "corner", "rely*", "lean*", "control*", "handl*", "manag*",
                     "pride", "proud", "strong", "tough", "self-reliant", "capable", "needing", "needy"),
    "culture_faith": ("faith*", "church*", "mosque*", "temple*", "synagogue*", "god", "allah", "pray*", "relig*", "spiritual*",
                      "culture*", "cultural*", "tradition*", "community", "heritage", "belief*", "elders", "priest*", "imam*"),
    "family_role": ("family", "families", "relies", "depend*", "household", "everyone", "provid*", "responsib*", "carer", "caring",
                    "eldest", "breadwinner", "leans", "leaning"),
    "the_relationship": ("us", "we", "our", "ours", "understood", "understand", "marriage", "relationship", "friendship",
                         "together", "closer", "apart", "between"),
    "the_future": ("future", "picture*", "imagine*", "spring", "summer", "autumn", "winter", "next", "year*", "someday", "hope*",
                   "plan*", "dream*", "ahead", "later", "eventually", "goal*", "forward"),
}
# Cue words specific enough to outweigh "feel" in a line.
_SPECIFIC = frozenset({"money", "medication", "labels", "culture_faith", "stigma"})
_WORD = re.compile(r"[a-z][a-z'-]*")


def _cue_topic(text: str, exclude: frozenset[str] = frozenset()) -> Optional[str]:
    words = _WORD.findall(text.lower())
    best, best_score = None, 0
    for topic, _ in _PATTERNS:
        if topic in exclude or topic not in _CUES:
            continue
        score = sum(
            1 for word in words for cue in _CUES[topic]
            if (word.startswith(cue[:-1]) if cue.endswith("*") else word == cue)
        )
        if score > best_score:
            best, best_score = topic, score
    return best


# "How have the evenings been?", "how's your week been?": a check-in on how they are, not time as a barrier.
_CHECK_IN = re.compile(
    r"\bwhat(?:'s|’s| is| has)? it (?:been )?like (?:for you|since|lately|these days|at night|on your own|being)|\bhow(?:'s|’s|"
    r" is| has| have| are| was| were)(?: (?:the|your|you|things|life|everything))?"
    r"(?: (?:evenings?|nights?|days?|weekends?|mornings?|weeks?|months?|lately|recently|work|things|life|everything|you))?"
    r"(?: (?:been|going|doing|feeling|holding up|getting on|for you))",
    re.I,
)
# What the habit does for them ("what does it do for you, the weed? like what does it help with?"): how they feel,
# asked before the doubt about therapy that "help" would otherwise suggest.
_WHAT_IT_DOES = re.compile(
    r"\bwhat (?:does|do) (?:it|that|they|the \w+|drinking|smoking|gaming|gambling) (?:actually |really )?(?:do for you|give you|"
    r"help (?:you )?with)\b", re.I)
_SPECIFIC_REASONS = ("medication", "money", "past_experience", "culture_faith", "stigma", "labels", "privacy")


# "Mum, I love you", "I'm proud of you, son": calling them by name says nothing about family roles.
_VOCATIVE = re.compile(
    rf"^\W*(?:(?:hey|hi|hiya|hello|oh|look|listen|morning|evening|night|aw|ok|okay|so) )?{ADDRESS}\b\s*[,.!]|[,]\s*{ADDRESS}\W*$",
    re.I,
)


def classify_topic(text: str) -> Optional[str]:
    """The topic a line is about, or None: the first topic in priority order whose phrases appear, else the topic
    whose cue words appear most. A check-in ("how have the evenings been?") is about feelings unless it also
    names a specific reason (money, medication...)."""
    text = _VOCATIVE.sub(" ", text)
    if _WHAT_IT_DOES.search(text):
        return "feelings"
    if _CHECK_IN.search(text):
        specific = next((topic for topic, pattern in _COMPILED if topic in _SPECIFIC_REASONS and pattern.search(text)), None)
        return specific or "feelings"
    for topic, pattern in _COMPILED:
        if pattern.search(text):
            if topic == "feelings":
                return _cue_topic(text, frozenset(_CUES) - _SPECIFIC) or topic
            return topic
    return _cue_topic(text)

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


# Two more readings a practice line can have, beside the topics: a question or reflection about what holds them back
# from help without naming a reason ("what worries you about talking to someone?"), answered with a hidden reason; and
# a greeting, thanks or small talk ("hi dad, thanks for having me over"), answered in kind.
WHY_NOT = "why_not"
SMALL_TALK = "small_talk"
_BROAD = frozenset({"feelings", "the_future", "the_relationship"})
# Words that on their own ask what stands in the way.
_IN_THE_WAY = re.compile(
    r"\b(?:daunting|obstacles?|off-?putting|puts? (?:you|u) off|putting (?:you|u) off|stopping (?:you|u)|stops (?:you|u)|"
    r"hold(?:s|ing)? (?:you|u) back|gets? in the way|getting in the way|in the way|set against|hesitant|reluctant|"
    r"keep saying no|(?:the )?reason (?:you|u) (?:won'?t|don'?t|keep|wont|dont)|so (?:hard|scary|difficult|awful) about|"
    r"makes? (?:it|the idea|going|that) (?:so |feel )?(?:hard|scary|difficult|daunting)|less (?:daunting|scary|frightening|hard)|"
    r"(?:make|made|making) it (?:a bit |feel )?(?:easier|less)|(?:the )?(?:idea|thought) of (?:it|going|therapy|counsell?ing|"
    r"seeing|talking)|change the subject|go (?:so )?quiet|part of (?:you|u) (?:wants?|doesn'?t|is)|uneasy|(?:doesn'?t|dont) sit right|"
    r"gets? your back up|what is it about|(?:hardest|worst|scariest) (?:part|bit|thing) about|"
    r"what would (?:need to|have to) (?:be different|change|happen)|through the no|goes through your head when|"
    r"(?:don'?t|dont) like about (?:it|that|the idea|going|seeing))\b",
    re.I,
)
# Worry words that ask what stands in the way when they're about help ("what scares you about seeing someone?").
_WORRY = re.compile(r"\b(?:worr\w*|scar\w*|bother\w*|hard|difficult|wrong with|picture|imagine|feel ok|feel okay|feel alright)\b", re.I)
_ABOUT_HELP = re.compile(
    r"\b(?:therap\w*|counsel\w*|see(?:ing)? (?:a|someone|somebody|anyone|a professional)|get(?:ting)? (?:some )?help|"
    r"talk(?:ing)? to (?:someone|somebody|anyone|a |an |a professional|a stranger)|doctor|gp|going (?:to|along)|"
    r"the whole (?:idea|thing)|support|help\b|about it\?)",
    re.I,
)
_SMALL_TALK = re.compile(
    r"^\W*(?:hi|hey|heya|hiya|hello|morning|evening|afternoon|good (?:morning|afternoon|evening)|yo|alright)\b|"
    r"\bthanks? (?:you )?(?:so much )?for (?:having|dinner|lunch|tea|the (?:tea|food|lift|dinner)|letting|making|cooking)|"
    r"\b(?:nice|good|lovely|great) to see you|\bkettle'?s on|\bcup of tea|\bcuppa|\blong time\b|\bthe (?:match|game|weather)\b|"
    r"\bhow(?:'s| is| was) (?:the|your) (?:new )?(?:car|garden|dog|cat|drive|trip|holiday|match|game)",
    re.I,
)
_ASKING = frozenset({"open_question", "closed_question", "reflection", "simple_reflection", "complex_reflection"})
_WARM_OR_NONE = frozenset({"affirmation", "i_statement", "autonomy_support", "closed_question", "open_question"})


def lexicon_topic(text: str, asking: bool = True) -> Optional[str]:
    """The lexicon's reading: a topic, WHY_NOT or None (the trained reader weighs it as one of its features)."""
    topic = classify_topic(text)
    if topic is None or topic in _BROAD:
        if _IN_THE_WAY.search(text) or (asking and _WORRY.search(text) and _ABOUT_HELP.search(text) and topic != "the_relationship"):
            return WHY_NOT
    return topic


def _last_question(text: str) -> Optional[str]:
    """The question a line of several sentences ends on, or None for a line of one sentence."""
    parts = [part.strip() for part in re.split(r"(?<=[.!?])\s+", text.strip()) if part.strip()]
    if len(parts) < 2 or not parts[-1].endswith("?"):
        return None
    return parts[-1]


def read_line(text: str, codes: list[str], use_model: bool = True) -> Optional[str]:
    """What a practice line raises: a topic (TOPICS), WHY_NOT (what holds them back, no reason named), SMALL_TALK
    (a greeting, thanks, chat) or None. The trained reader (topic_model.py, which weighs the lexicon too) decides;
    without it, the lexicon alone."""
    return read_line_scored(text, codes, use_model)[0]


def read_line_scored(text: str, codes: list[str], use_model: bool = True) -> tuple[Optional[str], float]:
    """read_line, and how sure the reading is (the model's probability; 1.0 for small talk and the lexicon alone)."""
    asking = bool(_ASKING & set(codes))
    small_talk = set(codes) <= _WARM_OR_NONE and bool(_SMALL_TALK.search(text))
    if small_talk and not asking:
        return SMALL_TALK, 1.0
    topic, sure = lexicon_topic(text, asking), 1.0
    if use_model:
        from actions.rehearsal.topic_model import NONE, guess

        model = guess(text)
        asked = _last_question(text) if "open_question" in codes else None
        if model is not None and asked:
            # "rhi im not calling you a thug. i just miss you laughing. whats it been like for you since the divorce?": the
            # question is what they answer, not a word said on the way to it
            on_asked = guess(asked)
            if on_asked is not None and on_asked.topic != NONE and on_asked.confidence >= model.confidence:
                model = on_asked
        if model is not None:
            topic, sure = (None if model.topic == NONE else model.topic), model.confidence
    if topic is None and small_talk:
        return SMALL_TALK, 1.0
    return topic, sure
