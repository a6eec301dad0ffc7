"""The ``lumiscope`` command: serve, keys, prices.

Library errors become one-line CLI messages here (``click.ClickException``), never tracebacks.
"""

from __future__ import annotations

import sys
from datetime import datetime, timezone
from typing import Any

import click


def _settings(**options: Any) -> Any:
    try:
        from lumiscope.server.settings import Settings
    except ImportError as exc:  # the SDK alone is installed
        raise click.ClickException(
            f"the server is not installed ({exc.name} is missing): "
            'pip install "lumiscope[server]"'
        ) from None
    try:
        return Settings.load(**options)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None


def store_options(func: Any) -> Any:
    func = click.option("--database-url", help="SQLAlchemy/libpq URL; default SQLite in "
                        "the data directory. [env LUMISCOPE_DATABASE_URL]")(func)
    func = click.option("--data-dir", type=click.Path(file_okay=False),
                        help="Where the SQLite store lives (default ~/.lumiscope). "
                        "[env LUMISCOPE_DATA_DIR]")(func)
    return func


def _engine(settings: Any) -> Any:
    from lumiscope.server.app import open_store

    try:
        return open_store(settings)
    except Exception as exc:
        raise click.ClickException(f"cannot open the store {settings.store_url}: {exc}") from None


def writing(engine: Any) -> Any:
    from lumiscope.server.store.database import writing as transaction

    return transaction(engine)


@click.group()
@click.version_option(package_name="lumiscope")
def main() -> None:
    """Lumiscope: self-hosted tracing and user memory for LLM applications."""


@main.command()
@click.option("--host", help="Interface to bind (default 127.0.0.1). [env LUMISCOPE_HOST]")
@click.option("--port", type=int, help="Port (default 4318). [env LUMISCOPE_PORT]")
@store_options
def serve(host: str | None, port: int | None, data_dir: str | None,
          database_url: str | None) -> None:
    """Run the server: OTLP ingest, REST API and store, on one port."""
    import uvicorn

    from lumiscope.server.app import create_app
    from lumiscope.server.store.projects import bootstrap

    settings = _settings(host=host, port=port, data_dir=data_dir, database_url=database_url)
    engine = _engine(settings)
    with writing(engine) as conn:
        created = bootstrap(conn)
    base = f"http://{settings.host}:{settings.port}"
    if created:
        key, token = created
        click.echo("First start: created project 'default'. These are shown only once:")
        click.echo(f"  API key (project default): {key}")
        click.echo(f"  Admin token (all projects): {token}")
    click.echo(f"Lumiscope {base}  store: {_redacted(settings.store_url)}")
    click.echo(f"  OTLP endpoint: {base}/v1/traces   API: {base}/openapi.json")
    app = create_app(settings, engine)
    uvicorn.run(app, host=settings.host, port=settings.port, log_level="warning",
                timeout_graceful_shutdown=10)


def _redacted(url: str) -> str:
    # Never print a database password.
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        return f"{scheme}://***@{rest.rsplit('@', 1)[1]}"
    return url


@main.command()
@click.option("--port", type=int, default=4318, show_default=True,
              help="Port to serve on (another free one if taken).")
@click.option("--data-dir", type=click.Path(file_okay=False),
              help="Where the demo store lives (default ~/.lumiscope/demo).")
@click.option("--exit", "exit_after", is_flag=True,
              help="Stop once the traffic is sent instead of serving until Ctrl-C.")
def demo(port: int, data_dir: str | None, exit_after: bool) -> None:
    """Start the server and a fake model, send an app's traffic, print where to look."""
    _settings()  # a clear message when the server extra is missing
    try:
        import openai  # noqa: F401
        from opentelemetry.instrumentation.openai import OpenAIInstrumentor  # noqa: F401
    except ImportError as exc:
        raise click.ClickException(
            f"the demo needs {exc.name}: pip install \"lumiscope[demo]\"") from None
    from pathlib import Path

    from lumiscope.demo import DEFAULT_DATA_DIR, run_demo

    run_demo(port=port, data_dir=Path(data_dir) if data_dir else DEFAULT_DATA_DIR,
             keep_serving=not exit_after, echo=click.echo)


@main.group()
def keys() -> None:
    """Create, list and revoke project API keys."""


@keys.command("create")
@click.option("--project", default="default", show_default=True,
              help="Project name; created if it does not exist.")
@click.option("--name", help="A label for the key.")
@store_options
def keys_create(project: str, name: str | None, data_dir: str | None,
                database_url: str | None) -> None:
    """Print a new key (and nothing else on stdout)."""
    from lumiscope.server.store.projects import create_key

    engine = _engine(_settings(data_dir=data_dir, database_url=database_url))
    with writing(engine) as conn:
        key = create_key(conn, project, name)
    click.echo(key)


@keys.command("list")
@click.option("--project", help="Only this project's keys.")
@store_options
def keys_list(project: str | None, data_dir: str | None, database_url: str | None) -> None:
    """List keys (never their values)."""
    from lumiscope.server.store.projects import list_keys

    engine = _engine(_settings(data_dir=data_dir, database_url=database_url))
    with engine.connect() as conn:
        rows = list_keys(conn, project)
    click.echo(f"{'ID':<18} {'PROJECT':<16} {'PREFIX':<14} {'CREATED':<20} {'STATUS':<8} NAME")
    for row in rows:
        status = "revoked" if row["revoked_ns"] else "active"
        created = datetime.fromtimestamp(row["created_ns"] / 1e9, tz=timezone.utc)
        click.echo(f"{row['id']:<18} {row['project']:<16} {row['prefix'] + '…':<14} "
                   f"{created:%Y-%m-%d %H:%M:%S}  {status:<8} {row['name'] or ''}")


@keys.command("revoke")
@click.argument("key")
@store_options
def keys_revoke(key: str, data_dir: str | None, database_url: str | None) -> None:
    """Revoke KEY (its id from `keys list`, or the key itself). Takes effect at once."""
    from lumiscope.server.store.projects import revoke_key

    engine = _engine(_settings(data_dir=data_dir, database_url=database_url))
    with writing(engine) as conn:
        count = revoke_key(conn, key)
    if not count:
        raise click.ClickException("no active key matches")
    click.echo(f"revoked {count} key", err=True)


@main.group()
def prices() -> None:
    """Per-project model prices that override the genai-prices catalog."""


@prices.command("set")
@click.option("--project", default="default", show_default=True)
@click.option("--model", required=True, help="Model name exactly as spans report it.")
@click.option("--input", "input_mtok", type=float, required=True, help="USD per 1M input tokens.")
@click.option("--output", "output_mtok", type=float, required=True,
              help="USD per 1M output tokens.")
@click.option("--cached-input", "cached_mtok", type=float,
              help="USD per 1M cached input tokens.")
@store_options
def prices_set(project: str, model: str, input_mtok: float, output_mtok: float,
               cached_mtok: float | None, data_dir: str | None,
               database_url: str | None) -> None:
    """Price MODEL for PROJECT's spans ingested from now on."""
    from lumiscope.server.ingest.pricing import Price
    from lumiscope.server.store.prices import set_override
    from lumiscope.server.store.projects import find_project

    engine = _engine(_settings(data_dir=data_dir, database_url=database_url))
    with writing(engine) as conn:
        found = find_project(conn, project)
        if found is None:
            raise click.ClickException(f"no project {project!r}")
        set_override(conn, found.id, model, Price(input_mtok, output_mtok, cached_mtok))
    click.echo(f"{project}: {model} = ${input_mtok}/M in, ${output_mtok}/M out", err=True)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
