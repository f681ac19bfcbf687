"""Bad input to the assays services, named by the field it concerns."""

from __future__ import annotations


class RunInputError(ValueError):
    """Bad input for a layout or run; ``field`` names where (e.g. ``wells[3].well``)."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message
