"""spaCy matchers over lemmas that recognise danger, with scoped negation and hyperbole.

The tokenizer is ``spacy.blank("en")``; lemmas come from our own table (components/crisis_lexicon.py), so
"killed", "kiling" and "od'd" match the same patterns as "kill" and "overdose". A danger match is dropped
when it overlaps a figure of speech ("this job is killing me") or is negated right in front
("she'd never hurt herself"); any other danger match in the same message still counts.
"""
from __future__ import annotations

import functools
import itertools
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import spacy
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from components.crisis_lexicon import (
    CATEGORY_ORDER,
    CLASSES,
    DANGER,
    HYPERBOLE,
    LEMMA_PREFIXES,
    LEMMAS,
    NEGATION_FILLERS,
    NEGATORS,
)

TokenPattern = dict[str, Any]
_SENTENCE_END = [".", "!", "?", ";", "...", "…"]
_CLAUSE_END = [
    *_SENTENCE_END, ",", ":", "-", "(", ")", "but", "and", "so", "because", "cause", "cuz", "when", "if", "now",
    "again", "anymore", "lately", "too", "tonight", "today", "sometimes", "every", "all", "at", "right", "or",
]
# How common a word is, roughly: a pattern's anchor is its required token with the rarest words.
_VERY_COMMON = frozenset(
    "i me my you he she they him her them his their it this that a an the to of in on at for with and but or so "
    "be have do will would can not no what how all us go get if when like up just there now then".split()
)
_COMMON = frozenset(
    "want say think feel take here help come let life live home from by into off too much many one around keep end "
    "stop give leave move line phone money plan point better tired sick done sleep run turn send someone "
    "please wish never why out see use care miss away about need try find anyone call way make down without "
    "myself herself himself themselves good any down over back again really only time day night way".split()
)


def _commonness(words: list[str]) -> float:
    if "." in words:  # the end of a clause: in every text
        return float("inf")
    return sum(10.0 if w in _VERY_COMMON else 1.0 if w in _COMMON else 0.01 for w in words)


# The tag of every token but a sentence end, so that a gap can stay inside the sentence.
_IN_SENTENCE = "IN_SENTENCE"
_LEMMA_OF = {form: base for base, forms in LEMMAS.items() for form in forms.split()}
_WORDS_OF = {name: words.split() for name, words in CLASSES.items()}


def _options(spec: str) -> list[str]:
    """Alternatives of one pattern token, with word classes spelt out."""
    words: list[str] = []
    for option in spec.split("|"):
        if option == "$":
            words.extend(_CLAUSE_END)
        else:
            words.extend(_WORDS_OF[option[1:]] if option.startswith("@") else [option])
    return words


def _compile_token(spec: str) -> list[list[TokenPattern]]:
    """One notation token → the alternative token sequences it stands for (see crisis_lexicon's docstring)."""
    if spec[0] == "_" and spec[1:].isdigit():
        # An equality, not a set: the Matcher compares values in C, but calls Python for a set on every token.
        return [[{"TAG": _IN_SENTENCE, "OP": "?"} for _ in range(int(spec[1:]))]]
    optional = len(spec) > 1 and spec.endswith("?")
    if optional:
        spec = spec[:-1]
    op = {"OP": "?"} if optional else {}
    if spec.startswith("!"):
        return [[{"LEMMA": {"NOT_IN": _options(spec[1:])}, **op}]]
    if spec.startswith("="):
        return [[{"LOWER": {"IN": _options(spec[1:])}, **op}]]
    words = _options(spec)
    single = [w for w in words if "+" not in w]
    sequences = [[{"LEMMA": {"IN": single}, **op}]] if single else []
    sequences += [[{"LEMMA": part} for part in w.split("+")] for w in words if "+" in w]
    return sequences


def compile_pattern(pattern: str) -> list[list[TokenPattern]]:
    """A pattern in our notation → the token patterns it stands for (before _plain_first_token)."""
    choices = [_compile_token(spec) for spec in pattern.lstrip("+").split()]
    return [[token for sequence in combination for token in sequence] for combination in itertools.product(*choices)]


def _plain_first_token(tokens: list[TokenPattern]) -> list[list[TokenPattern]]:
    """One pattern per word of a leading set: the Matcher tries every pattern's first token at every position,
    and a plain comparison costs nothing there, while a set is a Python call per token."""
    first = tokens[0]
    for attr in ("LEMMA", "LOWER"):
        value = first.get(attr)
        if isinstance(value, dict) and set(value) == {"IN"} and "OP" not in first:
            return [[{attr: word}, *tokens[1:]] for word in value["IN"]]
    return [tokens]


def _negatable(pattern: str) -> bool:
    if pattern.startswith("+"):
        return False
    words = {w for spec in pattern.split() for option in _options(spec.lstrip("=!").rstrip("?")) for w in option.split("+")}
    return not words & NEGATORS


@dataclass(frozen=True)
class _Rule:
    category: str
    negatable: bool
    # Whether the last token only looks ahead ("!with|off"): a "not" there negates nothing ("hit me not once").
    lookahead: bool
    matcher: Matcher


class _DangerRules:
    """One small Matcher per pattern, run only when the text holds one of the pattern's anchor words.

    A Matcher tries every one of its patterns at every token, so one big Matcher costs about half a
    millisecond a message. Each pattern's anchor is its required token with the rarest words: every match
    contains one of them, so most messages run no Matcher at all, and a crisis message only a few.
    """

    def __init__(self, vocab: Vocab) -> None:
        self._vocab = vocab
        self._rules: list[_Rule] = []
        self._by_lemma: dict[str, list[int]] = defaultdict(list)
        self._by_lower: dict[str, list[int]] = defaultdict(list)

    def add(self, category: str, pattern: str) -> None:
        compiled = compile_pattern(pattern)
        matcher = Matcher(self._vocab)
        matcher.add(category, [plain for tokens in compiled for plain in _plain_first_token(tokens)])
        index = len(self._rules)
        self._rules.append(_Rule(category, _negatable(pattern), pattern.split()[-1].startswith("!"), matcher))
        for tokens in compiled:
            attr, words = _anchor(tokens)
            for word in words:
                (self._by_lower if attr == "LOWER" else self._by_lemma)[word].append(index)

    def matches(self, doc: Doc) -> list[tuple[_Rule, int, int]]:
        candidates: set[int] = set()
        for token in doc:
            candidates.update(self._by_lemma.get(token.lemma_, ()))
            candidates.update(self._by_lower.get(token.lower_, ()))
        found: list[tuple[_Rule, int, int]] = []
        for index in sorted(candidates):
            rule = self._rules[index]
            found.extend((rule, start, end) for _, start, end in rule.matcher(doc))
        return found


def _anchor(tokens: list[TokenPattern]) -> tuple[str, list[str]]:
    """The attribute and words of the pattern's rarest required token."""
    required = [t for t in tokens if "OP" not in t]
    lowers = next((t["LOWER"] for t in required if "LOWER" in t), None)
    if lowers is not None:
        return "LOWER", [lowers] if isinstance(lowers, str) else lowers["IN"]
    choices: list[list[str]] = [
        [t["LEMMA"]] if isinstance(t["LEMMA"], str) else t["LEMMA"]["IN"]
        for t in required
        if isinstance(t.get("LEMMA"), str) or "IN" in t.get("LEMMA", {})
    ]
    rarest: list[str] = min(choices, key=_commonness)
    return "LEMMA", rarest


def _build() -> tuple[Any, _DangerRules, Matcher]:
    nlp = spacy.blank("en")
    rules = _DangerRules(nlp.vocab)
    for category, patterns in DANGER.items():
        for pattern in patterns:
            rules.add(category, pattern)
    hyperbole = Matcher(nlp.vocab)
    for i, pattern in enumerate(HYPERBOLE):
        hyperbole.add(f"HYPERBOLE/{i}", [plain for tokens in compile_pattern(pattern) for plain in _plain_first_token(tokens)])
    return nlp, rules, hyperbole


# Built once per process: the tokenizer, the danger rules and the figures of speech.
_NLP, _DANGER, _HYPERBOLE = _build()


@functools.lru_cache(maxsize=128)
def _lemmatise(text: str) -> Doc:
    """The text as tokens with our lemmas (cached: the danger rules, the net's second look and the crisis model's
    reading all ask for the same text in one turn; nothing changes a Doc once made)."""
    return _make_lemmatised(text)


def _make_lemmatised(text: str) -> Doc:
    # The closing " ." lets a pattern ask for the end of a clause or a next token at the end of the text.
    doc = _NLP.make_doc(" ".join(text.replace("\u2019", "'").replace("\u2018", "'").split()) + " .")
    for token in doc:
        norm = token.norm_
        lemma = _LEMMA_OF.get(norm) or _LEMMA_OF.get(token.lower_)
        if lemma is None and norm.isdigit() and norm not in _WORDS_OF["EMERGENCY"]:
            # "took 20 tablets" is "took many tablets"; "took 2 tablets" is not.
            lemma = "many" if len(norm) < 6 and int(norm) >= 10 else norm
        if lemma is None:
            lemma = next((base for prefix, base in LEMMA_PREFIXES if norm.startswith(prefix)), norm)
        token.lemma_ = lemma
        if lemma not in _SENTENCE_END:
            token.tag_ = _IN_SENTENCE
    return doc


def _has_words(doc: Doc) -> bool:
    """Whether anything but punctuation is there: the matchers need one tagged token ("?!" alone has none)."""
    return any(token.tag_ == _IN_SENTENCE for token in doc)


# Filler words that, right after the negation, make it a plea or an effort rather than a denial.
_PLEA_AFTER_NEGATION = frozenset({"to"})


def _negated(doc: Doc, rule: _Rule, start: int, end: int) -> bool:
    """A negation inside the match, or right before it with only words like "ever" or "really" between."""
    if not rule.negatable:
        return False
    if any(doc[i].lemma_ in NEGATORS for i in range(start, end - 1 if rule.lookahead else end)):
        return True
    i = start - 1
    while i >= 0 and doc[i].lemma_ in NEGATION_FILLERS:
        i -= 1
    # "not to" straight after the negation is an effort or a plea against the danger, not its absence: "i'm trying not
    # to kill myself", "i begged him not to jump" ("to" is a filler only after a word like "going" or "plan").
    return i >= 0 and doc[i].lemma_ in NEGATORS and not (i + 1 < start and doc[i + 1].lemma_ in _PLEA_AFTER_NEGATION)


def danger_categories(text: str) -> list[str]:
    """The categories of danger the text speaks of, most urgent first; empty when there is none."""
    doc = _lemmatise(text)
    if not _has_words(doc):
        return []
    matches = _DANGER.matches(doc)
    if not matches:
        return []
    figures = [(start, end) for _, start, end in _HYPERBOLE(doc)]
    found: set[str] = set()
    for rule, start, end in matches:
        if rule.category in found:
            continue
        if any(start < f_end and f_start < end for f_start, f_end in figures):
            continue
        if _negated(doc, rule, start, end):
            continue
        found.add(rule.category)
    return [c for c in CATEGORY_ORDER if c in found]


def without_cleared_words(text: str) -> str:
    """The text with the words the matcher cleared blanked out: figures of speech and negated danger.

    The regular-expression net is asked again on this, so that "he beat me at chess" or "he's never been
    violent" is not a crisis there either, while any other danger word in the message still counts.
    """
    doc = _lemmatise(text)
    if not _has_words(doc):
        return text
    cleared: set[int] = set()
    for _, start, end in _HYPERBOLE(doc):
        cleared.update(range(start, end))
    for rule, start, end in _DANGER.matches(doc):
        if _negated(doc, rule, start, end):
            cleared.update(range(start, end))
    # The last token is the " ." added by _lemmatise.
    return "".join(" " if i in cleared else token.text_with_ws for i, token in enumerate(doc[:-1]))

