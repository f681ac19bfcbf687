"""Dosing schedules ("q3d×5") to day offsets."""

import pytest

from studies.analysis.schedule import ScheduleError, dose_offsets


@pytest.mark.parametrize(
    "text,expected",
    [
        ("q3d×5", [0, 3, 6, 9, 12]),
        ("q3d x5", [0, 3, 6, 9, 12]),
        ("Q3D*3", [0, 3, 6]),
        ("qd×3", [0, 1, 2]),
        ("q7d×3", [0, 7, 14]),
        ("qw×2", [0, 7]),
        ("q2w×2", [0, 14]),
        ("biw×4", [0, 3, 7, 10]),
        ("tiw×4", [0, 2, 4, 7]),
        ("once", [0]),
        ("d0,3,7", [0, 3, 7]),
        ("days 0, 4", [0, 4]),
        ("q3d×5 + q3d×3", [0, 3, 6, 9, 12]),
        ("q3d×2 + d1", [0, 1, 3]),
    ],
)
def test_it_reads_protocol_schedules(text, expected):
    assert dose_offsets(text) == expected


def test_it_repeats_an_open_schedule_until_the_end():
    assert dose_offsets("q3d", until_offset=10) == [0, 3, 6, 9]
    assert dose_offsets("biw", until_offset=8) == [0, 3, 7]


@pytest.mark.parametrize("text", ["", "every now and then", "q3d×0", "q0d×3", "q3d+"])
def test_it_refuses_unreadable_schedules(text):
    with pytest.raises(ScheduleError):
        dose_offsets(text)


def test_it_asks_for_a_count_or_an_end():
    with pytest.raises(ScheduleError, match="number of doses"):
        dose_offsets("q3d")
