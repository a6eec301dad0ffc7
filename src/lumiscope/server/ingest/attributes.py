"""OTLP ``AnyValue``/``KeyValue`` protobuf messages to plain Python values."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def any_value(value: Any) -> Any:
    """The Python value of an OTLP ``AnyValue`` (``None`` when it is empty)."""
    kind = value.WhichOneof("value")
    if kind is None:
        return None
    if kind == "array_value":
        return [any_value(v) for v in value.array_value.values]
    if kind == "kvlist_value":
        return to_dict(value.kvlist_value.values)
    if kind == "bytes_value":
        return value.bytes_value.hex()
    return getattr(value, kind)


def to_dict(key_values: Iterable[Any]) -> dict[str, Any]:
    """All attributes of an OTLP ``KeyValue`` list as a dict (empty values kept as ``None``)."""
    return {kv.key: any_value(kv.value) for kv in key_values}


def pick(key_values: Iterable[Any], wanted: frozenset[str]) -> dict[str, Any]:
    """Only the attributes named in ``wanted``: the ingest hot path decodes nothing else."""
    return {kv.key: any_value(kv.value) for kv in key_values if kv.key in wanted}
