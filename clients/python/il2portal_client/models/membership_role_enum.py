from enum import StrEnum


class MembershipRoleEnum(StrEnum):
    ADMIN = "admin"
    INSTRUMENT = "instrument"
    MEMBER = "member"

    def __str__(self) -> str:
        return str(self.value)
