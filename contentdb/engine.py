"""One engine per process, short sessions per use."""
from __future__ import annotations

from functools import cache

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.pool import QueuePool

from kernel.settings import load_settings


def make_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        # SQLAlchemy 1.4 opens a new connection per session for a SQLite file (NullPool): a connect, its
        # pragma and a ping on every content lookup, a fifth of the action server's time per turn (py-spy).
        # A small pool keeps them open; SQLite connections need no ping.
        engine = create_engine(url, future=True, poolclass=QueuePool, pool_size=4, max_overflow=8,
                               connect_args={"check_same_thread": False})
    else:
        engine = create_engine(url, future=True, pool_pre_ping=True)
    if engine.dialect.name == "sqlite":
        # Readers must not block the loader's single write transaction for long.
        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record):  # type: ignore[no-untyped-def]
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA busy_timeout = 5000")
            cursor.close()

    return engine


@cache
def get_engine() -> Engine:
    return make_engine(load_settings().database_url)
