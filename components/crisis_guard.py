"""A rule layer under the statistical intent classifier: danger is never left to chance.

If a message speaks of suicide, self-harm, danger to the loved one (an overdose, a means, talk of ending
their life), violence or abuse toward the user, or an emergency happening now, the intent becomes
``crisis`` whatever the classifier guessed. Two rule layers decide, and either is enough: spaCy matchers
over lemmas with scoped negation and hyperbole (components/crisis_matcher.py), and the older
regular-expression net (components/crisis_regex.py). Hyperbole such as "dead tired" is left alone.
"""
from __future__ import annotations

import logging

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from components.crisis_matcher import danger_categories, without_cleared_words
from components.crisis_regex import regex_speaks_of_danger
from components.rule_component import RuleComponent

logger = logging.getLogger(__name__)

CRISIS_INTENT = "crisis"
# Set on the parse data when the crisis intent is forced; says which rule fired, never the text.
CRISIS_CATEGORY_KEY = "crisis_category"
# When only the regular-expression net or the unsure classifier saw danger.
REGEX_ONLY = "REGEX_NET"
UNSURE_CLASSIFIER = "UNSURE_CLASSIFIER"
# If the classifier gave crisis at least this much and nothing was confident, treat it as crisis.
UNSURE_CRISIS_THRESHOLD = 0.2


def danger_category(text: str) -> str | None:
    """The most urgent kind of danger the text speaks of, or None: the spaCy layer first, then the net."""
    categories = danger_categories(text)
    if categories:
        return categories[0]
    if regex_speaks_of_danger(text) and regex_speaks_of_danger(without_cleared_words(text)):
        return REGEX_ONLY
    return None


def speaks_of_danger(text: str) -> bool:
    """True when the text plainly mentions danger to the user or to someone else."""
    return danger_category(text) is not None


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class CrisisGuard(RuleComponent):
    """Forces the ``crisis`` intent when the rules see danger (runs last, after the fallback)."""

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            category = danger_category(message.get(TEXT) or "")
            if category is None and _unsure_but_maybe_crisis(message):
                category = UNSURE_CLASSIFIER
            if category is not None:
                logger.debug("Crisis intent forced (%s).", category)
                forced = {"name": CRISIS_INTENT, "confidence": 1.0}
                others = [
                    {**r, "confidence": 0.0} for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != CRISIS_INTENT
                ]
                message.set(INTENT, forced, add_to_output=True)
                message.set(INTENT_RANKING_KEY, [forced, *others], add_to_output=True)
                message.set(CRISIS_CATEGORY_KEY, category, add_to_output=True)
        return messages


def _unsure_but_maybe_crisis(message: Message) -> bool:
    """When the classifier is unsure, a real chance of crisis wins over asking to rephrase."""
    if (message.get(INTENT) or {}).get("name") != "nlu_fallback":
        return False
    ranking = message.get(INTENT_RANKING_KEY) or []
    return any(r.get("name") == CRISIS_INTENT and r.get("confidence", 0.0) >= UNSURE_CRISIS_THRESHOLD for r in ranking)
