from enum import StrEnum


class PotencyMonitoringListRole(StrEnum):
    REFERENCE = "reference"
    TEST = "test"

    def __str__(self) -> str:
        return str(self.value)
