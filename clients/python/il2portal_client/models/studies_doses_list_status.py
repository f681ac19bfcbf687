from enum import StrEnum


class StudiesDosesListStatus(StrEnum):
    GIVEN = "given"
    PLANNED = "planned"
    SKIPPED = "skipped"

    def __str__(self) -> str:
        return str(self.value)
