from enum import StrEnum


class MeaningEnum(StrEnum):
    APPROVED = "approved"
    AUTHORED = "authored"
    REJECTED = "rejected"
    REVIEWED = "reviewed"

    def __str__(self) -> str:
        return str(self.value)
