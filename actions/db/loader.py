"""Load the curated YAML content into the database: validated, idempotent, all or nothing.

    python -m actions.db.loader [CONTENT_DIR]

A bad file is refused with its path and line, and the database is left as it was.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

import yaml
from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from actions.db.models import ContentItem
from actions.vocabulary import ANY, Concern, Kind, Relationship, ResistanceForm, Topic, values

REQUIRED = ("id", "kind", "relationship", "resistance_form", "concern", "text", "reason", "grounding")
OPTIONAL = ("alternative",)
ALLOWED = {
    "kind": values(Kind),
    "relationship": [*values(Relationship), ANY],
    "resistance_form": [*values(ResistanceForm), ANY],
    "concern": [*values(Concern), ANY],
}
MAX_ID_LENGTH = 120
EDITABLE = ("kind", "topic", "relationship", "resistance_form", "concern", "text", "reason", "grounding", "alternative", "source")


class ContentError(ValueError):
    """A content file that cannot be loaded, with the place to fix it."""

    def __init__(self, path: Path, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}")
        self.path = path
        self.line = line


@dataclass
class LoadReport:
    inserted: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0
    per_file: dict[str, int] = field(default_factory=dict)

    @property
    def changed(self) -> int:
        return self.inserted + self.updated + self.deleted


def _scalar(node: yaml.Node, path: Path, what: str) -> str:
    if not isinstance(node, yaml.ScalarNode) or not str(node.value).strip():
        raise ContentError(path, node.start_mark.line + 1, f"{what} must be a non-empty text")
    return " ".join(str(node.value).split())


def parse_file(path: Path) -> list[dict[str, str]]:
    """Validate one content file and return its items as plain rows."""
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else 1
        raise ContentError(path, line, f"not valid YAML: {exc.problem}") from exc
    except UnicodeDecodeError as exc:
        raise ContentError(path, 1, "not UTF-8 text") from exc
    if not isinstance(root, yaml.MappingNode):
        raise ContentError(path, 1, "expected a mapping with 'topic' and 'items'")
    top = {key.value: value for key, value in root.value}
    unknown = set(top) - {"topic", "items"}
    if unknown:
        raise ContentError(path, 1, f"unknown top-level key(s): {', '.join(sorted(unknown))}")
    if "topic" not in top or "items" not in top:
        raise ContentError(path, 1, "needs both 'topic' and 'items'")
    topic = _scalar(top["topic"], path, "topic")
    if topic not in values(Topic):
        raise ContentError(path, top["topic"].start_mark.line + 1, f"topic {topic!r} is not one of {values(Topic)}")
    items_node = top["items"]
    if not isinstance(items_node, yaml.SequenceNode) or not items_node.value:
        raise ContentError(path, items_node.start_mark.line + 1, "'items' must be a non-empty list")

    rows = []
    for node in items_node.value:
        line = node.start_mark.line + 1
        if not isinstance(node, yaml.MappingNode):
            raise ContentError(path, line, "each item must be a mapping")
        fields = {key.value: value for key, value in node.value}
        unknown = set(fields) - set(REQUIRED) - set(OPTIONAL)
        if unknown:
            raise ContentError(path, line, f"unknown key(s): {', '.join(sorted(unknown))}")
        missing = [name for name in REQUIRED if name not in fields]
        if missing:
            raise ContentError(path, line, f"missing key(s): {', '.join(missing)}")
        row = {name: _scalar(value, path, name) for name, value in fields.items()}
        for name, allowed in ALLOWED.items():
            if row[name] not in allowed:
                where = fields[name].start_mark.line + 1
                raise ContentError(path, where, f"{name} {row[name]!r} is not one of {allowed}")
        if len(row["id"]) > MAX_ID_LENGTH:
            raise ContentError(path, line, f"id is longer than {MAX_ID_LENGTH} characters")
        if (row["kind"] == Kind.AVOID.value) != ("alternative" in row):
            raise ContentError(path, line, "items of kind 'avoid' need an 'alternative', and only they may have one")
        row["topic"] = topic
        row["source"] = f"{path.name}:{line}"
        rows.append(row)
    return rows


def parse_directory(content_dir: Path) -> tuple[list[dict[str, str]], dict[str, int]]:
    files = sorted(content_dir.glob("*.yml"))
    if not files:
        raise ContentError(content_dir, 0, "no *.yml content files found")
    rows: list[dict[str, str]] = []
    per_file: dict[str, int] = {}
    seen: dict[str, str] = {}
    for path in files:
        file_rows = parse_file(path)
        for row in file_rows:
            if row["id"] in seen:
                line = int(row["source"].rsplit(":", 1)[1])
                raise ContentError(path, line, f"id {row['id']!r} is already used at {seen[row['id']]}")
            seen[row["id"]] = row["source"]
        rows.extend(file_rows)
        per_file[path.name] = len(file_rows)
    return rows, per_file


def load_content(engine: Engine, content_dir: Path) -> LoadReport:
    """Make the database hold exactly the items in ``content_dir``, in one transaction."""
    rows, per_file = parse_directory(content_dir)
    report = LoadReport(per_file=per_file)
    wanted = {row["id"]: row for row in rows}
    with Session(engine) as session, session.begin():
        existing = {item.id: item for item in session.scalars(select(ContentItem))}
        for item_id, row in wanted.items():
            item = existing.get(item_id)
            if item is None:
                session.add(ContentItem(id=item_id, **{name: row.get(name) for name in EDITABLE}))
                report.inserted += 1
            elif any(getattr(item, name) != row.get(name) for name in EDITABLE):
                for name in EDITABLE:
                    setattr(item, name, row.get(name))
                report.updated += 1
            else:
                report.unchanged += 1
        for item_id, item in existing.items():
            if item_id not in wanted:
                session.delete(item)
                report.deleted += 1
    return report


def main(argv: Optional[list[str]] = None) -> int:
    from actions.db.engine import get_engine
    from actions.settings import load_settings

    args = sys.argv[1:] if argv is None else argv
    content_dir = Path(args[0]) if args else load_settings().content_dir
    try:
        report = load_content(get_engine(), content_dir)
    except ContentError as exc:
        print(f"Content not loaded, the database is unchanged.\n  {exc}", file=sys.stderr)
        return 1
    for name, count in report.per_file.items():
        print(f"  {name:<22} {count:>4} items")
    print(
        f"Content loaded: {sum(report.per_file.values())} items "
        f"({report.inserted} new, {report.updated} updated, {report.deleted} removed, {report.unchanged} unchanged)."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
