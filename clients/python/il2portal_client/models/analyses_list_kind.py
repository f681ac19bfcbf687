from enum import StrEnum


class AnalysesListKind(StrEnum):
    GROWTH = "growth"
    SURVIVAL = "survival"

    def __str__(self) -> str:
        return str(self.value)
