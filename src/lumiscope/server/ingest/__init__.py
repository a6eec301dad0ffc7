"""Ingest: from request bytes to normalized span rows (no I/O besides the body)."""
