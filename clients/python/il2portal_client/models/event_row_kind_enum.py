from enum import StrEnum


class EventRowKindEnum(StrEnum):
    COMPLETE_RESPONSE = "complete_response"
    ENDPOINT_EUTHANASIA = "endpoint_euthanasia"
    EUTHANASIA_OTHER = "euthanasia_other"
    FOUND_DEAD = "found_dead"
    MORIBUND = "moribund"
    NOTE = "note"
    ULCERATION = "ulceration"
    WITHDRAWN = "withdrawn"

    def __str__(self) -> str:
        return str(self.value)
