from enum import StrEnum


class ReadKindEnum(StrEnum):
    ABSORBANCE = "absorbance"
    FLUORESCENCE = "fluorescence"
    LUMINESCENCE = "luminescence"
    OTHER = "other"

    def __str__(self) -> str:
        return str(self.value)
