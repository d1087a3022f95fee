"""The patches themselves; rasa_patches/__init__.py says what each is for and applies them."""
from __future__ import annotations

import functools
import json
import numbers
import weakref
from collections.abc import Callable
from typing import Any, Optional

import ujson

STOCK: dict[str, Any] = {}  # Rasa's own functions, for the equivalence tests (tests/test_rasa_patches.py)


def cache_action_response_validator() -> None:
    from jsonschema import ValidationError, exceptions, validators
    from rasa.core.actions.action import RemoteAction
    from rasa.shared.constants import DOCS_BASE_URL

    schema = RemoteAction.action_response_format_spec()
    validator_class = validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema)
    is_valid = _fast_action_response_check(schema, validator_class) or validator.is_valid

    def validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
        if is_valid(result):
            return True
        error = exceptions.best_match(validator.iter_errors(result))
        if error is None:
            return True
        assert isinstance(error, ValidationError)
        error.message += (
            ". Failed to validate Action server response from API, make sure your response from the Action "
            f"endpoint is valid. For more information about the format visit {DOCS_BASE_URL}/custom-actions"
        )
        raise error

    STOCK["RemoteAction._validate_action_result"] = RemoteAction._validate_action_result
    RemoteAction._validate_action_result = validate_action_result  # type: ignore[method-assign]


def _fast_action_response_check(schema: dict[str, Any], validator_class: Any) -> Optional[Callable[[Any], bool]]:
    """The same verdict as validating against ``schema``, with each event checked against one branch.

    Rasa's event schema is a ``oneOf`` over 23 branches, one per event type, each fixing ``event`` to a
    constant. An event whose ``event`` is a string can match only the branch with that constant, so
    "exactly one branch matches" is "its own branch matches": checking one branch instead of all 23 is
    most of the validation's cost gone. Returns None (use the full schema) if the schema is not shaped
    like that, as a later Rasa's might not be. tests/test_rasa_patches.py compares both verdicts.
    """
    try:
        properties = schema["properties"]
        if set(schema) != {"type", "properties"} or schema["type"] != "object" or set(properties) != {"events", "responses"}:
            return None
        events, responses = properties["events"], properties["responses"]
        if set(events) != {"type", "items"} or events["type"] != "array":
            return None
        event_schema = dict(events["items"])
        branches = event_schema.pop("oneOf")
        by_type: dict[str, Any] = {}
        for branch in branches:
            name = branch["properties"]["event"]["const"]
            if not isinstance(name, str) or name in by_type:
                return None
            by_type[name] = validator_class({**event_schema, "allOf": [branch]})
        if event_schema.get("required") != ["event"] or event_schema["properties"]["event"] != {"type": "string"}:
            return None
        responses_valid = validator_class(responses).is_valid
        if responses == {"type": "array", "items": {"type": "object"}}:  # what jsonschema's type checks test
            responses_valid = _list_of_dicts
        if event_schema == _EVENT_FIELDS and {"properties": {"event": {"const": "slot"}, **_SLOT_FIELDS["properties"]},
                                              "required": _SLOT_FIELDS["required"]} in branches:
            by_type["slot"] = _SlotSetCheck()  # the event our actions return most, checked in plain Python
    except (KeyError, TypeError, AttributeError):
        return None

    def is_valid(result: Any) -> bool:
        if not isinstance(result, dict):
            return False
        if "responses" in result and not responses_valid(result["responses"]):
            return False
        if "events" not in result:
            return True
        if not isinstance(result["events"], list):
            return False
        for event in result["events"]:
            if not isinstance(event, dict) or not isinstance(event.get("event"), str):
                return False
            branch = by_type.get(event["event"])
            if branch is None or not branch.is_valid(event):
                return False
        return True

    return is_valid


_EVENT_FIELDS: dict[str, Any] = {
    "type": "object",
    "properties": {"event": {"type": "string"}, "timestamp": {"type": ["number", "null"]}, "metadata": {"type": ["object", "null"]}},
    "required": ["event"],
}
_SLOT_FIELDS: dict[str, Any] = {"properties": {"name": {"type": "string"}, "value": {}}, "required": ["name", "value"]}


def _list_of_dicts(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, dict) for item in value)


class _SlotSetCheck:
    """``_EVENT_FIELDS`` with the ``slot`` branch, as jsonschema's type checks read them (a bool is no number)."""

    @staticmethod
    def is_valid(event: dict[str, Any]) -> bool:
        timestamp = event.get("timestamp")
        metadata = event.get("metadata")
        return (
            event.get("event") == "slot" and isinstance(event.get("name"), str) and "value" in event
            and (timestamp is None or (isinstance(timestamp, numbers.Number) and not isinstance(timestamp, bool)))
            and (metadata is None or isinstance(metadata, dict))
        )


def cache_event_classes() -> None:
    from rasa.shared.core.events import Event

    original = Event.resolve_by_type
    STOCK["Event.resolve_by_type"] = original

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


def run_graphs_in_order() -> None:
    from rasa.engine.exceptions import GraphRunError
    from rasa.engine.graph import GraphSchema
    from rasa.engine.runner.dask import DaskGraphRunner

    def run(self: DaskGraphRunner, inputs: Optional[dict[str, Any]] = None, targets: Optional[list[str]] = None) -> dict[str, Any]:
        run_targets = list(targets) if targets else list(self._graph_schema.target_names)
        # Kept on the runner itself: a new model (PUT /model) brings a new runner and new schemas.
        schemas: dict[tuple[str, ...], GraphSchema] = self.__dict__.setdefault(MINIMAL_SCHEMAS_ATTRIBUTE, {})
        schema = schemas.get(tuple(run_targets))
        if schema is None:
            schema = schemas[tuple(run_targets)] = self._graph_schema.minimal_graph_schema(run_targets)
        given = inputs or {}
        # As DaskGraphRunner._add_inputs_to_graph: a string input equal to a node name (or an earlier input's)
        # is refused with Rasa's error; an input named like a node replaces that node.
        keys = set(schema.nodes)
        for name, value in given.items():
            if isinstance(value, str) and value in keys:
                raise GraphRunError(
                    f"Input value '{value}' clashes with a node name. Make sure that none of the input names passed to "
                    f"the `run` method are the same as node names in the graph schema."
                )
            keys.add(name)
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

    STOCK["DaskGraphRunner.run"] = DaskGraphRunner.run
    DaskGraphRunner.run = run  # type: ignore[method-assign]


MINIMAL_SCHEMAS_ATTRIBUTE = "_rasa_patches_minimal_schemas"


def remember_past_states() -> None:
    """A tracker's dialogue states are computed once per set of events, not once per policy question.

    Right after a user message the RulePolicy asks for the same states twice (with the last message as
    text, then as intent), and each time Rasa replays every event of the conversation into fresh tracker
    copies. We keep the last answer per tracker and arguments, valid while the tracker holds exactly the
    same event objects (compared by identity, with references kept so an id is never reused), and hand out
    copies, since the featurisers edit the states they get.
    """
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.trackers import DialogueStateTracker

    original = DialogueStateTracker.past_states

    def past_states(self: DialogueStateTracker, domain: Domain, omit_unset_slots: bool = False,
                    ignore_rule_only_turns: bool = False, rule_only_data: Optional[dict[str, Any]] = None) -> list[Any]:
        key = (omit_unset_slots, ignore_rule_only_turns, _frozen(rule_only_data))  # the domain is checked by identity
        events = tuple(self.events)
        memo: dict[tuple[Any, ...], tuple[Domain, tuple[Any, ...], list[Any]]] = self.__dict__.setdefault(MEMO_ATTRIBUTE, {})
        hit = memo.get(key)
        if hit is not None and hit[0] is domain and len(hit[1]) == len(events) and all(
                a is b for a, b in zip(hit[1], events, strict=True)):
            states = hit[2]
        else:
            states = original(self, domain, omit_unset_slots=omit_unset_slots,
                              ignore_rule_only_turns=ignore_rule_only_turns, rule_only_data=rule_only_data)
            memo[key] = (domain, events, states)
        return [{name: dict(sub_state) for name, sub_state in state.items()} for state in states]

    STOCK["DialogueStateTracker.past_states"] = original
    DialogueStateTracker.past_states = past_states  # type: ignore[method-assign]


MEMO_ATTRIBUTE = "_rasa_patches_past_states"


def copy_slots_directly() -> None:
    """``copy.copy`` of a slot, as ``copy`` itself does it for a plain object, without the generic detour.

    Every tracker, and every replayed copy of one, copies all the domain's slots; through ``__reduce_ex__``
    that was a tenth of the server's time. A new object of the same class with the same attribute dict is
    exactly what ``copy.copy`` builds for a class without ``__slots__``, ``__copy__`` or ``__reduce__``.
    """
    from rasa.shared.core.slots import Slot

    classes = [Slot, *_subclasses(Slot)]
    if any(name in vars(cls) for cls in classes for name in ("__copy__", "__reduce__", "__reduce_ex__", "__slots__",
                                                                "__getstate__", "__setstate__")):
        return  # a slot class copies itself its own way: leave it to copy.copy

    def copy_slot(self: Slot) -> Slot:
        new = object.__new__(type(self))
        new.__dict__.update(self.__dict__)
        return new

    STOCK["Slot.__copy__"] = None  # Rasa has none: copy.copy's generic path
    Slot.__copy__ = copy_slot  # type: ignore[attr-defined]


def _subclasses(cls: type) -> list[type]:
    return [sub for direct in cls.__subclasses__() for sub in (direct, *_subclasses(direct))]


def skip_the_text_pass_no_rule_can_match() -> None:
    """Right after a user message the rule policy first looks for a rule about the message's *text*, then
    about its intent. The text pass removes the intent from the last state, so a rule can only match it if
    its last state follows ``action_listen`` without asking for an intent. When the trained rules hold no
    such rule (ours don't: no rule is written for a literal text) and no form is active, the pass finds
    nothing and reports nothing else, and we return its "nothing" at once. The verdict is worked out once
    per set of learned rules, conservatively: a last state we can't read means the pass runs as before.
    """
    from rasa.core.policies.rule_policy import RULES, RulePolicy
    from rasa.shared.core.constants import ACTION_LISTEN_NAME, PREVIOUS_ACTION, SHOULD_NOT_BE_SET, USER
    from rasa.shared.nlu.constants import ACTION_NAME, ACTION_TEXT, INTENT

    original = RulePolicy._find_action_from_rules

    def text_pass_cannot_match(last: Any) -> bool:
        if not isinstance(last, dict):
            return False
        previous = last.get(PREVIOUS_ACTION)
        if not previous:
            return True  # a conversation-start state never matches a state after action_listen
        if not isinstance(previous, dict) or SHOULD_NOT_BE_SET in previous.values():
            return False
        if previous.get(ACTION_TEXT) or (previous.get(ACTION_NAME) and previous.get(ACTION_NAME) != ACTION_LISTEN_NAME):
            return True  # follows another action, and the text pass only runs right after action_listen
        intent = (last.get(USER) or {}).get(INTENT)
        return bool(intent) and intent != SHOULD_NOT_BE_SET

    def text_pass_can_find(policy: RulePolicy) -> bool:
        # Kept on the policy, with the very rules it was worked out for (a policy's rules are set once, at
        # training or loading; a new model brings new policies).
        rules = policy.lookup.get(RULES, {})
        known = policy.__dict__.get(TEXT_PASS_ATTRIBUTE)
        if known is not None and known[0] is rules and known[1] == len(rules):
            return bool(known[2])
        try:
            verdict = not all(text_pass_cannot_match(json.loads(rule)[-1]) for rule in rules)
        except (ValueError, TypeError, IndexError, KeyError):
            verdict = True
        policy.__dict__[TEXT_PASS_ATTRIBUTE] = (rules, len(rules), verdict)
        return verdict

    def find_action_from_rules(self: RulePolicy, tracker: Any, domain: Any, use_text_for_last_user_input: bool) -> Any:
        # With a form active, the text pass also reports whether the form's unhappy path was left, which
        # Rasa uses even when no rule matched: run it then.
        if use_text_for_last_user_input and not tracker.active_loop_name and not text_pass_can_find(self):
            return None, None, False
        return original(self, tracker, domain, use_text_for_last_user_input)

    STOCK["RulePolicy._find_action_from_rules"] = original
    RulePolicy._find_action_from_rules = find_action_from_rules  # type: ignore[method-assign]


TEXT_PASS_ATTRIBUTE = "_rasa_patches_text_pass_can_find"


def check_only_rules_whose_last_state_can_match() -> None:
    """The rule policy tests each rule against the conversation's last state only if the rule's last state
    follows the same previous action.

    ``_get_possible_keys`` starts from every rule (183 here) and calls ``_is_rule_applicable`` on each for
    the last state, twice a turn; nearly all fail on the previous action. A rule whose last state names a
    previous action (``action_name`` or ``action_text``) can only match a state with that same value, and a
    rule that is a conversation start only a state without one (Rasa's own checks in ``_is_rule_applicable``
    and ``_does_rule_match_state``). So we group the rules by that value once per lookup and run Rasa's own
    check on the rules of the right group only. The rest of the search is Rasa's, and the first filter still
    walks every rule in Rasa's order, so the sets (and which rule of equal length wins) come out the same.
    """
    from rasa.core.policies.rule_policy import RulePolicy
    from rasa.shared.core.constants import PREVIOUS_ACTION, SHOULD_NOT_BE_SET
    from rasa.shared.nlu.constants import ACTION_NAME, ACTION_TEXT

    original = RulePolicy._get_possible_keys

    def previous(state: Any) -> Optional[tuple[str, Any]]:
        """What a last state's previous action pins down: ("name" or "text", value), or None for nothing."""
        action = state.get(PREVIOUS_ACTION) if isinstance(state, dict) else None
        if not isinstance(action, dict):
            return None
        for key in (ACTION_NAME, ACTION_TEXT):
            value = action.get(key)
            if value and value != SHOULD_NOT_BE_SET and isinstance(value, str):
                return key, value
        return None

    def groups(policy: RulePolicy, lookup: dict[str, Any]) -> Optional[dict[Any, set[str]]]:
        # Kept on the policy, one entry per lookup (the rules, and the rules for a form's unhappy path), with
        # the very dict it was worked out for; a new model brings new policies.
        entries: list[tuple[dict[str, Any], int, Any]] = policy.__dict__.setdefault(RULE_GROUPS_ATTRIBUTE, [])
        for known in entries:
            if known[0] is lookup and known[1] == len(lookup):
                return known[2]  # type: ignore[no-any-return]
        grouped: Optional[dict[Any, set[str]]] = {}
        try:
            for key in lookup:
                states = RulePolicy._rule_key_to_state(key)
                last = states[-1] if states else {}
                if not isinstance(last, dict):
                    raise TypeError
                pinned = previous(last) if last.get(PREVIOUS_ACTION) else START
                grouped.setdefault(pinned, set()).add(key)  # type: ignore[union-attr]
        except (ValueError, TypeError, IndexError, KeyError):
            grouped = None  # a rule we can't read: Rasa's own search
        entries[:] = [known for known in entries if known[0] is not lookup][-3:] + [(lookup, len(lookup), grouped)]
        return grouped

    def get_possible_keys(self: RulePolicy, lookup: dict[str, Any], states: list[Any]) -> set[str]:
        grouped = groups(self, lookup) if states else None
        if grouped is None or not isinstance(states[-1], dict):
            return original(self, lookup, states)
        last = states[-1]
        if last.get(PREVIOUS_ACTION):
            pinned = previous(last)
            candidates = grouped.get(None, set()) | (grouped.get(pinned, set()) if pinned else set())
            if pinned is None:  # a previous action we can't pin: every rule that has one may match
                candidates = set().union(*(keys for group, keys in grouped.items() if group is not START))
        else:
            candidates = grouped.get(START, set())
        applicable = {key for key in candidates if self._is_rule_applicable(key, 0, last)}
        possible_keys = set(lookup.keys())
        possible_keys = set(filter(lambda key: key in applicable, possible_keys))
        for i, state in enumerate(reversed(states)):
            if i == 0:
                continue
            possible_keys = set(filter(lambda key: self._is_rule_applicable(key, i, state), possible_keys))  # noqa: B023
        return possible_keys

    STOCK["RulePolicy._get_possible_keys"] = original
    RulePolicy._get_possible_keys = get_possible_keys  # type: ignore[method-assign]


RULE_GROUPS_ATTRIBUTE = "_rasa_patches_rule_groups"
START = ("conversation", "start")  # the group of rules whose last state is a conversation start


def _frozen(value: Any) -> Any:
    """A hashable stand-in for ``rule_only_data`` (a dict of lists of names)."""
    if isinstance(value, dict):
        return tuple(sorted((key, _frozen(item)) for key, item in value.items()))
    if isinstance(value, list | tuple):
        return tuple(_frozen(item) for item in value)
    if isinstance(value, set | frozenset):
        return frozenset(_frozen(item) for item in value)
    return value


def freeze_what_the_model_loaded() -> None:
    """Once the model is loaded, its objects are moved out of the garbage collector's way (``gc.freeze``).

    After loading, the Rasa process holds about half a million long-lived objects (TensorFlow, spaCy, Rasa,
    the model). Every full collection walked all of them: 170-210 ms in which no turn moved, which showed
    as the slowest turns under load. Frozen objects are still freed by reference counting; only the cycle
    search skips them. Loading another model (the HTTP API's PUT /model) unfreezes first, collects what
    the old model left, and freezes again.
    """
    import gc

    from rasa.core.agent import Agent

    original = Agent.load_model
    STOCK["Agent.load_model"] = original

    def load_model(self: Agent, *args: Any, **kwargs: Any) -> None:
        gc.unfreeze()
        original(self, *args, **kwargs)
        gc.collect()
        gc.freeze()

    Agent.load_model = load_model  # type: ignore[method-assign]


def reuse_http_connections() -> None:
    """Calls to the action server reuse one HTTP client and its open connections.

    ``EndpointConfig.request`` opens a new aiohttp ``ClientSession`` for every call, so every custom action
    paid for a new client, a TCP handshake and a new connection on the action server. Here each endpoint
    configuration (headers, auth) on each event loop keeps one session. Idle connections are closed after
    ``KEEPALIVE_S``, before a Sanic action server (5 s by default) would close them under a request.
    """
    import asyncio

    import aiohttp
    from rasa.utils.endpoints import DEFAULT_REQUEST_TIMEOUT, EndpointConfig

    per_loop: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, dict[tuple[Any, ...], aiohttp.ClientSession]]
    per_loop = weakref.WeakKeyDictionary()

    def session(self: EndpointConfig) -> Any:
        sessions = per_loop.setdefault(asyncio.get_running_loop(), {})
        auth = (self.basic_auth["username"], self.basic_auth["password"]) if self.basic_auth else None
        key = (tuple(sorted((str(k), str(v)) for k, v in self.headers.items())), auth)
        shared = sessions.get(key)
        if shared is None or shared.closed:
            shared = sessions[key] = aiohttp.ClientSession(
                headers=self.headers, auth=aiohttp.BasicAuth(*auth) if auth else None,
                timeout=aiohttp.ClientTimeout(total=DEFAULT_REQUEST_TIMEOUT), json_serialize=_dumps,
                connector=aiohttp.TCPConnector(keepalive_timeout=KEEPALIVE_S))
        return _Borrowed(shared)

    STOCK["EndpointConfig.session"] = EndpointConfig.session
    EndpointConfig.session = session  # type: ignore[method-assign]


KEEPALIVE_S = 4.0


def _dumps(value: Any) -> str:
    """The request body (the whole tracker, for a custom action) as JSON, with ujson: a few times faster
    than ``json.dumps``. What ujson refuses (NaN, a type it doesn't know) goes to ``json.dumps`` as before."""
    try:
        return str(ujson.dumps(value, ensure_ascii=False, escape_forward_slashes=False))
    except (TypeError, OverflowError, ValueError):
        return json.dumps(value)


class _Borrowed:
    """``async with`` a shared session without closing it at the end."""

    def __init__(self, session: Any) -> None:
        self._session = session

    async def __aenter__(self) -> Any:
        return self._session

    async def __aexit__(self, *exc: object) -> None:
        return None


class _Missing:
    """Marks a type name no event class knows (yet)."""
