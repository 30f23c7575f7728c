"""The one exception the pipeline raises for a page it cannot extract."""

from __future__ import annotations


class ExtractError(Exception):
    """A page failed at a known stage, for a reason a user can act on.

    ``stage`` is where it failed (``read``, ``decode``, ``parse``, ``clean``…), ``error`` a short
    machine-readable kind (``empty``, ``binary``…) and ``message`` a sentence for people.
    """

    def __init__(self, stage: str, error: str, message: str):
        super().__init__(message)
        self.stage = stage
        self.error = error
        self.message = message

    def __reduce__(self):  # keep the three fields across process boundaries
        return (type(self), (self.stage, self.error, self.message))
