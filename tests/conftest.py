"""Shared fixtures: a real Lumiscope server on loopback over a real store.

``server`` runs the app under uvicorn in a thread, on a fresh SQLite file; the
``pg_server`` variant uses a fresh database on the local PostgreSQL. ``project`` gives each
test its own project and key on a server shared by the module, so tests never see each
other's data.
"""

from __future__ import annotations

import os
import secrets
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import uvicorn
from sqlalchemy import Engine, create_engine, text

from lumiscope.server.app import create_app, open_store
from lumiscope.server.services import Services
from lumiscope.server.settings import Settings
from lumiscope.server.store.database import writing
from lumiscope.server.store.projects import bootstrap, create_key
from tests.fakes.openai_server import FakeOpenAI

PG_ADMIN_URL = os.environ.get(
    "LUMISCOPE_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class RunningServer:
    base_url: str
    engine: Engine
    settings: Settings
    admin_token: str
    default_key: str
    services: Services

    def new_key(self, project: str | None = None) -> str:
        with writing(self.engine) as conn:
            return create_key(conn, project or "p-" + secrets.token_hex(4))

    def client(self, key: str | None = None) -> httpx.Client:
        headers = {"x-api-key": key} if key else {}
        return httpx.Client(base_url=self.base_url, headers=headers, timeout=30)


class _ThreadedUvicorn:
    def __init__(self, settings: Settings, engine: Engine) -> None:
        self.app = create_app(settings, engine)
        config = uvicorn.Config(self.app, host=settings.host, port=settings.port,
                                log_level="warning", lifespan="on")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> _ThreadedUvicorn:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(15)


def start_server(settings: Settings) -> Iterator[RunningServer]:
    engine = open_store(settings)
    with writing(engine) as conn:
        key, token = bootstrap(conn) or ("", "")
    with _ThreadedUvicorn(settings, engine) as running:
        yield RunningServer(f"http://127.0.0.1:{settings.port}", engine, settings, token, key,
                            running.app.state.services)
    engine.dispose()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    data_dir: Path = tmp_path_factory.mktemp("store")
    settings = Settings.load({}, data_dir=data_dir, port=free_port())
    yield from start_server(settings)


@pytest.fixture
def key(server: RunningServer) -> str:
    """A key of a project of this test's own."""
    return server.new_key()


@pytest.fixture
def api(server: RunningServer, key: str) -> Iterator[httpx.Client]:
    """An HTTP client authenticated as this test's project."""
    with server.client(key) as client:
        yield client


@pytest.fixture(scope="session")
def postgres_admin() -> Engine:
    engine = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as exc:  # CI starts PostgreSQL; a developer machine may not have it
        pytest.fail(f"PostgreSQL is not reachable at {PG_ADMIN_URL}: {exc}")
    return engine


@pytest.fixture
def postgres_url(postgres_admin: Engine) -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test, dropped afterwards."""
    name = "lumiscope_test_" + secrets.token_hex(6)
    with postgres_admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + name
    with postgres_admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture(params=["sqlite", "postgresql"])
def store_settings(request: pytest.FixtureRequest, tmp_path: Path) -> Settings:
    """Settings of a fresh store, once per dialect."""
    if request.param == "sqlite":
        return Settings.load({}, data_dir=tmp_path, port=free_port())
    url = request.getfixturevalue("postgres_url")
    return Settings.load({}, data_dir=tmp_path, database_url=url, port=free_port())


@pytest.fixture
def any_server(store_settings: Settings) -> Iterator[RunningServer]:
    """A server of its own for one test, on SQLite and then on PostgreSQL."""
    yield from start_server(store_settings)


@pytest.fixture(scope="session")
def fake_openai() -> Iterator[FakeOpenAI]:
    with FakeOpenAI() as fake:
        yield fake


@pytest.fixture
def store_engine(store_settings: Settings) -> Iterator[Engine]:
    """A migrated, empty store, once on SQLite and once on PostgreSQL."""
    engine = open_store(store_settings)
    yield engine
    engine.dispose()
