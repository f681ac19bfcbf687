from enum import StrEnum


class WellFlagEnum(StrEnum):
    INVALID = "invalid"
    MASKED = "masked"
    MISSING = "missing"
    SATURATED = "saturated"

    def __str__(self) -> str:
        return str(self.value)
