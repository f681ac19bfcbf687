from enum import StrEnum


class StudiesAnalysesListKind(StrEnum):
    EXPOSURE = "exposure"
    GROWTH = "growth"
    IMMUNE = "immune"
    SURVIVAL = "survival"
    SYNERGY = "synergy"

    def __str__(self) -> str:
        return str(self.value)
