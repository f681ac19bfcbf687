from enum import StrEnum


class StudiesAnimalsListStatus(StrEnum):
    ALIVE = "alive"
    DEAD = "dead"
    ENDPOINT = "endpoint"
    WITHDRAWN = "withdrawn"

    def __str__(self) -> str:
        return str(self.value)
