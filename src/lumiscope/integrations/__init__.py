"""Request middlewares: one root span per HTTP request, for WSGI and ASGI applications."""

from lumiscope.integrations.asgi import ASGIMiddleware
from lumiscope.integrations.wsgi import WSGIMiddleware

__all__ = ["ASGIMiddleware", "WSGIMiddleware"]
