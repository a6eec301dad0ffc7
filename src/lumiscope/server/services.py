"""The long-lived parts the routes use, built once by the app factory and passed in."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from lumiscope.server.auth import Authenticator
from lumiscope.server.memory.scheduler import MemoryScheduler
from lumiscope.server.settings import Settings
from lumiscope.server.store.prices import PriceBook
from lumiscope.server.store.writer import SpanWriter


@dataclass(frozen=True)
class Services:
    settings: Settings
    engine: Engine
    writer: SpanWriter
    auth: Authenticator
    prices: PriceBook
    memory: MemoryScheduler

    @property
    def idle_ns(self) -> int:
        return self.settings.idle_ns
