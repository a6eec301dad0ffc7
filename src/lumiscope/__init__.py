"""Lumiscope: tracing and long-term user memory for LLM applications.

This module is the public SDK API. It never imports :mod:`lumiscope.server`.
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
