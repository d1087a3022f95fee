"""Normalise who the loved one is and what they struggle with, whoever extracted it."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any, Optional

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message

from components.rule_component import RuleComponent
from kernel.lexicon import find_concern, find_relationship, normalise_concern, normalise_relationship

Finder = Callable[[str], Optional[tuple[str, int, int]]]
Normaliser = Callable[[str], Optional[str]]
ENTITY_RULES: dict[str, tuple[Normaliser, Finder]] = {
    "relationship": (normalise_relationship, find_relationship),
    "concern": (normalise_concern, find_concern),
}


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False)
class EntityNormaliser(RuleComponent):
    """Maps "hubby", "stepdad" or "my 19-year-old" onto one closed vocabulary.

    Entity mentions come from the lexicon (and from any extractor earlier in the
    pipeline); the lexicon decides the normalised value, so the slot always holds a
    value the content database knows.
    """


    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            message.set(ENTITIES, normalise_entities(text, message.get(ENTITIES, [])), add_to_output=True)
        return messages


def normalise_entities(text: str, entities: list[dict[str, Any]]) -> list[dict[str, Any]]:
    kept: list[dict[str, Any]] = []
    found: set[str] = set()
    for entity in entities:
        rule = ENTITY_RULES.get(entity.get("entity", ""))
        if rule is None:
            kept.append(entity)
            continue
        normalise, _ = rule
        span = text[entity.get("start", 0) : entity.get("end", 0)]
        value = normalise(span) or normalise(str(entity.get("value", "")))
        if value is None or entity["entity"] in found:
            continue
        kept.append({**entity, "value": value})
        found.add(entity["entity"])
    for name, (_, find) in ENTITY_RULES.items():
        if name in found:
            continue
        match = find(text)
        if match:
            value, start, end = match
            kept.append(
                {"entity": name, "start": start, "end": end, "value": value, "extractor": "EntityNormaliser", "confidence_entity": 1.0}
            )
    return kept
