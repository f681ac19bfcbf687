from enum import StrEnum


class NotificationKindEnum(StrEnum):
    ENDPOINT = "endpoint"
    JOB_FAILED = "job_failed"
    SECURITY = "security"
    SIGNATURE = "signature"

    def __str__(self) -> str:
        return str(self.value)
