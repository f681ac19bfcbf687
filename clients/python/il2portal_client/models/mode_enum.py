from enum import StrEnum


class ModeEnum(StrEnum):
    ENDPOINT = "endpoint"
    KINETIC = "kinetic"
    SPECTRAL = "spectral"

    def __str__(self) -> str:
        return str(self.value)
