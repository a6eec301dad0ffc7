"""Settings are read once, from flags, the environment and defaults, in that order."""

from __future__ import annotations

from pathlib import Path

import pytest

from lumiscope.server.settings import ENVIRONMENT, Settings

README = Path(__file__).resolve().parents[2] / "README.md"


def test_every_environment_variable_is_documented_in_the_readme():
    readme = README.read_text()
    missing = [v.name for v in ENVIRONMENT if f"`{v.name}`" not in readme]
    assert missing == []


def test_flags_win_over_the_environment_which_wins_over_defaults(tmp_path):
    env = {"LUMISCOPE_PORT": "9999", "LUMISCOPE_DATA_DIR": str(tmp_path)}
    assert Settings.load(env).port == 9999
    assert Settings.load(env, port=1234).port == 1234
    assert Settings.load({}).port == 4318
    assert Settings.load(env).store_url == f"sqlite:///{tmp_path / 'lumiscope.db'}"


def test_a_libpq_postgres_url_gets_the_psycopg_driver():
    settings = Settings.load({"LUMISCOPE_DATABASE_URL": "postgresql://u@h/db"})
    assert settings.store_url == "postgresql+psycopg://u@h/db"


def test_a_bad_value_names_the_variable():
    with pytest.raises(ValueError, match="LUMISCOPE_PORT"):
        Settings.load({"LUMISCOPE_PORT": "eighty"})
