"""Load the curated YAML content into the database: validated, idempotent, all or nothing.

    python -m contentdb.loader [CONTENT_DIR]

CONTENT_DIR/*.yml hold content items (one topic per file). CONTENT_DIR/concerns/*.yml hold the items for one
struggle (one concern per file, by convention); there the file's ``topic`` is the default and an item may name its
own ``topic``. CONTENT_DIR/roleplay/*.yml hold the loved one's lines for rehearsals (one resistance form per file).
Texts may use the locale placeholders of safety/crisis_resources.yml ("{crisis_line}"); unknown ones are refused.

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

from contentdb.models import Base, ContentItem, RoleplayLine
from kernel.resources import unknown_placeholders
from kernel.vocabulary import ANY, Kind, Relationship, ResistanceForm, Stage, audiences, concerns, topics, values

REQUIRED = ("id", "kind", "relationship", "resistance_form", "concern", "text", "reason", "grounding")
OPTIONAL = ("alternative", "topic", "for")
# Fields a reader sees (filled per locale when shown), so only known placeholders may appear in them.
PLACEHOLDER_FIELDS = ("text", "alternative", "reason")
CONCERN_DIR = "concerns"
# Columns written under another key in the files: an item's `for` (who it is for) is the `audience` column.
FIELD_KEYS = {"audience": "for"}
ALLOWED = {
    "kind": values(Kind),
    "relationship": [*values(Relationship), ANY],
    "resistance_form": [*values(ResistanceForm), ANY],
}


def allowed_values() -> dict[str, list[str]]:
    """The closed vocabularies an item's fields must come from; concerns, topics and audiences come from the registry."""
    return {**ALLOWED, "concern": [*concerns(), ANY], "topic": topics(), "audience": [*audiences(), ANY]}


MAX_ID_LENGTH = 120
MAX_GROUNDING_LENGTH = 200  # the column's width (contentdb/models.py); PostgreSQL would refuse a longer one
EDITABLE = ("kind", "topic", "relationship", "resistance_form", "concern", "audience", "text", "reason", "grounding", "alternative",
            "source")
ROLEPLAY_EDITABLE = ("resistance_form", "stage", "text", "source")


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


def _compose(path: Path, top_keys: tuple[str, str]) -> dict[str, yaml.Node]:
    """The top-level mapping of a content file, with every node still carrying its line."""
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else 1
        raise ContentError(path, line, f"not valid YAML: {exc.problem}") from exc
    except UnicodeDecodeError as exc:
        raise ContentError(path, 1, "not UTF-8 text") from exc
    expected = f"a mapping with '{top_keys[0]}' and '{top_keys[1]}'"
    if not isinstance(root, yaml.MappingNode):
        raise ContentError(path, 1, f"expected {expected}")
    top = {key.value: value for key, value in root.value}
    unknown = set(top) - set(top_keys)
    if unknown:
        raise ContentError(path, 1, f"unknown top-level key(s): {', '.join(sorted(unknown))}")
    if any(key not in top for key in top_keys):
        raise ContentError(path, 1, f"needs both '{top_keys[0]}' and '{top_keys[1]}'")
    listing = top[top_keys[1]]
    if not isinstance(listing, yaml.SequenceNode) or not listing.value:
        raise ContentError(path, listing.start_mark.line + 1, f"'{top_keys[1]}' must be a non-empty list")
    return top


def _fields(
    path: Path, node: yaml.Node, required: tuple[str, ...], optional: tuple[str, ...], cited_as: str = ""
) -> dict[str, str]:
    line = node.start_mark.line + 1
    if not isinstance(node, yaml.MappingNode):
        raise ContentError(path, line, "each entry must be a mapping")
    fields = {key.value: value for key, value in node.value}
    unknown = set(fields) - set(required) - set(optional)
    if unknown:
        raise ContentError(path, line, f"unknown key(s): {', '.join(sorted(unknown))}")
    missing = [name for name in required if name not in fields]
    if missing:
        raise ContentError(path, line, f"missing key(s): {', '.join(missing)}")
    row = {name: _scalar(value, path, name) for name, value in fields.items()}
    if len(row["id"]) > MAX_ID_LENGTH:
        raise ContentError(path, line, f"id is longer than {MAX_ID_LENGTH} characters")
    if len(row.get("grounding", "")) > MAX_GROUNDING_LENGTH:
        raise ContentError(path, fields["grounding"].start_mark.line + 1, f"grounding is longer than {MAX_GROUNDING_LENGTH} characters")
    row["source"] = f"{cited_as or path.name}:{line}"
    return row


def _check_allowed(path: Path, node: yaml.Node, row: dict[str, str], allowed: dict[str, list[str]]) -> None:
    fields = {key.value: value for key, value in node.value}
    for name, choices in allowed.items():
        if row[name] not in choices:
            key = FIELD_KEYS.get(name, name)
            raise ContentError(path, fields[key].start_mark.line + 1, f"{key} {row[name]!r} is not one of {choices}")


def _check_placeholders(path: Path, node: yaml.Node, row: dict[str, str]) -> None:
    fields = {key.value: value for key, value in node.value}
    for name in PLACEHOLDER_FIELDS:
        unknown = unknown_placeholders(row.get(name, ""))
        if unknown:
            names = ", ".join("{" + each + "}" for each in unknown)
            message = f"{name} uses unknown placeholder(s) {names}; the known ones are in safety/crisis_resources.yml"
            raise ContentError(path, fields[name].start_mark.line + 1, message)


def parse_file(path: Path, cited_as: str = "") -> list[dict[str, str]]:
    """Validate one content file and return its items as plain rows (``cited_as``: the file in each row's source)."""
    top = _compose(path, ("topic", "items"))
    topic = _scalar(top["topic"], path, "topic")
    if topic not in topics():
        raise ContentError(path, top["topic"].start_mark.line + 1, f"topic {topic!r} is not one of {topics()} (kernel/registry.yml)")
    items_node = top["items"]
    rows = []
    for node in items_node.value:
        row = _fields(path, node, REQUIRED, OPTIONAL, cited_as)
        row.setdefault("topic", topic)
        row["audience"] = row.pop("for", ANY)  # who the item is for; the column is `audience`
        _check_allowed(path, node, row, allowed_values())
        if (row["kind"] == Kind.AVOID.value) != ("alternative" in row):
            raise ContentError(path, node.start_mark.line + 1, "items of kind 'avoid' need an 'alternative', and only they may have one")
        _check_placeholders(path, node, row)
        rows.append(row)
    return rows


# Earlier events a role-play line may assume (tagged `after:` in content/roleplay/*.yml), or must come before (`before:`).
ROLEPLAY_EVENTS = ("spoken", "pressure", "deflected", "turns", "reveal")


def parse_roleplay_file(path: Path) -> list[dict[str, str]]:
    """Validate one file of role-play lines (one resistance form) and return its rows."""
    top = _compose(path, ("resistance_form", "lines"))
    form = _scalar(top["resistance_form"], path, "resistance_form")
    if form not in values(ResistanceForm):
        raise ContentError(
            path, top["resistance_form"].start_mark.line + 1, f"resistance_form {form!r} is not one of {values(ResistanceForm)}"
        )
    rows = []
    for node in top["lines"].value:
        row = _fields(path, node, ("id", "stage", "text"), ("after", "before", "topic"))
        _check_allowed(path, node, row, {"stage": values(Stage)})
        # Selection tags the action server reads from the files (actions/rehearsal/lines.py); not stored.
        for tag in ("after", "before"):
            if row.pop(tag, None) not in (None, *ROLEPLAY_EVENTS):
                raise ContentError(path, node.start_mark.line + 1, f"{tag} must be one of {list(ROLEPLAY_EVENTS)}")
        row.pop("topic", None)
        row["resistance_form"] = form
        rows.append(row)
    return rows


def _unique(path_rows: list[tuple[Path, list[dict[str, str]]]]) -> None:
    seen: dict[str, str] = {}
    for path, rows in path_rows:
        for row in rows:
            if row["id"] in seen:
                line = int(row["source"].rsplit(":", 1)[1])
                raise ContentError(path, line, f"id {row['id']!r} is already used at {seen[row['id']]}")
            seen[row["id"]] = row["source"]


def _display_name(content_dir: Path, path: Path) -> str:
    """``refusal.yml`` or ``concerns/grief.yml``: the file as its author finds it under the content folder."""
    return path.relative_to(content_dir).as_posix()


def parse_directory(content_dir: Path) -> tuple[list[dict[str, str]], list[dict[str, str]], dict[str, int]]:
    """Every content item and every role-play line under ``content_dir``, validated."""
    files = sorted(content_dir.glob("*.yml")) + sorted((content_dir / CONCERN_DIR).glob("*.yml"))
    if not files:
        raise ContentError(content_dir, 0, "no *.yml content files found")
    parsed = [(path, parse_file(path, _display_name(content_dir, path))) for path in files]
    roleplay = [(path, parse_roleplay_file(path)) for path in sorted((content_dir / "roleplay").glob("*.yml"))]
    _unique(parsed)
    _unique(roleplay)
    per_file = {_display_name(content_dir, path): len(rows) for path, rows in parsed}
    per_file.update({f"roleplay/{path.name}": len(rows) for path, rows in roleplay})
    return [r for _, rows in parsed for r in rows], [r for _, rows in roleplay for r in rows], per_file


def _sync(session: Session, model: type[Base], wanted: list[dict[str, str]], editable: tuple[str, ...], report: LoadReport) -> None:
    """Make the table hold exactly ``wanted``; untouched rows are not written at all."""
    by_id = {row["id"]: row for row in wanted}
    existing = {item.id: item for item in session.scalars(select(model))}
    for item_id, row in by_id.items():
        item = existing.get(item_id)
        if item is None:
            session.add(model(id=item_id, **{name: row.get(name) for name in editable}))
            report.inserted += 1
        elif any(getattr(item, name) != row.get(name) for name in editable):
            for name in editable:
                setattr(item, name, row.get(name))
            report.updated += 1
        else:
            report.unchanged += 1
    for item_id, item in existing.items():
        if item_id not in by_id:
            session.delete(item)
            report.deleted += 1


def load_content(engine: Engine, content_dir: Path) -> LoadReport:
    """Make the database hold exactly the items in ``content_dir``, in one transaction."""
    items, lines, per_file = parse_directory(content_dir)
    report = LoadReport(per_file=per_file)
    with Session(engine) as session, session.begin():
        _sync(session, ContentItem, items, EDITABLE, report)
        _sync(session, RoleplayLine, lines, ROLEPLAY_EDITABLE, report)
    return report


def main(argv: Optional[list[str]] = None) -> int:
    from contentdb.engine import get_engine
    from kernel.settings import load_settings

    args = sys.argv[1:] if argv is None else argv
    content_dir = Path(args[0]) if args else load_settings().content_dir
    try:
        report = load_content(get_engine(), content_dir)
    except ContentError as exc:
        print(f"Content not loaded, the database is unchanged.\n  {exc}", file=sys.stderr)
        return 1
    for name, count in report.per_file.items():
        print(f"  {name:<26} {count:>4}")
    print(
        f"Content loaded: {sum(report.per_file.values())} items "
        f"({report.inserted} new, {report.updated} updated, {report.deleted} removed, {report.unchanged} unchanged)."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
