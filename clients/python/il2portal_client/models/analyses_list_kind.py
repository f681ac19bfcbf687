from enum import StrEnum


class AnalysesListKind(StrEnum):
    EXPOSURE = "exposure"
    GROWTH = "growth"
    SURVIVAL = "survival"
    SYNERGY = "synergy"

    def __str__(self) -> str:
        return str(self.value)
