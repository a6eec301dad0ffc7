"""The store's tables, in one place. Alembic migrations in ``migrations/`` create them.

Times are integers in nanoseconds since the epoch (what OTLP sends), so ordering and
arithmetic need no dialect-specific types. A span keeps the columns that views filter,
group or sum on; everything else stays in ``payload``, the span's OTLP protobuf bytes,
decoded only when one span is read in full.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Float,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    text,
)

metadata = MetaData()

projects = Table(
    "projects",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("created_ns", BigInteger, nullable=False),
)

api_keys = Table(
    "api_keys",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("project_id", String(40), nullable=False, index=True),
    Column("name", String(200)),
    Column("prefix", String(16), nullable=False),
    Column("key_hash", String(64), nullable=False, unique=True),
    Column("created_ns", BigInteger, nullable=False),
    Column("revoked_ns", BigInteger),
)

# Server-wide values: the admin token's hash, and anything else set once per store.
server_state = Table(
    "server_state",
    metadata,
    Column("key", String(100), primary_key=True),
    Column("value", Text, nullable=False),
)

spans = Table(
    "spans",
    metadata,
    Column("project_id", String(40), primary_key=True),
    Column("trace_id", Text, primary_key=True),
    Column("span_id", Text, primary_key=True),
    Column("parent_span_id", Text),
    Column("event_id", Text),
    Column("name", Text, nullable=False),
    Column("span_kind", String(20), nullable=False),
    Column("start_ns", BigInteger, nullable=False),
    Column("end_ns", BigInteger, nullable=False),
    Column("status", String(20), nullable=False),
    Column("error_code", Text),
    Column("error_message", Text),
    Column("provider", Text),
    Column("model", Text),
    Column("operation", Text),
    Column("input_tokens", Integer),
    Column("output_tokens", Integer),
    Column("cached_tokens", Integer),
    Column("cost_usd", Float),
    Column("ttft_ms", Float),
    Column("stream", Boolean),
    Column("environment", Text),
    Column("user_id", Text),
    Column("session_id", Text),
    Column("agent_id", Text),
    Column("service_name", Text),
    Column("scope_name", Text),
    Column("source", String(10), nullable=False),
    Column("resource", Text),
    Column("payload", LargeBinary, nullable=False),
    Index("ix_spans_project_start", "project_id", "start_ns"),
    Index(
        "ix_spans_event_id",
        "project_id",
        "event_id",
        unique=True,
        sqlite_where=text("event_id IS NOT NULL"),
        postgresql_where=text("event_id IS NOT NULL"),
    ),
)

# One row per trace, recomputed from its spans whenever spans of it arrive.
traces = Table(
    "traces",
    metadata,
    Column("project_id", String(40), primary_key=True),
    Column("trace_id", Text, primary_key=True),
    Column("root_span_id", Text),
    Column("name", Text),
    Column("start_ns", BigInteger, nullable=False),
    Column("end_ns", BigInteger, nullable=False),
    Column("span_count", Integer, nullable=False),
    Column("llm_count", Integer, nullable=False),
    Column("error_count", Integer, nullable=False),
    Column("status", String(20), nullable=False),
    Column("input_tokens", Integer, nullable=False),
    Column("output_tokens", Integer, nullable=False),
    Column("cost_usd", Float),
    Column("model", Text),
    Column("user_id", Text),
    Column("session_id", Text),
    Column("agent_id", Text),
    Column("service_name", Text),
    Column("environment", Text),
    Index("ix_traces_project_start", "project_id", "start_ns"),
    Index("ix_traces_project_session", "project_id", "session_id"),
    Index("ix_traces_project_user", "project_id", "user_id"),
)

sessions = Table(
    "sessions",
    metadata,
    Column("project_id", String(40), primary_key=True),
    Column("session_id", Text, primary_key=True),
    Column("user_id", Text),
    Column("first_ns", BigInteger),
    Column("last_ns", BigInteger),
    # "active" while spans arrive; "ended" by mark-session-as-ended or the idle timeout.
    Column("status", String(10), nullable=False),
    Column("ended_ns", BigInteger),
    # When spans of the session were last written (server clock): new work for memory.
    Column("touched_ns", BigInteger),
    Index("ix_sessions_project_user", "project_id", "user_id"),
)

users = Table(
    "users",
    metadata,
    Column("project_id", String(40), primary_key=True),
    Column("user_id", Text, primary_key=True),
    Column("first_ns", BigInteger, nullable=False),
    Column("last_ns", BigInteger, nullable=False),
)

# Per-project prices that win over genai-prices, in USD per million tokens.
price_overrides = Table(
    "price_overrides",
    metadata,
    Column("project_id", String(40), primary_key=True),
    Column("model", Text, primary_key=True),
    Column("input_mtok", Float, nullable=False),
    Column("output_mtok", Float, nullable=False),
    Column("cached_input_mtok", Float),
)

# --- Memory (revision 0002) -------------------------------------------------------------

# Where the memory engine is with each session: what it has learned from, and who is
# working on it. Claims are leases: a claim older than the lease is taken over,
# so work of a killed process is resumed, never lost, and never done twice at once.
memory_progress = Table(
    "memory_progress",
    metadata,
    Column("project_id", String(40), primary_key=True),
    Column("session_id", Text, primary_key=True),
    Column("user_id", Text),
    # The session's touched_ns that the last completed run had learned from.
    Column("learned_ns", BigInteger),
    Column("claimed_by", String(40)),
    Column("claimed_ns", BigInteger),
)

memory_facts = Table(
    "memory_facts",
    metadata,
    Column("project_id", String(40), primary_key=True),
    Column("user_id", Text, primary_key=True),
    Column("id", String(40), primary_key=True),
    Column("agent_id", Text),
    Column("category", String(20), nullable=False),
    Column("subject", Text, nullable=False),
    Column("value", Text, nullable=False),
    Column("text", Text, nullable=False),
    Column("confidence", Float),
    # "current" facts are served; "superseded" ones stay as history.
    Column("status", String(12), nullable=False),
    Column("created_ns", BigInteger, nullable=False),
    Column("updated_ns", BigInteger, nullable=False),
    Column("superseded_ns", BigInteger),
    Column("superseded_by", String(40)),
    Column("provenance", Text, nullable=False),  # JSON list of {trace_id, span_id, ...}
)

memory_summaries = Table(
    "memory_summaries",
    metadata,
    Column("project_id", String(40), primary_key=True),
    Column("user_id", Text, primary_key=True),
    # "" for the user's own summary, else the session it summarizes.
    Column("session_id", Text, primary_key=True),
    Column("agent_id", Text),
    Column("summary", Text, nullable=False),
    Column("updated_ns", BigInteger, nullable=False),
)

# Fingerprints of the turns already learned for a user, so a turn re-sent in a later call
# or a later session is learned once.
memory_turns = Table(
    "memory_turns",
    metadata,
    Column("project_id", String(40), primary_key=True),
    Column("user_id", Text, primary_key=True),
    Column("fingerprint", String(64), primary_key=True),
    Column("learned_ns", BigInteger, nullable=False),
)
