"""The server's exceptions. Each carries the HTTP status it becomes at the API boundary.

    LumiscopeError
     ├── BadRequest            400  undecodable or invalid input
     ├── Unauthorized          401  missing, unknown or revoked credentials
     ├── Forbidden             403  valid credentials, another project
     ├── NotFound              404
     ├── PayloadTooLarge       413
     ├── UnsupportedMediaType  415
     └── Overloaded            503  transient; answered with Retry-After
"""

from __future__ import annotations


class LumiscopeError(Exception):
    status_code = 500

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class BadRequest(LumiscopeError):
    status_code = 400


class Unauthorized(LumiscopeError):
    status_code = 401


class Forbidden(LumiscopeError):
    status_code = 403


class NotFound(LumiscopeError):
    status_code = 404


class PayloadTooLarge(LumiscopeError):
    status_code = 413


class UnsupportedMediaType(LumiscopeError):
    status_code = 415


class Overloaded(LumiscopeError):
    status_code = 503

    def __init__(self, message: str, retry_after: int = 1) -> None:
        super().__init__(message)
        self.retry_after = retry_after
