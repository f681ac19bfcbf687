from enum import StrEnum


class StudiesListStatus(StrEnum):
    ACTIVE = "active"
    COMPLETED = "completed"
    PLANNED = "planned"

    def __str__(self) -> str:
        return str(self.value)
