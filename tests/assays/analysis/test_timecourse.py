"""Time-course summaries: what the spread at each time point is the spread of."""

import statistics

import pytest

from assays.analysis.timecourse import Observation, summarise_time_course


def test_it_takes_the_sd_of_the_replicate_wells_when_one_run_measured_a_time_point():
    (course,) = summarise_time_course(
        [Observation("anti-CD3", 6, 100.0, run=1, replicates=(96.0, 100.0, 104.5))]
    )
    assert course.means == (100.0,) and course.ns == (3,) and course.spreads == ("wells",)
    assert course.sds[0] == pytest.approx(statistics.stdev([96.0, 100.0, 104.5]), rel=1e-12)


def test_it_takes_the_sd_of_independent_runs_when_several_share_a_time_point():
    obs = [
        Observation("anti-CD3", 24, 300.0, run=1, replicates=(299.0, 301.0)),
        Observation("anti-CD3", 24, 360.0, run=2, replicates=(350.0, 370.0)),
        Observation("anti-CD3", 24, None, flag="above_range", run=3),
    ]
    (course,) = summarise_time_course(obs)
    assert course.means == (330.0,) and course.ns == (2,) and course.spreads == ("runs",)
    assert course.sds[0] == pytest.approx(statistics.stdev([300.0, 360.0]), rel=1e-12)
    assert course.flags == (("above_range",),)


def test_it_gives_no_sd_rather_than_zero_for_a_single_value():
    (course,) = summarise_time_course([Observation("PMA", 12, 50.0, run=1, replicates=(50.0,))])
    assert course.sds == (None,) and course.spreads == (None,) and course.ns == (1,)
    d = course.to_dict()
    assert d["sd"] == [None] and d["spread"] == [None]
