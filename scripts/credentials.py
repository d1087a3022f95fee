"""Write the credentials file Rasa reads: credentials.yml, with each channel on only when its variables are set.

Rasa stops at start-up on an unset ${VAR} in its credentials, so credentials.yml is a template, in which a
value may use:

    ${VAR}            required: the channel is on only when VAR is set (and not empty)
    ${VAR:-default}   the default when VAR is unset or empty
    ${VAR:-}          optional: the setting is left out when VAR is unset or empty

A channel missing a required variable is left out of the written file. Set variables stay ${VAR}
(unquoted) in it, so Rasa reads their values from the environment and no secret is written to disk.

    python scripts/credentials.py --out PATH [--base credentials.yml]

prints which channels are on (and what each one that is off still needs) to stderr.
"""
from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

REPO_ROOT = Path(__file__).resolve().parent.parent
BASE = REPO_ROOT / "credentials.yml"
REFERENCE = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}")
HEADER = "# Written by scripts/credentials.py from credentials.yml at start-up. Edit credentials.yml instead.\n"


def _resolve_value(value: str, env: Mapping[str, str], missing: list[str]) -> str:
    def replace(match: re.Match[str]) -> str:
        name, default = match.group(1), match.group(2)
        if env.get(name):
            return "${" + name + "}"  # Rasa expands it from the same environment
        if default is None:
            missing.append(name)
            return match.group(0)
        return default

    return REFERENCE.sub(replace, value)


def _resolve(node: Any, env: Mapping[str, str], missing: list[str]) -> Any:
    if isinstance(node, dict):
        resolved = {}
        for key, value in node.items():
            new = _resolve(value, env, missing)
            if isinstance(value, str) and REFERENCE.search(value) and new == "":
                continue  # an optional setting whose variable is unset
            resolved[key] = new
        return resolved
    if isinstance(node, list):
        return [_resolve(value, env, missing) for value in node]
    if isinstance(node, str):
        return _resolve_value(node, env, missing)
    return node


def effective_credentials(base: Mapping[str, Any], env: Mapping[str, str]) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """The channels that are on, with their settings, and for each channel that is off the variables it needs."""
    on: dict[str, Any] = {}
    off: dict[str, list[str]] = {}
    for channel, settings in base.items():
        missing: list[str] = []
        resolved = _resolve(settings, env, missing)
        if missing:
            off[channel] = sorted(set(missing))
        else:
            on[channel] = resolved
    return on, off


def short_name(channel: str) -> str:
    """`channels.telegram.OfflineSafeTelegramInput` -> `telegram`; built-in names stay as they are."""
    parts = channel.split(".")
    return parts[-2] if len(parts) > 1 else channel


def write_credentials(out: Path, base: Path = BASE, env: Mapping[str, str] | None = None) -> tuple[list[str], dict[str, list[str]]]:
    """Writes the effective credentials to `out`; returns the channels on and, for those off, what they need."""
    template = yaml.safe_load(base.read_text()) or {}
    on, off = effective_credentials(template, os.environ if env is None else env)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(HEADER + yaml.safe_dump(on, sort_keys=False, default_flow_style=False))
    return list(on), off


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="where to write the credentials Rasa reads")
    parser.add_argument("--base", type=Path, default=BASE, help="the template (default: credentials.yml)")
    args = parser.parse_args(argv)
    on, off = write_credentials(args.out, args.base)
    print(f"==> Channels on: {', '.join(short_name(c) for c in on)}", file=sys.stderr)
    for channel, needs in off.items():
        print(f"    {short_name(channel)} is off; to turn it on, set {', '.join(needs)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
