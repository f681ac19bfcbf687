from enum import StrEnum


class ModelEnum(StrEnum):
    LINEAR = "linear"
    LOGLOG = "loglog"
    VALUE_0 = "4PL"
    VALUE_1 = "5PL"

    def __str__(self) -> str:
        return str(self.value)
