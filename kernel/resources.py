"""Crisis resources and locale placeholders from safety/crisis_resources.yml (no I/O after the first read).

Text anywhere (content items, responses) may say "{crisis_line}" or "{emergency}"; ``fill`` replaces each
placeholder with the configured locale's wording, so one item serves every locale and none carries another
country's numbers. The locale is CRISIS_LOCALE, else the file's default.
"""
from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional

import yaml

RESOURCES_FILE = Path(__file__).resolve().parent.parent / "safety" / "crisis_resources.yml"
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    return dict(yaml.safe_load(RESOURCES_FILE.read_text(encoding="utf-8")))


def locale_name(locale: Optional[str] = None) -> str:
    chosen = locale or os.environ.get("CRISIS_LOCALE") or str(_data()["default"])
    if chosen not in _data()["locales"]:
        raise ValueError(f"{RESOURCES_FILE}: no locale {chosen!r}; known: {', '.join(sorted(_data()['locales']))}")
    return chosen


def locale(locale: Optional[str] = None) -> dict[str, Any]:
    """Everything the file holds for one locale (texts, resources, placeholders)."""
    return dict(_data()["locales"][locale_name(locale)])


def placeholders(locale_: Optional[str] = None) -> dict[str, str]:
    return {str(key): str(value) for key, value in (locale(locale_).get("placeholders") or {}).items()}


def unknown_placeholders(text: str) -> list[str]:
    """Placeholders in ``text`` that some locale does not define (the content loader refuses those)."""
    names = set(_PLACEHOLDER.findall(text))
    missing: set[str] = set()
    for name in _data()["locales"]:
        missing |= names - set(placeholders(name))
    return sorted(missing)


def fill(text: str, locale_: Optional[str] = None) -> str:
    """``text`` with every known placeholder replaced by the locale's wording."""
    values = placeholders(locale_)
    return _PLACEHOLDER.sub(lambda match: values.get(match.group(1), match.group(0)), text)


def template_names() -> list[str]:
    return [str(name) for name in _data().get("templates") or {}]


def text(name: str, locale_: Optional[str] = None) -> str:
    """One user-facing safety text (a key of ``templates``), in the locale's wording and numbers.

    A locale's ``texts`` may replace a template outright; otherwise the shared template is filled with the
    locale's placeholders. Folded YAML joins lines with spaces; a literal \\n marks a real line break.
    """
    chosen = locale(locale_)
    raw = (chosen.get("texts") or {}).get(name) or _data()["templates"][name]
    joined = str(raw).replace("\\n ", "\n").replace("\\n", "\n").strip()
    return fill(joined, locale_)


def locale_names() -> list[str]:
    return sorted(str(name) for name in _data()["locales"])
