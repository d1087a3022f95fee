"""Reading the conversation's own events: what the assistant sent earlier, as its `custom` payload said."""
from __future__ import annotations

from typing import Any


def bot_custom(event: dict[str, Any]) -> dict[str, Any]:
    """The `custom` payload of a message the assistant sent, or {} for any other event or a message without one."""
    if event.get("event") != "bot":
        return {}
    custom = (event.get("data") or {}).get("custom")
    return custom if isinstance(custom, dict) else {}
