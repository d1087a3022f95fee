"""Role-play probes over REST, in the shape of issue 12's hidden probes, plus a runner for one conversation file.

Each probe starts a rehearsal over REST (a different loved one each time), says two warm lines, then asks an
open question on one topic of the vocabulary in everyday words, and checks that the in-character reply's
`answers` names that topic. The pacing checks: three skilled lines don't reach `concession`, pressure keeps
them `guarded`, no `line_id` repeats in a rehearsal and the speaker never changes.

    PYTHONPATH=$PWD .venv/bin/python -m tests.e2e.roleplay_probes \
        [--conversations tests/data/conversations/blind_set.yml] [--probes FILE.tsv] [--rasa-port 5405 --action-port 5455]

starts its own servers (as the e2e fixture does) on the given ports and prints the report.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import uuid
from pathlib import Path
from typing import Any, Optional

import yaml

from tests.e2e.conftest import in_character

# Who the user is, said the way people say it; the set-up should need at most the goal after these.
STARTS = [
    ("my wife refuses to see a therapist, she's been drinking a lot", "she just says no and walks off"),
    ("my dad won't get help, he's been really down since he retired", "he says he'll think about it and never does"),
    ("my daughter won't see anyone about her anxiety", "she gets upset and cries whenever I bring it up"),
    ("my brother refuses counselling, he's angry all the time", "he says therapy is a con and doesn't work"),
    ("my best friend won't talk to anyone since her mum died", "she agrees and then never books it"),
]
WARM = [
    ("I really love you and I'm glad we can sit down together.", "It sounds like things have been hard lately."),
    ("Thanks for making time for a coffee with me.", "You've had a rough few months, haven't you."),
    ("I'm not here to lecture you, I just wanted to see you.", "It seems like you've been carrying a lot on your own."),
    ("It's good to be with you, honestly.", "I can see you've been really tired."),
]
# Open questions on each topic of the vocabulary, in words a worried relative might use (new wording, not the
# REST test's).
PROBES = [
    ("money", "What worries you about what it might cost?"),
    ("money", "how would paying for sessions fit with everything else you're paying for?"),
    ("time", "When would you even find the hours for something like that?"),
    ("stigma", "What do you think people would say if they found out you were seeing a counsellor?"),
    ("stigma", "How would it feel if the neighbours knew?"),
    ("past_experience", "What happened when you tried seeing someone years ago?"),
    ("medication", "What's your worry about them putting you on pills?"),
    ("labels", "How would you feel about being told you have depression, as a diagnosis?"),
    ("privacy", "What would you need to know about who gets to see what you tell them?"),
    ("fear_of_feelings", "What scares you about what might come up if you started talking about it?"),
    ("doubt_it_works", "What makes you think it wouldn't help?"),
    ("doubt_it_works", "What would you need to see to believe talking to someone could make a difference?"),
    ("independence", "What's it like to think about letting someone help you with this?"),
    ("culture_faith", "How would getting counselling sit with what you believe?"),
    ("family_role", "Who do you feel you need to keep it together for?"),
    ("feelings", "How are you feeling in yourself these days, honestly?"),
    ("feelings", "What's been weighing on you the most?"),
    ("the_relationship", "How have you felt about the two of us lately?"),
    ("the_future", "Where would you like to be this time next year?"),
    ("the_future", "What would you like things to look like a few months from now?"),
]
SKILLED = [
    "What would make talking to someone feel a bit less daunting?",
    "So you're exhausted, and the idea of one more thing to organise feels like too much.",
    "It's completely your call, and I'll be there whatever you decide.",
]
PRESSURE = [
    "You need to stop being so stubborn and just book it.",
    "If you don't go by Friday I'm telling everyone what's going on.",
    "I've already made you an appointment for Monday, so you're going.",
]
FALLBACK = ("i'm not sure i understood", "i didn't understand")


class Rehearsal:
    def __init__(self, talker: Any, index: int) -> None:
        self.talker, self.sender = talker, f"probe-{index}-{uuid.uuid4().hex[:6]}"
        first, form = STARTS[index % len(STARTS)]
        self.talker.say(self.sender, first)
        self.talker.say(self.sender, form)
        replies = self.talker.say(self.sender, "could we practise the conversation?")
        for _ in range(4):  # answer whatever the set-up still asks
            spoken = in_character(replies)
            if spoken:
                break
            text = " ".join(r.get("text") or "" for r in replies).lower()
            if "struggling" in text:
                answer = "they've been really low"
            elif "no show up" in text or "closest to what happens" in text:
                answer = form
            elif "who is it" in text:
                answer = first
            else:
                answer = "agree one small step"
            replies = self.talker.say(self.sender, answer)
        self.replies = in_character(replies)
        if not self.replies:
            raise RuntimeError(f"practice did not start: {replies}")
        self.speaker = self.replies[0]["text"].split(":", 1)[0]

    def say(self, line: str) -> Optional[dict[str, Any]]:
        spoken = in_character(self.talker.say(self.sender, line))
        if len(spoken) != 1:
            return None
        self.replies.append(spoken[0])
        return dict(spoken[0]["custom"])

    def contract_problems(self) -> list[str]:
        problems = []
        ids = [r["custom"].get("line_id") for r in self.replies]
        if len(ids) != len(set(ids)):
            problems.append(f"line_id repeated: {ids}")
        speakers = {r["text"].split(":", 1)[0] for r in self.replies}
        if speakers != {self.speaker}:
            problems.append(f"speaker changed: {speakers}")
        return problems


def read_probes(path: Path) -> list[tuple[str, str]]:
    """Probes from a TSV file with the header `topic<TAB>question` (e.g. a blind set, tests/data/roleplay_probes_blind.tsv)."""
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if not rows or rows[0] != ["topic", "question"]:
        raise SystemExit(f"{path}:1: expected the header 'topic<TAB>question'")
    for number, row in enumerate(rows[1:], start=2):
        if len(row) != 2:
            raise SystemExit(f"{path}:{number}: expected 2 tab-separated fields, got {len(row)}")
    return [(topic, question) for topic, question in rows[1:]]


def run_probes(talker: Any, probes: Optional[list[tuple[str, str]]] = None) -> tuple[int, int, list[str]]:
    probes = probes or PROBES
    hits, lines = 0, []
    for index, (topic, question) in enumerate(probes):
        talk = Rehearsal(talker, index)
        for line in WARM[index % len(WARM)]:
            talk.say(line)
        custom = talk.say(question) or {}
        ok = custom.get("answers") == topic
        hits += ok
        text = talk.replies[-1]["text"] if custom else "(no in-character reply)"
        mark = "ok  " if ok else "MISS"
        lines.append(f"{mark} {topic:17} answers={custom.get('answers')!s:17} stage={custom.get('stage')}  "
                     f"Q: {question}\n       A: {text[:160]}")
        lines.extend(f"     contract: {p}" for p in talk.contract_problems())
    pacing = []
    for index in range(5):
        talk = Rehearsal(talker, index)
        stages = [(talk.say(line) or {}).get("stage") for line in SKILLED]
        if "concession" in stages:
            pacing.append(f"skilled lines reached concession ({STARTS[index][0]}): {stages}")
        pressed = Rehearsal(talker, index + 1)
        stages = [(pressed.say(line) or {}).get("stage") for line in PRESSURE]
        if stages != ["guarded"] * 3:
            pacing.append(f"pressure left guarded ({STARTS[(index + 1) % 5][0]}): {stages}")
        pacing.extend(talk.contract_problems() + pressed.contract_problems())
    return hits, len(probes), lines + pacing


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--conversations", type=Path)
    parser.add_argument("--no-probes", action="store_true")
    parser.add_argument("--probes", type=Path, help="a TSV of probes (topic, question) instead of the built-in ones")
    parser.add_argument("--rasa-port", type=int, default=5405)
    parser.add_argument("--action-port", type=int, default=5455)
    args = parser.parse_args()

    from contentdb.engine import make_engine
    from contentdb.loader import load_content
    from tests.conftest import CONTENT_DIR, migrate
    from tests.e2e.conftest import Assistant, endpoints_with_small_cache
    from tests.e2e.dev_conversations import report, run_conversation

    workdir = Path(tempfile.mkdtemp(prefix="probes-"))
    content_url = f"sqlite:///{workdir / 'content.db'}"
    migrate(content_url)
    engine = make_engine(content_url)
    load_content(engine, CONTENT_DIR)
    engine.dispose()
    env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "PYTHONPATH": os.getcwd(),
           "CONTENT_DB_PATH": str(workdir / "content.db"), "TRACKER_DB": str(workdir / "tracker.db"),
           "ACTION_HOST": "127.0.0.1", "ACTION_PORT": str(args.action_port), "RASA_PORT": str(args.rasa_port),
           "RASA_AUTH_TOKEN": f"probe-{uuid.uuid4().hex}"}
    env.pop("DATABASE_URL", None)
    servers = Assistant(workdir=workdir, env=env, rasa_port=args.rasa_port, action_port=args.action_port,
                        endpoints=endpoints_with_small_cache(workdir / "endpoints.yml"))
    try:
        servers.start_actions()
        servers.start_rasa()
        if args.conversations:
            conversations = yaml.safe_load(args.conversations.read_text(encoding="utf-8"))["conversations"]
            results = [r for c in conversations for r in run_conversation(servers, c)]
            print(report(results))
        if not args.no_probes:
            hits, total, lines = run_probes(servers, read_probes(args.probes) if args.probes else None)
            print("\n".join(lines))
            print(f"\nprobes: {hits}/{total} answered the topic asked about")
    finally:
        for name in list(servers.processes):
            servers.stop(name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
