"""Per-turn costs in Rasa 3.6.21 that do not change what it does, removed (measured in bench/run.py).

Applied only by the processes that ask for them, through one entry point: ``rasa_patches.apply()``. The Rasa
server is started with ``python -m rasa_patches.run run ...`` (scripts/serve.sh, tests/e2e, bench/run.py,
deploy/), which applies them and then hands over to Rasa's own command line. Importing anything else in this
repository (the tracker store, the channels) patches nothing. ``RASA_SPEEDUPS=0`` leaves Rasa as it is, and a
Rasa other than ``RASA_VERSION`` starts unpatched, saying so in the log: each patch copies a piece of that
version's behaviour, and tests/test_rasa_patches.py compares each one with the Rasa code it replaces.

A profile of one 200-turn REST conversation (py-spy, results/bench.md) showed these pieces of pure overhead:

- Every custom action's response is validated with ``jsonschema.validate``, which first re-checks the
  schema itself against the JSON Schema meta-schema: about a quarter of the server's time per turn.
  We check the schema once and validate each event against the one branch of the events' ``oneOf`` its
  type can match; anything that fails goes through the full schema, raising the same error.
- Each stored event is turned back into an object through ``Event.resolve_by_type``, which walks every
  subclass of ``Event`` (and asks ``inspect`` whether each is abstract) per event: an eighth of the time.
  We remember the class found for each type name.
- The model's graph (NLU pipeline, then policies) runs several times a turn through dask's scheduler,
  which for a dozen nodes that run one after another costs more than the nodes' own work in places, and
  before each run Rasa formats all inputs into a debug message that is then discarded. We run the same
  nodes in dependency order, each exactly once, with the same inputs and the same errors.
- Right after each user message the rule policy computed the conversation's states twice, replaying
  every event each time (``remember_past_states``).
- Each tracker and replayed copy copied every slot through ``copy.copy``'s generic path, and the rule policy
  searched all rules for one about the message's literal text when no rule is about a text.
- Full garbage collections walked the half million objects loaded with the model: 170-210 ms pauses
  under load (``freeze_what_the_model_loaded``).
- Every call to the action server opened a new HTTP client and connection, and encoded the tracker with
  ``json.dumps`` (``reuse_http_connections``).

Rasa 3.6.21 already caches the parsed rule keys (``RulePolicy._rule_key_to_state``), so our former copy
of that is gone. Every cache here lives on the object it is about (the graph runner, the policy, the
tracker), never in a table keyed by ``id()``: a model loaded over ``PUT /model`` starts with none.
"""
from __future__ import annotations

import logging
import os
from collections.abc import Callable

from rasa_patches import patches

logger = logging.getLogger(__name__)

RASA_VERSION = "3.6.21"  # the Rasa whose code the patches copy and are tested against

PATCHES: dict[str, Callable[[], None]] = {
    "action response validation against one branch": patches.cache_action_response_validator,
    "Event.resolve_by_type remembers classes": patches.cache_event_classes,
    "graph nodes run in order without dask": patches.run_graphs_in_order,
    "one HTTP client per action endpoint": patches.reuse_http_connections,
    "past states computed once per set of events": patches.remember_past_states,
    "slots copied directly": patches.copy_slots_directly,
    "rule policy skips a text pass no rule can match": patches.skip_the_text_pass_no_rule_can_match,
    "rule policy checks only rules that follow the same action": patches.check_only_rules_whose_last_state_can_match,
    "model objects frozen for the garbage collector": patches.freeze_what_the_model_loaded,
}

_applied: list[str] = []


def apply() -> list[str]:
    """Installs the patches once per process; returns the names of those applied (none when turned off
    with ``RASA_SPEEDUPS=0`` or on a Rasa other than ``RASA_VERSION``)."""
    if _applied:
        return list(_applied)
    if os.environ.get("RASA_SPEEDUPS", "1").strip() == "0":
        logger.info("Rasa patches: not applied (RASA_SPEEDUPS=0)")
        return []
    import rasa

    if rasa.__version__ != RASA_VERSION:
        logger.warning("Rasa patches: not applied: they are written for Rasa %s and this is Rasa %s; it runs unpatched",
                       RASA_VERSION, rasa.__version__)
        return []
    for name, install in PATCHES.items():
        install()
        _applied.append(name)
    logger.info("Rasa patches applied for Rasa %s: %s", RASA_VERSION, "; ".join(_applied))
    return list(_applied)
