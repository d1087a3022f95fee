"""Validate tests/data/safety_dev.tsv: shape, labels, duplicates, minimum counts.

Usage: python3 scripts/check_safety_dev.py [path]
"""
import collections
import sys
from pathlib import Path

PATH = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "tests/data/safety_dev.tsv"
LEVELS = {"crisis", "past", "asking", "none"}
CATS = {"loved_one_at_risk", "overdose", "user_harmed", "user_at_risk", "general"}
MODES = {"chat", "practice"}
MIN_LEVEL = {"crisis": 110, "past": 60, "asking": 40, "none": 200}
MIN_CAT = {"loved_one_at_risk": 22, "overdose": 22, "user_harmed": 22, "user_at_risk": 22, "general": 10}

errors = []
lines = PATH.read_text(encoding="utf-8").split("\n")
if lines and lines[-1] == "":
    lines.pop()
if lines[0] != "level\tcategory\tmode\ttext":
    errors.append(f"bad header: {lines[0]!r}")
levels: collections.Counter[str] = collections.Counter()
cats: collections.Counter[str] = collections.Counter()
modes: collections.Counter[tuple[str, str]] = collections.Counter()
seen: dict[str, int] = {}
for n, line in enumerate(lines[1:], start=2):
    f = line.split("\t")
    if len(f) != 4:
        errors.append(f"line {n}: {len(f)} fields")
        continue
    level, cat, mode, text = f
    if level not in LEVELS:
        errors.append(f"line {n}: bad level {level!r}")
    if level == "crisis" and cat not in CATS:
        errors.append(f"line {n}: crisis needs a category, got {cat!r}")
    if level != "crisis" and cat != "-":
        errors.append(f"line {n}: non-crisis category must be '-', got {cat!r}")
    if mode not in MODES:
        errors.append(f"line {n}: bad mode {mode!r}")
    if not text.strip() or text != text.strip():
        errors.append(f"line {n}: empty or padded text")
    key = " ".join(text.lower().split())
    if key in seen:
        errors.append(f"line {n}: duplicate of line {seen[key]}")
    seen[key] = n
    levels[level] += 1
    modes[(level, mode)] += 1
    if level == "crisis":
        cats[cat] += 1

for lv, m in MIN_LEVEL.items():
    if levels[lv] < m:
        errors.append(f"{lv}: {levels[lv]} < {m}")
for c, m in MIN_CAT.items():
    if cats[c] < m:
        errors.append(f"crisis/{c}: {cats[c]} < {m}")

print(f"{sum(levels.values())} rows")
for lv in ("crisis", "past", "asking", "none"):
    p = modes[(lv, "practice")]
    print(f"  {lv:7} {levels[lv]:4}  (practice {p}, {100 * p / max(levels[lv], 1):.0f}%)")
for c in sorted(MIN_CAT):
    print(f"  crisis/{c:18} {cats[c]:4}")
if errors:
    print("\n".join(["ERRORS:"] + errors))
    sys.exit(1)
print("OK")
