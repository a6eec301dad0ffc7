"""Redaction of sensitive values by field name, before anything leaves the process.

The LumiqTrace default key list always applies; configured fields are added to it. Names
match case- and style-insensitively (``api_key`` = ``apiKey`` = ``API-KEY``): a name is
compared with every non-alphanumeric character removed, lower-cased. For a dotted span
attribute the last segment is the field name (``lumiscope.tag.api_key``,
``http.request.header.authorization``). Names match exactly, never as substrings, so
``gen_ai.usage.input_tokens`` is not a ``token``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import parse_qsl, urlencode

REDACTED = "[REDACTED]"

# spec/lumiqtrace.md 3.4, "Default keys, always applied".
DEFAULT_KEYS = (
    "password", "secret", "token", "api_key", "apikey", "auth", "authorization",
    "access_token", "refresh_token", "private_key", "credential", "ssn", "social_security",
    "credit_card", "card_number", "cvv",
)

_NOT_ALNUM = re.compile(r"[^0-9a-z]+")
# A "key": value pair in JSON text that does not parse (a body cut at the capture limit).
_JSON_PAIR = re.compile(r'"((?:[^"\\]|\\.)*)"(\s*:\s*)("(?:[^"\\]|\\.)*"?|[^,{}\[\]\s]+)')


def normalize(name: str) -> str:
    """``"API-Key"`` -> ``"apikey"``."""
    return _NOT_ALNUM.sub("", name.lower())


class Redactor:
    """Safe to share between threads. No method raises on odd input."""

    def __init__(self, fields: Iterable[str] = ()) -> None:
        self.names = frozenset(normalize(f) for f in (*DEFAULT_KEYS, *fields) if normalize(f))
        # Verdicts per key seen: span keys repeat endlessly. Capped so odd keys cannot grow
        # it without bound; a lost race between threads only recomputes a verdict.
        self._verdicts: dict[str, bool] = {}

    def matches(self, key: str) -> bool:
        """Whether a field or dotted attribute name is one to redact."""
        verdict = self._verdicts.get(key)
        if verdict is None:
            verdict = normalize(key.rsplit(".", 1)[-1]) in self.names
            if len(self._verdicts) < 10_000:
                self._verdicts[key] = verdict
        return verdict

    def attributes(self, attrs: Any) -> dict[str, Any] | None:
        """A redacted copy of a span's attributes, or ``None`` when nothing needs redacting."""
        if not attrs:
            return None
        hits = [k for k in attrs if self.matches(k)]
        if not hits:
            return None
        copy = dict(attrs)
        for key in hits:
            copy[key] = REDACTED
        return copy

    def value(self, value: Any) -> Any:
        """Dicts and lists with matching keys redacted, at any depth; a new object."""
        if isinstance(value, dict):
            return {k: REDACTED if isinstance(k, str) and self.matches(k) else self.value(v)
                    for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return [self.value(v) for v in value]
        return value

    def query(self, query: str) -> str:
        """A URL query string (or form body) with matching parameters' values redacted."""
        pairs = parse_qsl(query, keep_blank_values=True)
        if not any(self.matches(k) for k, _ in pairs):
            return query
        return urlencode([(k, REDACTED if self.matches(k) else v) for k, v in pairs])

    def _pair(self, match: re.Match[str]) -> str:
        if self.matches(match.group(1)):
            return f'"{match.group(1)}"{match.group(2)}"{REDACTED}"'
        return match.group(0)

    def body(self, data: bytes, content_type: str | None, limit: int) -> str:
        """A captured request or response body as text, redacted by its content type.

        JSON and form bodies are parsed and their matching fields redacted; any other text is
        kept as is, cut to ``limit`` characters. Bytes that are not UTF-8 are replaced.
        """
        text = data.decode("utf-8", "replace")
        kind = (content_type or "").split(";", 1)[0].strip().lower()
        if kind == "application/json" or kind.endswith("+json"):
            try:
                text = json.dumps(self.value(json.loads(text)), ensure_ascii=False)
            except ValueError:
                text = _JSON_PAIR.sub(self._pair, text)
        elif kind == "application/x-www-form-urlencoded":
            text = self.query(text)
        return text if len(text) <= limit else text[:limit] + "...[truncated]"
