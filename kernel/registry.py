"""The registries in kernel/registry.yml: content topics and concerns, read once per process.

Code asks here which topics and concerns exist instead of keeping its own lists, so adding one is
an entry in the YAML file (plus its content), with no migration and no edits across modules.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

REGISTRY_FILE = Path(__file__).with_name("registry.yml")


class RegistryError(ValueError):
    """A registry file that cannot be used, with the place to fix it."""


@dataclass(frozen=True)
class TopicSpec:
    name: str
    label: str
    intents: tuple[str, ...]


@dataclass(frozen=True)
class ConcernSpec:
    name: str
    label: str
    words: tuple[str, ...]
    # Regular expressions for the struggle told through what the loved one does ("lies on the sofa all day",
    # "hears voices"), for when no word names it: `words` are literal phrases, `signs` generalise over their wording.
    signs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Registry:
    topics: dict[str, TopicSpec]
    concerns: dict[str, ConcernSpec]
    audiences: dict[str, str]  # who an item is for -> label

    def topic_for_intent(self) -> dict[str, str]:
        return {intent: spec.name for spec in self.topics.values() for intent in spec.intents}


def _entries(data: dict, key: str, path: Path) -> dict[str, dict]:
    section = data.get(key)
    if not isinstance(section, dict) or not section:
        raise RegistryError(f"{path}: '{key}' must be a non-empty mapping of name -> fields")
    for name, fields in section.items():
        if not isinstance(fields, dict) or not str(fields.get("label", "")).strip():
            raise RegistryError(f"{path}: {key}.{name} needs a 'label'")
    return section


def _signs(fields: dict, where: str) -> tuple[str, ...]:
    """A concern's `signs`, each checked to be a regular expression, so a typo names its entry instead of failing later."""
    signs = tuple(str(sign) for sign in fields.get("signs") or ())
    for number, sign in enumerate(signs, start=1):
        try:
            re.compile(sign)
        except re.error as error:
            raise RegistryError(f"{where}.signs[{number}] is not a regular expression ({error}): {sign}") from error
    return signs


def parse(path: Path) -> Registry:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    topics = {
        name: TopicSpec(name, str(fields["label"]), tuple(fields.get("intents") or ()))
        for name, fields in _entries(data, "topics", path).items()
    }
    concerns = {
        name: ConcernSpec(name, str(fields["label"]), tuple(fields.get("words") or ()), _signs(fields, f"{path}: concerns.{name}"))
        for name, fields in _entries(data, "concerns", path).items()
    }
    audiences = {name: str(fields["label"]) for name, fields in _entries(data, "audiences", path).items()}
    return Registry(topics=topics, concerns=concerns, audiences=audiences)


@lru_cache(maxsize=1)
def registry() -> Registry:
    return parse(REGISTRY_FILE)


def topic_names() -> list[str]:
    return list(registry().topics)


def concern_names() -> list[str]:
    return list(registry().concerns)


def audience_names() -> list[str]:
    return list(registry().audiences)
