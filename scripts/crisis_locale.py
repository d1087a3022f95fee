"""Render the domain's crisis responses from safety/crisis_resources.yml for one locale.

    python scripts/crisis_locale.py --check   # domain/safety.yml matches CRISIS_LOCALE (exit 1 if not)
    python scripts/crisis_locale.py --write   # rewrite the two responses in domain/safety.yml
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
RESOURCES = REPO / "safety" / "crisis_resources.yml"
DOMAIN = REPO / "domain" / "safety.yml"
RESPONSES = {"utter_crisis": "crisis", "utter_crisis_check": "check"}


def render(locale: str | None = None) -> dict[str, str]:
    """The text of each crisis response for ``locale`` (CRISIS_LOCALE, else the file's default)."""
    data = yaml.safe_load(RESOURCES.read_text())
    chosen = locale or os.environ.get("CRISIS_LOCALE") or data["default"]
    if chosen not in data["locales"]:
        raise SystemExit(f"{RESOURCES}: no locale {chosen!r}; known: {', '.join(sorted(data['locales']))}")
    texts = data["locales"][chosen]
    # Folded YAML joins lines with spaces; a literal \n marks a real line break in the message.
    return {name: texts[key].replace("\\n ", "\n").replace("\\n", "\n").strip() for name, key in RESPONSES.items()}


def domain_texts() -> dict[str, str]:
    responses = yaml.safe_load(DOMAIN.read_text())["responses"]
    return {name: responses[name][0]["text"] for name in RESPONSES}


def write(texts: dict[str, str]) -> None:
    domain = DOMAIN.read_text()
    for name, text in texts.items():
        pattern = re.compile(rf"(\n  {name}:\n    - text: ).*\n")
        if not pattern.search(domain):
            raise SystemExit(f"{DOMAIN}: response {name} not found in the expected one-line form")
        match = pattern.search(domain)
        assert match is not None
        line = match.group(1) + json.dumps(text, ensure_ascii=False) + "\n"
        domain = domain[: match.start()] + line + domain[match.end():]
    DOMAIN.write_text(domain)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--locale")
    args = parser.parse_args(argv)
    texts = render(args.locale)
    if args.write:
        write(texts)
        chosen = args.locale or os.environ.get("CRISIS_LOCALE") or "the default locale"
        print(f"domain/safety.yml crisis responses now come from {RESOURCES.name} ({chosen}); `make train` picks them up.")
        return 0
    if domain_texts() != texts:
        print(f"{DOMAIN}: crisis responses differ from {RESOURCES} for this locale; run `make crisis-locale`.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
