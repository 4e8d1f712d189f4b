"""What the operator tools refuse: a Korean message, the HTTP status, and the seed's error code."""
from __future__ import annotations


class Refused(Exception):
    def __init__(self, message: str, status: int = 400, code: str = ""):
        super().__init__(message)
        self.message, self.status, self.code = message, status, code


class NotAllowed(Refused):
    def __init__(self, message: str, code: str = "permission_denied"):
        super().__init__(message, 403, code)
