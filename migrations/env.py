"""Alembic environment: migrates whatever database kernel/settings.py points at."""
from __future__ import annotations

from logging.config import fileConfig

from alembic import context

from contentdb.engine import make_engine
from contentdb.models import Base
from kernel.settings import load_settings

if context.config.config_file_name is not None:
    fileConfig(context.config.config_file_name)

target_metadata = Base.metadata


def run_migrations() -> None:
    url = context.config.attributes.get("database_url") or load_settings().database_url
    if context.is_offline_mode():
        context.configure(url=url, target_metadata=target_metadata, literal_binds=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = make_engine(url)
    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


run_migrations()
