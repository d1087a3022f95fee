"""Remove what is older than the retention period: conversations, rehearsals and "was this helpful?" answers.

    python scripts/retention.py [--days N] [--endpoints endpoints.yml]     (make retention)

A conversation goes when its latest event is more than N days old (RETENTION_DAYS, default 30); a
rehearsal or rating when it was made more than N days ago. The tracker store is the one endpoints.yml
configures (SQLite or PostgreSQL); the content database is CONTENT_DB_PATH or DATABASE_URL.
"""
from __future__ import annotations

import argparse
import asyncio
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Optional

from rasa.core.lock_store import LockStore
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from contentdb.queries import delete_data_older_than
from kernel.settings import REPO_ROOT, load_settings
from trackers.store import ForgetfulSQLTrackerStore, forgetful_store


@dataclass(frozen=True)
class RetentionReport:
    conversations: int
    events: int
    rehearsals: int
    item_ratings: int

    def __str__(self) -> str:
        return (
            f"{self.conversations} conversations ({self.events} events), {self.rehearsals} rehearsals "
            f"and {self.item_ratings} ratings"
        )


def remove_old_data(
    store: ForgetfulSQLTrackerStore, content: Engine, days: int, lock_store: LockStore, now: Optional[datetime] = None
) -> RetentionReport:
    """``lock_store``: the one the Rasa servers use (endpoints.yml's lock_store), so that a conversation is
    never deleted while one of its turns is being answered."""
    if days < 1:
        raise ValueError(f"The retention period must be at least one day, got {days}")
    cutoff = (now or datetime.now(timezone.utc)) - timedelta(days=days)
    with ThreadPoolExecutor(max_workers=1) as own_loop:  # asyncio.run in a thread: callable from inside a running loop too
        conversations, events = own_loop.submit(asyncio.run, store.delete_older_than(days, lock_store)).result()
    with Session(content) as session, session.begin():
        removed = delete_data_older_than(session=session, cutoff=cutoff)
    return RetentionReport(conversations, events, removed.rehearsals, removed.item_ratings)


def lock_store_from(endpoints: Path) -> LockStore:
    """endpoints.yml's lock store (Redis when several Rasa servers share the database, else in memory)."""
    from rasa.core.utils import read_endpoints_from_path

    return LockStore.create(read_endpoints_from_path(endpoints).lock_store)


def tracker_store_from(endpoints: Path) -> ForgetfulSQLTrackerStore:
    from rasa.core.tracker_store import TrackerStore
    from rasa.core.utils import read_endpoints_from_path

    config = read_endpoints_from_path(endpoints).tracker_store
    store = forgetful_store(TrackerStore.create(config))
    if store is None:
        raise SystemExit(f"{endpoints}: the tracker store must be trackers.store.ForgetfulSQLTrackerStore to remove old conversations")
    return store


def main(argv: Optional[list[str]] = None) -> int:
    from contentdb.engine import get_engine

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=None, help="retention period in days (default: RETENTION_DAYS, else 30)")
    parser.add_argument("--endpoints", type=Path, default=REPO_ROOT / "endpoints.yml")
    args = parser.parse_args(argv)
    days = args.days if args.days is not None else load_settings().retention_days
    report = remove_old_data(tracker_store_from(args.endpoints), get_engine(), days, lock_store_from(args.endpoints))
    print(f"Retention ({days} days): removed {report}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
