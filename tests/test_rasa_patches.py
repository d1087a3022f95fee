"""The Rasa patches (rasa_patches/) change how fast, never what: each compared with the Rasa code it replaces."""
from __future__ import annotations

import copy
from typing import Any

import jsonschema
import numpy as np
import pytest
from aiohttp import web
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.events import (
    ActionExecuted,
    ActiveLoop,
    AllSlotsReset,
    BotUttered,
    FollowupAction,
    Restarted,
    SessionStarted,
    SlotSet,
    UserUttered,
)
from rasa.utils.endpoints import EndpointConfig

import rasa_patches
from rasa_patches import patches
from tests.conftest import answered_turn, repo_domain, run_async

APPLIED = rasa_patches.apply()
DOMAIN = repo_domain()

VALID_EVENTS = [
    e.as_dict() for e in (
        SlotSet("relationship", "partner"), SlotSet("rehearsal_turns", 3), BotUttered("hi", {"buttons": []}),
        ActionExecuted("utter_greet"), ActiveLoop("rehearsal_form"), ActiveLoop(None), FollowupAction("action_listen"),
        UserUttered("hello", {"name": "greet", "confidence": 1.0}, [{"entity": "relationship", "value": "partner",
                                                                     "start": 0, "end": 3}]),
        AllSlotsReset(), Restarted(), SessionStarted(),
    )
]
VALID = [
    {}, {"events": [], "responses": []}, {"events": VALID_EVENTS, "responses": [{"text": "hi"}, {"response": "utter_greet"}]},
    {"responses": [{"text": "only a reply"}]}, {"events": [{"event": "slot", "name": "x", "value": None}]},
    {"events": [{"event": "bot", "text": None, "timestamp": None, "metadata": None}], "extra": 1},
    {"events": [{"event": "slot", "name": "x", "value": [1], "timestamp": 3, "metadata": {}, "extra": True}]},
    {"events": [{"event": "slot", "name": "", "value": {"a": 1}, "timestamp": 1.5e9}]},
]
INVALID = [
    [], "events", None, {"events": {}}, {"events": [1]}, {"events": [{}]}, {"events": [{"event": 3}]},
    {"events": [{"event": "no_such_event"}]}, {"events": [{"event": "slot", "name": 3}]},
    {"events": [{"event": "user", "text": "hi", "parse_data": {"intent": "greet"}}]},
    {"events": [{"event": "bot", "timestamp": "yesterday"}]}, {"events": [{"event": "bot", "metadata": []}]},
    {"responses": ["hi"]}, {"responses": {}}, {"events": VALID_EVENTS + [{"event": "slot", "name": None}]},
    {"events": [{"event": "slot", "name": "x"}]}, {"events": [{"event": "slot", "value": 1}]},
    {"events": [{"event": "slot", "name": "x", "value": 1, "timestamp": True}]},
    {"events": [{"event": "slot", "name": "x", "value": 1, "timestamp": "now"}]},
    {"events": [{"event": "slot", "name": "x", "value": 1, "metadata": "m"}]}, {"responses": [{}, None]},
]


def full_verdict(result: Any) -> bool:
    schema = RemoteAction.action_response_format_spec()
    return bool(jsonschema.validators.validator_for(schema)(schema).is_valid(result))


def fast_verdict(result: Any) -> bool:
    schema = RemoteAction.action_response_format_spec()
    check = patches._fast_action_response_check(schema, jsonschema.validators.validator_for(schema))
    assert check is not None, "the fast check no longer recognises Rasa's action-response schema"
    return check(result)


@pytest.mark.parametrize("result", VALID + INVALID)
def test_the_one_branch_check_agrees_with_the_full_schema(result: Any) -> None:
    assert fast_verdict(result) == full_verdict(result)


def test_the_cases_above_cover_both_verdicts() -> None:
    assert all(full_verdict(r) for r in VALID)
    assert not any(full_verdict(r) for r in INVALID)


@pytest.mark.parametrize("result", INVALID[3:])
def test_an_invalid_response_raises_the_same_error_as_rasa(result: Any) -> None:
    with pytest.raises(jsonschema.ValidationError) as ours:
        RemoteAction._validate_action_result(None, copy.deepcopy(result))  # type: ignore[arg-type]
    with pytest.raises(jsonschema.ValidationError) as stock:
        jsonschema.validate(result, RemoteAction.action_response_format_spec())
    assert ours.value.message.startswith(stock.value.message)
    assert "Failed to validate Action server response" in ours.value.message


def test_a_schema_of_another_shape_falls_back_to_full_validation() -> None:
    schema = RemoteAction.action_response_format_spec()
    schema["properties"]["events"]["items"] = {"type": "object"}
    assert patches._fast_action_response_check(schema, jsonschema.Draft7Validator) is None


def test_calls_to_an_endpoint_share_one_connection() -> None:
    """A real HTTP server counts the connections three calls arrive on: one, kept alive."""
    peers: list[Any] = []

    async def scenario() -> list[Any]:
        async def handle(request: web.Request) -> web.Response:
            peers.append(request.transport.get_extra_info("peername") if request.transport else None)
            return web.json_response({"echo": await request.json()})

        app = web.Application()
        app.router.add_post("/webhook", handle)
        runner = web.AppRunner(app)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        endpoint = EndpointConfig(f"http://127.0.0.1:{port}/webhook")
        try:
            answers = [await endpoint.request(json={"n": n}) for n in range(3)]
            async with endpoint.session() as session:
                await session.close()  # a closed shared session is replaced, not reused
            answers.append(await endpoint.request(json={"n": 3}))
        finally:
            await runner.cleanup()
        return answers

    answers = run_async(scenario())

    assert answers == [{"echo": {"n": n}} for n in range(4)]
    assert len(set(peers[:3])) == 1, f"expected one connection for the first three calls, saw {peers}"
    assert peers[3] != peers[0]


def test_the_tracker_sent_to_the_action_server_decodes_to_the_same_json() -> None:
    import json

    from rasa.shared.core.trackers import DialogueStateTracker, EventVerbosity

    tracker = DialogueStateTracker.from_dict("ana", VALID_EVENTS + [UserUttered(
        "mi compañera dice «no» / ✓ 🙂", {"name": "they_refused_help", "confidence": 0.1 + 0.2},
        metadata={"nan": float("nan")}).as_dict()])
    state = tracker.current_state(EventVerbosity.ALL)
    state["odd"] = {1: object.__name__, "big": 2**70, "small": 1e-300}

    ours = patches._dumps(state)

    assert "NaN" in ours  # as json.dumps writes it; NaN != NaN, so compare with it replaced
    assert json.loads(ours.replace("NaN", "null")) == json.loads(json.dumps(state).replace("NaN", "null"))
    with pytest.raises(TypeError):
        patches._dumps({"not json": object()})


def _conversation() -> Any:
    from rasa.shared.core.trackers import DialogueStateTracker

    tracker = DialogueStateTracker.from_events("ana", [ActionExecuted("action_session_start"), SessionStarted(),
                                                       ActionExecuted("action_listen")], slots=DOMAIN.slots)
    answered_turn(tracker, "my wife won't see anyone", SlotSet("relationship", "partner"))
    answered_turn(tracker, "i am so tired", ActiveLoop("therapy_talk_form"))
    return tracker


def _stock_states(tracker: Any, **kwargs: Any) -> list[Any]:
    from rasa.shared.core.domain import Domain


    return Domain.states_for_tracker_history(DOMAIN, tracker, **kwargs)


@pytest.mark.parametrize("kwargs", [{}, {"ignore_rule_only_turns": True, "omit_unset_slots": True,
                                         "rule_only_data": {"slots": ["pending_offer"], "loops": ["therapy_talk_form"]}}])
def test_remembered_states_are_the_states_rasa_computes(kwargs: dict[str, Any]) -> None:

    tracker = _conversation()
    first = tracker.past_states(DOMAIN, **kwargs)
    first[-1].setdefault("user", {})["intent"] = "edited by a featuriser"  # callers edit what they get
    first[-1].clear()
    again = tracker.past_states(DOMAIN, **kwargs)
    assert again == _stock_states(tracker, **kwargs)
    assert again[-1], "an edit to a returned state leaked into the memo"

    tracker.update(UserUttered("and resentful", {"name": "feel_resentful", "confidence": 1.0}))
    assert tracker.past_states(DOMAIN, **kwargs) == _stock_states(tracker, **kwargs)
    assert len(tracker.past_states(DOMAIN, **kwargs)) == len(again)  # a user message adds no action state...
    tracker.update(ActionExecuted("action_topic_content"))
    assert tracker.past_states(DOMAIN, **kwargs) == _stock_states(tracker, **kwargs)
    assert len(tracker.past_states(DOMAIN, **kwargs)) == len(again) + 1  # ...an action does


def test_states_are_computed_again_when_the_events_are_replaced_by_equal_copies() -> None:
    from rasa.shared.core.events import Event


    tracker = _conversation()
    before = tracker.past_states(DOMAIN)
    copies = [Event.from_parameters(e.as_dict()) for e in tracker.events]
    copies[-2] = SlotSet("relationship", "friend")  # same length, one event different
    tracker.events.clear()
    tracker.events.extend(copies)
    after = tracker.past_states(DOMAIN)
    assert after == _stock_states(tracker)
    assert after != before


def test_a_copied_slot_is_an_equal_independent_object() -> None:
    import copy as copy_module

    from rasa.shared.core.slots import Slot


    assert "__copy__" in vars(Slot), "the slot copy speed-up was not installed"
    for slot in DOMAIN.slots:
        copied = copy_module.copy(slot)
        generic = copy_module._reconstruct(slot, None, *slot.__reduce_ex__(4))  # type: ignore[attr-defined]
        assert type(copied) is type(slot) and copied is not slot
        assert vars(copied) == vars(generic) == vars(slot)
        sentinel = object()
        copied.value = sentinel
        assert slot.value is not sentinel


PATCHED = {  # what each patch replaces, as "owner attribute"
    "rasa.core.actions.action RemoteAction _validate_action_result",
    "rasa.shared.core.events Event resolve_by_type",
    "rasa.engine.runner.dask DaskGraphRunner run",
    "rasa.utils.endpoints EndpointConfig session",
    "rasa.shared.core.trackers DialogueStateTracker past_states",
    "rasa.core.policies.rule_policy RulePolicy _find_action_from_rules",
    "rasa.core.agent Agent load_model",
}
PROBE = """
import importlib, logging, sys
logging.basicConfig(level=logging.INFO, stream=sys.stdout, format="%(name)s %(message)s")
import trackers.store, channels.rest  # importing our modules patches nothing
import rasa
if len(sys.argv) > 1:
    rasa.__version__ = sys.argv[1]
import rasa_patches
from rasa.shared.core.slots import Slot
applied = rasa_patches.apply()
for line in sys.stdin.read().strip().splitlines():
    module, owner, name = line.split()
    print("PATCHED" if getattr(getattr(importlib.import_module(module), owner), name).__module__ == "rasa_patches.patches" else "STOCK")
print("SLOT", "__copy__" in vars(Slot))
print("APPLIED", len(applied))
"""


def _probe(env: dict[str, str], *argv: str) -> list[str]:
    import os
    import subprocess
    import sys

    from kernel.settings import REPO_ROOT

    done = subprocess.run([sys.executable, "-c", PROBE, *argv], input="\n".join(sorted(PATCHED)), capture_output=True, text=True,
                          cwd=REPO_ROOT, env={**os.environ, "RASA_TELEMETRY_ENABLED": "false", **env})
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.splitlines()


def test_every_patch_is_applied_by_the_one_entry_point_and_logged() -> None:
    out = _probe({"RASA_SPEEDUPS": "1"})
    assert out.count("PATCHED") == len(PATCHED) and "STOCK" not in out
    assert "SLOT True" in out and f"APPLIED {len(rasa_patches.PATCHES)}" in out
    assert any(line.startswith("rasa_patches Rasa patches applied for Rasa 3.6.21") for line in out)


def test_rasa_speedups_0_leaves_every_part_of_rasa_as_it_is() -> None:
    out = _probe({"RASA_SPEEDUPS": "0"})
    assert out.count("STOCK") == len(PATCHED) and "PATCHED" not in out
    assert "SLOT False" in out and "APPLIED 0" in out
    assert "rasa_patches Rasa patches: not applied (RASA_SPEEDUPS=0)" in out


def test_another_rasa_version_starts_unpatched_and_says_so() -> None:
    out = _probe({"RASA_SPEEDUPS": "1"}, "3.6.20")
    assert out.count("STOCK") == len(PATCHED) and "SLOT False" in out and "APPLIED 0" in out
    assert any("not applied" in line and "3.6.20" in line for line in out)


def test_the_patches_were_applied_in_this_test_process() -> None:
    """Otherwise the comparisons below would compare Rasa with itself."""
    assert APPLIED == list(rasa_patches.PATCHES)


def test_event_classes_are_the_ones_rasa_resolves() -> None:
    from rasa.shared.core.events import Event

    from rasa_patches.patches import _subclasses

    stock = patches.STOCK["Event.resolve_by_type"]
    names = {cls.type_name for cls in _subclasses(Event)} | {"event", "topic", "no_such_event", "", "USER"}
    for name in sorted(names) * 2:  # the second round comes from the remembered classes
        for default in (None, SlotSet):
            try:
                expected: Any = stock(name, default)
            except ValueError as error:
                expected = ("raises", str(error))
            try:
                ours: Any = Event.resolve_by_type(name, default)
            except ValueError as error:
                ours = ("raises", str(error))
            assert ours == expected, name
    assert Event.resolve_by_type("user") is UserUttered and Event.resolve_by_type("slot") is SlotSet


FREEZE_PROBES = {
    "the Rasa server, once the model is loaded": (
        "import gc, rasa_patches\nrasa_patches.apply()\nfrom rasa.core.agent import Agent\nbefore = gc.get_freeze_count()\n"
        "Agent().load_model('models/assistant.tar.gz')\nprint(before, gc.get_freeze_count())"),
    "the action server, once the actions are registered": (
        "import gc\nfrom actions.server import freeze_after_registering\nfrom rasa_sdk.executor import ActionExecutor\n"
        "freeze_after_registering()\nbefore = gc.get_freeze_count()\nexecutor = ActionExecutor()\n"
        "executor.register_package('actions')\nassert 'action_respond' in executor.actions\n"
        "print(before, gc.get_freeze_count())"),
}


@pytest.mark.parametrize("probe", FREEZE_PROBES.values(), ids=list(FREEZE_PROBES))
def test_long_lived_objects_are_frozen_after_loading(probe: str) -> None:
    import os
    import subprocess
    import sys

    from kernel.settings import REPO_ROOT

    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=REPO_ROOT,
                         env={**os.environ, "RASA_TELEMETRY_ENABLED": "false"})
    assert out.returncode == 0, out.stderr[-2000:]
    before, after = map(int, out.stdout.split()[-2:])
    assert before == 0 and after > 50_000, (before, after)


MODEL = "models/assistant.tar.gz"


@pytest.fixture(scope="module")
def agent() -> Any:
    from rasa.core.agent import Agent

    from kernel.settings import REPO_ROOT

    if not (REPO_ROOT / MODEL).exists():
        pytest.fail(f"No trained model at {MODEL}. Run 'make train' (make test does it for you).")
    return Agent.load(str(REPO_ROOT / MODEL))


@pytest.fixture(scope="module")
def rule_policy(agent: Any) -> Any:
    from rasa.core.policies.rule_policy import RulePolicy

    nodes = agent.processor.graph_runner._instantiated_nodes  # type: ignore[union-attr]
    return next(node._component for node in nodes.values() if isinstance(getattr(node, "_component", None), RulePolicy))


def _after(*intents: str, loop: str | None = None) -> Any:
    from rasa.shared.core.trackers import DialogueStateTracker


    events: list[Any] = [ActionExecuted("action_session_start"), SessionStarted(), ActionExecuted("action_listen")]
    for n, intent in enumerate(intents):
        events.append(UserUttered(f"message {n} about {intent}", {"name": intent, "confidence": 1.0}))
        if n < len(intents) - 1:
            events += [ActionExecuted("action_topic_content"), ActionExecuted("action_listen")]
    if loop:
        events[-1:-1] = [ActionExecuted(loop), ActiveLoop(loop), ActionExecuted("action_listen")]
    return DialogueStateTracker.from_events("ana", events, slots=DOMAIN.slots)


CONVERSATIONS = [
    ("greet",), ("they_refused_help",), ("crisis",), ("start_roleplay",), ("feel_resentful", "affirm"),
    ("how_to_bring_up_therapy", "deny"), ("out_of_scope",), ("delete_my_data", "affirm"), ("nlu_fallback",),
    ("bot_challenge",), ("goodbye",),
]


@pytest.mark.parametrize("intents", CONVERSATIONS + [("how_to_bring_up_therapy", "inform"), ("start_roleplay", "stop_roleplay")])
@pytest.mark.parametrize("loop", [None, "therapy_talk_form"])
def test_rule_predictions_are_rasas_with_the_text_pass_skipped(
        rule_policy: Any, monkeypatch: pytest.MonkeyPatch, intents: tuple[str, ...], loop: str | None) -> None:
    from rasa.core.policies.rule_policy import RulePolicy


    ours = rule_policy._predict(_after(*intents, loop=loop), DOMAIN)
    monkeypatch.setattr(RulePolicy, "_find_action_from_rules", patches.STOCK["RulePolicy._find_action_from_rules"])
    stock = rule_policy._predict(_after(*intents, loop=loop), DOMAIN)

    assert ours[1] == stock[1]
    assert ours[0].probabilities == stock[0].probabilities
    assert ours[0].events == stock[0].events and ours[0].is_end_to_end_prediction == stock[0].is_end_to_end_prediction


def test_our_rules_let_the_text_pass_be_skipped(rule_policy: Any) -> None:
    """Otherwise the speed-up silently does nothing."""

    tracker = _after("they_refused_help")
    assert rule_policy._find_action_from_rules(tracker, DOMAIN, True) == (None, None, False)
    stock = patches.STOCK["RulePolicy._find_action_from_rules"](rule_policy, tracker, DOMAIN, True)
    assert stock[0] is None and stock[1] is not None  # the stock pass ran and found nothing


def test_the_conversations_above_lead_to_different_rules(rule_policy: Any) -> None:

    predicted = {DOMAIN.action_names_or_texts[int(np.argmax(rule_policy._predict(_after(*c), DOMAIN)[0].probabilities))]
                 for c in CONVERSATIONS}
    assert len(predicted) >= 5, predicted


MESSAGES = ["my husband refuses to see a therapist", "i want to end it all", "hi", "asdf qwerty", "", "😊" * 50]


def _what_the_model_says(agent: Any) -> tuple[list[Any], list[Any]]:
    parsed = [run_async(agent.parse_message(text)) for text in MESSAGES]
    predicted = [agent.processor.predict_next_with_tracker(_after(*intents, loop=loop))
                 for intents in CONVERSATIONS for loop in (None, "therapy_talk_form")]
    # The prediction also echoes the tracker, whose events carry the time they were made: compare the verdict.
    return parsed, [(p["scores"], p["policy"], p["confidence"]) for p in predicted if p is not None]


def test_the_graph_run_in_order_gives_rasas_results_and_errors(agent: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from rasa.engine.exceptions import GraphRunError
    from rasa.engine.runner.dask import DaskGraphRunner

    ours = _what_the_model_says(agent)
    runner = agent.processor.graph_runner
    clash = next(iter(runner._graph_schema.nodes))  # an input whose value names a node: Rasa refuses it
    with pytest.raises(GraphRunError, match="clashes with a node name") as raised:
        runner.run(inputs={"__message__": clash}, targets=[clash])
    monkeypatch.setattr(DaskGraphRunner, "run", patches.STOCK["DaskGraphRunner.run"])
    assert _what_the_model_says(agent) == ours
    with pytest.raises(GraphRunError) as stock_raised:
        runner.run(inputs={"__message__": clash}, targets=[clash])
    assert str(raised.value) == str(stock_raised.value)


def test_a_model_loaded_again_starts_without_the_old_models_caches(agent: Any) -> None:
    from kernel.settings import REPO_ROOT
    from rasa_patches.patches import MINIMAL_SCHEMAS_ATTRIBUTE, TEXT_PASS_ATTRIBUTE

    before = _what_the_model_says(agent)
    old_runner = agent.processor.graph_runner
    assert MINIMAL_SCHEMAS_ATTRIBUTE in vars(old_runner)
    agent.load_model(str(REPO_ROOT / MODEL))  # what PUT /model does
    runner = agent.processor.graph_runner
    assert runner is not old_runner and MINIMAL_SCHEMAS_ATTRIBUTE not in vars(runner)
    policies = [node._component for node in runner._instantiated_nodes.values() if hasattr(node, "_component")]
    assert not any(TEXT_PASS_ATTRIBUTE in vars(policy) for policy in policies)
    assert _what_the_model_says(agent) == before


def _states_to_check(rule_policy: Any) -> list[list[Any]]:
    """Dialogue states right after a user message, after each kind of action, at a conversation start, in a form."""
    trackers = [_after(*intents, loop=loop) for intents in CONVERSATIONS for loop in (None, "therapy_talk_form")]
    for name in ["action_respond", "utter_greet", "utter_crisis", "roleplay_setup_form", "utter_safety_screen", "action_listen"]:
        for intents in CONVERSATIONS[:6]:
            tracker = _after(*intents)
            tracker.update(ActionExecuted(name))
            trackers.append(tracker)
    states = [rule_policy._prediction_states(tracker, DOMAIN) for tracker in trackers]
    states += [[{}], [{"prev_action": {"action_text": "some bot text"}}], [{"user": {"intent": "greet"}}]]
    return states


def test_rule_search_by_previous_action_finds_rasas_rules_in_rasas_order(rule_policy: Any) -> None:
    from rasa.core.policies.rule_policy import RULES, RULES_FOR_LOOP_UNHAPPY_PATH

    stock = patches.STOCK["RulePolicy._get_possible_keys"]
    found = 0
    for lookup in (rule_policy.lookup[RULES], rule_policy.lookup[RULES_FOR_LOOP_UNHAPPY_PATH]):
        for states in _states_to_check(rule_policy):
            ours = rule_policy._get_possible_keys(lookup, states)
            theirs = stock(rule_policy, lookup, states)
            assert list(ours) == list(theirs)  # same rules, iterated in the same order (ties go the same way)
            found += len(ours)
    assert found > 20  # the states above do reach rules


def test_rule_search_only_checks_the_rules_that_follow_the_same_action(rule_policy: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from rasa.core.policies.rule_policy import RULES, RulePolicy

    checked: list[str] = []
    real = RulePolicy._is_rule_applicable
    monkeypatch.setattr(RulePolicy, "_is_rule_applicable", lambda self, key, i, state: checked.append(key) or real(self, key, i, state))
    rule_policy._get_possible_keys(rule_policy.lookup[RULES], rule_policy._prediction_states(_after("greet"), DOMAIN))
    assert 0 < len(checked) < len(rule_policy.lookup[RULES]) / 2, len(checked)


def test_a_token_that_starts_with_a_dash_reaches_rasa_as_the_token() -> None:
    """token_urlsafe made .rasa_token "-2Z..." once, and `make run` died with "--auth-token: expected one argument".
    scripts/serve.sh passes it joined with "=" (as the e2e servers do, with a token that starts with "-")."""
    from rasa.__main__ import create_argument_parser

    from kernel.settings import REPO_ROOT

    serve = (REPO_ROOT / "scripts" / "serve.sh").read_text()
    assert '--auth-token="$RASA_AUTH_TOKEN"' in serve and "token_hex" in serve
    args = create_argument_parser().parse_args(["run", "--auth-token=-2Zabc", "--port", "5005"])
    assert args.auth_token == "-2Zabc"
