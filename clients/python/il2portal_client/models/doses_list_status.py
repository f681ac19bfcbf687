from enum import StrEnum


class DosesListStatus(StrEnum):
    GIVEN = "given"
    PLANNED = "planned"
    SKIPPED = "skipped"

    def __str__(self) -> str:
        return str(self.value)
