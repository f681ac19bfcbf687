"""il2portal.formatting.mean_sem: the SEM to two significant figures, the mean to its decimal place."""

import math

import pytest

from il2portal.formatting import mean_sem


@pytest.mark.parametrize(
    ("mean", "sem", "text"),
    [
        (1896.6, 411.2, "1897 ± 411"),
        (1516, 540, "1516 ± 540"),
        (22.2, 0.438, "22.20 ± 0.44"),
        (88.31, 8.21, "88.3 ± 8.2"),
        (0.0123, 0.0011, "0.0123 ± 0.0011"),
        (-0.001, 0.3, "0.00 ± 0.30"),
        (5, 0, "5 ± 0"),
        (10, None, "10"),
        (None, 1.0, "—"),
        (math.nan, 1.0, "—"),
    ],
)
def test_mean_sem(mean, sem, text):
    assert mean_sem(mean, sem) == text
