"""Per-turn costs in Rasa 3.6 that do not change what it does, removed (measured in bench/run.py).

A profile of one 200-turn REST conversation (py-spy, results/bench.md) showed two pieces of pure overhead:

- Every custom action's response is validated with ``jsonschema.validate``, which first re-checks the
  schema itself against the JSON Schema meta-schema: about a quarter of the server's time per turn.
  We check the schema once and validate each response with that validator, raising the same error.
- Each stored event is turned back into an object through ``Event.resolve_by_type``, which walks every
  subclass of ``Event`` (and asks ``inspect`` whether each is abstract) per event: an eighth of the time.
  We remember the class found for each type name.
- The model's graph (NLU pipeline, then policies) runs several times a turn through dask's scheduler,
  which for a dozen nodes that run one after another costs more than the nodes' own work in places, and
  before each run Rasa formats all inputs into a debug message that is then discarded. We run the same
  nodes in dependency order, each exactly once, with the same inputs and the same errors.

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
    _run_graphs_in_order()
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


def _run_graphs_in_order() -> None:
    from rasa.engine.exceptions import GraphRunError
    from rasa.engine.graph import GraphSchema
    from rasa.engine.runner.dask import DaskGraphRunner

    schemas: dict[tuple[int, tuple[str, ...]], GraphSchema] = {}

    def run(self: DaskGraphRunner, inputs: Optional[dict[str, Any]] = None, targets: Optional[list[str]] = None) -> dict[str, Any]:
        run_targets = list(targets) if targets else list(self._graph_schema.target_names)
        key = (id(self._graph_schema), tuple(run_targets))
        schema = schemas.get(key)
        if schema is None:
            schema = schemas[key] = self._graph_schema.minimal_graph_schema(run_targets)
        given = inputs or {}
        clash = set(given) & set(schema.nodes)
        if clash:
            raise GraphRunError(f"Input values {sorted(clash)} clash with node names in the graph schema.")
        # What dask passes between nodes: (name, value) pairs, inputs included.
        results: dict[str, Any] = {name: (name, value) for name, value in given.items()}

        def result_of(name: str) -> Any:
            if name not in results:
                needs = schema.nodes[name].needs.values()
                results[name] = self._instantiated_nodes[name](*(result_of(need) for need in needs))
            return results[name]

        try:
            return dict(result_of(target) for target in run_targets)
        except RuntimeError as e:
            raise GraphRunError("Error running runner.") from e

    DaskGraphRunner.run = run  # type: ignore[method-assign]


class _Missing:
    """Marks a type name no event class knows (yet)."""
