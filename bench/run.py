"""`make bench`: this assistant against the stock `rasa init` assistant, side by side in one run.

Writes results/bench.md and PNG plots. Every number is measured here, now; speeds are compared as
ratios taken in the same run, since absolute times on a shared 2-core machine are noisy.
"""
from __future__ import annotations

import csv
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import requests
from tqdm import tqdm

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
BIN = Path(sys.executable).parent
RESULTS = REPO / "results"
ENV = {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "PYTHONPATH": str(REPO), "TF_CPP_MIN_LOG_LEVEL": "3"}

OUR_MESSAGES = [
    "my husband flat out refuses to see a therapist", "he just says he's fine and changes the subject", "why?",
    "i'm so exhausted by all of this", "i feel resentful and then guilty", "am i enabling her by paying her rent",
    "how do i set a boundary with my brother", "why won't he accept help", "where can i get support for me",
    "she asked what therapy is like, is that a good sign", "thanks", "hello",
]
BASELINE_MESSAGES = ["hello", "i am sad", "yes", "no", "are you a bot?", "great", "bye", "good morning", "very bad", "perfect"]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def rss_mb(pid: int) -> float:
    total = 0
    for p in [pid, *children(pid)]:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


def children(pid: int) -> list[int]:
    try:
        out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
    except OSError:
        return []
    found = [int(p) for p in out]
    return found + [c for p in found for c in children(p)]


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_up(url: str, process: subprocess.Popen, limit: float = 300) -> float:
    start = time.monotonic()
    while time.monotonic() - start < limit:
        if process.poll() is not None:
            raise RuntimeError(f"server exited while starting ({url})")
        try:
            if requests.get(url, timeout=2).status_code == 200:
                return time.monotonic() - start
        except requests.RequestException:
            pass
        time.sleep(0.25)
    raise RuntimeError(f"{url} not up after {limit}s")


@dataclass
class Server:
    name: str
    url: str
    processes: list[subprocess.Popen] = field(default_factory=list)
    start_s: float = 0.0

    def say(self, sender: str, text: str) -> float:
        t = time.perf_counter()
        r = requests.post(f"{self.url}/webhooks/rest/webhook", json={"sender": sender, "message": text}, timeout=60)
        r.raise_for_status()
        return (time.perf_counter() - t) * 1000

    def stop(self) -> None:
        for p in self.processes:
            p.terminate()
        for p in self.processes:
            try:
                p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                p.kill()


def timed(cmd: list[str], cwd: Path, env: dict[str, str]) -> float:
    t = time.monotonic()
    subprocess.run(cmd, cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.monotonic() - t


def build_baseline(work: Path) -> tuple[Path, float]:
    target = work / "baseline"
    target.mkdir()
    t = timed([str(BIN / "rasa"), "init", "--no-prompt", "--init-dir", str(target)], work, ENV)
    return target, t


def train_ours(work: Path) -> float:
    copy = work / "ours"
    shutil.copytree(REPO, copy, ignore=shutil.ignore_patterns(".venv", "models", "results", ".git", "*.db", "node_modules", ".stamps"))
    return timed([str(BIN / "rasa"), "train", "--domain", "domain", "--force", "--fixed-model-name", "assistant", "--out", "models"], copy, {**ENV, "PYTHONPATH": str(copy)})


def start_baseline(project: Path) -> Server:
    port = free_port()
    model = sorted((project / "models").glob("*.tar.gz"))[-1]
    p = subprocess.Popen([str(BIN / "rasa"), "run", "--enable-api", "--port", str(port), "--model", str(model)],
                         cwd=project, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    server = Server("stock rasa init", f"http://127.0.0.1:{port}", [p])
    server.start_s = wait_up(f"{server.url}/status", p)
    return server


@dataclass(frozen=True)
class Variant:
    """One configuration of this assistant, to measure what a lever is worth."""

    label: str
    tracker_store: str = "trackers.store.ForgetfulSQLTrackerStore"
    workers: int = 1  # Sanic workers; more than one needs a lock store other than memory (Redis)
    speedups: bool = True  # rasa_patches/ (RASA_SPEEDUPS=0 turns them off)
    memoization: bool = False  # MemoizationPolicy next to the RulePolicy (a model trained for it)


OURS = Variant("this assistant (as `make run` serves it)")
LEVERS = [
    Variant("with Rasa's stock SQL tracker store (no memory between turns, no cut, no speed-ups)", tracker_store="SQL"),
    Variant("without the Rasa speed-ups (`rasa_patches/`, RASA_SPEEDUPS=0)", speedups=False),
    Variant("with MemoizationPolicy (max_history 4) next to the RulePolicy", memoization=True),
    Variant("with 2 Sanic workers and a Redis lock store", workers=2),
]


def model_for(variant: Variant, work: Path) -> Path:
    """Our trained model, or for the MemoizationPolicy lever one trained with it added (once per run)."""
    if not variant.memoization:
        return REPO / "models/assistant.tar.gz"
    model = work / "memoization" / "assistant.tar.gz"
    if not model.exists():
        import yaml

        config = yaml.safe_load((REPO / "config.yml").read_text())
        config["policies"].append({"name": "MemoizationPolicy", "max_history": 4})
        (work / "memoization").mkdir(exist_ok=True)
        path = work / "memoization" / "config.yml"
        path.write_text(yaml.safe_dump(config, sort_keys=False))
        timed([str(BIN / "rasa"), "train", "--domain", "domain", "--config", str(path), "--fixed-model-name", "assistant", "--out", str(model.parent)], REPO, ENV)
    return model


def endpoints_for(variant: Variant, work: Path) -> Path:
    import yaml

    endpoints = yaml.safe_load((REPO / "endpoints.yml").read_text())
    endpoints["tracker_store"]["type"] = variant.tracker_store
    if variant.workers > 1:
        endpoints["lock_store"] = {"type": "redis", "url": "127.0.0.1", "port": 6379, "db": 1}
    path = work / f"endpoints-{abs(hash(variant))}.yml"
    # Rasa expands ${VAR} only where the YAML leaves it unquoted; safe_dump would quote it.
    path.write_text(yaml.safe_dump(endpoints, sort_keys=False).replace("'${", "${").replace("}'", "}"))
    return path


def redis_up() -> bool:
    import socket

    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


def start_ours(work: Path, variant: Variant = OURS) -> Server:
    from contentdb.engine import make_engine
    from contentdb.loader import load_content
    from scripts.credentials import write_credentials
    from tests.conftest import migrate

    tag = abs(hash(variant))
    db = work / f"content-{tag}.db"
    url = f"sqlite:///{db}"
    migrate(url)
    engine = make_engine(url)
    load_content(engine, REPO / "content")
    engine.dispose()
    aport, rport = free_port(), free_port()
    env = {**ENV, "CONTENT_DB_PATH": str(db), "TRACKER_DB": str(work / f"tracker-{tag}.db"), "ACTION_HOST": "127.0.0.1",
           "ACTION_PORT": str(aport), "SANIC_HOST": "127.0.0.1", "SANIC_KEEP_ALIVE_TIMEOUT": "60",
           "SANIC_WORKERS": str(variant.workers), "RASA_SPEEDUPS": "1" if variant.speedups else "0"}
    # The channels `make run` serves (our REST channel, Socket.IO, the privacy endpoint), as configured here.
    creds = work / "credentials.yml"
    write_credentials(creds, env={k: v for k, v in env.items() if k != "RASA_AUTH_TOKEN"})
    a = subprocess.Popen([str(BIN / "python"), "-m", "actions.server", "--actions", "actions", "--port", str(aport)],
                         cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_up(f"http://127.0.0.1:{aport}/health", a)
    # As `make run`: Rasa through rasa_patches.run, which applies the patches (RASA_SPEEDUPS=0: none) and runs Rasa's CLI.
    r = subprocess.Popen([str(BIN / "python"), "-m", "rasa_patches.run", "run", "--enable-api", "--port", str(rport),
                          "--model", str(model_for(variant, work)),
                          "--endpoints", str(endpoints_for(variant, work)), "--credentials", str(creds)],
                         cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    server = Server("this assistant" if variant == OURS else variant.label, f"http://127.0.0.1:{rport}", [r, a])
    server.start_s = wait_up(f"{server.url}/status", r)
    return server


def single_user(server: Server, messages: list[str], turns: int) -> list[float]:
    latencies = []
    for i in tqdm(range(turns), desc=f"{server.name}: 1 user", leave=False):
        latencies.append(server.say(f"solo-{i // 12}", messages[i % len(messages)]))
    return latencies


def concurrent_users(server: Server, messages: list[str], users: int, turns_each: int) -> tuple[list[float], float]:
    latencies: list[float] = []
    lock = threading.Lock()
    bar = tqdm(total=users * turns_each, desc=f"{server.name}: {users} users", leave=False)

    def user(u: int) -> None:
        for t in range(turns_each):
            ms = server.say(f"crowd-{u}-{random.random():.6f}"[:24] if t == 0 else f"crowd-{u}", messages[(u + t) % len(messages)])
            with lock:
                latencies.append(ms)
                bar.update(1)

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=users) as pool:
        list(pool.map(user, range(users)))
    elapsed = time.perf_counter() - start
    bar.close()
    return latencies, len(latencies) / elapsed


def interleaved_single_user(base: Server, ours: Server, turns: int) -> dict[str, list[float]]:
    """One user on each, turn about: stock, ours, stock, ours... Whatever else the machine is doing then (a
    burst from another process, a slow minute) falls on both alike, so the ratio compares like with like."""
    solo: dict[str, list[float]] = {base.name: [], ours.name: []}
    for i in tqdm(range(turns), desc="1 user, turn about", leave=False):
        for server, messages in ((base, BASELINE_MESSAGES), (ours, OUR_MESSAGES)) if i % 2 == 0 else (
                (ours, OUR_MESSAGES), (base, BASELINE_MESSAGES)):
            solo[server.name].append(server.say(f"solo-{i // 12}", messages[i % len(messages)]))
    return solo


def interleaved_crowds(base: Server, ours: Server, users: int, turns_each: int, rounds: int = 2) -> dict[str, tuple[list[float], float]]:
    """``users`` people at once on each, in alternating rounds (stock, ours, ours, stock), pooled: like the turn
    about above, so a busy spell on the machine doesn't land on one assistant only."""
    per_round = max(1, turns_each // rounds)
    latencies: dict[str, list[float]] = {base.name: [], ours.name: []}
    elapsed: dict[str, float] = {base.name: 0.0, ours.name: 0.0}
    order = [(base, BASELINE_MESSAGES), (ours, OUR_MESSAGES)]
    for r in range(rounds):
        for server, messages in order if r % 2 == 0 else list(reversed(order)):
            found, rate = concurrent_users(server, messages, users, per_round)
            latencies[server.name].extend(found)
            elapsed[server.name] += len(found) / rate
    return {name: (found, len(found) / elapsed[name]) for name, found in latencies.items()}


def long_conversation(server: Server, messages: list[str], turns: int) -> list[float]:
    sender = f"long-{random.randint(0, 10**9)}"
    return [server.say(sender, messages[i % len(messages)]) for i in tqdm(range(turns), desc=f"{server.name}: {turns}-turn chat", leave=False)]


def lookup_p95(sizes: list[int], work: Path) -> dict[int, float]:
    from sqlalchemy.orm import Session

    from contentdb.engine import make_engine
    from contentdb.models import ContentItem
    from contentdb.queries import pick_content
    from kernel.vocabulary import ANY, Kind, Relationship, Topic
    from tests.conftest import migrate

    out = {}
    for size in sizes:
        url = f"sqlite:///{work / f'lookup-{size}.db'}"
        migrate(url)
        engine = make_engine(url)
        rng = random.Random(size)
        rels = [r.value for r in Relationship] + [ANY]
        kinds = [rng.choice(list(Kind)).value for _ in range(size)]
        with Session(engine) as s, s.begin():
            s.bulk_insert_mappings(ContentItem, [  # type: ignore[arg-type]
                {"id": f"bench.{i}", "kind": kind, "topic": rng.choice(list(Topic)).value,
                 "relationship": rng.choice(rels), "resistance_form": ANY, "concern": ANY,
                 "alternative": "a" if kind == Kind.AVOID.value else None, "text": "t", "reason": "r", "grounding": "g",
                 "source": "bench"}
                for i, kind in enumerate(kinds)
            ])
        s2 = Session(engine)
        times = []
        for _ in range(300):
            t = time.perf_counter()
            pick_content(session=s2, topic=rng.choice(list(Topic)), kind=Kind.REFRAME, relationship=rng.choice(rels[:-1]),
                         exclude=[f"bench.{rng.randrange(size)}" for _ in range(10)], limit=3)
            times.append((time.perf_counter() - t) * 1000)
        s2.close()
        engine.dispose()
        out[size] = percentile(times, 95)
    # Avoid the kind filter producing avoid items without alternatives: bench rows are never read as content.
    return out


def nlu_cv() -> tuple[float, float]:
    import glob
    import re

    import numpy as np
    import yaml
    from sklearn.metrics import f1_score
    from sklearn.model_selection import StratifiedKFold

    from components.concepts import with_concepts
    from components.intent_classifier import build_pipeline

    texts, labels = [], []
    for f in sorted(glob.glob(str(REPO / "data/nlu/*.yml"))):
        for block in yaml.safe_load(open(f))["nlu"]:
            for line in (block.get("examples") or "").splitlines():
                line = line.strip()
                if line.startswith("- ") and "intent" in block:
                    texts.append(with_concepts(re.sub(r"\[([^\]]+)\]\{[^}]*\}", r"\1", line[2:])))
                    labels.append(block["intent"])
    x, y = np.array(texts, dtype=object), np.array(labels)
    scores, crisis = [], []
    for train, test in StratifiedKFold(5, shuffle=True, random_state=0).split(x, y):
        pred = build_pipeline().fit(list(x[train]), y[train]).predict(list(x[test]))
        scores.append(f1_score(y[test], pred, average="macro"))
        mask = y[test] == "crisis"
        crisis.append(float((pred[mask] == "crisis").mean()))
    return float(np.mean(scores)), float(np.mean(crisis))


def coding_scores() -> list[tuple[str, float, float, int]]:
    from actions.rehearsal.coding import ORDER, code

    rows = list(csv.reader(open(REPO / "tests/data/coding_gold.tsv"), delimiter="\t"))[1:]
    out = []
    for c in ORDER:
        tp = fp = fn = 0
        for text, codes in rows:
            gold, pred = c.value in codes.split(","), c.value in code(text)
            tp += gold and pred
            fp += pred and not gold
            fn += gold and not pred
        out.append((c.value, tp / max(1, tp + fp), tp / max(1, tp + fn), tp + fn))
    return out


def plot(ours: list[float], base: list[float], long_ours: list[float], long_base: list[float]) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7, 4))
    top = max(percentile(ours, 99), percentile(base, 99))
    ax.hist([ours, base], bins=40, range=(0, top), label=["this assistant", "stock rasa init"], color=["#4c7a9f", "#c9a227"])
    ax.set_xlabel("REST turn latency, one user (ms)")
    ax.set_ylabel("turns")
    ax.legend()
    ax.set_title("Latency distribution")
    fig.tight_layout()
    fig.savefig(RESULTS / "bench_latency.png", dpi=110)
    fig, ax = plt.subplots(figsize=(7, 4))
    ax.plot(range(1, len(long_ours) + 1), long_ours, label="this assistant", color="#4c7a9f", linewidth=0.8)
    ax.plot(range(1, len(long_base) + 1), long_base, label="stock rasa init", color="#c9a227", linewidth=0.8)
    ax.set_xlabel("turn in one conversation")
    ax.set_ylabel("latency (ms)")
    ax.legend()
    ax.set_title("Latency against conversation length")
    fig.tight_layout()
    fig.savefig(RESULTS / "bench_turns.png", dpi=110)


def main() -> int:
    RESULTS.mkdir(exist_ok=True)
    quick = os.environ.get("BENCH_QUICK") == "1"
    turns, users, each, long_turns = (40, 10, 4, 60) if quick else (200, 20, 10, 200)
    work = Path(tempfile.mkdtemp(prefix="bench-"))
    steps: list[tuple[str, Callable[[], object]]] = []
    r: dict[str, object] = {}
    steps.append(("train the stock rasa init assistant", lambda: r.update(zip(("base_dir", "base_train"), build_baseline(work), strict=False))))
    steps.append(("train this assistant from scratch", lambda: r.update(our_train=train_ours(work))))
    steps.append(("NLU cross-validation", lambda: r.update(zip(("f1", "crisis_recall"), nlu_cv(), strict=False))))
    steps.append(("MI coding against the labelled set", lambda: r.update(coding=coding_scores())))
    steps.append(("content lookups at 1k/10k/100k items", lambda: r.update(lookup=lookup_p95([1_000, 10_000, 100_000], work))))
    progress = tqdm(steps, desc="bench", unit="step")
    for label, step in progress:
        progress.set_postfix_str(label)
        step()
    base = start_baseline(r["base_dir"])  # type: ignore[arg-type]
    ours = start_ours(work)
    try:
        # Interleave the two so both see the same machine conditions.
        for s in (base, ours):
            single_user(s, BASELINE_MESSAGES if s is base else OUR_MESSAGES, 5)  # warm-up
        solo = interleaved_single_user(base, ours, turns)
        crowd = interleaved_crowds(base, ours, users, each)
        long = {s.name: long_conversation(s, BASELINE_MESSAGES if s is base else OUR_MESSAGES, long_turns) for s in (base, ours)}
        rss = {s.name: [rss_mb(p.pid) for p in s.processes] for s in (base, ours)}
        starts = {s.name: s.start_s for s in (base, ours)}
    finally:
        base.stop()
        ours.stop()
    levers = measure_levers(work, turns, users, each, long_turns)
    b, o = base.name, ours.name
    plot(solo[o], solo[b], long[o], long[b])
    write_report(r, solo, crowd, long, rss, starts, b, o, users, quick, levers)
    shutil.rmtree(work, ignore_errors=True)
    print((RESULTS / "bench.md").read_text())
    return 0


@dataclass
class LeverResult:
    label: str
    solo: list[float] = field(default_factory=list)
    crowd: list[float] = field(default_factory=list)
    throughput: float = 0.0
    long: list[float] = field(default_factory=list)
    skipped: str = ""


def measure_levers(work: Path, turns: int, users: int, each: int, long_turns: int) -> list[LeverResult]:
    """Each lever's configuration, started and measured the same way as the main run, one after another."""
    results = []
    for variant in tqdm(LEVERS, desc="levers", unit="variant"):
        result = LeverResult(variant.label)
        if variant.workers > 1 and not redis_up():
            result.skipped = "Redis is not running on 127.0.0.1:6379"
            results.append(result)
            continue
        server = start_ours(work, variant)
        try:
            single_user(server, OUR_MESSAGES, 5)
            result.solo = single_user(server, OUR_MESSAGES, turns)
            result.crowd, result.throughput = concurrent_users(server, OUR_MESSAGES, users, each)
            result.long = long_conversation(server, OUR_MESSAGES, long_turns)
        finally:
            server.stop()
        results.append(result)
    return results


def lever_rows(levers: list[LeverResult], base_solo: list[float], base_crowd: list[float]) -> list[str]:
    """Table rows; in brackets each p50/p95 as a ratio to the stock assistant's."""
    rows = []
    for lever in levers:
        if lever.skipped:
            rows.append(f"| {lever.label} | not measured: {lever.skipped} | | | | | |")
            continue
        head = min(10, len(lever.long) // 4)
        first, last = statistics.median(lever.long[:head]), statistics.median(lever.long[-head:])
        rows.append(
            f"| {lever.label} | {percentile(lever.solo, 50):.0f} ({percentile(lever.solo, 50) / percentile(base_solo, 50):.2f}) "
            f"| {percentile(lever.solo, 95):.0f} | {percentile(lever.crowd, 50):.0f} ({percentile(lever.crowd, 50) / percentile(base_crowd, 50):.2f}) "
            f"| {percentile(lever.crowd, 95):.0f} ({percentile(lever.crowd, 95) / percentile(base_crowd, 95):.2f}) | {lever.throughput:.1f} | {first:.0f} → {last:.0f} ({100 * (last / first - 1):+.0f}%) |"
        )
    return rows


def write_report(r, solo, crowd, long, rss, starts, b, o, users, quick, levers) -> None:  # type: ignore[no-untyped-def]
    from trackers.cached import DEFAULT_WINDOW_TURNS

    def ratio(x: float, y: float) -> str:
        return f"{x / y:.2f}"

    head = min(10, len(long[o]) // 4)
    first, last = statistics.median(long[o][:head]), statistics.median(long[o][-head:])
    bfirst, blast = statistics.median(long[b][:head]), statistics.median(long[b][-head:])
    lines = [
        "# Benchmark: this assistant against the stock `rasa init` assistant",
        "",
        f"Measured side by side in one run on this machine ({os.cpu_count()} cores){' — QUICK mode, fewer turns' if quick else ''}. "
        "Ratios are ours ÷ baseline (lower is better for times). One user: the two take turns about, message by message; "
        f"{users} users: alternating rounds on each (stock, ours, ours, stock), so both see the same machine.",
        "",
        "| measure | stock rasa init | this assistant | ratio |",
        "|---|---|---|---|",
        f"| p50 per turn, 1 user (ms) | {percentile(solo[b], 50):.0f} | {percentile(solo[o], 50):.0f} | {ratio(percentile(solo[o], 50), percentile(solo[b], 50))} |",
        f"| p95 per turn, 1 user (ms) | {percentile(solo[b], 95):.0f} | {percentile(solo[o], 95):.0f} | {ratio(percentile(solo[o], 95), percentile(solo[b], 95))} |",
        f"| p50 per turn, {users} users (ms) | {percentile(crowd[b][0], 50):.0f} | {percentile(crowd[o][0], 50):.0f} | "
        f"{ratio(percentile(crowd[o][0], 50), percentile(crowd[b][0], 50))} |",
        f"| p95 per turn, {users} users (ms) | {percentile(crowd[b][0], 95):.0f} | {percentile(crowd[o][0], 95):.0f} | "
        f"{ratio(percentile(crowd[o][0], 95), percentile(crowd[b][0], 95))} |",
        f"| throughput, {users} users (requests/s) | {crowd[b][1]:.1f} | {crowd[o][1]:.1f} | {ratio(crowd[o][1], crowd[b][1])} |",
        f"| turn 1-{head} vs last {head} of {len(long[o])} turns, median (ms) | {bfirst:.0f} → {blast:.0f} | {first:.0f} → {last:.0f} | "
        f"ours grows {100 * (last / first - 1):+.0f}% |",
        f"| train from scratch (s) | {r['base_train']:.0f} | {r['our_train']:.0f} | {ratio(r['our_train'], r['base_train'])} |",
        f"| server start until /status answers (s) | {starts[b]:.1f} | {starts[o]:.1f} | {ratio(starts[o], starts[b])} |",
        f"| memory RSS: Rasa server (MB) | {rss[b][0]:.0f} | {rss[o][0]:.0f} | {ratio(rss[o][0], rss[b][0])} |",
        f"| memory RSS: action server (MB) | – | {rss[o][1]:.0f} | |",
        "",
        "Our turns do more work than the baseline's: a custom action over HTTP, a SQLAlchemy content lookup, the SQL tracker "
        "store, and the rule-based input and crisis guards.",
        "",
        "## Content lookups (p95 of 300 random queries, SQLite, indexed)",
        "",
        "| items | p95 (ms) |",
        "|---|---|",
        *[f"| {n:,} | {ms:.2f} |" for n, ms in r["lookup"].items()],
        "",
        "## NLU accuracy next to the timings",
        "",
        f"5-fold cross-validated intent macro-F1 of the linear classifier over all training data: **{r['f1']:.3f}**; "
        f"crisis recall of the classifier alone: {r['crisis_recall']:.3f} (the rule-based crisis guard runs on top of it).",
        "",
        "## Rehearsal coding (rule-based MI codes) against tests/data/coding_gold.tsv",
        "",
        "The rules were written while looking at this set, so these numbers are an upper bound, not a held-out score.",
        "",
        "| code | precision | recall | n |",
        "|---|---|---|---|",
        *[f"| {c} | {p:.2f} | {rc:.2f} | {n} |" for c, p, rc, n in r["coding"]],
        "",
        "## Levers and their effect",
        "",
        "Measured in the same run, after the table above: each row is this assistant with one thing changed. "
        f"Latency in ms; in brackets the ratio to the stock assistant's p50 or p95 above. {users} users as above.",
        "",
        f"| configuration | p50, 1 user | p95, 1 user | p50, {users} users | p95, {users} users | requests/s, {users} users | turn 1-10 → last 10 |",
        "|---|---|---|---|---|---|---|",
        f"| {o} | {percentile(solo[o], 50):.0f} ({percentile(solo[o], 50) / percentile(solo[b], 50):.2f}) | {percentile(solo[o], 95):.0f} | "
        f"{percentile(crowd[o][0], 50):.0f} ({percentile(crowd[o][0], 50) / percentile(crowd[b][0], 50):.2f}) | "
        f"{percentile(crowd[o][0], 95):.0f} ({percentile(crowd[o][0], 95) / percentile(crowd[b][0], 95):.2f}) | {crowd[o][1]:.1f} | "
        f"{first:.0f} → {last:.0f} ({100 * (last / first - 1):+.0f}%) |",
        *lever_rows(levers, solo[b], crowd[b][0]),
        "",
        "- Tracker store (`trackers/cached.py`): recent conversations stay in memory between turns (checked against the "
        f"database's last event id, so several servers can share it), cut to their last {DEFAULT_WINDOW_TURNS} user turns with slots and form "
        "carried over (`trackers/window.py`); one multi-row INSERT per turn; pooled SQLite connections in WAL mode. "
        "Without it every turn re-reads and replays the whole conversation, so turns slow down as a conversation grows.",
        "- Rasa speed-ups (`rasa_patches/`, applied by `python -m rasa_patches.run`, each found with py-spy on the running server, "
        "none changes a result; tests/test_rasa_patches.py compares each with Rasa's own): action responses validated against the one branch of the "
        "event schema they can match, with the schema checked once; event classes looked up once per type name; the model "
        "graph run in order instead of through dask; the dialogue states computed once per set of events instead of once "
        "per policy question; slots copied directly; the rule policy's text pass skipped when no rule is about a text; one kept-alive HTTP client for the action "
        "server, encoding with ujson.",
        "- Selective domain (`enable_selective_domain` in endpoints.yml): only the form validators receive the domain.",
        "- Intent scoring computes the trained pipeline's probabilities directly (n-grams counted in a dict, the weight rows "
        "they select summed, softmax): about 0.1 ms against 2 ms for scikit-learn's `predict_proba` "
        "(tests/test_intent_classifier.py checks the probabilities are equal).",
        "- Intent classifier: DIET (100 epochs, sparse features) took over 13 minutes to train on our 3k examples on 2 cores, "
        "and scored lower on a held-out split (0.69–0.72 macro-F1) than a TF-IDF + concept-token logistic regression (0.81), "
        "which trains in seconds and predicts in under a millisecond. We use the linear model.",
        "- Dialogue policies: RulePolicy only. Every journey is a rule, so TEDPolicy would add training time and per-turn "
        "inference without changing a prediction, and MemoizationPolicy (its row above) costs time on every turn while "
        "the stories still pass `rasa test core` on rules alone.",
        "- Content lookups: one prepared statement per combination of known facets (relationship, resistance form, "
        "concern) with bound values, so SQLAlchemy neither rebuilds the query nor recomputes its cache key per lookup.",
        "- Content lookups: a composite index on (topic, kind, relationship); the query filters and orders in SQL.",
        "",
        "Plots: ![latency distribution](bench_latency.png) ![latency against turn](bench_turns.png)",
    ]
    (RESULTS / "bench.md").write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    sys.exit(main())
