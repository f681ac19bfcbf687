from enum import StrEnum


class WeightingEnum(StrEnum):
    NONE = "none"
    VALUE_1 = "1/y"
    VALUE_2 = "1/y2"

    def __str__(self) -> str:
        return str(self.value)
