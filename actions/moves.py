"""What the user is asking for this turn, read from their words, the intent and the thread so far.

The intent classifier sees one message; a follow-up like "another one?", "what if she says no again" or
"why would he do that" only makes sense with the conversation behind it. These are plain regexes over the
message, cheap enough to run on every turn, and checked before the intent so the thread wins.
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import Optional

from kernel.lexicon import VENTED
from kernel.vocabulary import TOPIC_FOR_INTENT


@dataclass(frozen=True)
class Move:
    """``kind``: more | different | next_no | why_them | why_us | feeling | ack | topic | open.

    ``topic`` is the content topic the reply is about (None: no particular advice is due);
    ``focus`` a kind of item the user asked for ("what should I avoid" -> avoid).
    """

    kind: str
    topic: Optional[str] = None
    focus: Optional[str] = None
    from_intent: bool = False  # only the intent classifier says so; the user's words named nothing
    audience: Optional[str] = None  # support: "user" (for me) or "loved_one" (where could he go?); None: not said
    detail: bool = False  # an "open" statement that says something (not a question, not a word or two)
    asked: bool = False  # a topic named in a question ("do i keep lending him money?"), not only mentioned in a story
    answers_no: bool = False  # asks how to meet the no just told ("how do i argue with that", "how do i get past that")


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


_MORE = _rx(
    r"^(?:(?:ok(?:ay)?|right|yeah|hm+)[,.!]?\s*|and\s+|so\s+)?(?:and|go on|carry on|keep going|tell me more|say more|like what|such as|"
    r"for example|(?:and )?then what)\W*$|"
    r"^(?:ok(?:ay)?[,.!]?\s*|and\s+|so\s+)?(?:another|one more|more|any more|anymore|anything else|something else|(?:any )?other ideas?|"
    r"a different (?:one|way|idea)|what else|something (?:shorter|simpler|softer|gentler|lighter|more casual)|"
    r"(?:a )?(?:shorter|simpler|softer|gentler) (?:one|version|way))\b|\banother (?:one|way|idea|thing|option|"
    r"example)\b|\banything else i (?:could|"
    r"can|should|might) "
    r"(?:say|try|do)\b|\bgot any more\b|\bgive me (?:another|more)\b|\bmore (?:ideas|examples|options|like that)\b"
)
_DIFFERENT = _rx(
    # said of the idea ("that won't work", "that line would never fly"), not "she wouldnt fly" to the wedding
    r"\b(?:that|it|this|those|these|which)(?: \w+)?(?:'ll| will|'d| would|'s| is)? (?:just |really |simply )?"
    r"(?:won'?t|wouldn'?t|wont|wouldnt|doesn'?t|doesnt|does not|will not|isn'?t going to|not going to|never|not gonna) "
    r"(?:work|fly|land|wash)\b|"
    r"\bnone of (?:that|those|these|it|them) (?:will|would|'ll|'d|is going to|are going to) (?:work|fly|land|wash)\b|"
    r"(?:^|[,.;!]\s*)(?:\W*(?:nah|no|nope|hmm+|mm+|yeah,? (?:but|nah))\b)?\W*(?:it |that )?(?:won'?t|wont|wouldn'?t|wouldnt|doesn'?t|"
    r"doesnt|never) (?:work|fly|land|wash)\b|"
    r"\bsee (?:straight )?through (?:it|that)\b|\bwe don'?t do (?:serious|deep|that)|\bnot (?:really )?(?:us|him|her|them)\b|"
    r"\bthat'?s not (?:us|him|her|how we)\b|\bi'?ve tried that\b|\btried that already\b"
)
# "is there anything for partners? like for me i mean, not him": asking for themselves, not rejecting an idea.
_NOT_THEM_BUT_ME = _rx(r"\b(?:for|about) (?:me|myself)\b[^.?!]{0,20}\bnot (?:him|her|them)\b|\bnot (?:him|her|them),? (?:for )?me\b")
_NEXT_NO = _rx(
    r"\bwhat if (?:s?he|they|my \w+|(?:s?he|they)'s)\b|\band if (?:s?he|they) (?:just )?(?:does|do|says?|throws|laughs|yells|rants?|"
    r"shouts?|screams?|cries|storms? off|walks? out|kicks? off|blows? up|gets? (?:angry|defensive|upset|nasty)|goes (?:quiet|off|silent)|"
    r"shuts? down)\b|"
    r"\bif (?:s?he|they) (?:says? no|refuses|shuts? down|laughs|yells) again\b|\bwhat do i do if (?:s?he|they)\b|"
    r"\bwhat (?:do|should|ought|can|would) i (?:to )?do if (?:\w+ )?(?:gets?|becomes?|goes|turns?|starts?) (?:\w+ )?(?:cross|"
    r"angry|mad|defensive|upset|nasty|"
    r"aggressive|shouty|shouting|off)\b|\bwhat (?:do|should|can) i do (?:if|when) (?:s?he|they) (?:kicks off|loses it|blows up|goes off)\b"
)
# Someone else's advice, weighed: "my husband says we should stop letting her in", "she thinks i should cut him off".
_ADVICE_WEIGHED = _rx(r"\b(?:says?|said|thinks?|reckons?) (?:we|i) (?:should|ought to|need to|must)\b")
_WHY_US = _rx(
    r"\bwhy (?:do|would|did|should) you (?:suggest|say|think|recommend)|\bwhy (?:would|does|will|should) (?:that|this|it) "
    r"(?:help|work)|^why (?:that|this)\??$|^why\??$|\bwhat'?s the (?:reasoning|thinking|evidence)|\bwhere does (?:that|this) come from\b|"
    r"\bany (?:evidence|research|source)|\bis that (?:backed|proven|evidence)"
)
_WHY_THEM = _rx(
    r"\bwhy'?s (?:s?he|they)\b|\bwhy (?:do|does|did|would|won'?t|wont|is|isn'?t|can'?t|cant|doesn'?t|will|has|didn'?t|on earth|does it)\s+"
    r"(?:s?he|they|my \w+|her|him|he'?s|she'?s|people|anyone|someone|"
    r"a (?:grown )?(?:man|woman|guy|person|adult))\b|\bwhy (?:the|all the|so much)\b|"
    r"\bwhat (?:does|did) (?:s?he|they) mean\b|\bis (?:s?he|it) (?:scared|afraid|just scared)\b|\bis it me\b|\bavoiding me or\b|"
    r"\bis it different for\b|\bwhy (?:he|she|they) (?:say|says|said|do|does|don'?t|dont|won'?t|wont|not)\b|"
    r"\bwhy (?:won'?t|wont|doesn'?t|doesnt|can'?t|cant|wouldn'?t) \w+ (?:just )?(?:talk|go|see|get|accept|admit|listen|try|ring|call)\b|"
    r"\bis (?:it|that|this) (?:just )?a (?!(?:safety|fire|health) )(?:\w+ )?thing\b|\bbad sign\b|"
    r"\bso against (?:it|help)\b|\b(?:her|his|their) generation\b|\b(?:has|have) a point\b|"
    r"\bnot (?:exactly )?wrong\b|\bprobably right\b|\bis that a thing\b|\bscared of (?:the|it|going|what)\b|"
    r"\bany point (?:in )?(?:arguing|debating|reasoning) (?:the \w+ )?with (?:him|her|them)\b|"
    r"\bwhy (?:won'?t|wont|doesn'?t|does|do|would|can'?t) (?:s?he|they) just\b|\bpart of it\b|\bwhy (?:him|her) of all\b|"
    r"\b(?:that'?s|thats|this is) the (?:bit|part|thing) i (?:don'?t|dont|can'?t|cant) (?:get|understand)\b|"
    r"\bwhat(?:'s| is)? (?:\w+ )?(?:is |'s )?(?:stopping|holding) (?:him|her|them)(?: back)?\b|"
    r"\b(?:is|was) (?:that|it|this) (?:a|basically a|just a) no\b|\bdoes (?:that|it|this) mean (?:no|a no)\b|"
    r"\bcare so much about\b|\bproud about\b|\bwhy (?:does|do) (?:s?he|they) (?:always|keep)\b|\bis (?:s?he|they) right\b|"
    r"\b(?:the )?(?:depression|drink|drinking|illness|anxiety|grief|addiction|drugs|bipolar|mania|ptsd|trauma) talking\b|"
    r"\bwhat(?:'s| is)? (?:actually |really )?going on (?:for|in|inside|with) (?:him|her|them|his head|her head)\b[^.?!]{0,30}"
    r"\bwhen (?:s?he|they) (?:says? no|refuses|won'?t)\b|"
    r"\b(?:something|anything) i'?m doing wrong\b|\bis it something i (?:am|'m) doing\b|\bam i doing (?:something|it) wrong\b|"
    r"\bis it normal (?:that |for )?(?:s?he|they|him|her|them)(?:'?s|'re| is| are)? (?:not|isn'?t|aren'?t)\b|"
    r"\bcan (?:s?he|they) (?:really )?(?:fix|sort|handle|beat|manage) (?:it|this)"
    r"(?: on (?:her|his|their) own| (?:her|him|them)sel(?:f|ves))?\?"
)
# Self-care and understanding topics, most specific first. The topic keys are the registry's names.
# Violence to things, told as what happened ("he punched the wall right next to our 7 year old when i brought it
# up", "threw a plate at the wall"): not a way of saying no, but a reason to talk about safety first
VIOLENCE_TO_THINGS = (
    r"\b(?:he|she|they)(?:'s| has| had)? (?:\w+ )?(?:punch\w*|smash\w*|kick\w*|thump\w*|threw|throw\w*|hurl\w*|lobb\w*|"
    r"put (?:his|her|their) (?:fist|foot|head) through|"
    r"(?:slam|bang)\w* (?:his|her|their) (?:fist|fists|head|hand|hands) (?:into|on|against))\b"
    r"(?: (?:a|the|his|her|my|our|their) \w+)?[^.?!]{0,25}"
    r"\b(?:wall|door|window|plate|plates|glass|mug|cup|phone|table|chair|tv|telly|mirror|cupboard)\b"
    r"(?! (?:in|at) (?:the )?(?:gym|pub))(?![^.?!]*\b(?:by accident|accidentally)\b)"
)
_VIOLENCE_TO_THINGS = re.compile(VIOLENCE_TO_THINGS, re.IGNORECASE)


def violence_to_things(text: str) -> bool:
    """Anger that lands on walls, doors or things, told as what happened: safety comes first."""
    return bool(_VIOLENCE_TO_THINGS.search(text.replace("’", "'")))


# A small opening asked about: "she didnt shut it down straight away. is that something?" is about progress, even
# when what she didn't shut down was a support group.
_AN_OPENING = _rx(
    r"\b(?:didn'?t|didnt|did not|hasn'?t|hasnt|never|wasn'?t|wasnt) (?:\w+ )?(?:shut (?:it|that|the idea) down|"
    r"shoot (?:it|that|the idea) down|brush (?:it|that) off|laugh (?:it|that) off|say no|dismiss (?:it|that))\b[^?]{0,80}\b"
    r"(?:is (?:that|this) (?:something|a (?:good )?sign|"
    r"progress|good)|does (?:that|this) (?:mean|count))\b"
)


# What to say when they ask again for the thing that feeds it: "so what do i say next time she asks me".
_SAY_WHEN_ASKED = _rx(r"\bwhat (?:do|should|can|would) i (?:even )?(?:say|tell (?:him|her|them))\b[^?]{0,30}\b(?:next time|when|if) "
                      r"(?:s?he|they) (?:asks?|wants?|rings?|calls?|begs?)\b")
# Guilt about looking after yourself: "am i a bad daughter for wanting a break? i'm running on empty".
_GUILTY_FOR_A_BREAK = _rx(
    r"\bam i (?:a )?(?:bad|terrible|awful|horrible|selfish|rubbish|shit) (?:daughter|son|wife|husband|partner|mum|mom|dad|sister|"
    r"brother|friend|person|mother|father)\b[^?]{0,30}\bfor (?:wanting|needing|taking|having) (?:a )?(?:break|rest|time off|time out|"
    r"breather|night off|day off|weekend off|holiday|life)\b"
)
# Doing the step for them: "should i just fly out there, make the appointment myself and drive her to it", "should i just
# book the appointment for him? hes 31": what is theirs to do and what is the user's.
_TAKE_IT_OVER = _rx(
    r"\b(?:should|could|do|can) i (?:just )?[^.?!]{0,40}?\b(?:make|book|arrange|ring|call)(?: up)? (?:the|an|a) (?:appointment|gp|"
    r"doctor|counsell?or|therapist|assessment)(?: \w+){0,2} (?:myself|for (?:him|her|them))\b|"
    r"\b(?:should|could|do|can) i (?:just )?(?:drag|frogmarch|march|drive|take) (?:him|her|them) "
    r"(?:there|to (?:it|the (?:gp|doctor|appointment)))\b"
)
# Two feelings at once, one of them anger: "i feel guilty ... but i'm also fed up of being snapped at. is it normal to feel both"
_MY_ANGER = (r"\b(?:i'?m|i am|im|i feel|i get|i'?ve been|ive been|i)\s+(?:also |so |really |just |bloody |getting |a bit |"
             r"kind of )*(?:fed up|angry|resent\w*|furious|sick of|pissed off|bitter)\b")
_GUILT_AND_ANGER = _rx(
    rf"\b(?:i (?:feel|felt) |i'?m |im )(?:so |really |also |a bit )?guilt(?:y)?\b(?! of)[^?]{{0,200}}{_MY_ANGER}|"
    rf"{_MY_ANGER}[^?]{{0,200}}\b(?:i (?:feel|felt) |i'?m |im )(?:so |really |also |a bit |then )?guilt(?:y)?\b(?! of)"
)


# Blind set 30: checking they still breathe after an overdose (safety, not progress), a lever or a line drawn ("take his
# wifi away until he books", "is that a threat", "i wont come round if he starts shouting": boundaries), someone else
# paying their way (enabling), and how to reassure them (what to say).
_STILL_BREATHING = _rx(r"\bcheck(?:s|ing)? (?:on )?(?:if |that |whether )?(?:he'?s|she'?s|hes|shes|they'?re|theyre|"
                       r"(?:he|she|they) (?:is|are)) (?:still )?breathing\b")
_A_LEVER = _rx(
    r"\btake (?:away )?(?:his|her|their) (?:wifi|phone|car|keys|allowance|laptop|console|xbox|playstation|money|card)(?: away)? "
    r"(?:until|unless|till)\b|\b(?:is that|is it|would that be|isn'?t that) (?:a |like a )?(?:threat|ultimatum|blackmail)\b(?! to)|"
    r"\b(?:tell (?:him|her|them) )?(?:i (?:won'?t|wont|will not|am not going to)|i'?m not (?:going to|gonna)|im not (?:going to|gonna)) "
    r"(?:come round|come over|visit|stay|pick (?:him|her|them) up|lend|give (?:him|her|them))\b[^.?!]{0,40}\bif (?:he|she|they)"
    # not a limit against violence ("i wont come round if he hits mum again"): that is safety first
    r"(?![^.?!]*\b(?:hits?|hitting|hurts?|hurting|punch\w*|kicks?|kicking|strangl\w*|chok\w*|threaten\w*|kill\w*|knife|weapon|"
    r"violent)\b)")
_OTHERS_PAY_THEIR_WAY = _rx(r"\b(?:my |our )?(?:mum|mom|dad|nan|gran|grandma|grandad|parents|family)\b[^.?!]{0,20}\b"
                            r"(?:keeps?|kept|always|still) (?:lending|giving|handing|sending|bailing) (?:him|her|them)(?: \w+)? "
                            r"(?:money|cash|out)\b")
_A_SMALL_STEP = _rx(r"(?<!wish )(?<!if )\b(?:s?he|they) (?:did|has|have) (?:actually|even|finally) "
                    r"(?:come|came|get up|got up|go out|gone out|"
                    r"talk|talked|open up|opened up|ask(?:ed)? (?:me )?(?:about|what|how|if))\b"
                    r"(?![^.?!]*\b(?:pub|wasted|drunk|high|money|blood|cuts?|alone|again|can'?t do this|police|fight|furious|worse)\b)")
# Blind set 31: how to go on being there ("what can i actually do day to day", "how do i keep showing up for him without
# nagging", "stay in her life"): support; and what is theirs to keep ("protect my own evenings"): boundaries.
_BEING_THERE = _rx(r"\bwhat (?:else )?can i (?:actually |still |even )?do (?:day to day|day-to-day|in the meantime|meanwhile|for now|"
                   r"every day)\b|"
                   r"\bhow (?:do|can|could|should) i (?:keep )?(?:showing up|show up|be there) for (?:him|her|them)\b|"
                   r"\b(?:stay|keep) in (?:his|her|their) life\b")
_WHAT_IS_MINE = _rx(r"\bprotect (?:my|our) (?:own )?(?:evenings|time|weekends|space|sleep|energy|peace|home)\b")
_REASSURE = _rx(r"\bhow (?:do|can|could|would|should) i (?:reassure|convince|show) (?:him|her|them)\b")

_TOPIC_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    # Read before the others, whose broader words they contain: a small opening ("support group"), guilt about a break,
    # booking it for them, guilt and anger at once.
    ("worried_about_safety", _STILL_BREATHING),
    ("progress", _AN_OPENING),
    ("exhaustion", _GUILTY_FOR_A_BREAK),
    ("boundaries", _TAKE_IT_OVER),
    ("resentment", _GUILT_AND_ANGER),
    ("worried_about_safety", _rx(
        VIOLENCE_TO_THINGS + "|"
        # "when is it the point where you call someone?", "is that a sign its gotten serious?"
        r"\bthe point (?:where|when|that|at which) (?:you|i|we|someone) (?:should |need to |have to )?(?:call|ring|phone|get help|"
        r"act|step in|worry)\b|\ba sign (?:that )?(?:it'?s|its|it has|things?(?:'ve| have)?) (?:gotten|got|getting|become|turned|gone) "
        r"(?:more )?(?:serious|worse|dangerous|bad)\b|"
        r"\bshould i be (?:worried|scared|concerned)|\bshould i (?:even )?worry\b|"
        r"\bwarning signs\b|\bsigns? (?:i should|to) (?:watch|look)|\bwhat signs should\b|"
        r"\bhurting (?:him|her|them)sel|\bsuicid|\bkill(?:ing)? (?:him|her|them)sel|\bsomething to (?:worry|be worried)|"
        r"\bam i overreacting\b|\bam i (?:just )?(?:panicking|being paranoid)\b|\bsomething i (?:need|have|ought|should) (?:to )?act on\b|"
        r"\b(?:getting|gets|got|get) (?:more )?(?:serious|dangerous|worse|bad) again\b|\bhow (?:would|will|do|can|could) i (?:know|tell) "
        r"(?:if|when|whether) (?:it'?s|its|it is|things are|(?:s?he|they)(?:'s|'re| is| are)?) (?:getting |gone |going )?(?:more |really )?"
        r"(?:serious|dangerous|worse)\b|"
        r"\bsomething i should (?:really |actually )?be (?:really |more |properly )?(?:worried|concerned|scared) about\b|"
        r"\bhow do i know if i should (?:actually )?be worried\b|\bsigns? (?:would|that) mean it'?s (?:serious|dangerous)|"
        r"\bnormal teenager\b|"
        r"\bput the idea in\b|\bhow worried should\b|\bis (?:this|it|that) (?:actually |really |even |physically )?(?:an emergency|"
        r"dangerous|serious|harmful|damaging)\b|\blooking out for\b|\bis (?:this|it|that|what (?:s?he|they)(?:'s| is| are|'re) doing) like "
        r"(?:actually |really )?(?:dangerous|serious|harmful)\b|"
        # "is it a safety thing tho? boxes piled by the boiler", "part of me worries he'll end up hurting someone"
        r"\bis (?:this|it|that) (?:a|like a) (?:(?:safety|fire) (?:thing|issue|risk|worry|problem|hazard)|health (?:risk|hazard))\b|"
        r"\b(?:worr(?:y|ies|ied)|scared|afraid|frightened) (?:that )?(?:s?he|they|he'?ll|she'?ll|they'?ll|hell|shell|hes|shes)"
        r"(?:'ll| will| might|'s going to| is going to| going to|'s gonna| gonna)? "
        r"(?:end up |one day )?(?:hurt(?:ing)?|hit(?:ting)?|harm(?:ing)?) "
        r"(?:someone|somebody|anyone|some ?one|(?:him|her|them)sel(?:f|ves))\b|"
        r"\bwatch (?:out )?for this time\b|"
        r"\bat what point (?:do|should|would|can|will) i (?:have to |need to |actually )?(?:call|ring|phone|get (?:help|someone|"
        r"worried|scared)|worry|panic)|"
        r"\bwhen (?:do|should|would) i (?:call|ring|phone) "
        r"(?:someone|for help|an ambulance|the crisis|a crisis|999|911|the doctor|the gp)|\bhow (?:bad|long) (?:does|do|should|would) "
        r"(?:it|things) (?:have to |need to )?get before (?:i|we|you) (?:call|ring|phone|get|worry|do something)\b|"
        r"\bwho do i (?:call|ring) if\b|\bworried about (?:a |the )?(?:fire|gas|him falling|her falling|a fall)\b|\bfire (?:risk|hazard)\b|"
        # "what are the signs it's getting to the point where i need to get someone urgently?"
        r"\bsigns?\b[^.?!]{0,60}\b(?:urgent\w*|emergency|crisis|dangerous|getting worse|the point where|need (?:to get|"
        r"help) (?:someone|help) (?:fast|quick|now))\b|"
        # when worry should turn into action: "how much weight does she have to lose before i actually worry", "signs it's
        # gone past what i can handle", "at what point does this become something i should tell someone about", "how long
        # before i should be worried it's not normal grief anymore"
        r"\bbefore (?:i|we) (?:stop waiting and )?(?:should )?(?:actually |really |properly )?(?:worry|be (?:worried|concerned|scared)|"
        r"panic|step in|call (?:someone|for help|a doctor|the gp))\b|"
        r"\b(?:gone|going|got|getting|get) (?:past|beyond) what (?:i|we) can (?:handle|manage|cope with|deal with)\b|"
        r"\bat what point (?:does|do|is|will|would|should) (?:this|it|that|things?) (?:become|get|turn|go|stop being)\b[^.?!]{0,50}"
        r"\b(?:tell|report|call|ring|phone|worr\w*|serious|dangerous|emergency|urgent|help|normal)\b|"
        r"\bthe old (?:stuff|problems?|habits?|self[- ]?harm\w*|cutting|thoughts) (?:is |are )?(?:coming|come) back\b|"
        # "she keeps saying she's a burden" (not "doesn't want to be a burden on the nhs": a reason to say no)
        r"\b(?:s?he|they|mum|mom|dad|he'?s|she'?s)\b[^.?!]{0,40}\b(?<!want to )(?<!wants to )(?:is|being|be|feels?(?: like)?) a burden\b|"
        r"\b(?:she'?s|shes|he'?s|hes|they'?re|theyre|i'?m) (?:just )?a burden\b|"
        r"\bnot (?:just )?normal grief\b|\b(?:just|only|is (?:it|this|that)|it'?s|its) (?:a )?(?:normal|ordinary|regular|natural) "
        r"(?:grief|grieving|sadness|mourning)\b|"
        r"\bsigns? (?:that )?i should be (?:more |really |properly )?(?:worried|concerned|scared)\b|"
        r"\bshould (?:i )?be more worried\b|"
        r"\bwhen is it time to (?:actually |really )?(?:do something|act|step in|call|get help)\b|"
        r"\bgetting (?:actually |really )?dangerous\b|\ba real worry\b|"
        r"\bmore than (?:just )?(?:grief|sadness|normal (?:grief|sadness))\b|"
        r"\bwhen (?:would|should|do) i (?:actually |really )?(?:need to )?(?:worry|be (?:worried|concerned|scared))\b|"
        r"\bwhen (?:is|does) (?:it|this|that) (?:like )?(?:actually |really )?(?:become )?(?:serious|an emergency|dangerous|urgent)\b"
    )),
    # Read after the safety cue: "how do i reassure her when she says she wants to kill herself" is a worry first.
    ("boundaries", _A_LEVER),
    ("enabling", _OTHERS_PAY_THEIR_WAY),
    ("bring_up", _REASSURE),
    ("progress", _A_SMALL_STEP),
    ("support", _BEING_THERE),
    ("boundaries", _WHAT_IS_MINE),
    ("support", _rx(
        # "whats the best thing i can do for her over the next few weeks"
        r"\bwhat(?:'s|s| is)? the best (?:thing|things|way) (?:i can|i could|to) (?:do for|help|support|be there for) (?:her|him|them)\b|"
        r"\bhow (?:can|do|should) i (?:best )?(?:support|be there for) (?:her|him|them)\b|"
        r"\bsupport (?:for me|myself|for myself|for people like me)|\bsomeone to talk to (?:myself|for me)|"
        r"\btalk to someone (?:myself|for me)|"
        r"\b(?:therapist|counsellor|counselor|help|support) for (?:me|myself)\b|\bgroups? for\b|\banyone for (?:partners|"
        r"parents|families|people)|"
        r"\b(?:caregivers?|care givers?|carers?) like me\b|\bsupport for (?:caregivers|care givers|carers|families|parents|"
        r"partners|spouses|siblings|people like me)\b|"
        r"\bal[- ]?anon\b|\bnar[- ]?anon\b|^\W*(?:and |but )?what about me\b|"
        r"\bsmart recovery\b|"
        r"\bwhere (?:do|can|could|would) (?:i|people like me) (?:even )?(?:get|find|go)\b(?! (?:from here|next)\b)|"
        r"\bwho (?:can|do|should) i (?:even )?(?:talk|turn|speak) to\b|\bcarers?\b|"
        r"\bfor me to talk to\b|\banywhere i could talk\b|\bi need someone to talk to\b|"
        r"\bnot the right person\b|\bi'?m grieving\b|\bgo on my own\b|\bon my own with this\b|\bsupport myself\b|"
        r"\bget some support\b|\bonly one going through\b|"
        r"\bshould i get a therapist\b|\bwho helps (?:the family|families|me|us|people like)|\bnobody (?:ever )?asks about me\b|"
        r"\bsomething for me\b|\banything for me\b|\bhow (?:do|can|should) i (?:even )?look after (?:myself|me)\b|"
        r"\b(?:anything|something|anyone|support|help) for (?:\w+ )?(?:blokes|men|guys|dads|mums|"
        r"moms|parents|families|wives|husbands|partners|people|carers|grandparents) (?:like me|in my (?:situation|position|shoes))\b|"
        r"\bfor (?:families|relatives|partners|parents|kids|children|wives|husbands) of (?:people|someone|addicts|gamblers|drinkers|"
        r"alcoholics)\b|\banywhere (?:i can|i could|to) go\b[^.?!]{0,15}\bfor me\b|\bwhat (?:do|can|"
        r"should) i do for (?:me|myself)\b|"
        r"\bwhere (?:would|could|can|should|might) (?:s?he|they|my \w+) (?:even )?(?:start|go|turn)\b"
    )),
    ("enabling", _rx(
        # an errand that feeds it, weighed afterwards: "she asked me to pick up her prescription and a parcel that was more of
        # them. i did both. should i have"
        r"\basked me to (?:pick up|collect|get|buy|fetch|grab) (?:her|his|their|more|some|a|the)\b[^?]{0,160}\b(?:should i have|"
        r"was (?:that|i) wrong|did i do (?:the )?(?:right|wrong))\b|"
        r"\benabl|\bmaking it easier for\b|\bcovered (?:his|her|their)\b|\bpay(?:ing)? (?:for )?(?:his|her|their) (?:rent|phone|bills|car)|"
        r"\bi pay for\b|\bfind one for (?:him|her|them)\b|\bpatient (?:and|or|vs) enabl|\bdifference between (?:being )?patient|"
        r"\bpick it up for\b|\bstop reassuring\b|"
        r"\b(?:should i|do i|can i|is it ok(?:ay)? to|just|better to) leave (?:him|her|them) be\b|"
        r"\bgive (?:him|her|them) time\b|\bhow long (?:do|"
        r"am|should) i "
        r"(?:wait|supposed to|be patient)|\bkeep trying or\b|\blet (?:him|her|them) get (?:evicted|kicked)|\bif i stop paying\b|"
        r"\bjust find one\b|\bhow long (?:do|should|can|am) i (?:supposed to )?keep (?:trying|going|pushing|asking|"
        r"at it)|\bbefore i give up\b|"
        r"\bgive up on (?:him|her|them)\b|"
        # money asked for, and going along with a ritual: "keeps asking to borrow 20 quid", "should i wait while she checks?"
        r"(?<!\bi )\b(?:ask(?:s|ing|ed)?|want(?:s|ed)?|keeps?) (?:me )?(?:\w+ )?(?:to )?borrow\b|"
        r"\bshould i (?:lend|keep (?:giving|lending|paying))\b|"
        r"\bkeep (?:lending|giving) (?:him|her|them)\b|\basking (?:me )?for (?:money|cash)\b|\bstop buying\b|"
        r"\b(?:asked|asks|asking|wants|wanted) (?:me |us )?for (?:another |a(?:nother)? )?[£$€]?\d+|"
        r"\bdo i give (?:it )?(?:to )?(?:him|her|them)\b|"
        r"\bgo(?:ing)? along with it\b|\b(?:is|am) (?:that|this|it|i) making it worse\b|"
        r"\bhelp (?:him|her|them) (?:check|with (?:the|her|his) (?:checking|rituals?))\b|"
        # doing it all for them: "babying her", "car payments", "should i stop doing that", "bailing him out"
        r"\bbab(?:y|ying|ied|ies) (?:him|her|them)\b|\bmollycoddl|\bcotton wool\b|\bdoing (?:everything|all the \w+) for (?:him|"
        r"her|them)\b|"
        r"\bshould i (?:be )?(?:hiding|hide|counting|count|pouring|pour|throwing|throw|locking|lock)\b[^.?!]{0,20}\b(?:them|it|"
        r"pills|bottles|booze|drink|tablets|meds)\b|"
        r"\bpropping (?:it|him|her|them) up\b|\bcar payments?\b|\bshould i (?:stop|keep) (?:paying|giving|covering|doing that|"
        r"lending|helping|bailing)\b|"
        r"\bbail(?:ing)? (?:him|her|them) out\b|"
        # doing the ritual or paying the debts for them: "should i just do the checking for him", "lend them money for the bills"
        r"\bshould i (?:just )?(?:do|keep doing|carry on doing|take over) (?:the |his |her |their )?\w+(?: \w+)? for (?:him|her|them)\b|"
        r"\bshould i (?:just )?(?:check|wash|clean|count|lock|re-?check|reassure) (?:\w+ ){0,3}for (?:him|her|them)\b|"
        r"\bshould i (?:stop|keep) (?:checking|reassuring|answering|googling|counting|washing|cleaning|ringing|texting)\b|"
        r"\blend (?:him|her|them|mum|mom|dad|my \w+) (?:some )?(?:money|cash|[£$]?\d+)\b|"
        r"\bcover (?:the|his|her|their) (?:bills|debts?|rent)\b|"
        # buying the drink, and reassurance that feeds a compulsion: "is that helping him or making it worse"
        r"\b(?:pick(?:ing)? up|get(?:ting)?|buy(?:ing)?) (?:\w+ )?(?:beer|booze|wine|cans|drink|alcohol|cigarettes|fags|weed|vodka) "
        r"for (?:him|her|them)\b|\bhelping (?:him|her|them) or\b|\bkeep reassuring\b|"
        r"\bfeeding (?:it|the (?:anxiety|fear|worry|habit))\b|"
        # money and errands done for them: "he borrowed 200 quid off me", "his mum gives him 50 quid a week",
        # "should i just book the appointment for him? i feel like his mum", "i feel like im keeping his secret"
        r"\bborrow(?:ed|s|ing)? [^.?!]{0,25}\b(?:off|from) (?:me|us)\b"
        r"(?=[\s\S]*\b(?:was (?:that|it|i)|should i|is (?:that|it)|am i|do i)\b)|\b(?:lent|loaned) (?:him|her|them)\b|"
        r"\bgives? (?:him|her|them) (?:\w+ )?(?:money|cash|quid|pounds|dollars|bucks|[£$]\d+)\b|\bwhat it goes on\b|"
        r"\b(?:book|make|ring|call|arrange|sort) (?:the |an |a )?(?:appointment|gp|doctor|therapist|counsell?or)(?: \w+)? for (?:him|her|"
        r"them)\b|\bfeel like (?:his|her|their) (?:mum|mom|mother|dad|parent|carer)\b|"
        r"\bkeep(?:ing)? (?:his|her|their|the) secret\b|\bshould i (?:still )?(?:be )?(?:buy(?:ing)?|keep(?:ing)?|hav(?:e|ing)) (?:\w+ )?"
        r"(?:wine|beer|booze|alcohol|drink|cans|spirits|snacks|junk food|biscuits)\b|\bcover(?:ing)? for (?:him|her|them)\b|"
        r"\bor (?:am i |is it |is that )?making (?:it|things) worse\b"
    )),
    ("boundaries", _rx(
        # an ultimatum weighed: "my husband wants to tell him see someone or move out"; a parent asking for news
        r"\b(?:see (?:someone|a doctor|the gp)|get help|go|stop) or (?:move out|get out|leave|he'?s out|she'?s out|they'?re out)\b|"
        r"\bif i should tell (?:her|him|them)\b|\bfeels? like (?:i'?m )?lying\b|"
        r"\bboundar|\bforgive (?:him|her|them)\b|\btake over (?:the |our |his |her |their )?(?:finances|money|bank|"
        r"accounts?|cards?|bills)\b|"
        r"\bseparate (?:our |the )?(?:finances|money|accounts?)\b|\blimits?\b|\brule like\b|\bi (?:won'?t|wont|"
        r"will not) (?:pick up|cover|pay|answer)|\bstop paying\b|"
        r"\bnot (?:go|going) round\b|"
        r"\bstep(?:ping)? back\b|"
        # what to do in the moment: "what do i do when he kicks off in front of the kids"
        r"\b(?:what (?:do|should|can) i do|how (?:do|should|can) i (?:handle|deal with|react|respond))\b(?: (?:it|that))?"
        r"(?: in the moment)? when (?:he|she|they) (?:kicks? off|blows? up|loses? (?:it|(?:his|her|their) temper|the plot)|explodes?|"
        r"starts? (?:shouting|screaming)|rages?|goes? off on one|flies? off the handle)\b|"
        r"\bmoney back\b|\bdon'?t want to be (?:her|his|their) therapist\b|\bfood police\b|\binvit|\bdon'?t want to speak to\b|"
        r"\bmy place to\b(?! (?:say|bring|raise|mention|tell))|\bis it (?:even |still |really )?my (?:business|place|call|job)\b"
        r"(?! to (?:say|bring|raise|mention|tell|ask|talk))"
        r"(?![^.!]{0,40}\bnot (?:family|related|blood|(?:that |very |even |really |all that )?close)\b)|\bnone of my business\b|"
        r"\boverstep|\blook after myself without\b|\bget (?:him|her|them) to share\b|\bpick up after\b|\bi'?ll leave if\b|"
        r"\bcounting (?:her|his) pills\b|\bjust not go\b|\bsay no to (?:him|her|them)\b|"
        r"\b(?:how (?:do|can|should|would|could) i|i (?:need|have|want|'?m trying) to|i'?m (?:not )?able to|i (?:can'?t|cant)) say no\b|"
        r"\b(?:me|i'?m|im) saying no (?=to (?:him|her|them)\b|without\b)|"
        r"\bhow much should i push\b|\babandon|"
        r"\bdeadline\b|\btaking over my (?:whole |entire )?life\b|\bhow much (?:am i|should i|do i have|"
        r"are we) (?:\w+ )?(?:supposed|meant|expected|have|"
        r"going) to (?:take on|carry|put up with|give|do)\b|"
        r"\bcut (?:off )?(?:the|his|her|their) (?:wifi|internet|money|allowance|phone|cash|data)\b|\bkick (?:him|her|them) out\b|"
        r"\btough love\b|\b(?:rules?|ground rules) (?:to (?:have|set|make) |for )?(?:in|at|about) (?:my|our) (?:own )?"
        r"(?:house|home|flat)\b|"
        r"\bunder (?:our|my) roof\b|\bdo i (?:just )?let (?:that|it|this) (?:carry on|continue|go on|slide)\b|"
        r"\btake (?:my|the|our|his|her) (?:bank |credit |debit )?cards? (?:off|away from) (?:him|her|them)\b|\bjoint account\b|"
        r"\bhouse rules?\b|\bstop letting (?:him|her|them)\b|\bbehind (?:his|her|their) back\b|"
        r"\bset (?:as )?a (?:line|limit)\b|\bdraw (?:a|the) line\b|"
        r"\bline in the sand\b|"
        r"\b(?:hold onto|hold on to|keep hold of|look after|mind) (?:her|his|their) (?:bank |credit |debit )?cards?\b|"
        r"\btoo controlling\b|"
        r"\bcut (?:back|down) (?:to|on) (?:once|twice|one|two|three|\d+) (?:a |per )?(?:week|day|month|visits?|times?)\b|"
        r"\b(?:visit|see|call|ring|phone|go round)(?:ing)? (?:her|him|them) less\b|"
        # the user's own worry, not the loved one's words ("she says so you think im a terrible mother")
        r"(?<!think )(?<!thinks )(?<!thought )\b(?:without being|being|make me|i'?m|im|i am|am i) (?:a )?(?:terrible|bad|awful|horrible|"
        r"selfish) "
        r"(?:daughter|son|sister|brother|wife|husband|partner|friend|mother|father|mum|mom|dad)\b(?! to)"
        r"(?![^.?!]{0,30}\b(?:mad|angry|furious|annoyed|pissed off|raging|fuming) (?:at|with)\b)|"
        r"\bguilty (?:about|for) (?:saying no|setting|giving (?:him|her|them) a)\b|"
        # "do i tell mum?", "should i stop her seeing maisie when she's been drinking", "get a skip and clear it while mums
        # away", "tom says we should just leave her to it", "how do i get him to at least respect the house"
        r"\b(?:do|should) i tell (?!(?:him|her|them) (?:it|that|its|none|the truth|how|what)\b)"
        r"(?:mum|mom|dad|my \w+|his \w+|her \w+|their \w+|anyone|someone|the family|the others)\b|"
        r"\bstop (?:him|her|them) (?:from )?(?:seeing|having|visiting|coming|driving|taking|babysitting)\b|"
        r"\bshould i (?:let|allow) (?:him|her|them) (?:to )?(?:see|have|visit|take|drive|babysit|look after)\b|"
        r"\bshould i (?:still )?(?:let|allow) (?:the|my|our) (?:kids|children|grandkids|grandchildren|son|daughter|boys|girls) (?:to )?"
        r"(?:go|stay|visit|see|be alone)\b|"
        r"\b(?:clear|throw|chuck|bin|empty|get rid of)\b[^.?!]{0,60}\bwhile (?:s?he|they|mums?|moms?|dads?|my \w+)\b|"
        r"\bleave (?:him|her|them) to it\b|"
        r"\bno more (?:pick ?ups|lifts|school runs|lending|driving (?:the|my) kids)\b|"
        r"\bis (?:that|it|this) (?:unfair|too harsh|cruel|mean|heartless) (?:on|to) (?:her|him|them)\b|"
        r"\bam i being (?:harsh|unfair|cruel|mean|heartless)\b|\bis (?:that|it|this) (?:too )?controlling\b|"
        r"\bget rid of (?:the|all the|all) (?:snacks|food|booze|alcohol|drink|wine|beer|cans)\b|"
        r"\brespect (?:the|my|our) (?:house|home|rules|space|flat)\b"
    )),
    ("progress", _rx(
        # "is that an opening?", "he did ask me last week what the number for open arms was"
        r"\bis (?:that|this|it) an? (?:opening|way in|chance|in)\b|"
        r"\b(?:s?he|they) (?:\w+ ){0,2}ask(?:ed)? (?:me|us) (?:\w+ ){0,3}(?:for|about|what|where|how)\b"
        r"[^.?!]{0,25}\b(?:number|name|counsell?or|therapist|website|helpline|hotline|line|service)\b|"
        r"\bgetting (?:a bit |any |much |a little )?better\b|\bgetting through\b|\bsigns? (?:that )?(?:he'?s|she'?s|"
        r"it'?s|they'?re|of progress|"
        r"(?:s?he|they) (?:is|are))\b|"
        r"\bworking on it\b|\bis that something\b|\bcome through it\b|\bhealing\b|\bwhat i'?m doing is working\b|\bis (?:it|"
        r"this) working\b|"
        r"\bhow (?:will|can|would|do) i (?:know|tell) (?:if|whether) (?:anything|what|it|this|things|(?:s?he|they)(?:'s|'re| is| are)? "
        r"(?:really |actually |genuinely )?(?:getting|improving|doing better|any better|better|making|cutting (?:down|back)|"
        r"drinking less|using less|stopp(?:ed|ing)|changing|changed))|\bsmall things\b|\bfirst time in\b|"
        r"\b(?:s?he|they) did (?:go|drive|come|call|ring|book|talk|eat)|\bprogress\b|\bmaking progress\b|"
        r"\b(?:not|don'?t|dont|never) (?:mess|screw|muck|blow|cock) (?:it|this|things) up\b|"
        # a small step told: "he actually read the leaflet", "folded the corner down", "asked me the name of that counsellor"
        r"\bread the (?:leaflet|article|booklet|pamphlet|website|page|link|email|book|letter)\b|\bfolded (?:the )?(?:corner|"
        r"page)\b|\bbookmarked\b|"
        r"\bsaved the number\b|\basked (?:me )?(?:for|about|what) (?:the )?(?:name|number|counsell?or|therapist|website)\b|"
        r"\b(?:messaged|texted|rang|called) (?:me )?(?:back |first )?[^.?!]{0,30}\b(?:sorry|apologi[sz]\w*)\b|\bapologi[sz]ed\b|"
        r"\bthat'?s something\b|"
        r"\breached out\b|\bclutching at straws\b|\bis (?:that|this) (?:anything|a good sign|progress|a step)\b|"
        r"\bdoes (?:that|this) count\b|\b(?:only|just) a small (?:thing|step)\b|\bit'?s a start\b|"
        r"\bcame down for (?:his|her|their) (?:tea|dinner|lunch|breakfast)\b|"
        r"\b(?:texted|messaged|rang|called) me first\b|"
        # a step offered: "she did say last night she might mention the dose thing to her gp herself" (not "... but cancelled")
        r"\b(?:s?he|they) (?:did |has |have )?(?:say|said|agreed?|offered)(?: (?!but\b)\w+){0,3}? "
        r"(?:(?:s?he|they)(?:'d| would| might| will| could| may) |to )(?:mention|talk|ask|see|go|ring|call|book|get|come|meet|try|look)\b"
        r"(?![^.?!]*\b(?:but|never|didn'?t|cancel\w*|backed out|bailed|still|hasn'?t|has not|haven'?t|yet|keeps?|won'?t|wont|"
        r"doesn'?t|isn'?t|after this|months ago|weeks ago|since then)\b)"
        r"(?![^?!]{0,40}\bthat was (?:in|back|ages|months|weeks|last|a (?:month|year|while)))|"
        r"\b(?:he|she|they) let me\b|^\W*update\b|\b(?:she|he|they)(?:'ll| will| would|'d) let me (?:take|drive|come|book|ring)\b|"
        # looking better, told as news: "he seems fine now, back at work, joking about"
        r"\b(?:seems?|looks?|seemed|looked|seeming) (?:\w+ ){0,2}(?:fine|ok|okay|alright|better|happier|brighter|more like (?:him|her|"
        r"them)self) (?:now|again|lately|these days)\b|"
        r"\btiny (?:thing|step|win)\b|\blittle (?:win|step)\b|\bwithout (?:washing|checking|cleaning|asking|a drink|drinking)\w* first\b"
    )),
    ("bring_up", _rx(
        r"\bis it (?:even |still |really )?worth (?:raising|bringing (?:it |this |that )?up|mentioning|trying|asking)\b|"
        r"\b(?:gentler|softer|kinder|better|easier|calmer|different) way "
        r"(?:in|to (?:start|begin|open|approach|go about it|raise it|say it))\b|"
        r"\bwhat if i (?:offer(?:ed)?|went|go|came|come|drove|drive|said|say|suggest(?:ed)?|ask(?:ed)?|wrote|write|sat)\b|"
        r"\bwhat (?:can|could|should|would|do|might) (?:i|we) (?:even |actually |possibly )?(?:say|write|text|tell)\b|"
        r"\bhow (?:do|would|can|should|could) (?:i|we) (?:even |actually |possibly )?(?:follow (?:that|it|this) up|bring|raise|talk|say|"
        r"ask|mention|"
        r"get (?:him|her|them) to|"
        r"nudge|push|help|argue|open|approach|start|tell|word|put|get past|do it)\b|\bwords (?:i could|to use|i can)\b|\bany words\b|"
        r"\bwhat (?:not|shouldn'?t i|should i not|should i avoid) (?:to )?say\b|"
        # a belief they hold: "do i play along or tell him its not real", "should i argue about the cameras"
        r"\bplay along\b|\b(?:tell|convince|show|prove to) (?:him|her|them) (?:that )?(?:it'?s|its|it is|they'?re|theyre|"
        r"none of it'?s|that'?s|thats|it isn'?t|it isnt|it'?s all) (?:not )?(?:real|true|happening|there|made up|"
        r"in (?:his|her|their) head)\b|\bgo along with (?:the|his|her|their) (?:belief|beliefs|"
        r"story|ideas?|delusions?|theory|theories)\b|\bavoid saying\b|\bshould i avoid\b|"
        r"\bwhat should i avoid\b|"
        r"\bwas (?:that|it) (?:too harsh|bad|a mistake|wrong)|\bsound alright\b|\bsit (?:him|her|them) down\b|\bby text\b|\bover text\b|"
        r"\b(?:do|should) i say something\b|\b(?:should|do) i (?:argue|debate|push back|challenge (?:him|her|them))\b|"
        r"\b(?:should|do) i (?:confront|tackle|face) (?:him|her|them)\b|\bpretend i (?:didn'?t|did not|never|hadn'?t) (?:see|seen|notice)|"
        r"\bargue the point\b|\bbefore i (?:push|try again|raise it again|bring it up again)\b|"
        r"\bwhat should i have said\b|\bdid i do it wrong\b|\ba bad idea\b|\bwhat would i write\b|\bsay instead\b|"
        r"(?<!didn't know )(?<!didnt know )(?<!did not know )\bwhat (?:to|do i) say\b|"
        r"\bstop arguing back\b|\bwithout (?:nagging|sounding|it turning|it being|ending up|being a)\b|\bnag(?:ging)?\b|\bmake it about\b|"
        r"\bgood idea\b|\bbetter (?:thing )?to (?:say|have said)\b|\bwhat (?:would|should) i have (?:said|done)\b|"
        r"(?<!he'll )(?<!she'll )(?<!they'll )(?<!he will )(?<!she will )(?<!hell )(?<!shell )\bbring (?:it|this|that) (?:up|back up)\b|"
        r"\bany(?:thing)? (?:else )?(?:i|to) (?:could |can |"
        r"might )?say\b|\bfrom a distance\b|\bhow (?:am i|are we) (?:meant|supposed) to (?:answer|respond to|reply to)\b|"
        r"\bany point (?:in )?(?:pushing|raising|bringing|mentioning|trying|asking)\b|"
        r"\bfrom (?:so )?far(?: away)?\b|\blong[- ]distance\b|"
        r"\bway to (?:say|raise|bring|put)\b|\b(?:was|is) a mistake\b|\bwhat would (?:i|we) say\b|\bi say to (?:him|her|them)\b|"
        r"\bsay (?:it|that) to (?:him|her|them)\b|"
        r"(?<!\bever )(?<!\bif i )\b(?:mention|raise|raising|bring(?:ing)? up|mentioning) (?:it|this|that|therapy|counselling) again\b|"
        r"\bshould i (?:apologi[sz]e|say sorry|text (?:him|her|them)|reach out|message (?:him|her|them)|leave it|give (?:him|her|"
        r"them) space)\b|"
        r"\bget(?:ting)? (?:mum|mom|dad|my \w+|his \w+|her \w+|our \w+|someone else|a friend) to (?:say|talk|mention|have a word|speak)\b|"
        r"\bwill (?:that|it) put (?:him|her|them) off\b|"
        r"\bwhat (?:would|will|might|could) (?:make|get|help) (?:her|him|them) (?:to )?(?:actually )?(?:go|see|try|agree|accept|listen)\b|"
        r"\bask (?:him|her|them|his \w+|her \w+|my \w+) to (?:have a word|talk to (?:him|"
        r"her|them)|speak to (?:him|her|them))\b|\bget through to (?:him|her|them)\b|\bmy place to (?:say|bring|raise|"
        r"mention|tell)\b|"
        r"\bmy place\b[^.!]{0,40}\bnot (?:family|related|blood|(?:that |very |even |really |all that )?close)\b|"
        # word order of a second language: "how i can talk with him when he is calm"
        r"\bhow i (?:can|should|could|must) (?:talk|speak|say|ask|bring|raise|tell|explain)\b|"
        r"\bhow (?:do|would|can|could) you (?:even )?(?:argue|talk|reason|get through|deal|get|convince|reach|approach|"
        r"bring)\b[^.?!]*\b(?:someone|somebody|a person|people)\b|\b(?:one|some|any) ?thing i (?:could|can|might|"
        r"should) (?:actually |even )?say\b"
    )),
    ("resentment", _rx(
        r"\b(?:eating|eats) me (?:up|alive)\b|"
        # the user's anger, not theirs: "hes been so angry since the army" is his
        r"\bresent|\b(?:i'?m|im|i am|i feel|i get|i got|i was|i'?ve been|ive been|feel|feeling|getting) (?:\w+ )?so angry\b|"
        r"\bso angry (?:with|at) (?:him|her|them|my)\b|^so angry\b|"
        r"(?<!he got )(?<!he gets )(?<!he was )(?<!they got )(?<!he went )(?<!they were )\bfurious\b|"
        r"\bfeel(?:ing)? used\b|\bmakes me (?:so )?angry\b|\bis that awful\b|\bbad person\b|"
        r"\bcan'?t even look at\b|\bfeel this angry\b|\bdread\b|\bsick of\b|"
        r"\bfed up with (?:him|her|them|someone|somebody|my \w+)\b|"
        r"\b(?:i'?m|im|i am|i feel|i get)(?: also| just| really| quite| a bit| bit| kind of| kinda| so)* angry "
        r"(?:with|at) (?:him|her|them|my \w+)\b|"
        r"\b(?:not )?(?:to )?tak(?:e|ing) it personally\b|"
        r"\bis it (?:normal|ok|okay|wrong|bad) to (?:be|feel|get) (?:this |so |that )?(?:angry|furious|mad|resentful|bitter)\b|"
        r"\b(?:this|so) fed up\b|\bi'?m angry\b|\b(?:this|so|being) (?:mad|angry|pissed off|furious) (?:at|with) (?:him|her|them)\b"
    )),
    ("exhaustion", _rx(
        r"\bexhausted\b|\btired\b|\bshattered\b|\bknackered\b|\brunning on (?:empty|like)|\bfrazzled\b|\bi'?m not sleeping\b|"
        r"\b(?:i'?m|im|i am|i feel|feeling)(?: \w+){0,2} (?:wrecked|done in|dead on my feet|running on fumes)\b|"
        r"\bi (?:can'?t|cannot) sleep\b|"
        r"\bhours sleep\b|\b(?:haven'?t|havent|have not|not) slept (?:properly|well|in (?:days|weeks)|for (?:days|weeks))\b|"
        r"\bragged\b|\bworn out\b|\bdrained\b|\bdid anything for me\b|\bout of my depth\b|\bhaven'?t seen my own friends\b|"
        r"\bburn(?:ed|t) out myself\b|\bi do everything\b|\bdoing (?:literally )?(?:everything|all the)\b|\ball on me\b|\bdriving me mad\b|"
        r"\bleaning on me\b|\bcan'?t go through that again\b|"

        # the rest of the family not helping: "my sister never helps btw, she lives 10 mins away and just sends memes"
        r"\b(?:my|our|his|her) (?:sister|brother|dad|mum|mom|husband|wife|family|siblings?|kids|partner) (?:never|doesn'?t|don'?t|"
        r"won'?t|wont|dont|doesnt) (?:ever |even |really |actually |bother to )?(?:helps?|lifts? a finger|does anything|do anything|"
        r"pitch(?:es)? in|steps? up|visits?|rings?)\b(?! (?:him|her|them)sel)|"
        r"\b(?:close to|nearly|about to|ready to|thinking (?:of|about)) giv(?:e|ing) up\b|"
        r"(?<!is that )(?<!is it )(?<!that's )(?<!thats )\bgiving up on (?:him|her|them)\b"
    )),
)
_AVOID = _rx(r"\b(?:avoid|not say|shouldn'?t i say|what not to|should i not|NOT say|bad to|a mistake|too harsh|wrong)\b")
_FEELING = _rx(
    r"\bi (?:feel|felt) (?:so |really |just |like |such |a bit |kind of )*(?:guilty|awful|useless|terrible|bad|helpless|sad|"
    r"lost|like a|like i|"
    r"like it'?s|responsible|ashamed|stupid|horrible|sick|alone)|\bmy fault\b|\bi miss (?:him|her|them)\b|\btelling you how i feel\b|"
    r"\bi'?m not asking (?:what|for)\b|\bhypocrit\w*|\bnow i feel\b|"
    r"\bi blame myself\b|\bi hate (?:this|that)\b|\bi just feel\b|\bbreaks my heart\b|" + VENTED + "|"
    # Fear and worry *for* them, told to us ("i'm scared for him honestly", "so worried about her").
    r"\bi'?m (?:so |really |just |honestly |genuinely |actually )*(?:scared|terrified|frightened|afraid|worried) (?:for|about) "
    r"(?:him|her|them)\b(?! (?:to|if|when|that|because|cos|so)\b)|\bi'?m (?:so |really |just )*(?:scared|terrified|frightened|afraid) "
    r"(?:he|she|they)(?:'ll| will| might| is going to|'s going to| are going to) (?:drink|drug|starve|waste|lose|end up)"
)
_ACK = _rx(
    r"^(?:ok(?:ay)?|k|right|sure|fair|fine|alright|cool|great|good|thanks?|thank (?:you|u)|thx|ty|cheers|ta|got it|makes sense|that helps|"
    r"i'?ll try|noted|yes|yeah|yep|hmm|ha|lol|i see|that'?s (?:helpful|useful|encouraging|clear|fair|good))\b"
)
# After a step forward, how to meet it: "what do i do now, i don't want to push and scare him off".
_BUILD_ON = _rx(
    r"\bwhat (?:do|should|can) i (?:do|say) (?:now|next|with (?:that|this))\b|\bhow do i (?:not|build on|keep|encourage|respond|react)\b|"
    r"\bscare (?:him|her|them) off\b|\bpush for\b|\bleave it a while\b|\bnext step\b|\bdon'?t want to (?:push|ruin|blow|spoil|"
    r"scare|jinx)\b|\bshould i (?:say|"
    r"mention) (?:something|anything)\b"
)
# Words of a step forward, without which a statement the classifier calls "progress" is just news.
_GOOD_NEWS = _rx(
    r"\b(?:(?<!knows )(?<!know )(?<!knew )(?<!know any )(?<!should )(?<!had )better(?! than (?:that|me|us|anyone|the doctors?))|"
    r"progress|improv\w*|finally|actually (?:went|did|called|rang|booked|talked|agreed|asked)|went (?:to|back|along)|"
    r"did (?:go|call|ring|book|talk|eat)|agreed|booked|first time|good (?:day|week|news|sign)|step|opened up|"
    r"talked to (?:me|someone|a|the)|"
    r"(?:called|rang|phoned) (?:the|a|her|his)|(?:is|'s|are|'re|been|now) seeing (?:a|someone|the|her|his)|"
    r"started (?:seeing|going|therapy|counsel\w*|meds|"
    r"medication|treatment|eating)|cut (?:down|back)|sober|clean|less (?:often|angry|drinking)|calmer|smil\w*|laugh\w*|positive|proud|"
    r"(?:it'?s|is|seems?|been) working|helped|helping|listened|came (?:with|to)|asked (?:me|about|for)|"
    r"looked (?:at|into|up)|googled|read up (?:on|about)|searched (?:for|up)|"
    r"found (?:a|the) (?:number|website|page|leaflet|counsellor|therapist))\b"
)
# A suggestion of help and what they said back: "i asked if she'd see someone and she said 'i'm not 15 anymore'".
_NO_TOLD = _rx(
    r"\b(?:therap\w*|counsel\w*|gp|doctor|someone|somebody|assess\w*|help|professional|anxiety|depression|adhd)\b.*\b(?:he|she|they)"
    r"(?: just)? (?:said|says|goes|went|told me|reckons|thinks)\b"
)
# A question: a question mark, a question word where a clause starts ("so what do i do", "and should i stop"), or "i don't know
# what to say". Not "we should just cut the wifi" or "he quit when his mum died": those tell, they don't ask.
# Their words quoted ("he shouted 'so im a loser now is that it'"): a question of theirs, not the user's.
_QUOTED_WORDS = re.compile(r"(?:(?<=\s)|^)['\"‘“][^'\"’”]{2,160}['\"’”]")
# A question the user asks (not "when i mentioned it he...", which _QUESTION counts for a carrying-on question).
_ASKS = re.compile(r"\?|(?:^|[.!,;:]\s*)(?:how|what|why|should|could|can|would|is it|is there|am i|do i|does|do you|where|which|"
                   r"who|are there|will)\b|\b(?:not sure|no idea|wondering) (?:what|how|whether|if)\b|\bany (?:ideas|advice|tips)\b")
# Thanks first, then a word about stopping for now ("thanks. i think i need a break from thinking about it tonight").
_THANKS_FIRST = re.compile(r"^\W*(?:thanks?|thank (?:you|u)|thx|ty|cheers|ta)\b(?![^.!?]*\bbut\b)")
# How to meet the no just described: "how do i argue with someone who literally studied it", "how do i get past that".
_ANSWERING_THE_NO = _rx(
    r"\bhow (?:do|can|should|would|could) (?:i|you|we|one) (?:even |ever |possibly )?(?:argue with|answer|reply to|respond to|get past|"
    r"get round|get around|reason with|counter|talk to (?:someone|somebody|a \w+) who)\b"
)
# Advice to let it be: "we should leave it", "she'll sort herself out", "give him space and he'll come round".
_LEAVE_IT = _rx(
    r"\b(?:leave (?:it|her|him|them)(?: be| alone)?|let (?:it|her|him|them) be|back off|give (?:her|him|them) (?:some )?space|"
    r"(?:sort|figure) (?:herself|himself|themselves|it) out|"
    r"(?:come|comes) round (?:on (?:her|his|their) own|in (?:her|his|their) own time))\b"
)
_QUESTION = _rx(
    r"\?|(?:^|[.!,;:]\s*|\b(?:and|but|so|like|just|also|or|then|ok|okay|now|because|cos|idk|honestly|seriously)\s+)"
    r"(?:how|what|why|should|could|can|would|is it|is there|is that|am i|do i|does|do you|where|when|which|who|are there|will)\b|"
    r"\b(?:don'?t|dont|do not|not sure|no idea|wondering) (?:know )?(?:what|how|whether|if|when|where)\b|\bany (?:ideas|advice|"
    r"tips|thoughts)\b"
)
# Intents that say little about what the user wants; the thread decides.
WEAK_INTENTS = frozenset(
    {"inform", "nlu_fallback", "affirm", "deny", "out_of_scope", "practice_line", "stop_roleplay", "greet", "thank", "ask_more"}
)
REFUSAL_INTENTS = frozenset({"they_refused_help", "describe_refusal"})


# Who the support asked about is for. "Not for her, for me" is for the user: a "not for ..." is dropped first.
_NOT_FOR = _rx(r"\bnot for (?:him|her|them|my \w+)\b")
_FOR_ME = _rx(
    r"\bfor (?:me|myself|us|people like me|people in my|famil(?:y|ies)|family members|parents|partners|carers|siblings|relatives)\b|"
    r"\b(?:i|me) (?:could|can|might|should) (?:go|join|talk|ring|call|see)\b|\bmy own\b|\bon my own\b|\bwho helps\b|\babout me\b|"
    r"\b(?:i|me) (?:to )?talk to\b|\bi'?m (?:not coping|struggling|drowning)\b|\bsupport myself\b|\b(?:caregivers?|care givers?|"
    r"carers?)\b|\blike me\b"
)
_FOR_THEM = _rx(
    r"\bfor (?:him|her|them|my (?:son|daughter|husband|wife|partner|mum|mom|dad|brother|sister|friend|boyfriend|girlfriend))\b|"
    r"\b(?:s?he|they|my \w+) (?:could|can|should|would|might|will) (?:even )?(?:go|get|start|find|see|try|ring|call|turn)\b|"
    r"\bwhere (?:would|could|can|should|do|does|might) (?:s?he|they|my \w+) (?:even )?(?:start|go|get|find|turn)\b|"
    r"\bfind (?:him|her|them) (?:a|some|someone)\b|\bget (?:him|her|them) (?:to see|help|seen|an appointment)\b|"
    r"\bif (?:s?he|they) (?:ever )?(?:did )?(?:want|wants|agree|agrees)"
)


def audience_of(text: str) -> Optional[str]:
    """Who a request for support is for: "user", "loved_one", or None when the words don't say."""
    lowered = _NOT_FOR.sub(" ", text.lower().replace("’", "'"))
    if _FOR_ME.search(lowered):
        return "user"
    if _FOR_THEM.search(lowered):
        return "loved_one"
    return None


# "...she screams if I bring it up" tells how the no shows up; it doesn't ask how to bring it up. Nor does their
# "don't bring it up again" ("she said no, its under control, and dont bring it up again").
_WHEN_I_RAISE = _rx(
    r"\b(?:if|when|whenever|every time|each time|as soon as) (?:i|we) (?:even |try to |tried to |so much as )?"
    r"(?:bring (?:it|this|that) up|mention (?:it|this|that))\b|"
    r"\b(?:(?:to )?never|don'?t|dont|not to) (?:ever )?(?:bring (?:it|this|that) up|mention (?:it|this|that))(?: again)?\b"
)


# "his dad says leave him be hes just tired": their tiredness, not the user's.
_THEIR_TIREDNESS = _rx(r"\b(?:he|she|they|hes|shes|theyre)(?:'s|'re| is| are)? (?:just |so |really |always |probably )?"
                       r"(?:tired|exhausted|knackered|shattered|worn out|drained)\b")


def topic_cue(text: str) -> Optional[str]:
    text = _THEIR_TIREDNESS.sub(" ", _WHEN_I_RAISE.sub(" ", text))
    return next((topic for topic, pattern in _TOPIC_CUES if pattern.search(text)), None)


def read_move(text: str, intent: str, last_topic: Optional[str]) -> Move:
    """What the user wants from this reply."""
    move = _read_move(text, intent, last_topic)
    if move.topic == "support" and move.kind in {"topic", "more", "different"}:
        return dataclasses.replace(move, audience=audience_of(text))
    return move


def _read_move(text: str, intent: str, last_topic: Optional[str]) -> Move:
    lowered = text.lower().replace("’", "'").strip()
    if _WHY_US.search(lowered):
        # A bare "why?" just after their no was described ("she says no just no" / "why") asks why they refuse.
        if last_topic == "refusal" and re.fullmatch(r"\W*why\W*", lowered):
            return Move("why_them", "why_resist")
        return Move("why_us", last_topic)
    if _DIFFERENT.search(lowered) and last_topic and not _NOT_THEM_BUT_ME.search(lowered):
        return Move("different", last_topic)
    if _BEING_THERE.search(lowered):
        return Move("topic", "support")  # "what else can i do in the meantime": being there while they say no, not more of the same
    more = _MORE.search(lowered)
    # "another one?" asks for more; "he hasn't looked for another one" in a long story doesn't, nor does a long message the
    # classifier happened to call ask_more.
    short = len(lowered.split()) <= 10
    if (more and (short or more.start() == 0)) or (intent == "ask_more" and short):
        wants_words = re.search(r"\b(?:say|words|write|text|tell|phrase|raise|raising|bring|bringing|mention|mentioning)\b", lowered)
        return Move("more", "bring_up" if wants_words else last_topic or "bring_up")
    if _NEXT_NO.search(lowered):
        return Move("next_no", "boundaries" if last_topic == "boundaries" else "refusal")
    if _WHY_THEM.search(lowered):
        if "enabl" in lowered:
            return Move("topic", "enabling")  # "is he right, or am i enabling her if i keep quiet": the enabling is the question
        cued = topic_cue(lowered)
        if cued in ("boundaries", "enabling") and _ADVICE_WEIGHED.search(lowered):
            return Move("topic", cued)  # "my husband says we should stop letting her in the house. is he right?"
        if cued == "worried_about_safety":
            return Move("topic", cued)  # "should i worry or is he right that its done": the worry comes first
        if _LEAVE_IT.search(lowered) and re.search(r"\b(?:is|are) (?:he|she|they|my \w+) right\b", lowered) and "why" not in lowered:
            # "her dad thinks we should leave it, she'll sort herself out. is he right?": whether to let the no stand
            return Move("topic", "refusal", asked=True)
        if cued == "bring_up" and re.search(r"\bhow (?:do|can|should|would) i\b", lowered) and "why" not in lowered:
            return Move("topic", cued)  # "she has a point about the nurse thing. how do i talk to her as her sister"
        return Move("why_them", "why_resist")
    if last_topic in ("enabling", "boundaries") and _SAY_WHEN_ASKED.search(lowered):
        return Move("topic", "boundaries")  # after "should i have picked it up for her?": "so what do i say next time she asks me"
    if last_topic == "progress" and _BUILD_ON.search(lowered):
        return Move("topic", "progress")  # "what do i do now? i don't want to scare him off": how to meet the step
    cued = topic_cue(lowered)
    if cued:
        return Move("topic", cued, "avoid" if cued == "bring_up" and _AVOID.search(text) else None,
                    asked=bool(_ASKS.search(_QUOTED_WORDS.sub(" ", lowered))),
                    answers_no=cued == "bring_up" and bool(_ANSWERING_THE_NO.search(lowered)))
    if _FEELING.search(lowered):
        return Move("feeling")
    is_question = bool(_QUESTION.search(lowered))
    # "ok" or "yeah" opening a long message is a way in, not the message: "yeah. i think ive been making excuses for him
    # too, i rang his work and said he had a migraine" is about enabling.
    if _ACK.search(lowered) and not is_question and (len(lowered.split()) <= 8 or intent in {"thank", "affirm", "deny"}
                                                     or _THANKS_FIRST.search(lowered)):
        return Move("ack")
    if intent in REFUSAL_INTENTS:
        return Move("topic", "refusal", from_intent=True)
    if intent == "signs_of_progress" and not _GOOD_NEWS.search(lowered):
        if _NO_TOLD.search(lowered):
            # "he said that's made up, it's a women's thing": a no told in their words, not news of a step forward.
            return Move("topic", "refusal", from_intent=True)
        if not is_question:
            # "she's also stopped eating properly": news, not a step forward; stay with the thread.
            return Move("open", None, detail=len(lowered.split()) >= 5)
    if intent == "why_they_resist":
        return Move("why_them", "why_resist", from_intent=True)
    if intent == "how_to_bring_up_therapy":
        return Move("topic", "bring_up", "avoid" if _AVOID.search(text) else None, from_intent=True)
    if intent in TOPIC_FOR_INTENT:
        return Move("topic", TOPIC_FOR_INTENT[intent], from_intent=True)
    if intent in {"thank", "affirm"} and not is_question:
        return Move("ack")
    if intent == "deny" and not is_question:
        return Move("feeling") if _FEELING.search(lowered) else Move("ack")
    if intent == "ask_why" and len(lowered.split()) <= 4:
        return Move("why_us", last_topic)
    if intent == "out_of_scope" and not is_question:
        return Move("out_of_scope")
    return Move("open", last_topic if is_question else None, detail=not is_question and len(lowered.split()) >= 5)
