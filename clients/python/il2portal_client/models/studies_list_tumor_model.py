from enum import StrEnum


class StudiesListTumorModel(StrEnum):
    B16_F10 = "B16-F10"
    MC38 = "MC38"
    OTHER = "other"

    def __str__(self) -> str:
        return str(self.value)
