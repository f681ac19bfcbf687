from enum import StrEnum


class PotencyMonitoringListMetric(StrEnum):
    BOTTOM = "bottom"
    EC50 = "ec50"
    HILL = "hill"
    RELATIVE_POTENCY = "relative_potency"
    TOP = "top"
    Z_PRIME = "z_prime"

    def __str__(self) -> str:
        return str(self.value)
