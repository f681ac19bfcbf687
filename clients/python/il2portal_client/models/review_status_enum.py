from enum import StrEnum


class ReviewStatusEnum(StrEnum):
    COMPLETE = "complete"
    REJECTED = "rejected"
    WAITING = "waiting"

    def __str__(self) -> str:
        return str(self.value)
