"""The last NLU step: graded safety, decided here so that no reply to danger needs the action server.

Two rule layers say whether a message speaks of danger, and either is enough: spaCy matchers over lemmas
with scoped negation and hyperbole (components/crisis_matcher.py) and the older regular-expression net
(components/crisis_regex.py). Misspelt danger words are spelt right first (components/crisis_grade.py).
The classifier's own "crisis" guess only counts when the message holds a word of danger, so a plain
refusal story never becomes an emergency. Under all of them, a model trained on lines written for it
(components/crisis_model.py) catches danger told by what is seen, when it is sure. components/crisis_grade.py then grades what was found:

- ``crisis``: the intent becomes ``crisis``; the entity ``crisis_category`` fills the slot of that name,
  which picks the crisis reply (loved_one_at_risk, overdose, user_harmed, user_at_risk, general);
- ``asking``: the intent becomes ``worried_about_safety`` (the worried-not-an-emergency guide); a question
  put to the loved one ("are you thinking about killing yourself?") also sets the entity
  ``safety_asking_directly`` = "true", which the practice rules use to step out of character briefly;
- ``past``: the classifier's intent stands (the normal answer), with the entity ``safety_level`` = "past";
- ``none``: nothing changes.

The parse data always carries ``safety``: {"level", "category", "asking_directly"}.
"""
from __future__ import annotations

import functools
import logging
import re
from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from components.crisis_grade import (
    ASKING,
    CRISIS,
    PAST,
    SafetyGrade,
    corrected,
    grade,
    speaks_of_danger_word,
    speaks_of_safety_topic,
    without_figures,
)
from components.crisis_matcher import danger_categories, without_cleared_words
from components.crisis_model import sure_of_crisis, warm
from components.crisis_regex import HELP_THERE, regex_speaks_of_danger
from components.rule_component import RuleComponent

logger = logging.getLogger(__name__)

CRISIS_INTENT = "crisis"
WORRIED_INTENT = "worried_about_safety"
FALLBACK_INTENT = "nlu_fallback"
# A line said to the loved one in practice. With no word of danger in it, a question that only touches a safety
# topic ("how do you feel about the idea of medication?") stays a practice line: the practice rules would
# otherwise take it for asking them about suicide.
PRACTICE_INTENT = "practice_line"
# Parse-data keys: which rule layer fired (never the text), and the graded result.
CRISIS_CATEGORY_KEY = "crisis_category"
SAFETY_KEY = "safety"
# Entities (and slots of the same names) the dialogue acts on.
CATEGORY_ENTITY = "crisis_category"
LEVEL_ENTITY = "safety_level"
ASKING_DIRECTLY_ENTITY = "safety_asking_directly"
# Help already with them ("the ambulance is there now"): the model's guess alone is no new emergency.
_HELP_THERE = re.compile(HELP_THERE, re.I)
# When only the regular-expression net or the classifier saw danger.
REGEX_ONLY = "REGEX_NET"
CLASSIFIER = "CLASSIFIER"
MODEL = "CRISIS_MODEL"
# If the classifier gave crisis at least this much and nothing was confident, it may be crisis (if a danger
# word is there).
UNSURE_CRISIS_THRESHOLD = 0.2
# Below this, a replacement intent is no better than a fallback (config.yml's FallbackClassifier threshold).
FALLBACK_THRESHOLD = 0.3


def rule_danger(text: str) -> tuple[list[str], bool]:
    """The spaCy layer's categories (most urgent first), and whether the regular-expression net agrees."""
    categories = danger_categories(text)
    net = not categories and regex_speaks_of_danger(text) and regex_speaks_of_danger(without_cleared_words(text))
    return categories, bool(net)


def danger_category(text: str) -> str | None:
    """The most urgent kind of danger the rule layers see in the text, or None."""
    categories, net = rule_danger(without_figures(corrected(text)))
    return categories[0] if categories else REGEX_ONLY if net else None


def speaks_of_danger(text: str) -> bool:
    """True when the text plainly mentions danger to the user or to someone else."""
    return danger_category(text) is not None


@functools.lru_cache(maxsize=256)
def _rule_layers(text: str) -> tuple[str, tuple[str, ...], bool]:
    """The corrected text, the spaCy layer's categories and the net's verdict: text alone decides them, and
    each message is graded twice (the NLU, then the channel's safety note), so the second time is a lookup."""
    fixed = corrected(text)
    categories, net = rule_danger(without_figures(fixed))
    return fixed, tuple(categories), net


def grade_message(text: str, intent_name: str | None, ranking: list[dict[str, Any]]) -> tuple[SafetyGrade, str | None]:
    """The graded level of one message and the layer that saw danger (None when none did)."""
    fixed, found, net = _rule_layers(text)
    categories = list(found)
    layer: str | None = categories[0] if categories else REGEX_ONLY if net else None
    help_there = bool(_HELP_THERE.search(fixed))
    if (
        layer is None
        and not help_there
        and _classifier_says_crisis(intent_name, ranking)
        and speaks_of_danger_word(without_cleared_words(without_figures(fixed)))
    ):
        layer = CLASSIFIER
    if layer is None and not help_there and sure_of_crisis(text, fixed):
        layer = MODEL  # danger told by what is seen ("he gave his guitar away and now he won't open his door")
    return grade(fixed, categories, layer is not None), layer


def figures_only(text: str) -> bool:
    """The text names a safety topic only inside figures of speech ("social suicide", "an a&e nurse")."""
    fixed, _, _ = _rule_layers(text)
    return speaks_of_safety_topic(fixed) and not speaks_of_safety_topic(without_cleared_words(without_figures(fixed)))


def _classifier_says_crisis(intent_name: str | None, ranking: list[dict[str, Any]]) -> bool:
    if intent_name == CRISIS_INTENT:
        return True
    if intent_name != FALLBACK_INTENT:
        return False
    return any(r.get("name") == CRISIS_INTENT and r.get("confidence", 0.0) >= UNSURE_CRISIS_THRESHOLD for r in ranking)


def _entity(name: str, value: str) -> dict[str, Any]:
    return {"entity": name, "value": value, "start": 0, "end": 0, "confidence_entity": 1.0, "extractor": "CrisisGuard"}


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class CrisisGuard(RuleComponent):
    """Grades every message for safety and sets the intent and entities to match (runs last)."""

    def __init__(self) -> None:
        # Load the crisis model with the pipeline, so the first person to write doesn't wait for it.
        warm()

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            intent = message.get(INTENT) or {}
            ranking = message.get(INTENT_RANKING_KEY) or []
            result, layer = grade_message(message.get(TEXT) or "", intent.get("name"), ranking)
            message.set(SAFETY_KEY, result.as_dict(), add_to_output=True)
            entities = [e for e in message.get(ENTITIES) or [] if e.get("entity") not in _OURS]
            if result.level == CRISIS:
                logger.debug("Crisis intent forced (%s, %s).", layer, result.category)
                _force(message, CRISIS_INTENT, ranking)
                message.set(CRISIS_CATEGORY_KEY, layer, add_to_output=True)
                entities.append(_entity(CATEGORY_ENTITY, str(result.category)))
            elif result.level == ASKING and layer is None and not result.asking_directly and intent.get("name") == PRACTICE_INTENT:
                pass
            elif result.level == ASKING:
                _force(message, WORRIED_INTENT, ranking)
                if result.asking_directly:
                    entities.append(_entity(ASKING_DIRECTLY_ENTITY, "true"))
            else:
                if result.level == PAST:
                    entities.append(_entity(LEVEL_ENTITY, PAST))
                if intent.get("name") == CRISIS_INTENT or (
                    intent.get("name") == FALLBACK_INTENT and _classifier_says_crisis(intent.get("name"), ranking)
                ):
                    _demote_crisis(message, ranking)
                if (message.get(INTENT) or {}).get("name") == WORRIED_INTENT and figures_only(message.get(TEXT) or ""):
                    # The classifier took "social suicide" or "an a&e nurse" for a worry about safety.
                    _demote(message, message.get(INTENT_RANKING_KEY) or [], WORRIED_INTENT)
            message.set(ENTITIES, entities, add_to_output=True)
        return messages


_OURS = {CATEGORY_ENTITY, LEVEL_ENTITY, ASKING_DIRECTLY_ENTITY}


def _force(message: Message, name: str, ranking: list[dict[str, Any]]) -> None:
    forced = {"name": name, "confidence": 1.0}
    others = [{**r, "confidence": 0.0} for r in ranking if r.get("name") != name]
    message.set(INTENT, forced, add_to_output=True)
    message.set(INTENT_RANKING_KEY, [forced, *others], add_to_output=True)


def _demote_crisis(message: Message, ranking: list[dict[str, Any]]) -> None:
    """The classifier said crisis but nothing in the words does: its next guess, or a fallback if weak."""
    _demote(message, ranking, CRISIS_INTENT)


def _demote(message: Message, ranking: list[dict[str, Any]], name: str) -> None:
    """The classifier's guess ``name`` is not borne out by the words: its next guess, or a fallback if weak."""
    others = [r for r in ranking if r.get("name") not in (name, CRISIS_INTENT, FALLBACK_INTENT)]
    best = max(others, key=lambda r: r.get("confidence", 0.0), default=None)
    if best is None or best.get("confidence", 0.0) < FALLBACK_THRESHOLD:
        chosen = {"name": FALLBACK_INTENT, "confidence": 1.0 - FALLBACK_THRESHOLD}
    else:
        chosen = {"name": best["name"], "confidence": best.get("confidence", 0.0)}
    message.set(INTENT, chosen, add_to_output=True)
    rest = [r for r in ranking if r.get("name") not in (chosen["name"], name)]
    message.set(INTENT_RANKING_KEY, [chosen, *rest, {"name": name, "confidence": 0.0}], add_to_output=True)
