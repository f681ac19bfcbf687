from enum import StrEnum


class RunKindEnum(StrEnum):
    BIOASSAY = "bioassay"
    ELISA = "elisa"

    def __str__(self) -> str:
        return str(self.value)
