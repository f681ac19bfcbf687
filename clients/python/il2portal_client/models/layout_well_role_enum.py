from enum import StrEnum


class LayoutWellRoleEnum(StrEnum):
    BLANK = "blank"
    EMPTY = "empty"
    NEGATIVE_CONTROL = "negative_control"
    POSITIVE_CONTROL = "positive_control"
    QC = "qc"
    SAMPLE = "sample"
    STANDARD = "standard"

    def __str__(self) -> str:
        return str(self.value)
