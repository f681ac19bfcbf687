from enum import StrEnum


class MethodEnum(StrEnum):
    AUTO = "auto"
    UNWEIGHTED = "unweighted"

    def __str__(self) -> str:
        return str(self.value)
