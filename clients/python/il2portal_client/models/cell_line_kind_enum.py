from enum import StrEnum


class CellLineKindEnum(StrEnum):
    LINE = "line"
    PRIMARY = "primary"

    def __str__(self) -> str:
        return str(self.value)
