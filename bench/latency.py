"""`make bench-latency`: only the four latency ratios of `make bench`, measured the same way, for repeated runs.

The one-user ratio swings from run to run on a shared 2-core machine, so it is judged by the median of several
runs. This builds the stock `rasa init` assistant, serves both side by side, measures one user (turn about) and 20
users (alternating rounds) exactly as bench/run.py does, and appends one line per run to
results/bench_latency_runs.md. `BENCH_RUNS` (default 3) runs in a row share the servers; the median is printed.
"""
from __future__ import annotations

import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.run import (  # noqa: E402
    BASELINE_MESSAGES,
    OUR_MESSAGES,
    RESULTS,
    build_baseline,
    interleaved_crowds,
    interleaved_single_user,
    percentile,
    single_user,
    start_baseline,
    start_ours,
)


def main() -> int:
    RESULTS.mkdir(exist_ok=True)
    runs = max(1, int(os.environ.get("BENCH_RUNS", "3")))
    work = Path(tempfile.mkdtemp(prefix="bench-latency-"))
    print("Building the stock rasa init assistant (about a minute and a half)...", flush=True)
    base_dir, _ = build_baseline(work)
    base, ours = start_baseline(base_dir), start_ours(work)
    rows = []
    try:
        single_user(base, BASELINE_MESSAGES, 5)
        single_user(ours, OUR_MESSAGES, 5)
        for run in range(runs):
            solo = interleaved_single_user(base, ours, 200)
            crowd = interleaved_crowds(base, ours, 20, 10)
            b, o = base.name, ours.name
            row = (percentile(solo[o], 50) / percentile(solo[b], 50), percentile(solo[o], 95) / percentile(solo[b], 95),
                   percentile(crowd[o][0], 50) / percentile(crowd[b][0], 50), percentile(crowd[o][0], 95) / percentile(crowd[b][0], 95))
            rows.append(row)
            print(f"run {run + 1}/{runs}: 1 user p50 {row[0]:.2f} p95 {row[1]:.2f}; 20 users p50 {row[2]:.2f} p95 {row[3]:.2f} "
                  f"(ours {percentile(solo[o], 50):.0f} ms, stock {percentile(solo[b], 50):.0f} ms at p50, one user)", flush=True)
    finally:
        base.stop()
        ours.stop()
        shutil.rmtree(work, ignore_errors=True)
    median = [statistics.median(column) for column in zip(*rows, strict=False)]
    print(f"median of {runs}: 1 user p50 {median[0]:.2f} p95 {median[1]:.2f}; 20 users p50 {median[2]:.2f} p95 {median[3]:.2f}")
    with (RESULTS / "bench_latency_runs.md").open("a", encoding="utf-8") as out:
        stamp = time.strftime("%Y-%m-%d %H:%M")
        for row in rows:
            out.write(f"| {stamp} | {row[0]:.2f} | {row[1]:.2f} | {row[2]:.2f} | {row[3]:.2f} |\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
