from enum import StrEnum


class AddMemberRoleEnum(StrEnum):
    ADMIN = "admin"
    MEMBER = "member"

    def __str__(self) -> str:
        return str(self.value)
