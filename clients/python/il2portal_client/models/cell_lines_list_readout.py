from enum import StrEnum


class CellLinesListReadout(StrEnum):
    LUMINESCENCE_REPORTER = "luminescence_reporter"
    OTHER = "other"
    PROLIFERATION = "proliferation"
    PSTAT5_MFI = "pstat5_mfi"
    PSTAT5_PCT = "pstat5_pct"

    def __str__(self) -> str:
        return str(self.value)
