"""Running the Lumiscope server inside the current process, on a background thread."""

from __future__ import annotations

import socket
import threading
import time

import uvicorn
from sqlalchemy import Engine

from lumiscope.server.app import create_app
from lumiscope.server.settings import Settings


def port_is_free(host: str, port: int) -> bool:
    with socket.socket() as probe:
        # As uvicorn binds: a port left in TIME_WAIT by a previous run is free.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


class BackgroundServer:
    """``with BackgroundServer(settings, engine) as server:`` serves until the block ends."""

    def __init__(self, settings: Settings, engine: Engine) -> None:
        self.settings = settings
        self.app = create_app(settings, engine)
        config = uvicorn.Config(self.app, host=settings.host, port=settings.port,
                                log_level="warning", lifespan="on")
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, name="lumiscope-server",
                                        daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://{self.settings.host}:{self.settings.port}"

    def __enter__(self) -> BackgroundServer:
        self._thread.start()
        deadline = time.monotonic() + 20
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"the server could not start on {self.base_url}")
            time.sleep(0.02)
        return self

    def wait(self) -> None:
        """Block until the server stops (Ctrl-C)."""
        while self._thread.is_alive():
            self._thread.join(0.5)

    def __exit__(self, *exc: object) -> None:
        self._server.should_exit = True
        self._thread.join(15)
