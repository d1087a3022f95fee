"""Summarise `rasa test nlu --cross-validation` output: macro-F1 and a per-intent F1 bar chart."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def main(results_dir: str) -> int:
    out = Path(results_dir)
    report_path = out / "intent_report.json"
    if not report_path.exists():
        print(f"{report_path}: not found; run `make nlu-report` first", file=sys.stderr)
        return 1
    report = json.loads(report_path.read_text())
    intents = {k: v for k, v in report.items() if isinstance(v, dict) and "f1-score" in v and k not in
               ("micro avg", "macro avg", "weighted avg")}
    rows = sorted(intents.items(), key=lambda kv: kv[1]["f1-score"])
    print(f"{'intent':<26}{'precision':>10}{'recall':>8}{'f1':>7}{'n':>6}")
    for name, scores in rows:
        print(f"{name:<26}{scores['precision']:>10.3f}{scores['recall']:>8.3f}{scores['f1-score']:>7.3f}"
              f"{scores['support']:>6}")
    macro = report.get("macro avg", {}).get("f1-score")
    print(f"\nmacro-F1 {macro:.3f}  (confusion matrix: {out / 'intent_confusion_matrix.png'})")

    fig, ax = plt.subplots(figsize=(7, 0.3 * len(rows) + 1))
    ax.barh([name for name, _ in rows], [scores["f1-score"] for _, scores in rows], color="#4c7a9f")
    ax.axvline(0.9, color="#b55", linestyle="--", linewidth=1, label="0.90 target")
    ax.set_xlim(0, 1)
    ax.set_xlabel("cross-validated F1")
    ax.set_title(f"Intent F1 per intent (macro {macro:.3f})")
    ax.legend(loc="lower right")
    fig.tight_layout()
    fig.savefig(out / "intent_f1.png", dpi=120)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "results/nlu"))
