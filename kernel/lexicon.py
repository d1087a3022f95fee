"""Words people use for their loved one and their struggle, mapped to our vocabulary.

Used by the NLU pipeline (to normalise extracted entities) and by actions (to read
free-text answers), so "my hubby", "stepdad" and "my 19-year-old" all land on one value.
"""
from __future__ import annotations

import re
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
        "mom", "mum", "mommy", "mummy", "mama", "mam", "ma", "mother", "dad", "daddy", "papa", "pa", "father",
        "stepmom", "stepmum", "step-mom", "step-mum", "stepmother", "stepdad", "step-dad", "stepfather", "parent",
        "parents", "mother-in-law", "father-in-law", "mother in law", "father in law", "grandma", "grandmother",
        "grandad", "granddad", "grandpa", "grandfather", "nan", "nana", "gran", "granny", "folks", "old man",
        "old lady",
    ),
    Relationship.CHILD: (
        "son", "daughter", "kid", "kids", "child", "children", "teen", "teenager", "stepson", "stepdaughter",
        "step-son", "step-daughter", "boy", "girl", "eldest", "youngest", "adult child", "adult son",
        "adult daughter", "grandson", "granddaughter",
    ),
    Relationship.SIBLING: (
        "brother", "sister", "bro", "sis", "sibling", "siblings", "twin", "big sis", "little sis", "big brother",
        "little brother", "older brother", "younger brother", "older sister", "younger sister", "half-brother",
        "half-sister", "stepbrother", "stepsister", "brother-in-law", "sister-in-law",
    ),
    Relationship.FRIEND: (
        "friend", "best friend", "bestie", "bff", "mate", "best mate", "buddy", "pal", "roommate", "flatmate",
        "housemate", "colleague", "coworker", "co-worker", "friends",
    ),
}

_CONCERN_WORDS: dict[str, tuple[str, ...]] = {name: spec.words for name, spec in registry().concerns.items()}

_AGE_CHILD = re.compile(r"\b(?:my\s+)?(1[6-9]|[2-5]\d)[\s-]*(?:yo|y/o|yr[\s-]*old|years?[\s-]*old)\b", re.IGNORECASE)


def _pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    ordered = sorted(words, key=len, reverse=True)
    alternatives = "|".join(re.escape(word).replace(r"\ ", r"\s+").replace(r"\-", r"[\s-]?") for word in ordered)
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)


_RELATIONSHIP_PATTERNS = {relationship.value: _pattern(words) for relationship, words in _RELATIONSHIP_WORDS.items()}
# A concern without words ("other") is chosen, never matched: an empty pattern would match any text.
_CONCERN_PATTERNS = {concern: _pattern(words) for concern, words in _CONCERN_WORDS.items() if words}
# Words too ambiguous to count on their own ("so", "man", "ma", "pa", "boy", "girl", "ex" and "using" appear in
# ordinary sentences); they only count when the text is short or they follow "my".
_AMBIGUOUS = {"so", "man", "ma", "pa", "boy", "girl", "ex", "using", "drink", "passed", "job", "loss", "numb"}


# "her dad", "his sister", "their mum", "my husband's brother": someone else's relative, not the person the
# user is worried about. The loved one is "my dad", "our son" or just "dad".
_SOMEONE_ELSES = re.compile(r"(?:\b(?:her|his|their)|\w's|\ws')\s+$", re.IGNORECASE)


def _first_match(
    text: str, patterns: dict[str, re.Pattern[str]], short_answer: bool, skip_others: bool = False
) -> Optional[tuple[str, int, int]]:
    best: Optional[tuple[str, int, int]] = None
    for value, pattern in patterns.items():
        for match in pattern.finditer(text):
            word = match.group(0).lower()
            if word in _AMBIGUOUS and not short_answer and not re.search(r"\bmy\s+$", text[: match.start()], re.I):
                continue
            if skip_others and _SOMEONE_ELSES.search(text[max(0, match.start() - 40): match.start()]):
                continue
            if best is None or match.start() < best[1]:
                best = (value, match.start(), match.end())
            break
    return best


def find_relationship(text: str) -> Optional[tuple[str, int, int]]:
    """The first loved-one mention in ``text`` as (normalised value, start, end)."""
    short = len(text.split()) <= 3
    found = _first_match(text, _RELATIONSHIP_PATTERNS, short, skip_others=True)
    age = _AGE_CHILD.search(text)
    if age and (found is None or age.start() < found[1]):
        return (Relationship.CHILD.value, age.start(), age.end())
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


_FORM_CUES: dict[ResistanceForm, tuple[str, ...]] = {
    ResistanceForm.PASSIVE: (
        r"\bsaid (?:he|she|they)(?:'d| would| will)\b", r"\bagree[ds]?\b", r"\bnever (?:did|does|booked|called|went|follow)",
        r"\bcancel", r"\bfollow(?:s|ed)? through\b", r"\bkeeps? putting (?:it )?off\b", r"\bput(?:s|ting)? it off\b",
        r"\bnext week\b", r"\bsays? yes\b", r"\bpromis", r"\bforgot\b", r"\bdidn'?t (?:go|call|book|show)",
        r"\bwent once\b", r"\bone session\b", r"\bno[- ]show\b", r"\bgoes? through the motions\b", r"\blater\b",
    ),
    ResistanceForm.INTELLECTUAL: (
        r"\bargu", r"\breasons?\b", r"\bexplain", r"\bdoesn'?t work\b", r"\bwon'?t work\b", r"\bwaste of (?:money|time)\b",
        r"\bscam\b", r"\bpointless\b", r"\bresearch", r"\bstudies\b", r"\bdebate", r"\blogic", r"\bexcuse",
        r"\btoo expensive\b", r"\bcosts?\b", r"\bjust want (?:your )?money\b", r"\bdon'?t know (?:me|him|her)\b",
        r"\bcan (?:handle|fix) it (?:himself|herself|themselves|on (?:his|her|their) own)\b", r"\bpsychobabble\b",
        r"\bnonsense\b", r"\bwhat'?s the point\b", r"\bcome up with\b", r"\banaly[sz]",
    ),
    ResistanceForm.EMOTIONAL: (
        r"\bjok", r"\blaugh", r"\bchanges? the subject\b", r"\bchanging the subject\b", r"\bcr(?:y|ies|ied|ying)\b",
        r"\bshuts? down\b", r"\bshut down\b", r"\boverwhelm", r"\bhopeless", r"\bfreez", r"\bpanic", r"\bdeflect",
        r"\b(?:i'?m|he'?s|she'?s|they'?re|says? (?:he'?s|she'?s|they'?re|i'?m)) fine\b", r"\bwalks? off\b",
        r"\bgoes? quiet\b", r"\bsilent\b", r"\bwithdraw", r"\bwon'?t talk\b", r"\bavoid", r"\bbrush(?:es)? it off\b",
        r"\bnothing (?:will|can) help\b", r"\btears?\b", r"\bupset\b", r"\bsarcas",
    ),
    ResistanceForm.DIRECT: (
        r"\bflat(?:ly)? out\b", r"\brefus", r"\bflat no\b", r"\bno way\b", r"\bangry\b", r"\banger\b", r"\byell",
        r"\bshout", r"\bscream", r"\bsnap", r"\bblew up\b", r"\bblows up\b", r"\bdrop it\b", r"\bmind (?:my|your) own\b",
        r"\bleave (?:me|him|her) alone\b", r"\bnot crazy\b", r"\bstorm", r"\bslam", r"\bfurious\b", r"\bmad\b",
        r"\bsaid no\b", r"\bsays? no\b", r"\bnot going\b", r"\bwon'?t go\b", r"\bbut out\b", r"\bbusiness\b",
    ),
}


def classify_resistance(text: str) -> Optional[ResistanceForm]:
    """Which of the four refusal forms a description sounds like, or None when unclear.

    The form with the most cues wins; on a tie the earlier one in this order wins,
    since "agreed, then cancelled" is more telling than a bare "no".
    """
    lowered = text.lower().replace("’", "'")
    scores = {form: sum(1 for cue in cues if re.search(cue, lowered)) for form, cues in _FORM_CUES.items()}
    best = max(scores.values())
    if best == 0:
        return None
    return next(form for form in _FORM_CUES if scores[form] == best)
