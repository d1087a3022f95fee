"""Words people use for their loved one and their struggle, mapped to our vocabulary.

Used by the NLU pipeline (to normalise extracted entities) and by actions (to read
free-text answers), so "my hubby", "stepdad" and "my 19-year-old" all land on one value.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from kernel.registry import registry
from kernel.vocabulary import Relationship, ResistanceForm, concerns

_RELATIONSHIP_WORDS: dict[Relationship, tuple[str, ...]] = {
    Relationship.PARTNER: (
        "husband", "hubby", "hubs", "wife", "wifey", "partner", "spouse", "boyfriend", "girlfriend", "bf", "gf",
        "fiance", "fiancé", "fiancee", "fiancée", "other half", "significant other", "so", "man", "fella", "missus",
        "ex", "ex-husband", "ex-wife", "common-law partner",
    ),
    Relationship.PARENT: (
        "mom", "mum", "mums", "moms", "dads", "mommy", "mummy", "mama", "mam", "ma", "mother", "dad", "daddy", "papa", "pa", "father",
        "stepmom", "stepmum", "step-mom", "step-mum", "stepmother", "stepdad", "step-dad", "stepfather", "parent",
        "parents", "mother-in-law", "father-in-law", "mother in law", "father in law", "grandma", "grandmother",
        "grandad", "granddad", "grandpa", "grandfather", "nan", "nana", "gran", "granny", "folks", "old man",
        "old lady",
    ),
    Relationship.CHILD: (
        "son", "daughter", "kid", "kids", "child", "children", "teen", "teenager", "stepson", "stepdaughter",
        "step-son", "step-daughter", "boy", "girl", "eldest", "youngest", "adult child", "adult son",
        "adult daughter", "grandson", "granddaughter", "lad", "lass",
    ),
    Relationship.SIBLING: (
        "brother", "sister", "bro", "sis", "sibling", "siblings", "twin", "big sis", "little sis", "big brother",
        "little brother", "older brother", "younger brother", "older sister", "younger sister", "half-brother",
        "half-sister", "stepbrother", "stepsister", "brother-in-law", "sister-in-law",
    ),
    Relationship.FRIEND: (
        "friend", "best friend", "bestie", "bff", "mate", "best mate", "buddy", "pal", "roommate", "flatmate",
        "housemate", "colleague", "coworker", "co-worker", "friends", "bloke i work with", "guy i work with", "lad i work with",
        "woman i work with", "girl i work with", "someone i work with", "workmate", "work mate",
    ),
}

_CONCERN_WORDS: dict[str, tuple[str, ...]] = {name: spec.words for name, spec in registry().concerns.items()}
_CONCERN_SIGNS: dict[str, tuple[str, ...]] = {name: spec.signs for name, spec in registry().concerns.items()}

_AGE_CHILD = re.compile(r"\b(?:my\s+)?(1[6-9]|[2-5]\d)[\s-]*(?:yo|y/o|yr[\s-]*old|years?[\s-]*old)\b", re.IGNORECASE)


# Words that follow a plural but never the "'s" of "my husband's ..." typed without its apostrophe (so not "had",
# "that", "all", "just", "always": "my husbands had enough", "my boyfriends always drunk").
_PLURAL_NEXT = (r"(?:&|(?:and|or|are|were|aren'?t|weren'?t|have|haven'?t|do|don'?t|did|didn'?t|both|who|"
                r"think|thought|say|said|agree|agreed|keep|know|knew|want|wanted|live|lived|can|could|will|would|won'?t)\b)")


def _pattern(words: tuple[str, ...], possessive: bool = False, signs: tuple[str, ...] = ()) -> re.Pattern[str]:
    ordered = sorted(words, key=len, reverse=True)
    # Spaces stretch, hyphens may go, and so may apostrophes: people type "doesnt get out of bed".
    alternatives = "|".join([re.escape(word).replace(r"\ ", r"\s+").replace(r"\-", r"[\s-]?").replace("'", "'?") for word in ordered]
                            + [f"(?:{sign})" for sign in signs])
    # A possessive typed without its apostrophe ("my boyfriends temper", "my brothers drinking") is still the person;
    # a plural that a verb or "and" follows is other people ("my sisters and i", "my brothers think", "my sons are grown").
    tail = f"(?:s(?=\\s)(?!\\s+{_PLURAL_NEXT}))?" if possessive else ""
    return re.compile(rf"(?<![\w-])(?:{alternatives}){tail}(?![\w-])", re.IGNORECASE)


_RELATIONSHIP_PATTERNS = {relationship.value: _pattern(words, possessive=True) for relationship, words in _RELATIONSHIP_WORDS.items()}
_RELATIONSHIP_WORD_SET = {word for words in _RELATIONSHIP_WORDS.values() for word in words}
# A concern without words ("other") is chosen, never matched: an empty pattern would match any text.
_CONCERN_PATTERNS = {concern: _pattern(words, signs=_CONCERN_SIGNS[concern]) for concern, words in _CONCERN_WORDS.items() if words}
# The words alone: a struggle read only from its signs is a guess, which a struggle named later replaces.
_CONCERN_WORD_PATTERNS = {concern: _pattern(words) for concern, words in _CONCERN_WORDS.items() if words}
# Words too ambiguous to count on their own ("so", "man", "ma", "pa", "boy", "girl", "lad", "ex" and "using" appear in
# ordinary sentences); they only count when the text is short or they follow "my".
_AMBIGUOUS = {"so", "man", "ma", "pa", "boy", "girl", "lad", "lass", "ex", "using", "drink", "passed", "job", "loss", "numb"}


def _ambiguous(word: str) -> bool:
    """An ambiguous word, or the plural or apostrophe-less possessive of an ambiguous word for a child ("the lads", "the boys");
    not "drinks", which is the struggle."""
    return word in _AMBIGUOUS or (word.endswith("s") and word[:-1] in ("lad", "lass", "boy", "girl"))


# "her dad", "his sister", "their mum", "my husband's brother": someone else's relative, not the person the
# user is worried about. The loved one is "my dad", "our son" or just "dad".
_SOMEONE_ELSES = re.compile(r"(?:\b(?:her|his|their)|\w's|\ws'|\b(?:sisters|brothers|mums|moms|dads|aunts|uncles|cousins|nans|grans|"
                            r"friends|mates|neighbours|neighbors|wifes|husbands|partners|daughters|sons))\s+"
                            r"(?:(?:new|old|ex|ex-|current|former|other|late|own)\s*)?$", re.IGNORECASE)
# A place, not a person: "says she already ate at a mate's", "staying at his mum's".
_AT_SOMEONES_PLACE = re.compile(r"\b(?:at|from|to|round|over at) (?:(?:a|my|her|his|their|our|the) )?$", re.IGNORECASE)
_A_PLACE_AFTER = re.compile(r"(?:'s|s')(?!\s+(?!house|place|flat|home)\w)")
# "at mums for her birthday", "round my dads on sunday": the word typed without its apostrophe, then when or why (not
# "i'm at mums and she's drunk again", where mum is who this is about).
_A_PLACE_AFTER_PLURAL = re.compile(
    r"(?=\s*(?:for|on|this|next|tomorrow|tonight|today|after|before|later|house|place|flat|every|most|over|til|till|until|last|"
    r"yesterday|earlier|sometimes)\b)", re.IGNORECASE)
# "we had dinner at a mates": a determiner, then nothing more.
_A_PLACE_AT_THE_END = re.compile(r"(?=\s*(?:$|[.!?;]))")
# A loved-one word that owns the next one ("my sisters lad", "my brother's wife"): the person talked about is someone else's.
_OWNS_THE_NEXT = re.compile(r"(?:'s|’s|s'|s)?\s+(?:lad|lass|boy|girl|son|daughter|kids?|children|husband|wife|partner|boyfriend|"
                            r"girlfriend|fianc[eé]e?|friend|mate|ex|baby|youngest|eldest|oldest)\b", re.IGNORECASE)
# Someone who died: "since mams funeral", "after dad's death".
_THEIR_DEATH = re.compile(r"(?:'s|s'|s)?\s+(?:funeral|death|passing|grave|ashes|memorial|anniversary)\b|"
                          # "since my mum died my dad's been drinking": the one who died is not the one refusing
                          r"\s+(?:(?:has |had |just )?died|(?:has |had )?passed(?: away| on)?"
                          r"(?! (?:her|his|their|the|a|an|it)\b| my (?:\w+ )?(?:test|exams?|driving|course|assessment|interview)\b)|"
                          r"was killed|is dead|(?:has |had )?gone to (?:heaven|god))\b", re.IGNORECASE)
# Children in an errand, not the loved one: "hes forgot to pick the kids up", "i do the school run with the kids".
_KIDS_IN_AN_ERRAND = re.compile(r"\b(?:pick(?:ed|ing|s)?(?: up)?|collect(?:ed|ing|s)?|drop(?:ped|ping|s)?(?: off)?|with|feed(?:ing|s)?|"
                                r"bath(?:ing|s)?|get(?:ting)?|about|of|for|mind(?:ing|s)?|watch(?:ing|es)?|babysit(?:ting|s)?) "
                                r"(?:the|our|her|his|their) $",
                                re.IGNORECASE)


def _kids_in_an_errand(text: str, match: re.Match[str], word: str) -> bool:
    """Children in an errand ("hes forgot to pick the kids up"), not the loved one."""
    return word in ("kids", "children") and bool(_KIDS_IN_AN_ERRAND.search(text[max(0, match.start() - 30): match.start()]))


# A baby, told by age, is not the one refusing help: "our son is 4 months old and my wife just isnt herself".
_A_BABY = re.compile(r"(?:'s| is| was)? (?:only |just |nearly |almost )?(?:\d+|a few|a couple of|two|three|four|five|six|seven|eight|"
                     r"nine|ten|eleven) (?:weeks?|months?|days?)(?: old\b|(?=\s*(?:[,.;!?]|and\b|now\b|$)))", re.IGNORECASE)


def _a_place(lowered: str, match: re.Match[str]) -> bool:
    """A relative's word naming where someone is: "at a mate's", "round my dads on sunday", "at mums for her birthday"."""
    if not _AT_SOMEONES_PLACE.search(lowered[max(0, match.start() - 40): match.start()]):
        return False
    typed = match.group(0).lower()
    typed_plural = typed.endswith("s") and typed[:-1] in _RELATIONSHIP_WORD_SET
    before = lowered[max(0, match.start() - 40): match.start()]
    if typed_plural and re.search(r"(?<!round )(?<!over )(?<!back )(?<!go )(?<!going )(?<!went )(?<!gone )(?<!come )(?<!coming )(?<!came )"
                                  r"(?<!drive )(?<!driving )(?<!drove )(?<!walk )(?<!moved )\bto (?:(?:my|his|her|their|our) )?$", before):
        return False  # "doing to my kids", "get through to my parents": people, not a place ("round to mums" is one)
    return bool(_A_PLACE_AFTER.match(lowered, match.end(), match.end() + 10)
                or (typed_plural and _A_PLACE_AFTER_PLURAL.match(lowered, match.end()))
                or (typed_plural and re.search(r"\b(?:a|the) $", before) and _A_PLACE_AT_THE_END.match(lowered, match.end())))


# Where someone lives, not who: "three holes in the plaster in my mum and dad's hallway ... from my little brother".
_IN_THEIR_HOME = re.compile(r"\b(?:in|at|from|to|round|outside|into|by|near|on|through|up)\s+(?:my|our|his|her|the)\s+"
                            r"(?:\w+\s+(?:and|&)\s+(?:my\s+)?)?$", re.IGNORECASE)
_HOME_AFTER = re.compile(r"(?:'s|’s|s'|s)?(?:\s+(?:and|&)\s+(?:my\s+)?\w+(?:'s|’s|s'|s))?\s+(?:house|home|place|flat|hallway|hall|kitchen|"
                         r"garden|garage|front room|living room|lounge|porch|doorstep|driveway|bungalow|caravan|spare room|loft|shed|"
                         r"attic|basement|stairs|landing|back door|front door)\b", re.IGNORECASE)
# Like family, not family: "he's like a brother to me" is a friend.
_LIKE_A = re.compile(r"\b(?:like|as close as) (?:a|an)\s+(?:(?:big|little|older|younger|second)\s+)?$", re.IGNORECASE)


def _in_their_home(text: str, match: re.Match[str]) -> bool:
    return bool(_IN_THEIR_HOME.search(text[max(0, match.start() - 40): match.start()]) and _HOME_AFTER.match(text, match.end()))


def _first_match(
    text: str, patterns: dict[str, re.Pattern[str]], short_answer: bool, skip_others: bool = False
) -> Optional[tuple[str, int, int]]:
    best: Optional[tuple[str, int, int]] = None
    for value, pattern in patterns.items():
        for match in pattern.finditer(text):
            word = match.group(0).lower()
            if _ambiguous(word) and not short_answer and not re.search(r"\bmy\s+$", text[: match.start()], re.I):
                continue
            if skip_others and (_SOMEONE_ELSES.search(text[max(0, match.start() - 40): match.start()]) or _said_of_another(text, match)
                                or _kids_in_an_errand(text, match, word) or _a_place(text.lower(), match)
                                or _in_their_home(text, match) or _LIKE_A.search(text[max(0, match.start() - 30): match.start()])):
                continue
            if best is None or match.start() < best[1]:
                best = (value, match.start(), match.end())
            break
    return best


# A partner told by the life shared, with no word for them: "we've been together 11 years", "i've been with him since uni,
# we've got a mortgage and a dog together".
_TOGETHER_AS_A_COUPLE = re.compile(
    r"\bwe(?:'ve| have|ve)? been (?:together|married|a couple|living together|engaged)\b|\b(?:i'?ve|i have|ive) been with (?:him|her|them) "
    r"(?:since|for)\b|\bwe(?:'ve| have|ve)? got (?:a|our) (?:mortgage|house|flat|home)\b[^.?!]{0,30}\btogether\b|"
    r"\b(?:our|my) (?:wedding|engagement) (?:anniversary|day|photos?)\b", re.IGNORECASE)


def find_relationship(text: str) -> Optional[tuple[str, int, int]]:
    """The first loved-one mention in ``text`` as (normalised value, start, end)."""
    short = len(text.split()) <= 3
    found = _first_match(text, _RELATIONSHIP_PATTERNS, short, skip_others=True)
    age = _AGE_CHILD.search(text)
    if age and (found is None or age.start() < found[1]):
        return (Relationship.CHILD.value, age.start(), age.end())
    if found is None and (couple := _TOGETHER_AS_A_COUPLE.search(text)):
        return (Relationship.PARTNER.value, couple.start(), couple.end())
    return found


def normalise_relationship(value: str) -> Optional[str]:
    """Map a word or phrase for a loved one to partner, parent, child, sibling or friend."""
    cleaned = value.strip().lower()
    if cleaned in {member.value for member in Relationship}:
        return cleaned
    found = find_relationship(cleaned)
    return found[0] if found else None


def find_concern(text: str) -> Optional[tuple[str, int, int]]:
    return _first_match(text, _CONCERN_PATTERNS, len(text.split()) <= 3)


def normalise_concern(value: str) -> Optional[str]:
    cleaned = value.strip().lower().replace(" ", "_")
    if cleaned in concerns():
        return cleaned
    found = find_concern(value)
    return found[0] if found else None


# How the no showed up, from the user's own description. A bare "refuses" or "said no" says there was a no,
# not how it showed up, so it is no cue at all (we ask instead). Each cue has a weight: loud, physical acts
# ("slammed the door", "screamed") say more than a passing word, so they outweigh a stray argument.
_FORM_CUES: dict[ResistanceForm, tuple[tuple[str, int], ...]] = {
    ResistanceForm.PASSIVE: (
        # "get him to agree" is a goal, not a refusal
        (r"\bsaid (?:he|she|they)(?:'d| would| will)\b", 1),
        # "she just says she's fine and changes the subject", "laughed it off and said im fine love": a brush-off (five
        # blind writers of six called it passive)
        (r"\b(?:says?|said|saying|goes|went)\b[^.?!]{0,12}\b(?:i'?m|im|he'?s|hes|she'?s|shes|they'?re|theyre) (?:just |totally |"
         r"absolutely |perfectly )?fine\b", 2), (r"(?<!\bto )\bagree[ds]?\b", 2),
        (r"\bnever (?:did|does|booked|called|went|follow|happens|comes|mentions|mentioned|rang|rings|phoned|made the call)", 2),
        # "he goes 'yeah yeah ill mention it to dr patel'": agreed to, for later, in their words (not the user's own plan)
        (r"(?:\b(?:says?|said|goes|went|saying|replied|answers?)\b[^.?!]{0,20}|['\"‘“]\s*(?:\w+\W+){0,3})(?:i'?ll|ill|i will) "
         r"(?:mention|bring) it (?:up )?(?:to|with|at)\b", 2),
        (r"\b(?:says?|saying|said) (?:s?he|they)(?:'?ll|ll| will|'?d| would) (?:\w+ ){0,4}"
         r"(?:when|once|after|later|next|soon|tomorrow|at some point)\b", 2),
        # the letter "lost", the form "forgotten": "he keeps 'losing' the letter and changing the subject"
        (r"\bkeeps? (?:'|‘)?(?:losing|forgetting|misplacing)(?:'|’)? (?:the|that|his|her|their) "
         r"(?:letter|form|number|leaflet|card|appointment)", 2),
        (r"\bcancel", 1), (r"\bfollow(?:s|ed)? through\b", 1), (r"\bkeeps? putting (?:it )?off\b", 2), (r"\bput(?:s|ting)? it off\b", 2),
        (r"\bnext (?:week|month|year)\b", 2), (r"\bsays? yes\b", 1), (r"\bpromis", 2),
        (r"\bforg[eo]t\w* (?:to (?:call|ring|phone|book|go|make|fill)|(?:about )?(?:the|his|her|their) (?:appointment|number|form|letter|"
         r"referral|gp|doctor))", 2),
        (r"\bdidn'?t (?:go|call|book|show)", 1),
        (r"\bwent once\b", 1), (r"\bone session\b", 1), (r"\bno[- ]show\b", 1), (r"\bgoes? through the motions\b", 1), (r"\blater\b", 1),
        (r"\b(?:he|she|they)(?:'ll| will) (?:book|go|call|ring|phone|look|think|sort|see (?:someone|somebody|a|the|about)|"
         r"deal with (?:it|that|this)|get (?:round|around) to)", 2),
        (r"\bthink about it\b", 2), (r"(?<!\bi )\bsays? maybe\b", 2),
        (r"\bwhen (?:he|she|they) (?:feels?|is|are|gets?|gets) (?:a bit |a little |a lot )?(?:better|stronger|less \w+)\b", 2),
        (r"\byeah,? (?:yeah|ok|maybe|sure)\b", 2), (r"\bsaid (?:sure|yes|yeah|ok|okay|fine|alright)\b", 2),
        # yes, for later, in their words: "she always says 'yeah defo, after christmas when work's calmer'", "'aye you're right,
        # i'll phone that helpline tomorrow'"; and the same promise before: "she said that last christmas as well"
        (r"['\"‘“]\s*(?:yeah|yes|yep|aye|ok|okay|sure|defo|definitely|fine|alright)\b[^.?!]{0,50}\b(?:tomorrow|next week|after christmas|"
         r"after new year|after the holidays|when work|soon|later|at some point|one day|monday|in the new year)\b", 2),
        (r"\bsaid (?:that|the same) (?:last (?:christmas|year|time|month|summer|easter)|before)(?: (?:as well|too))?\b", 2),
        # "'when this rotation ends' but there's always another", "after this project": later, always later
        (r"\b(?:when|after|once) (?:this|the|that) (?:\w+ )?(?:ends|is over|finishes|calms down|settles|project|rotation|season|"
            r"busy (?:patch|spell))\b", 2),
        (r"\balways (?:another|something)\b", 2), (r"\bout the door\b|\bslips? off\b|\bdisappears? (?:off )?to\b", 1),
        (r"\b(?:and )?then (?:just )?(?:didn'?t|never did|never does|did nothing|nothing happened|nothing)\b"
         r"(?! (?:speak|talk|say a word|answer))", 2),
        # the yes in their own words, then time passing: "'yeah ill book something this week' and then its been 3 months"
        (r"\bi'?ll (?:book|ring|call|cut down|sort it|look into it)\b|\bill (?:book|ring|cut down|sort it|look into it)\b", 2),
        (r"\b(?:and )?(?:then )?(?:it'?s|its|it has) been (?:\d+|a few|several|two|three|four|six) (?:weeks|months)\b", 1),
        (r"\bstill (?:hasn'?t|haven'?t|not (?:booked|called|rung|phoned|gone|been|made|sorted|done)|looking)\b", 2),
        (r"\bhasn'?t (?:booked|rung|called|phoned|gone)", 2),
        (r"\b(?:when|once|until|till) (?:things|it|work|life) (?:calms?|settles?|quiets?|gets? (?:less|quieter|easier))", 2),
        (r"\bafter (?:this|the|tax|exam|wedding|busy) ?(?:project|busy|holidays?|wedding|christmas|season|exams?|deadline|move|period)", 2),
        (r"\bon the fridge\b", 1), (r"(?<!\bas )\bsoon\b(?! as\b)", 1), (r"\bsays? ok\b", 1), (r"\bone day\b", 1),
        # not "maybe 2 hours" of sleep, nor the user's own "i said maybe talk to someone"
        (r"(?<!\bi said )(?<!\bgently said )(?<!\btried saying )(?<!\bi suggested )(?<!\bi mention )(?<!\bi mentioned )(?<!\basked if )"
         r"(?<!\bwondered if )"
         r"\bmaybe\b(?!,? (?:\d|a |an |one|two|three|four|five|half|once|twice))", 1),
    ),
    ResistanceForm.INTELLECTUAL: (
        # "she said everyone does a bit of betting and its under control"
        (r"\beveryone does a bit(?: of)?\b", 2),
        # comparisons as the argument: "half the blokes in his local drink more than him", "all her mates smoke more"
        (r"\b(?:half|most|all|loads) (?:of )?(?:the |his |her |their )?(?:blokes|lads|men|guys|women|girls|people|mates|friends|"
         r"pals|colleagues)\b[^.?!]{0,30}\b(?:drinks?|smokes?|bets?|gambles?|uses?|takes?|does|do|eat|eats) (?:way |far |a lot )?"
         r"(?:more|worse|less)\b", 2),
        # a thing no counsellor fixes: "grief isnt something you fix with a counsellor"
        (r"\b(?:isn'?t|isnt|is not|not) (?:something|a thing|what) (?:you|a (?:counsellor|therapist|doctor)|anyone) (?:can )?"
         r"(?:fix|solve|cure|talk away)\b", 2),
        (r"\b(?:it'?s|its|it is|i'?ve got it|got it|i have it|all) (?:totally |completely |all )?under control\b", 1),
        # "a whole speech about how burnout isnt even a real diagnosis, hed read a study"
        (r"\b(?:isn'?t|isnt|is not|not) (?:even )?a real (?:diagnosis|thing|illness|condition|disease)\b|\bread a study\b|"
         r"\b(?:whole|long) (?:speech|lecture) (?:about|on)\b", 2),
        # "she says at this age everyone forgets, what is there to check, doctors will only give more tablets"
        (r"\bat this age\b|\beveryone (?:forgets|gets forgetful|slows down|gets old)\b|\bwhat is there to check\b|"
         r"\b(?:doctors|they|he|she)(?:'ll| will)? (?:only|just) (?:give|push|prescribe) (?:you |her |him |me )?(?:more )?"
         r"(?:tablets|pills|drugs)\b", 2),
        # a case that talking can't help: "he reckons talking about it won't change anything, it happened, end of story"
        (r"\btalking (?:about (?:it|things|stuff) )?(?:to (?:a|some) \w+ )?(?:won'?t|wont|doesn'?t|doesnt|can'?t|cant|never|"
         r"isn'?t going to|isnt going to) (?:change|help|fix|bring|undo|do)\b", 3),
        # "went on a rant about how therapists dont know the first thing about nutrition", "a made up label"
        (r"\b(?:rant|lecture|speech)(?:ed)? (?:at me )?about how\b|\bmade[- ]up (?:label|diagnosis|condition|illness|thing)\b|"
         r"\b(?:therapists?|counsell?ors?|shrinks?|psychologists?|doctors?) (?:don'?t|dont|do not) know (?:the first thing|anything|"
         r"what they'?re (?:on|talking) about)\b", 2),
        # "theres no proof its better than prayer", "therapy is a western idea"
        (r"\bno (?:proof|evidence)\b|\bnot (?:been )?proven\b|\ba western (?:idea|thing|invention|concept)\b", 2),
        (r"\bargu", 1), (r"\breasons?\b", 1), (r"\bexplain", 1), (r"\bdoesn'?t work\b", 2), (r"\bwon'?t (?:work|help)\b", 2),
        (r"\bwaste of (?:money|time)\b", 2), (r"\bscam\b", 2), (r"\bpseudo-?\s?science\b|\bquackery\b|\bsnake oil\b", 2),
        # a case made: "read loads about it online", "it's just paying someone to tell you what you already know", "talking
        # won't pay the bills", "i don't understand sports nutrition", "i don't understand how things work now"
        (r"\b(?:read|researched|looked into) (?:loads|a lot|up|everything|all about)\b|\bjust paying (?:someone|somebody|a stranger)\b", 2),
        # "therapy is just paying 120 bucks for someone to tell you to breathe", "she knows all the cbt stuff already"
        (r"\bpaying (?:\S+ ){0,3}for (?:someone|somebody|a stranger)\b|\bknows? (?:all )?(?:the )?(?:cbt|therapy|psych|psychology|"
         r"mindfulness) (?:stuff|techniques|tricks|already)\b|\bcould teach it\b", 2),
        # a belief or a standing held up against help: "depression is for weak people, he just needs to pray", "i'm a doctor,
        # i'd know if i needed help", "doctors missed stuff before so why would he trust a therapist"
        (r"\b(?:is|are|it'?s) (?:something |only |just )?for (?:weak|rich|posh|crazy|mad|middle[- ]class) people\b|"
         r"\ba middle[- ]class thing\b|\b(?:just )?(?:needs? to|has to|should|will) pray\b", 2),
        (r"\bi'?d know if i (?:needed|need|had)\b|\bwhy (?:would|should) (?:he|she|they|i) trust\b", 2),
        (r"\bknows? more (?:about (?:\w+ ){1,3})?than (?:any|a|the|most|every) (?:therapist|counsell?or|doctor|shrink|psychologist)", 2),
        # "therapy is for young people with problems, not old men", "its just age, everyones forgetful, doctors only want to
        # stick a label on you", "loads of people game more than him"
        (r"\b(?:is|are|it'?s) (?:something |only |just )?for (?:young|other|old|sick|ill) (?:people|folk|men|women)\b", 2),
        (r"\b(?:it'?s|its) (?:just|only) (?:old )?age\b|\beveryone(?:'s|s| is| gets)? (?:a bit )?forgetful\b|"
         r"\b(?:stick|put|slap) a label on\b", 2),
        (r"\b(?:loads|lots|plenty) of people (?:\w+ ){1,2}more than\b", 2),
        (r"\b(?:talking|therapy|counsell?ing|a therapist|a counsell?or|it) (?:won'?t|wont|doesn'?t|can'?t|isn'?t going to) "
         r"(?:pay|fix|change|bring|solve|put food|get (?:his|her|their|my) \w+ back)\b", 2),
        (r"\b(?:says?|said|thinks?|reckons?) (?:that )?i (?:don'?t|dont|do not) (?:understand|get|know (?:anything )?about)\b|"
         r"\b(?:don'?t|dont|do not) understand how (?:things|it|the world|stuff) works?\b", 2),
        # a belief held up against help: "the Lord is all the counsel she needs", "prayer is enough"
        (r"\b(?:the lord|god|prayer|faith|jesus|allah|the church)\b[^.?!]{0,40}\b(?:all|enough|counsel|needs?|will (?:heal|fix|"
            r"sort|provide))\b", 2), (r"\bpointless\b", 2), (r"\bresearch", 1), (r"\bstudies\b", 1),
        (r"\bdebate", 1), (r"\bevidence\b", 2), (r"\bread (?:loads|a lot|up|about|articles|everything|all about)\b", 2),
        (r"\b(?:deal with|handle|sort|manage) (?:it|this|things) (?:in )?(?:her|his|their|my) own way\b", 2),
        (r"\blogic", 1), (r"\bexcuse", 1), (r"\btoo expensive\b", 1), (r"\bcosts?\b", 1), (r"\bjust want (?:your )?money\b", 1),
        (r"\bdon'?t know (?:me|him|her)\b", 1), (r"\bcan (?:handle|fix|stop) (?:it|whenever)", 2),
        (r"\b(?:got|has|have|'s got) (?:it|things|everything) (?:all )?under control\b", 2), (r"\bpsychobabble\b", 2),
        (r"\bnonsense\b", 2),
        (r"\bwhat'?s the point\b", 1), (r"\bcome up with\b", 1), (r"\banaly[sz]", 1),
        (r"\bis (?:just )?for (?:people|weak|junkies|teenage|crazy|nutters)", 2),
        (r"\bcan'?t (?:change|therapy|fix)\b", 2), (r"\bjust (?:who (?:he|she) is|work stress|a phase|stress|how (?:he|she) is)\b", 2),
        (r"\b(?:always been|everyone(?:'s| is| on)|everybody)\b", 1), (r"\bbig pharma\b", 2), (r"\bmedicine\b", 1),
        (r"\bno different\b", 2),
        (r"\bdoesn'?t need\b", 1), (r"\bdon'?t need\b", 1), (r"\bnot (?:an? )?(?:addict|alcoholic|problem)\b", 1),
        (r"\bit'?s (?:fine|normal|legal|prescribed)\b", 1),
        (r"\bbetter than ever\b", 2), (r"\bdulls?\b", 1), (r"\btried (?:everything|it)\b", 2), (r"\bdoctors? (?:are|is|don'?t)\b", 1),
        (r"\btrend\b", 1), (r"\bisn'?t an? (?:illness|disease)\b", 2), (r"\bwhy would (?:he|she|i|they) need\b", 2),
        (r"\bnot his problem\b|\bnot her problem\b", 2), (r"\bidiots?\b", 1), (r"\bdealt with wors", 2), (r"\bdoesn'?t have time\b", 2),
        # minimising and reasoning it away: "knows what he's doing", "just a bad run", "it's only weed, it's natural",
        # "at his age you just get on with it", "talking won't bring her back", "no time, and it'd go on her record"
        (r"\bknows? what (?:he|she|they)(?:'s|'re| is| are|s)? doing\b", 2),
        (r"\b(?:just|only) (?:on )?an? (?:bad|rough|losing|unlucky) (?:run|patch|streak|spell|week|month)\b", 2),
        (r"\bit'?s (?:just|only) (?:weed|a (?:drink|bet|smoke|spliff|joint|flutter|few)|wine|beer|a bit of)\b", 2),
        (r"\bnot like (?:it'?s|i'?m|he'?s|she'?s|they'?re) (?:heroin|crack|cocaine|an? (?:addict|alcoholic|junkie))\b", 2),
        (r"\b(?:an? )?(?:article|study|studies|statistics?|stats|research|podcast|documentary)\b", 1), (r"\bquot(?:ed|es|ing)\b", 1),
        (r"\b(?:not|doesn'?t|don'?t|never) work(?:ing|s)?\b", 2), (r"\bno (?:therapist|counsellor|counselor|doctor|one|amount of talking) "
         r"(?:can|could|will|is going to) (?:fix|change|help|sort)\b", 2), (r"\bcan'?t be (?:a|the) problem\b", 2),
        (r"\b(?:because of|from|it'?s a|just a) (?:tiktok|instagram|social media|trend|fad)\b", 2),
        (r"\bit'?s natural\b", 1), (r"\b(?:just|only) (?:a bit of |a little |some )?(?:fun|a laugh|a hobby)\b|\bharmless\b", 2),
        (r"\bhelps? (?:him|her|them|me) (?:chill|relax|sleep|unwind|cope|switch off)\b", 1),
        (r"\b(?:just )?get on with it\b", 2), (r"\bwon'?t bring (?:him|her|them|it) back\b", 2), (r"\bat (?:his|her|my|their) age\b", 1),
        (r"\b(?:has|have)(?:n'?t| not) got (?:the )?time\b|\bno time for\b", 2), (r"\bon (?:her|his|their|my) record\b", 2),
        (r"\bif (?:work|(?:his|her|their) (?:boss|work|job|manager)|anyone|people) (?:found|finds|find) out\b", 1),
        # a case against it: "he's read that antipsychotics do more harm than good", "burnout is just a buzzword HR made up"
        (r"\bmore harm than good\b|\b(?:just )?an? (?:\w+ )?buzz ?word\b|\bmade up by\b|\b(?:hr|the media|doctors|drug companies|"
         r"pharma|the government|they) made (?:it |that |the whole thing )?up\b", 2),
        (r"\b(?:he'?s|she'?s|hes|shes|they'?ve|has|have) read (?:that|somewhere|online|up on)\b", 2),
        # a case for it: "everyone at work does it", "the odds are in your favour if you know what you're doing",
        # "it's less harmful than your beer, it's legal in half of america"
        (r"\beveryone (?:\w+ ){0,3}does (?:it|that)\b|\bif you know what you'?re doing\b", 2),
        # "rehab is a money racket. hes got an answer for everything", "its not an addiction because he can go a week without"
        # blind set 31: "sure half of dublin does it", "counsellors are for people with actual problems", "he knows his own
        # brain better than any doctor", "the EAP counsellors are useless, its all breathing exercises", "a staffing problem
        # not a her problem"
        (r"\bhalf (?:of )?(?:\w+ ){0,2}(?:does|do) (?:it|that)\b|\b(?:counsell?ors?|counselling|therapy|therapists?|shrinks?) (?:is|are) "
         r"(?:only |just )?for (?:people|those|folk|nutters|the weak|crazy)\b|\bknows? (?:his|her|their) own (?:brain|mind|body) better\b|"
         r"\bbetter than (?:any|the|all the) doctors?\b|"
         r"\b(?:counsell?ors|therapists|therapy|counselling|shrinks)\b[^.?!]{0,15}\b(?:are|is) "
         r"(?:all |just |totally |completely )?(?:useless|pointless|a waste|rubbish|nonsense|a joke)\b|\bit'?s all (?:breathing exercises|"
         r"mindfulness|colouring in|coloring|talk and no)\b|\ba \w+ problem,? not an? (?:her|his|my|their|me|him) problem\b", 2),
        (r"\b(?:an? |the )?answer for everything\b|\b(?:a |just a )?(?:money )?(?:racket|scam)\b|\b(?:is|it'?s|its|all|just) a con\b|"
         r"\bnot (?:an? )?(?:addiction|addict|problem|alcoholic) (?:because|cos|coz|if|since)\b", 2),
        (r"\bless (?:harmful|dangerous|addictive) than\b|\blegal in\b|\bsafer than\b", 2),
    ),
    ResistanceForm.EMOTIONAL: (
        # "she just breaks down, says she cant go through it all again"
        (r"\b(?:breaks|broke|break|breaking) down\b|\bfalls apart\b|\bfell apart\b", 2),
        # not his mood told as news: "he seems fine now, back at work, joking about", "laughing with his mates again"
        (r"\bjok(?!ing (?:about|around)\s*(?:[,.!]|$|and\b|with\b|again\b))", 2), (r"\blaugh(?!\w* (?:with|again)\b)", 2),
        # "says she's fine and changes the subject": the change of subject is the reaction (a bare "says she's fine" is passive)
        (r"\bfine,? and (?:then |just )?chang(?:e|es|ed|ing) the subject\b", 1),
        (r"\bteary\b|\btearful\b|\bwelled up\b|\bwell(?:s|ed)? up\b|\bsob(?:s|bed|bing)?\b", 2), (r"\bshaking\b", 1),
        # silence and sarcasm after the suggestion (blind set 28): "didnt speak to me for two days", "he just did a bit ...
        # everything's a joke with him"
        (r"\b(?:didn'?t|didnt|wouldn'?t|wouldnt|won'?t|wont|hasn'?t|hasnt|stopped) (?:speak|talk)(?:ing)? to me (?:for|since)\b", 2),
        (r"\bdid a bit\b(?! (?:of|better|more|less|worse|longer|shorter))|\beverything'?s a joke\b|\bmakes? a joke (?:of|out of)\b|"
         r"\bturns? (?:it|everything) into a joke\b|\bsarcas\w+", 2),
        (r"\bchang(?:e|es|ed|ing) the subject\b", 2), (r"\bcr(?:y|ies|ied|ying)\b", 2),
        (r"\bshuts? down\b|\bshut down\b|\bshut(?:s|ting)? (?:me )?out\b", 2), (r"\boverwhelm", 1), (r"\bhopeless", 1),
        (r"\bfreez", 1), (r"\bpanic(?!\w* attacks?)(?!\w* disorder)", 1),
        (r"\bdeflect", 2), (r"\bwalks? off\b", 1),
        (r"\b(?:goes|went|go|gone|going|got|gets|getting) (?:completely |really |very |all )?(?:quiet|silent)\b", 2),
        (r"\bsilent\b", 1), (r"\bwithdraw", 1),
        (r"\bwon'?t talk\b", 1), (r"\bavoid", 1), (r"\bbrush(?:es|ed)? it off\b", 2), (r"\bnothing (?:will|can) help\b", 1),
        (r"\btears?\b", 2),
        (r"\bupset\b", 1), (r"\bsarcas", 1), (r"\bheadphones\b", 1), (r"\bstares?\b", 1),
        (r"\bi can'?t\b(?! believe| wait| thank| stop (?:smiling|grinning))", 1), (r"\bclams? up\b", 2),
        (r"\bgo through it again\b", 1), (r"\bdoes a (?:whole )?bit\b", 1), (r"\bmakes? a joke\b", 2), (r"\bplays? it down\b", 1),
        # hurt by what the suggestion seems to say about them: "making him out to be a monster", "treating him like he's senile"
        (r"\bmaking (?:him|her|them|me) out to be\b", 2), (r"\btreating (?:him|her|them|me) like\b", 2),
        (r"\b(?:burst|bursts|bursting) (?:into|in) tears\b", 1), (r"\bgets? (?:really |so |very )?(?:hurt|upset)\b", 1),
    ),
    ResistanceForm.DIRECT: (
        # the suggestion turned back on the user: "he laughed and said I am the one who needs a doctor"
        (r"\b(?:i'?m|i am|you'?re|you are) the one (?:with the problem|who has the problem|(?:who|that) needs? (?:a doctor|help|therapy|"
         r"a therapist|a shrink|to see someone|"
         r"to get help|counselling|to be sectioned))\b|\bwill not see any\b|\bwon'?t see any\b", 3),
        # "he said hes fine, he doesnt need anyone, and to stop going on at him"
        (r"\bstop (?:going on|on at|nagging|banging on|harping on|lecturing|keep on)\b|\b(?:doesn'?t|doesnt|does not) need anyone\b", 3),
        # "he says it was a one off and not to make it a thing"
        (r"\bnot to make (?:it |this |a )?(?:a |into a )?(?:big )?(?:thing|deal|fuss)\b|"
         r"\bdon'?t make (?:it |this )?(?:a |into a )?(?:big )?(?:thing|deal)\b", 2),
        # told where to go: "told me to do one", "mugged me off", "hung up on me"
        (r"\btold me to (?:do one|get lost|jog on|piss off|sod off|f\W*off|back off|mind my (?:own )?business|butt out|"
            r"wind my neck in)\b", 2),
        (r"\bmugged (?:me )?off\b|\bhung up\b|\bslammed the phone\b", 2),
        (r"\bwill not (?:see|go|hear|discuss|talk|entertain)\b|\bwon'?t hear (?:of it|another word|a word)\b|\bnot hear (?:of it|"
            r"another word)\b", 2),
        (r"\bflat(?:ly)? out\b", 1), (r"\bflat no\b", 2), (r"\bno way\b", 2), (r"\bangry\b", 1),
        (r"\banger\b(?! management)", 1), (r"\byell", 2),
        (r"\bnot happening\b", 2),
        (r"\b(?:end of|full stop|final answer|end of story|end of discussion|and that'?s that)\W*$", 2),
        (r"\b(?:he|she|they) said no[.!,]", 1),
        (r"(?<!if )(?<!when )\b(?:he|she|they) (?:just )?(?:says?|said) (?:(?:straight|flat)(?: out)? |outright |point[- ]blank )?"
         r"(?:no|nope|no way)\b(?! to (?:me|us|you) )", 1),
        (r"\bi'?ll manage\b|\bi can manage\b", 1),
        (r"\bend of (?:conversation|discussion|story|subject)\b|\bend of[,.!]", 2), (r"\bnot a chance\b|\bno chance\b", 2),
        (r"\b(?:is|'s|s) not (?:going|gonna) (?:to )?(?:any|see|go)\b", 1),
        (r"\bshout", 2), (r"\bscream", 2), (r"\bsnap", 1), (r"\bblew up\b", 2), (r"\bblows up\b", 2), (r"\bdrop it\b", 2),
        (r"\bmind (?:my|your) own\b", 2),
        # told it's theirs to decide: "told me it's his money, he earned it, and to keep my nose out", "you're not my mum,
        # you don't get a say"
        (r"\b(?:you )?(?:don'?t|dont|do not) get a say\b|\b(?:you'?re|youre|you are) not my (?:mum|mom|dad|mother|father)\b", 2),
        (r"\b(?:will not|won'?t|wont) let (?:anyone|anybody|me|us|a (?:vet|doctor|social worker)) in\b|"
         r"\b(?:keep|get) (?:my|your) nose out\b|\bbutt out\b|\bnone of (?:my|your) (?:business|concern)\b", 2),
        (r"\b(?:it'?s|its) (?:his|her|their|my) (?:own )?(?:money|life|business|choice|decision)\b", 1),
        (r"\bleave (?:me|him|her) alone\b", 2), (r"\bnot crazy\b", 2), (r"\bnot mad\b", 2),
        (r"\b(?:i|he|she|they) (?:don'?t|doesn'?t|do not|does not) need (?:a|an|any|some|your|to see|help|therapy|"
        r"a stranger)\b", 2), (r"\bstorm", 2), (r"\bslam", 3),
        (r"\bfurious\b", 1), (r"\bmad\b", 1),
        (r"\bbut out\b", 2), (r"(?<!\bour )(?<!\bfamily )\bbusiness\b(?! (?:with|to) (?:strangers|outsiders))", 2),
        (r"\bf+[\W_]*(?:off|\*+ off)\b|\bfuck off\b|\bpiss off\b|\bget lost\b|\bget (?:tae|to) f\b", 3),
        (r"\bhangs? up\b", 2),  # "hung up" is counted above
        (r"\bnothing wrang wi\b", 2),  # Scots: "he says get tae f, there's nothing wrang wi him"
        (r"\bwalked out\b|\bstormed out\b", 2),
        (r"\bget out\b(?! of (?:bed|the house|the flat|the car))", 2), (r"\bthrew it\b|\bthrows it\b|\bbinned\b|\bin the bin\b", 2),
        (r"\bnasty\b", 2),
        (r"\bnothing wrong with (?:me|him|her|my (?:mind|head|memory|brain))\b", 2),
        # the door shut on it: "he said absolutely not... hes not discussing it", "that was the end of it", "and thats final"
        (r"\babsolutely not\b|\b(?:not|won'?t|wont|refuses? to|will not) (?:even )?discuss(?:ing)? it\b|"
         r"\bthat was the end of (?:it|that)\b|\bnot (?:going|gonna) back (?:to (?:that|him|her|them|it)|there)\b|"
         r"\b(?:and )?that'?s final\b|\bthats final\b|\bdoor (?:shut|closed)\b", 2),
        (r"\b(?:we'?re|you'?re|i'?m|we are|you are|i am) the ones? (?:who|that)(?:'s| is| are|'re)? (?:sick|ill|mad|crazy|need|needs|"
         r"has|have)\b", 2),
        (r"\bcontrol (?:me|her|him)\b|\btrying to control\b", 2), (r"\bin on it\b", 2), (r"\bnot (?:her|his|your) mother\b", 2),
        (r"\bkicked off\b", 2),
        (r"\bbright red\b", 1), (r"\bcut me off\b", 1), (r"\bstay out of\b", 2), (r"\bdefensive\b", 1),
        (r"(?<!panic )(?<!anxiety )(?<!heart )\battack(?!s? of (?:panic|anxiety))", 1),
    ),
}


def classify_resistance(text: str) -> Optional[ResistanceForm]:
    """Which of the four refusal forms a description sounds like, or None when unclear.

    The form with the highest weight of cues wins; on a tie the earlier one in this order wins,
    since "agreed, then cancelled" is more telling than a bare "no".
    """
    lowered = _without_users_maybe(text.lower().replace("’", "'"))
    # How they reacted usually follows the suggestion ("she's low, cries a lot; I said see the GP and she said
    # 'I'm not mad'"), so the words after the first mention of help are read first.
    help_at = _HELP_CONTEXT.search(lowered)
    if help_at and help_at.start() > 0:
        found = _strongest_form(lowered[help_at.start():])
        if found is not None:
            return found
    found = _strongest_form(lowered)
    if found is None and len(lowered.split()) <= 5 and _REFUSES.search(lowered):
        # "refuses any therapy" as the whole answer (in a story, "she refuses to see anybody" says nothing of how)
        return ResistanceForm.DIRECT
    return found


_REFUSES = re.compile(r"\brefus(?:es|ed|ing)\b(?! to (?:talk|speak|look|discuss|open up|say))")


# The user's own hedge when suggesting help ("i said maybe see someone", "when i said mate maybe talk to someone") is
# not the loved one's "maybe".
_USERS_MAYBE = re.compile(r"\b(?:i|we) (?:(?:tried|try|wanted|want|went|meant|dared|managed) to )?"
                          r"(?:said|say|says|suggested|suggest|asked|ask|mention|"
                          r"mentioned|told (?:him|her|them)|tell (?:him|her|them))"
                          r"(?: (?:to (?:him|her|them)|mate|love|hun|like|that|it might help|gently))*,? (?:that )?maybe\b")


# A reaction only feared, not yet met: "i dont know how to bring it up without him getting defensive", "in case she
# gets angry", "what if he shouts". It says nothing about how they said no.
_FEARED_REACTION = re.compile(r"\b(?:without|in case|what if|scared|afraid|worried|terrified|dread(?:ing)?)\b(?: (?:that|of))? "
                              r"(?:him|her|them|he|she|they|my \w+)(?:'ll| will| might| would)? (?:\w+ ){0,2}?"
                              r"(?:getting|get|gets|going|go|becoming|being) (?:\w+ )?(?:defensive|angry|mad|upset|cross|nasty|shouty|"
                              r"off|funny|arsey|narky|aggressive)\b|"
                              r"\bwhat if (?:he|she|they) (?:shouts?|yells?|storms? off|cries|blows up)\b")


# Symptoms told, not a reaction to help: "she wakes up screaming most nights, and if a door slams shes on the floor".
_SYMPTOM_NOT_REACTION = re.compile(
    r"\bwak(?:es?|ing) up (?:screaming|shouting|crying|sobbing|yelling)\b|\b(?:screams?|screaming|shouts?|shouting|cries|crying|sobbing) "
    r"in (?:her|his|their) sleep\b|\b(?:if|when|whenever) a door (?:slams|bangs|shuts)\b|\bnight terrors\b"
)


def _form_scores(lowered: str) -> dict[ResistanceForm, int]:
    """The summed weight of each form's cues found in the text."""
    lowered = _SYMPTOM_NOT_REACTION.sub(" ", _FEARED_REACTION.sub(" ", lowered))
    return {form: sum(weight for cue, weight in cues if re.search(cue, lowered)) for form, cues in _FORM_CUES.items()}


def form_strength(text: str) -> int:
    """The weight of the strongest form's cues in the text: 1 is a stray word ("snapping", "forgets"), 2 or more a no told."""
    return max(_form_scores(_without_users_maybe(text.lower().replace("’", "'"))).values())


def _without_users_maybe(lowered: str) -> str:
    """The text with the user's own "maybe" ("i said maybe see someone") unsaid, so it is not read as the loved one's."""
    return _USERS_MAYBE.sub(lambda m: m.group(0)[: -len("maybe")] + "-", lowered)


def _strongest_form(lowered: str) -> Optional[ResistanceForm]:
    scores = _form_scores(lowered)
    best = max(scores.values())
    if best == 0:
        return None
    return next(form for form in _FORM_CUES if scores[form] == best)


# Words that say the message is about asking for help and how it went, so a form read from it is about the
# refusal, not about an argument over the bins.
_HELP_CONTEXT = re.compile(
    r"\b(?:therap|counsel|gp\b|doctor|dr\b|psychiatr|psycholog|shrink|professional|appointment|clinic|referral|treatment|rehab|"
    r"refus(?:es|ed|ing|e)?\b(?! to (?:eat|leave|get up|go out|talk to me))|won'?t (?:discuss|talk about|"
    r"even talk about|hear) (?:it|this|that)|(?:'ll| will) (?:deal with|sort|look into|get to) (?:it|this|that)|"
    r"meds?\b|medication|help\b|(?<!hit )(?<!hurt )(?<!harm )(?<!touch )(?<!touched )(?<!punch )(?<!punched )(?<!attack )"
    r"(?<!attacked )(?<!kill )(?<!scare )(?<!threaten )(?<!threatened )(?:someone|anyone)\b|"
    r"aa\b|ga\b|na\b|gamcare|cruse|group|assess|camhs|cpn|talking therap|"
    r"talk(?:ing)? to (?:someone|somebody|a |the )|get help|bring (?:it|this|that) up|brought (?:it|this) up|mention|suggest|"
    r"said something|"
    r"asked|raise[ds]?\b|tried (?:to )?(?:talk|say)(?:ing)?|when i (?:say|said|ask)|leaflet|number for|anger management|memory clinic|"
    r"sit(?:ting)? in a circle|checked out|get checked|"
    r"early intervention|"
    r"service|scheme|eap\b|hotline|charity|support group|see (?:a|someone|somebody)|seeing (?:a|someone|somebody)|get assessed)",
    re.IGNORECASE,
)


def mentions_help(text: str) -> bool:
    return bool(_HELP_CONTEXT.search(text))


# "actually it's my sister", "sorry, I meant my brother", "ok I'll be honest, she's my girlfriend".
# "Actually", "sorry", "wait" and "to be honest" only correct when a relative follows them: "he actually read the leaflet
# my friend gave him" and "sorry for the essay" correct nothing.
# The words that open a correction ("actually", "sorry", "wait"), shared by _CORRECTION and _BARE_OPENER.
_OPENER = r"\b(?:actually|sorry|wait|to be honest|be honest|tbh|oops)\b[,.!: ]*"
_CORRECTION = re.compile(
    r"\b(?:(?<!am )(?<!was )i meant|not my|i lied|correction)\b|"  # not "am i meant to"
    + _OPENER + r"(?:i meant |i mean |it'?s |its |it is |she'?s |he'?s |"
    r"shes |hes |they'?re |i should say |i should have said )?(?:(?:actually|really) )?(?:my|our|not)\b|"
    r"\bi mean(?:t)?,? (?:my|our)\b|"
    r"\b(?:she|he|they|it)(?:'s| is| are|'re|s) (?:actually )?(?:my|our)\b"
    r"(?! (?:fault|own fault|turn|job|problem|decision|choice|call|life|money|house|business|place|responsibility|worry)\b)|"
    r"\b(?!(?:that|this|what|there|here|which|who)\b)\w+(?:'s| is) (?:actually|really) (?:my|our)\b",  # "dan's actually my brother"
    re.IGNORECASE,
)


# "wait, my mum wants to talk to him first", "sorry my husband just walked in": a relative after "wait" or "sorry" in a
# longer message is news, not a correction, unless it says whom it is not ("sorry, my stepmum, not my mum").
_BARE_OPENER = re.compile(_OPENER + r"(?:(?:actually|really) )?(?:my|our)\b", re.I)
_NOT_WHOM = re.compile(r"\bnot (?:my|our|his|her|the)\b|\bi meant\b|\bi mean\b|\bit'?s\b|\bit is\b|\bi should (?:say|have said)\b", re.I)


# "not husband. SON.", "it's not my mum, it's my stepmum": the relative right after "not" is who it isn't.
# "we lost our son at 37 weeks": the one who died is not the one the user is worried about.
_LOST = re.compile(r"\b(?:lost|losing|buried|burying|miscarried)\s+(?:my|our|his|her|their)\s+(?:\w+\s+)?$", re.IGNORECASE)
_NOT_BEFORE = re.compile(r"\bnot\s+(?:(?:actually|really|technically|exactly)\s+)?(?:my\s+|our\s+|the\s+|your\s+)?$", re.IGNORECASE)


def _whom_it_is_not(text: str) -> bool:
    return any(_NOT_BEFORE.search(text[max(0, m.start() - 20): m.start()])
               for pattern in _RELATIONSHIP_PATTERNS.values() for m in pattern.finditer(text))


# Who the correction is to: "its my husband who", "i meant my brother", "it's actually my sister".
_CORRECTED_TO = re.compile(r"\b(?:it'?s|its|it is|i meant|i mean|it was)\s+(?:actually |really )?(?:my|our)\s+\w")


def is_correction(text: str) -> bool:
    found = _CORRECTION.search(text)
    if not found:
        return _whom_it_is_not(text) and loved_one_mention(text) is not None
    if _BARE_OPENER.fullmatch(found.group(0)) and len(text.split()) > 4 and not _NOT_WHOM.search(text):
        return bool(_CORRECTION.search(text, found.end()))
    return True


# The user describing themselves: "i'm so angry", "i'm exhausted", "i'm grieving too" are about the user.
_ABOUT_ME = re.compile(
    r"\b(?:i'?m|i am|im|i feel|i've been|ive been|i get|makes me|made me|i was|me)\s+(?:so\s+|really\s+|just\s+|too\s+|pretty\s+|"
    r"absolutely\s+|completely\s+|totally\s+|quite\s+|a bit\s+|kind of\s+|getting\s+|feeling\s+|also\s+|honestly\s+)*$",
    re.IGNORECASE,
)


_LOW_SINCE_A_DEATH = re.compile(
    r"\b(?:since|after|ever since|because of|following)\b[^.?!]{0,30}\b(?:died|passed|death|miscarriage|funeral|stillbirth|"
    r"bereavement|was killed|lost (?:the baby|our baby|her baby|his (?:wife|husband|mum|mom|dad|son|daughter|brother|sister|baby)|"
    r"her (?:husband|wife|mum|mom|dad|son|daughter|brother|sister)))",
    re.IGNORECASE,
)


# Low mood said in everyday words, when no struggle is named.
_LOW = re.compile(r"(?:\b(?:been|is|shes|hes|seems?|gets?|feeling|so|really|very|pretty)|'s) "
                  r"(?:really |so |very |pretty |quite )?(?:low|down|flat)"
                  r"(?! (?:the|to|on|there|here|with|at|about|a|his|her|their|my)\b)", re.IGNORECASE)


# "my dad lost my stepmum", "since we lost our son": someone in the family died (not "lost my job").
_LOST_SOMEONE = re.compile(
    r"\blost (?:my|our|his|her|their) (?:step-?|little |baby |big |younger |older )?(?:mum|mom|mother|dad|father|wife|husband|partner|son|"
    r"daughter|brother|sister|baby|grandma|grandad|granddad|nan|gran|twin|best friend)\b",
    re.IGNORECASE,
)


# A struggle ruled out: "he's not depressed or anything, he's just cooked", "it's not really the drinking".
# Not "not just the drinking", which keeps the drinking and adds to it.
_RULED_OUT = re.compile(r"(?:\b(?:not|isn'?t|isnt|wasn'?t|never|doesn'?t|does not|nothing to do with|rather than)|"
                        r"\b(?:don'?t|dont|do not) (?:really )?think (?:it'?s|its|it is|that'?s|thats|she'?s|he'?s|they'?re))\s+(?!just\b)"
                        r"(?:(?:really|even|actually|exactly|the|about|that|so|a|an|his|her|their)\s+){0,2}$", re.IGNORECASE)
# A struggle named as what it is: "i think it's hoarding", "it's the depression talking", "pretty sure it's ptsd".
_NAMED_AS = re.compile(r"(?:\b(?:it'?s|its|it is|this is|that'?s|thats|it'?s called|sounds like|diagnosed with|diagnosis (?:of|is))\s+"
                       r"(?:(?:definitely|probably|really|actually|basically|honestly|proper|full[- ]blown|the|a|an|some kind of|"
                       r"some sort of|like|more|mostly|mainly|all|just|his|her|their)\s+){0,3}"
                       r"|\b(?:i (?:really |honestly |actually )?(?:think|reckon|believe)|pretty sure|i'?m sure|probably|maybe),? "
                       r"(?:(?:under(?:neath)? (?:all )?(?:of )?(?:it|that|this)(?: all)?|deep down|at (?:heart|the root)|"
                       r"if i'?m honest|honestly|tbh|really),? )?"
                       r"(?:he'?s|she'?s|they'?re|hes|shes|he is|she is|they are) (?:(?:really|just|actually|clinically|"
                       r"properly|a bit|very|so|quite|incredibly|massively) ){0,2})$",
                       re.IGNORECASE)
# "lost his job" or "lost her licence" is no death in the family.
_NOT_A_LOSS = re.compile(r"\s+(?:job|jobs|licen[cs]e|temper|keys|wallet|phone|way|money|house|home|mind|nerve|appetite|confidence|place|"
                         r"seat|bets?|savings|deposit|car|shifts?|hours|contract|business|voice|hair|weight|train of thought|bearings|"
                         r"footing|grip|patience|sense)\b", re.IGNORECASE)


def ruled_out_concerns(text: str) -> tuple[str, ...]:
    """Struggles the user says it isn't ("it's not really the drinking, it's more that he's given up"): a guess of one of
    them gives way to what they name instead."""
    return tuple(value for value, pattern in _CONCERN_PATTERNS.items()
                 if any(_RULED_OUT.search(text[: match.start()][-40:]) for match in pattern.finditer(text)))


def names_concern(text: str) -> Optional[str]:
    """The struggle the user names as what is going on ("i think it's hoarding honestly"): it replaces a guess. One the
    message also rules out is not it ("my wife thinks its the weed. but its not the weed its the psychosis")."""
    ruled_out = ruled_out_concerns(text)
    for value, pattern in _CONCERN_PATTERNS.items():
        if value in ruled_out:
            continue
        for match in pattern.finditer(text):
            if _NAMED_AS.search(text[: match.start()][-40:]) and not _RULED_OUT.search(text[: match.start()][-40:]):
                return value
    return None


def find_concern_of_loved_one(text: str) -> Optional[str]:
    """The loved one's struggle named in ``text``, skipping words the user uses about themselves or rules out. The first
    named wins, a sign as much as a word ("stopped leaving his room ... gaming till 5am": the low), except a sign that
    happens over a struggle named after it in the same sentence ("he slams the door every time i mention his drinking",
    "he says he's a failure because he can't stop gambling": the drinking, the gambling)."""
    return _struggle(text)[0]


def _struggle(text: str) -> tuple[Optional[str], bool]:
    """find_concern_of_loved_one, and whether the struggle is a guess: read from signs, with no word for it."""
    found = _concern_in(text, _CONCERN_PATTERNS)
    if found is None:
        return None, False
    worded = _concern_in(text, _CONCERN_WORD_PATTERNS)
    if worded is None or worded == found:
        return found, worded is None
    sign = _CONCERN_PATTERNS[found].search(text)
    word = _CONCERN_WORD_PATTERNS[worded].search(text)
    if sign and word and word.start() > sign.end() and _OVER_IT.search(text[sign.end(): word.start()]):
        return worded, False
    return found, True


# The user's own doing, not the loved one's: "i work crazy hours", "we both work crazy hours", "i keep the curtains closed".
_MY_OWN_DOING = re.compile(r"\b(?:i|we|we both)\s+(?:also\s+|still\s+|both\s+)?(?:(?:keep|work|do|have|leave|left|kept|worked|am)\s+"
                           r"(?:the\s+|my\s+|our\s+)?)?$", re.IGNORECASE)
# A sign told as what happens over another struggle: "when", "because", "every time i mention", "so the neighbours don't
# see him" in the same sentence.
_OVER_IT = re.compile(r"^[^.?!]*\b(?:when|whenever|because|cos|coz|every time|each time|so (?:the|that|nobody|no one|people)|after|"
                      r"about|over|if|now)\b[^.?!]*$", re.IGNORECASE)


def _concern_in(text: str, patterns: dict[str, re.Pattern[str]]) -> Optional[str]:
    short = len(text.split()) <= 3
    best: Optional[tuple[str, int]] = None
    found: set[str] = set()
    for value, pattern in patterns.items():
        for match in pattern.finditer(text):
            word = match.group(0).lower()
            before = text[: match.start()]
            if _ambiguous(word) and not short and not re.search(r"\bmy\s+$", before, re.I):
                continue
            if _ABOUT_ME.search(before[-60:]) or _RULED_OUT.search(before[-40:]) or _MY_OWN_DOING.search(before[-30:]):
                continue
            if word.startswith("lost") and _NOT_A_LOSS.match(text, match.end()):
                continue
            if word.startswith("drug") and _DRUG_AS_A_VERB.match(text, match.end()):
                continue  # "psychiatrists just want to drug people": their fear of medication, not drug use
            if best is None or match.start() < best[1]:
                best = (value, match.start())
            found.add(value)
            break
    lost = _LOST_SOMEONE.search(text)
    if lost and not _ABOUT_ME.search(text[: lost.start()][-60:]) and (best is None or lost.start() < best[1]):
        best = ("grief", lost.start())  # "my dad lost my stepmum two years ago": a death in the family
        found.add("grief")
    # "really low" names the struggle when nothing else does, or before a vaguer "other" ("hes been really low since he got
    # made redundant ... just games all night": the low, not the gaming)
    low = _LOW.search(text) if best is None or (best[0] == "other" and "depression" not in found) else None
    if low and best is not None and low.start() > best[1]:
        low = None
    if low and not _ABOUT_ME.search(text[: low.start()][-60:]) and not re.search(r"\b(?:i'?ve|i have|i'?m|i am|i)\s+(?:been\s+)?$",
                                                                             text[: low.start()]):
        best = ("depression", low.start())  # "she's been really low", "he's so down all the time"
    if best and best[0] == "depression" and "anxiety" in found and _PANIC.search(text) and not re.search(r"\bdepress", text):
        return "anxiety"  # "she barely leaves the flat ... couldnt breathe and thought she was having a heart attack": panic
    if best and best[0] == "anxiety" and "trauma" in found and _TRAUMA_SIGN.search(text) and not re.search(r"\banxi|\bpanic|\bocd\b", text):
        return "trauma"  # "checks the locks three or four times ... wakes up drenched and shaking": the fear after an attack
    if best and best[0] == "depression" and "trauma" in found and _TRAUMA_SIGN.search(text) and not re.search(r"\bdepress", text):
        return "trauma"  # "not himself since a bad call ... nightmares, jumps out of his skin": the trauma under the low
    if best and best[0] == "depression" and "grief" in found and _LOW_SINCE_A_DEATH.search(text):
        return "grief"  # low since a death: the grief is the struggle (not "depressed since he lost his job")
    if best and best[0] == "grief" and _NOT_THE_LOSS.search(text):
        # "nan died 6 years ago so its not that, its since the move": the death is ruled out as the cause
        return _first_of(text, found - {"grief"})
    if best and best[0] == "grief" and "other" in found and _A_HOARD_OR_DEMENTIA.search(text):
        return "other"  # "since dad died she keeps everything": the hoard (or the memory) is the struggle, the death its start
    if best and best[0] == "trauma" and "grief" in found and _A_STRANGERS_DEATH.search(text):
        found.discard("grief")  # "in a bad car crash last year, the other driver died": the crash is the struggle
    if best and best[0] == "trauma" and found - {"trauma"} and not _TRAUMA_SIGN.search(text):
        # "back from his second deployment and hes angry all the time": the service is where it started; without a
        # sign of trauma (nightmares, flinching) the struggle is the one named
        return _first_of(text, found - {"trauma"}) or best[0]
    return best[0] if best else None


_A_STRANGERS_DEATH = re.compile(
    r"\b(?:the other (?:driver|car|person|man|woman|guy|lad|rider)|a (?:man|woman|child|kid|boy|girl|pedestrian|cyclist|passenger|"
    r"stranger|colleague|patient)|someone|somebody|(?:two|three|several|some) people|the (?:driver|passenger|cyclist|pedestrian|rider))\b"
    r"[^.?!]{0,20}\b(?:died|was killed|were killed|got killed|didn'?t make it)\b", re.IGNORECASE)
_DRUG_AS_A_VERB = re.compile(r"\s+(?:people|him|her|them|you|me|us|everyone|everybody|patients)\b", re.IGNORECASE)
_PANIC = re.compile(r"\bpanic|\bcould ?n'?t breathe\b|\bheart attack\b|\bthought (?:s?he|they) (?:was|were) dying\b", re.IGNORECASE)


def _first_of(text: str, concerns: set[str]) -> Optional[str]:
    """Of these struggles, the one the text names first (None when it names none of them)."""
    named = [(m.start(), value) for value, pattern in _CONCERN_PATTERNS.items() if value in concerns for m in [pattern.search(text)] if m]
    return min(named)[1] if named else None


_NOT_THE_LOSS = re.compile(r"\b(?:died|passed|lost)\b[^.?!]{0,40}\b(?:so|but|and)? ?(?:it'?s|its|it is|that'?s|thats|it isn'?t|it wasn'?t) "
                           r"(?:not|n'?t)? ?(?:that|it|the grief|grief)\b(?! (?:hard|bad|long|easy|much))", re.IGNORECASE)
_A_HOARD_OR_DEMENTIA = re.compile(r"\b(?:hoard\w*|clutter\w*|keeps everything|memory (?:loss|problems?|clinic)|dementia)", re.IGNORECASE)
# Trauma told by its signs, not only by where it happened (a deployment, a tour, a crash).
_TRAUMA_WORDS_OF_PLACE = ("combat", "served in", "afghanistan", "iraq", "veteran", "deployment", "deployed", "tour of duty",
                          "second tour", "third tour", "back from his tour", "back from her tour", "car accident", "road accident",
                          "bad accident", "serious accident", "since the accident", "since the crash", "car crash", "got mugged",
                          "was mugged", "since the mugging", "since the attack", "been attacked", "since the burglary",
                          "since the break-in")
_TRAUMA_SIGN = _pattern(tuple(word for word in _CONCERN_WORDS.get("trauma", ()) if word not in _TRAUMA_WORDS_OF_PLACE),
                        signs=_CONCERN_SIGNS.get("trauma", ()))


# Other people's relatives said in passing ("our mum doesn't know", "his sister noticed") and the loved one
# named by the user ("my brother", "my 19-year-old", or "mum" at the start).
_SHARED_PARENT = re.compile(r"\bour\s+$", re.IGNORECASE)
# "her dad (my ex)": who someone else is to the user, in brackets ("their mum, my daughter Kerry" is the loved one)
_SAID_OF_ANOTHER = re.compile(r"\b(?:her|his|their)\s+\w+\s*\(\s*(?:my|our)\s+(?:\w+\s+)?$", re.IGNORECASE)
# ... and only when they are the one speaking: "her dad (my ex) says", not "his dad (my husband) drinks every night"
_SAYS_AFTER = re.compile(r"\s*\)\s*(?:says|said|thinks|thought|reckons|tells|told|keeps saying|wants|blames)\b", re.IGNORECASE)


def _said_of_another(text: str, match: re.Match[str]) -> bool:
    """A word for someone in brackets after another person, who then speaks: "her dad (my ex) says"."""
    return bool(_SAID_OF_ANOTHER.search(text[max(0, match.start() - 40): match.start()]) and _SAYS_AFTER.match(text, match.end()))


def find_loved_one(text: str) -> Optional[str]:
    """Who the user is worried about, or None; "our mum" (a parent the user shares) is not them."""
    found = loved_one_mention(text)
    return found[0] if found else None


def loved_one_mention(text: str) -> Optional[tuple[str, str]]:
    """(relationship, the user's own word for them), e.g. ("partner", "husband"); the word is "" for an age."""
    lowered = text.lower().replace("’", "'")
    candidates: list[tuple[int, str, str]] = []
    age = _AGE_CHILD.search(lowered)
    if age:
        candidates.append((age.start(), Relationship.CHILD.value, ""))
    short = len(lowered.split()) <= 3
    owners: list[tuple[int, str, str]] = []
    for value, pattern in _RELATIONSHIP_PATTERNS.items():
        for match in pattern.finditer(lowered):
            word = match.group(0).lower()
            if word not in _RELATIONSHIP_WORD_SET and word[:-1] in _RELATIONSHIP_WORD_SET:
                word = word[:-1]  # "boyfriends" typed for "boyfriend's"
            before = lowered[max(0, match.start() - 40): match.start()]
            if _ambiguous(word) and not short and not re.search(r"\bmy\s+$", before, re.I):
                continue
            if (_SOMEONE_ELSES.search(before) or _NOT_BEFORE.search(before) or _LOST.search(before)
                    or _kids_in_an_errand(lowered, match, word) or _THEIR_DEATH.match(lowered, match.end())
                    or _A_BABY.match(lowered, match.end())):
                continue
            if _a_place(lowered, match) or _in_their_home(lowered, match):
                continue  # "at a mate's", "at mums for her birthday", "in my mum and dad's hallway": where, not who
            if _LIKE_A.search(before[-30:]):
                continue  # "he's like a brother to me": a friend
            if _said_of_another(lowered, match):
                continue  # "her dad (my ex) says im overreacting": who her dad is to the user, not who the user is worried about
            if _OWNS_THE_NEXT.match(lowered, match.end()):
                # "my sisters lad ... reading about my husband": the husband, if anyone else is named; "my dads girlfriend
                # says hes drinking": the dad, when no one else is
                owners.append((match.start(), value, word))
                continue
            if value == Relationship.PARENT.value and _SHARED_PARENT.search(before):
                continue
            candidates.append((match.start(), value, word))
            break
    candidates = candidates or owners
    if not candidates and _TOGETHER_AS_A_COUPLE.search(lowered):
        return Relationship.PARTNER.value, ""  # "we've been together 11 years and he's always liked a drink"
    if not candidates:
        return None
    # "my X" outranks a bare mention: "mum doesn't know, but my sister..." is about the sister.
    owned = [c for c in candidates if re.search(r"\b(?:my|our)\s+(?:\w+\s+)?$", lowered[max(0, c[0] - 20): c[0]], re.I)]
    _, value, word = min(owned or candidates)
    if not word:  # "my 19-year-old son": keep the user's word for them
        word = next((w for _, v, w in sorted(candidates) if v == value and w), "")
    return value, _WORD_FOR.get(word, word)


# The user's word as we say it back: "my mums an alcoholic" -> "your mum", "my bf" -> "your boyfriend".
_WORD_FOR = {"mums": "mum", "moms": "mom", "dads": "dad", "bf": "boyfriend", "gf": "girlfriend", "hubs": "husband",
             "so": "partner", "ma": "mum", "pa": "dad", "bro": "brother", "sis": "sister", "kid": "child", "kids": "children"}


# Kinds of struggle inside one concern, as people name them: substance use is drinking, drugs or gambling (the
# registry's words for it include all three), psychosis may be bipolar. Practice plays the kind named (a drinker, not
# a gambler), and content written for one kind of substance use is kept for people who named it (SUBSTANCE_KINDS).
STRUGGLE_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("drinking", re.compile(r"\b(?:drink\w*|drunk|alcohol\w*|booze|pub|wine|beer|vodka|whisky|cans|sober)\b", re.I)),
    # Not the user's own "i'm betting he won't go" or "i bet on him saying no".
    ("gambling", re.compile(r"\b(?:gambl\w*|(?<!i'm )(?<!im )(?<!i am )(?<!we're )betting|bets\b|"
                            r"(?<!\bi )bet (?:on|money|online|every)|(?<!appointment )(?<!time )(?<!free )(?<!no )slots\b|"
                            r"casino|bookies|poker|slot (?:sites?|machines?|apps?)|online slots|fruit machines?|scratch ?cards?)\b", re.I)),
    # Pills count when named as a habit ("hooked on painkillers", "sleeping tablets in the daytime"), not "her tablets".
    ("drugs", re.compile(r"\b(?:drugs?|weed|cannabis|cocaine|coke|ketamine|smoking weed|using again|stoned|spliffs?|"
                         r"painkillers|opioids?|opiates|oxy(?:codone|contin)?|codeine|co-codamol|tramadol|fentanyl|heroin|"
                         r"benzos?|xanax|valium|diazepam|mdma|crystal meth|meth|mephedrone|ghb|sleeping (?:pills|tablets))\b", re.I)),
    ("bipolar", re.compile(r"\b(?:bipolar|manic|mania)\b", re.I)),
)
SUBSTANCE_KINDS = ("drinking", "drugs", "gambling")


def struggle_kind(text: str) -> Optional[str]:
    """The first kind of struggle the text names ("she's gambling our savings away": gambling), or None."""
    return next((name for name, pattern in STRUGGLE_KINDS if pattern.search(text)), None)


def struggle_kinds(text: str) -> list[str]:
    """Every kind of struggle the text names, in STRUGGLE_KINDS order."""
    return [name for name, pattern in STRUGGLE_KINDS if pattern.search(text)]


# Someone else at home on the receiving end ("gets really nasty with my mum when he's had a few", "shouts at the kids"):
# the person the user names, to say back that it lands on them too.
_OTHERS_HURT = re.compile(
    r"(?:\b(?:nasty|horrible|vile|cruel|aggressive|mean|vicious|awful|foul|spiteful|horrid|rude)\b(?: \w+){0,1} (?:to|at|with|towards)|"
    r"\b(?:shouts?|shouting|shouted|screams?|screaming|screamed|yells?|yelling|yelled|takes it out) (?:at|on)) "
    r"(?:my |our |his |her |their |the )?(mum|mom|mother|dad|father|wife|husband|partner|kids|children|little ones|sister|brother|nan|"
    r"gran|grandma|grandad|son|daughter|girlfriend|boyfriend)\b",
    re.IGNORECASE,
)


# What else the user tells us about the situation, used to reflect it back.
_DURATION = re.compile(
    r"\b(?:for|about|nearly|almost|over|since)\s+(?:about\s+|like\s+|nearly\s+|almost\s+|over\s+)?"
    r"((?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(?:years?|months?|weeks?)|ages|years|months|"
    r"lockdown|(?:last|this) (?:year|summer|spring|winter|autumn|christmas)|college|uni|the (?:summer|spring|winter|autumn))\b|"
    r"\b((?:\d+|two|three|four|five|six|eight|ten)\s+(?:years?|months?|weeks?))\s+(?:now|ago)\b",
    re.IGNORECASE,
)
_TOGETHER = re.compile(r"\b(?:lives? (?:with (?:me|us)|at home|in (?:our|my))|under one roof|(?:our|my) (?:basement|spare room|"
    r"flat|house)|flatmate|housemate|roommate|we live)\b", re.I)
_APART = re.compile(r"\b(?:lives? (?:\w+ )?(?:hours?|miles|away|abroad|in [a-z]+)|i moved out|from a distance|(?:two|2|"
    r"\d) hours away|on the phone)\b", re.I)
_TRIED = re.compile(r"\b(?:i(?:'ve| have)? (?:tried|asked|suggested|mentioned|said|gave|offered)|we (?:tried|suggested))\b", re.I)
# "he's not sleeping", "she seems so tired", "they're scared": the loved one's state, not the user's.
_OF_THEM = re.compile(r"\b(?:he|she|they|hes|shes|he'?s|she'?s|they'?re|theyre|him|her|them|it)\s+(?:(?!(?:me|i|my|makes|made)\b)[\w']+\s+)"
                      r"{0,2}$")
# "she isn't scared of him", "i'm not tired, i'm angry": a state denied is no state
_DENIED_STATE = re.compile(r"\b(?:not|never|isn'?t|aren'?t|wasn'?t|no longer|nae)\s+(?:(?:really|even|that|too|so|at all)\s+)?$")


# "she says it's my fault": their accusation, not the user's guilt
_THEIR_WORDS = re.compile(r"\b(?:says?|said|thinks?|reckons?|tells? me|told me|blames? me)\s+(?:that\s+)?(?:it'?s|its|it is|it was)\s+$")


def _said_of_me(pattern: re.Pattern[str], lowered: str) -> bool:
    """The state is the user's: not said of them ("he's exhausted"), denied, or their words about the user. "my fault"
    and "blame myself" are the user's whatever comes before ("is it my fault...")."""
    return any((not _OF_THEM.search(lowered[max(0, m.start() - 30): m.start()]) or re.search(r"\b(?:me|my|myself)\b", m.group(0)))
               and not _DENIED_STATE.search(lowered[max(0, m.start() - 20): m.start()])
               and not _THEIR_WORDS.search(lowered[max(0, m.start() - 30): m.start()])
               for m in pattern.finditer(lowered))


VENTED = (r"\b(?:just )?need(?:ed)? to (?:say (?:it|that|this)(?: (?:out loud|to someone))?|vent|rant|moan|get (?:it|that|this) "
          r"(?:out|off my chest)|let (?:it|that|some steam) out)\b|\bsorry (?:for|about) (?:the|my|that|this) (?:rant|moan|vent|"
          r"venting|moaning|essay|ramble|rambling|going on|outburst)\b|\brant over\b|\b(?:sorry,? )?(?:just )?venting\b|"
          r"\bneeded to get that out\b")


_USER_STATE = {
    "exhausted": re.compile(r"\b(?:exhausted|tired|shattered|knackered|running on empty|not sleeping|can'?t sleep|worn out|"
    r"frazzled|drained|ragged|(?<='m )wrecked|(?<=im )wrecked|dead on my feet|running on fumes|losing my (?:mind|marbles)|"
    r"wits'? end|end of my (?:tether|rope)|at breaking point)\b", re.I),
    "guilty": re.compile(r"\b(?:guilty|my fault|blame myself|"
    r"(?:feel|feeling) (?:so |really |just )?(?:awful|terrible|bad|rotten|horrible)(?! for (?:him|her|them)\b)|"
    r"bad (?:mum|mom|dad|parent|girlfriend|boyfriend|wife|husband|friend|"
    r"sister|brother|person))\b", re.I),
    "angry": re.compile(r"\b(?:so angry|furious|resent|fed up|feel(?:ing)? used|sick of|makes me (?:so )?angry)\b", re.I),
    "grieving": re.compile(r"\b(?:i'?m|i am) (?:grieving|mourning|heartbroken)\b", re.I),
    "alone": re.compile(r"\b(?:on my own|(?<!lives )(?<!living )(?<!live )alone|only one|no one|nobody)\b", re.I),
    "scared": re.compile(r"\b(?:scared|frightened|terrified|worried sick|out of my depth)\b", re.I),
    # "i do like a pint most nights. does that make me a hypocrite"
    "hypocrite": re.compile(r"\bhypocrit\w*", re.I),
    # "sorry. just needed to say it", "rant over", "sorry for the moan"
    "venting": re.compile(VENTED, re.I),
}


@dataclass(frozen=True)
class Picture:
    """What one message adds to the picture of the situation."""

    relationship: Optional[str] = None
    word: Optional[str] = None
    concern: Optional[str] = None
    resistance_form: Optional[str] = None
    duration: Optional[str] = None
    together: Optional[bool] = None
    tried: bool = False
    user_state: Optional[str] = None
    correction: bool = False
    named_concern: bool = False  # the struggle is named as what is going on ("i think it's hoarding"): it replaces a guess
    concern_guessed: bool = False  # read from signs only ("hasn't left his room in weeks"): a struggle named later replaces it
    concern_by_model: bool = False  # the trained model's guess (kernel/concern_model.py): a sign or a word later replaces it
    ruled_out: tuple[str, ...] = ()  # struggles the user says it isn't
    pronoun: Optional[str] = None
    struggles: tuple[str, ...] = ()  # kinds of struggle named: drinking, drugs, gambling, bipolar
    form_told: bool = False  # the form comes from their answer, told ("he says yeah yeah i'll look into it, never does")
    told_by: Optional[str] = None  # who gave that answer ("he", "she", "they"), when the message says
    others_hurt: Optional[str] = None  # someone else at home on the receiving end: "mum", "the kids"


_QUOTED_SPEECH = re.compile(
    r"\b(?:said|says|say|goes|went|told me|replied|shouted|yelled|screamed|snapped|text(?:ed)?)\s*[:,]?\s*(?:that\s+)?['\"“‘].{2,120}?"
    r"(?:['\"”’](?=\W|$)|$)"
)


def _others_hurt(lowered: str) -> Optional[str]:
    found = _OTHERS_HURT.search(lowered)
    if not found:
        return None
    return {"little ones": "kids", "children": "kids"}.get(found.group(1), found.group(1))


def _teller(answer: Optional[re.Match[str]]) -> Optional[str]:
    said_by = re.match(r"(he|she|they)\b", answer.group(0)) if answer else None
    return said_by.group(1) if said_by else None


def guess_concern(text: str) -> Optional[str]:
    """The struggle a trained model reads in a message whose words and signs name none (kernel/concern_model.py), or
    None: too short to tell, `none`, or not sure enough."""
    if len(text.split()) < 5:
        return None
    from kernel import concern_model  # scikit-learn, loaded on the first story that needs it

    return concern_model.guess(text.lower().replace("’", "'"))


def read_message(text: str, *, expecting_form: bool = False) -> Picture:
    """Everything a message says about the situation; the form only where it is about asking for help."""
    lowered = text.lower().replace("’", "'")
    form = classify_resistance(lowered) if (expecting_form or mentions_help(lowered)) else _stance(lowered)
    duration = _DURATION.search(lowered)
    together: Optional[bool] = True if _TOGETHER.search(lowered) else (False if _APART.search(lowered) else None)
    state = next((name for name, pattern in _USER_STATE.items() if _said_of_me(pattern, lowered)), None)
    # What the loved one said, quoted ("he said 'you're not my mum'"), is theirs: it names no one the user means.
    told = _QUOTED_SPEECH.sub(" ", lowered)
    mention = loved_one_mention(told)
    correction = is_correction(told)
    corrected_to = _CORRECTED_TO.search(told) if correction else None
    if corrected_to:
        # "sorry, my son was reading over my shoulder. its my husband who does the checking": the one named after the
        # correction, not the first one named
        mention = loved_one_mention(told[corrected_to.start():]) or mention
    named = names_concern(lowered)
    concern, guessed = (named, False) if named else _struggle(lowered)
    answer = _THEIR_ANSWER.search(lowered)
    return Picture(
        relationship=mention[0] if mention else None,
        word=mention[1] or None if mention else None,
        concern=concern,
        concern_guessed=guessed,
        resistance_form=form.value if form else None,
        duration=(duration.group(1) or duration.group(2)) if duration else None,
        together=together,
        tried=bool(_TRIED.search(lowered)),
        user_state=state,
        correction=correction,
        named_concern=named is not None,
        ruled_out=ruled_out_concerns(lowered),
        pronoun=_pronoun(lowered),
        struggles=tuple(struggle_kinds(lowered)),
        form_told=form is not None and answer is not None,
        told_by=_teller(answer),
        others_hurt=_others_hurt(lowered),
    )


# What the loved one says about the struggle, with no help named: "he says he's just on a bad run and knows what
# he's doing" already shows how a suggestion would be met. Read only when the cues are strong.
_SAYS = re.compile(r"\b(?:he|she|they)(?: just| always| keeps?)? (?:says?|said|reckons?|insists?|claims?|swears?|thinks?)\b")
STANCE_LEAST = 4
# Their answer told: what they say, or what they never do. A form read from it replaces the one read before.
_THEIR_ANSWER = re.compile(r"(?<!if )(?<!when )(?<!in case )\b(?:he|she|they)(?: just| always| keeps?| still)? "
                           r"(?:says?|said|told me|tells me|goes|went|replied|answers?|answered)\b|"
                           r"\bnever (?:does|did|do)(?: it| anything| a thing)?\s*(?:[.!,;]|$)|"
                           r"\b(?:he|she|they) (?:just )?keeps? (?:'|‘)?\w+ing\b")


def _stance(lowered: str) -> Optional[ResistanceForm]:
    said = _SAYS.search(lowered)
    if not said:
        return None
    scores = _form_scores(lowered[said.start():])
    best = max(scores.values())
    return next(form for form in _FORM_CUES if scores[form] == best) if best >= STANCE_LEAST else None


def _pronoun(text: str) -> Optional[str]:
    """"he" or "she" when the message clearly uses one of them (and not the other)."""
    he = len(re.findall(r"\b(?:he|him|his|he'?s|he'?d|he'?ll)\b", text))
    she = len(re.findall(r"\b(?:she|her|hers|she'?s|she'?d|she'?ll)\b", text))
    if he and not she:
        return "he"
    if she and not he:
        return "she"
    return None
