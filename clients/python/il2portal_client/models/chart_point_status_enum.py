from enum import StrEnum


class ChartPointStatusEnum(StrEnum):
    IN_CONTROL = "in_control"
    MISSING = "missing"
    REJECTION = "rejection"
    WARNING = "warning"

    def __str__(self) -> str:
        return str(self.value)
