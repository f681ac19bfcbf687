from enum import StrEnum


class StudiesAnimalsListSex(StrEnum):
    F = "F"
    M = "M"

    def __str__(self) -> str:
        return str(self.value)
