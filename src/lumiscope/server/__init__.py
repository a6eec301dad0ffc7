"""The Lumiscope server: OTLP ingest, storage, cost, memory, REST API and web UI.

Nothing in here is imported by the SDK (``import lumiscope``).
"""
