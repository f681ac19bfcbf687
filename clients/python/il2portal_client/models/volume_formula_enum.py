from enum import StrEnum


class VolumeFormulaEnum(StrEnum):
    ELLIPSOID = "ellipsoid"
    LW2_HALF = "lw2_half"

    def __str__(self) -> str:
        return str(self.value)
