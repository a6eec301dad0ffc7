"""Where the SDK's and the faces' log lines go.

The ``lumiscope`` logger has no handler of its own by default, so its warnings and errors reach
the application's logging or, when there is none, Python's last-resort stderr handler. The
Flowlines face always prints ERROR lines to stderr with a ``[flowlines]`` prefix and, in verbose
mode, DEBUG lines too, each record once (the real SDK prints errors twice then).
"""

from __future__ import annotations

import logging
import sys
from typing import TextIO

_MARK = "_lumiscope_handler"


def _own_handler(log: logging.Logger) -> logging.Handler | None:
    return next((h for h in log.handlers if getattr(h, _MARK, False)), None)


def attach_handler(log: logging.Logger, level: int, fmt: str,
                   stream: TextIO | None = None) -> logging.Handler:
    """Give ``log`` one handler of ours (idempotent): records at ``level`` and above go to
    ``stream`` (stderr by default) formatted with ``fmt``."""
    handler = _own_handler(log)
    if handler is None:
        handler = logging.StreamHandler(stream or sys.stderr)
        setattr(handler, _MARK, True)
        handler.setFormatter(logging.Formatter(fmt))
        log.addHandler(handler)
    handler.setLevel(level)
    return handler


def set_verbose(log: logging.Logger) -> None:
    """DEBUG lines through the logger's own handler (no second handler, no double lines)."""
    log.setLevel(logging.DEBUG)
    handler = _own_handler(log)
    if handler is not None:
        handler.setLevel(logging.DEBUG)


def debug_to_stdout(log: logging.Logger) -> None:
    """The LumiqTrace ``debug`` option: the SDK's debug lines, export failures included, on
    stdout."""
    log.setLevel(logging.DEBUG)
    attach_handler(log, logging.DEBUG, "[lumiscope] %(levelname)s %(message)s", sys.stdout)
