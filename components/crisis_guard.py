"""A rule layer under the statistical intent classifier: danger is never left to chance.

If a message plainly speaks of suicide, self-harm, an overdose, a weapon or abuse,
the intent becomes ``crisis`` whatever the classifier guessed. Hyperbole such as
"dead tired" or "dying to know" is left alone.
"""
from __future__ import annotations

import re
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

CRISIS_INTENT = "crisis"
_WHO = r"(?:my ?self|him ?self|her ?self|them ?selves|them ?self|themself)"
_DANGER = [
    rf"\bkill(?:ing|ed|s)? {_WHO}",
    rf"\bhurt(?:ing|s)? {_WHO}",
    rf"\bharm(?:ing|s|ed)? {_WHO}",
    r"\bsuicid",
    r"\bself[- ]?harm",
    r"\bend(?:ing)? (?:it all|my life|his life|her life|their life|things)\b",
    r"\btake (?:my|his|her|their) (?:own )?life\b",
    r"\b(?:want|wants|wanted|wanna) (?:to )?die\b",
    r"\b(?:don'?t|doesn'?t|do not|does not) want to (?:live|be alive|be here anymore|wake up|exist)",
    r"\bbetter off (?:dead|without (?:me|him|her|them))\b",
    r"\bno (?:reason|point) (?:to|in) (?:live|living|going on)\b",
    r"\bnot worth living\b",
    r"\boverdos",
    r"\b(?:took|taken|swallowed) (?:a (?:whole )?(?:bottle|handful|load)|all (?:of )?(?:his|her|their|my)|too many)\b",
    r"\bcutting (?:my|him|her|them)?selves?\b|\bcut(?:ting)? (?:myself|himself|herself|themselves)\b|\bcutting again\b",
    r"\b(?:suicide )?note\b.*\b(?:goodbye|sorry|left)\b|\bleft (?:a|me a) (?:goodbye )?note\b",
    r"\bgiving (?:away )?(?:all )?(?:his|her|their|my) (?:stuff|things|belongings) away\b",
    r"\bgave away (?:all )?(?:his|her|their|my)",
    r"\bnot breathing\b|\bunconscious\b|\bwon'?t wake up\b",
    r"\bjump(?:ing)? (?:off|from|in front)\b",
    r"\bhang(?:ing)? (?:my|him|her|them)sel",
    r"\b(?:has|got|bought|holding|with|grabbed|pulled) (?:a |his |her )?(?:gun|knife|rope|weapon)\b",
    r"\b(?:hits?|hitting|beats?|beating|beat up|punch(?:es|ed)?|slap(?:s|ped)?) me\b",
    r"\b(?:kick(?:s|ed)?|chok(?:es|ed|ing)|strangl\w*|shov(?:es|ed)) me\b",
    r"\bhit me\b",
    r"\bthreaten(?:s|ed|ing)? to (?:kill|hurt|harm|hit|beat|shoot|stab)\b",
    r"\b(?:afraid|scared|terrified) (?:he|she|they)(?:'ll| will| is going to| might) (?:hurt|kill|hit|harm)\b",
    r"\b(?:afraid|scared|fear) for my (?:life|safety)\b",
    r"\b(?:abus(?:es|ed|ing|ive)|rap(?:ed|es)|assault(?:s|ed))\b",
    r"\bkms\b|\bkys\b",
    r"\bsafe(?:ty)? plan\b",
]
# Hyperbole and clear negations that use the same words without the danger.
_NOT_DANGER = [
    r"\bdying to\b",
    r"\bdead tired\b",
    r"\b(?:this|it|that|work|he|she) (?:is|'s) killing me\b",
    r"\bnot (?:feeling )?suicidal\b",
    r"\bnever (?:hit|hurt|threatened)\b",
]
_DANGER_RE = re.compile("|".join(f"(?:{p})" for p in _DANGER), re.IGNORECASE)
_NOT_DANGER_RE = re.compile("|".join(f"(?:{p})" for p in _NOT_DANGER), re.IGNORECASE)


def speaks_of_danger(text: str) -> bool:
    """True when the text plainly mentions danger to the user or to someone else."""
    normalised = " ".join(text.replace("’", "'").split())
    if not _DANGER_RE.search(normalised):
        return False
    stripped = _NOT_DANGER_RE.sub(" ", normalised)
    return bool(_DANGER_RE.search(stripped))


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class CrisisGuard(GraphComponent):
    """Forces the ``crisis`` intent when the rules see danger (runs before the fallback)."""

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> CrisisGuard:
        return cls()

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            if speaks_of_danger(message.get(TEXT) or ""):
                forced = {"name": CRISIS_INTENT, "confidence": 1.0}
                ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != CRISIS_INTENT]
                message.set(INTENT, forced, add_to_output=True)
                message.set(INTENT_RANKING_KEY, [forced, *ranking], add_to_output=True)
        return messages
