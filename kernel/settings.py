"""Every setting read from the environment lives here, with offline defaults."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Settings:
    database_url: str
    content_dir: Path
    rasa_port: int
    action_port: int
    web_port: int
    retention_days: int  # conversations, rehearsals and ratings older than this are removed by `make retention`


def _int_env(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ValueError(f"Environment variable {name} must be a whole number, got {raw!r}") from exc


def default_database_url() -> str:
    path = os.environ.get("CONTENT_DB_PATH", str(REPO_ROOT / "content.db"))
    return f"sqlite:///{path}"


def load_settings() -> Settings:
    return Settings(
        database_url=os.environ.get("DATABASE_URL", "").strip() or default_database_url(),
        content_dir=Path(os.environ.get("CONTENT_DIR", str(REPO_ROOT / "content"))),
        rasa_port=_int_env("RASA_PORT", 5005),
        action_port=_int_env("ACTION_PORT", 5055),
        web_port=_int_env("WEB_PORT", 8080),
        retention_days=_int_env("RETENTION_DAYS", 30),
    )
