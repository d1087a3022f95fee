"""Per-turn costs in Rasa 3.6 that do not change what it does, removed (measured in bench/run.py).

A profile of one 200-turn REST conversation (py-spy, results/bench.md) showed two pieces of pure overhead:

- Every custom action's response is validated with ``jsonschema.validate``, which first re-checks the
  schema itself against the JSON Schema meta-schema: about a quarter of the server's time per turn.
  We check the schema once and validate each response with that validator, raising the same error.
- Each stored event is turned back into an object through ``Event.resolve_by_type``, which walks every
  subclass of ``Event`` (and asks ``inspect`` whether each is abstract) per event: an eighth of the time.
  We remember the class found for each type name.

Both are applied once per process, from the modules Rasa loads (``trackers/``, which Rasa imports to load the tracker store).
"""
from __future__ import annotations

import functools
from typing import Any, Optional

_applied = False


def apply() -> None:
    """Install the speed-ups; calling it again does nothing."""
    global _applied
    if _applied:
        return
    _cache_action_response_validator()
    _cache_event_classes()
    _applied = True


def _cache_action_response_validator() -> None:
    from jsonschema import ValidationError, exceptions, validators
    from rasa.core.actions.action import RemoteAction
    from rasa.shared.constants import DOCS_BASE_URL

    schema = RemoteAction.action_response_format_spec()
    validator_class = validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema)

    def validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
        error = exceptions.best_match(validator.iter_errors(result))
        if error is None:
            return True
        assert isinstance(error, ValidationError)
        error.message += (
            ". Failed to validate Action server response from API, make sure your response from the Action "
            f"endpoint is valid. For more information about the format visit {DOCS_BASE_URL}/custom-actions"
        )
        raise error

    RemoteAction._validate_action_result = validate_action_result  # type: ignore[method-assign]


def _cache_event_classes() -> None:
    from rasa.shared.core.events import Event

    original = Event.resolve_by_type

    @functools.lru_cache(maxsize=256)
    def cached(type_name: str) -> Optional[type[Event]]:
        return original(type_name, default=_Missing)

    def resolve_by_type(type_name: str, default: Optional[type[Event]] = None) -> Optional[type[Event]]:
        found = cached(type_name)
        if found is _Missing:
            cached.cache_clear()  # a class imported since may know it; let Rasa decide and raise
            return original(type_name, default)
        return found

    Event.resolve_by_type = staticmethod(resolve_by_type)  # type: ignore[method-assign,assignment]


class _Missing:
    """Marks a type name no event class knows (yet)."""
