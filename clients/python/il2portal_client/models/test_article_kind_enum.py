from enum import StrEnum


class TestArticleKindEnum(StrEnum):
    ANTIBODY = "antibody"
    IL2_FUSION = "il2_fusion"
    IL2_MUTEIN = "il2_mutein"
    IL2_WILD_TYPE = "il2_wild_type"
    OTHER = "other"
    VEHICLE = "vehicle"

    def __str__(self) -> str:
        return str(self.value)
