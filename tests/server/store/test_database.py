"""Opening a store: an older schema is migrated on start and keeps its data."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from sqlalchemy import inspect, text

from lumiscope.server.app import open_store
from lumiscope.server.store.database import MIGRATIONS, create_store_engine
from lumiscope.server.store.projects import create_key, project_for_key


def test_a_store_from_the_first_release_is_migrated_on_start_and_keeps_its_data(store_settings):
    engine = create_store_engine(store_settings.store_url)
    config = Config()
    config.set_main_option("script_location", MIGRATIONS)
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0001")
        key = create_key(conn, "old")
    assert "memory_facts" not in inspect(engine).get_table_names()
    engine.dispose()

    upgraded = open_store(store_settings)
    assert "memory_facts" in inspect(upgraded).get_table_names()
    with upgraded.connect() as conn:
        assert project_for_key(conn, key).name == "old"
    upgraded.dispose()


def test_the_sqlite_store_runs_in_wal_mode_with_large_pages(tmp_path):
    from lumiscope.server.settings import Settings

    engine = open_store(Settings.load({}, data_dir=tmp_path))
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA page_size")).scalar() == 16384
    engine.dispose()
