"""One error vocabulary for the whole app, mapped once to HTTP and once to Socket.IO acks."""

from __future__ import annotations

from typing import Any

STATUS = {
    "invalid": 400,
    "unauthorized": 401,
    "forbidden": 403,
    "not_found": 404,
    "conflict": 409,
    "too_long": 413,
    "closed": 403,
    "muted": 403,
    "rate_limited": 429,
    "internal": 500,
}


class DomainError(Exception):
    """A refusal a person should understand: `code` from the contract, `message` in French."""

    def __init__(self, code: str, message: str) -> None:
        if code not in STATUS:
            raise ValueError(f"unknown error code {code!r}")
        super().__init__(message)
        self.code = code
        self.message = message

    @property
    def status(self) -> int:
        return STATUS[self.code]

    def body(self) -> dict[str, Any]:
        return error_body(self.code, self.message)


def error_body(code: str, message: str) -> dict[str, Any]:
    return {"error": {"code": code, "message": message}}


def nack(code: str, message: str) -> dict[str, Any]:
    return {"ok": False, **error_body(code, message)}
