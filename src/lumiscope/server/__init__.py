"""The Lumiscope server: OTLP ingest, storage, cost, memory and the REST API.

Nothing in here is imported by the SDK (``import lumiscope``).
"""
