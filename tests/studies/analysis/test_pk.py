"""Non-compartmental analysis of serum IL-2 (studies.analysis.pk): hand-computed areas and slopes,
Theophylline subjects 1 and 6 (R datasets::Theoph) against WinNonlin / NonCompart, and edge cases."""

import json
import math

import pytest

from studies.analysis.pk import (
    AnimalSamples,
    PKSample,
    analyse_pk,
    auc_segments,
    fit_lambda_z,
    nca,
    summarise_concentrations,
)

LN2 = math.log(2)


def blq(t, lloq=5.0, nominal=None):
    return PKSample(t, None, below_lloq=True, lloq=lloq, nominal_time_h=nominal)


def m(t, c, nominal=None):
    return PKSample(t, c, lloq=5.0, nominal_time_h=nominal)


# BLQ before the first measurable (→ 0), BLQ in the middle (dropped), BLQ after Tlast (dropped).
PROFILE = [blq(0), m(0.5, 40), m(1, 100), m(2, 80), blq(4), m(6, 20), m(8, 10), blq(24)]


def test_auc_by_linear_up_log_down_by_hand():
    r = nca(PROFILE)
    # Points used: (0, 0) (leading BLQ), (0.5, 40), (1, 100), (2, 80), (6, 20), (8, 10); 4 h and 24 h dropped.
    up1 = 0.5 * (0 + 40) / 2  # linear up: 10
    up2 = 0.5 * (40 + 100) / 2  # linear up: 35
    down1 = 1 * (100 - 80) / math.log(100 / 80)  # log down: 89.628…
    down2 = 4 * (80 - 20) / math.log(80 / 20)  # log down across the dropped BLQ at 4 h: 173.123…
    down3 = 2 * (20 - 10) / math.log(20 / 10)  # log down: 28.853…
    assert r.auc_last == pytest.approx(up1 + up2 + down1 + down2 + down3, rel=1e-12)
    assert r.auc_last == pytest.approx(336.6057, abs=1e-4)
    assert (r.cmax, r.tmax, r.clast, r.tlast) == (100, 1, 10, 8)
    assert (r.n_samples, r.n_measured, r.n_below_lloq) == (8, 5, 3)
    assert not r.zero_imputed_at_dose and r.auc_start_h == 0
    used = [(p.time_h, p.auc_concentration) for p in r.points]
    assert used == [(0, 0.0), (0.5, 40), (1, 100), (2, 80), (4, None), (6, 20), (8, 10), (24, None)]


def test_auc_linear_trapezoid_by_hand():
    r = nca(PROFILE, auc_method="linear")
    expected = 0.5 * 40 / 2 + 0.5 * 140 / 2 + 1 * 180 / 2 + 4 * 100 / 2 + 2 * 30 / 2  # 10+35+90+200+30
    assert r.auc_last == pytest.approx(expected) == 365.0


def test_lambda_z_half_life_and_auc_inf_by_hand():
    r = nca(PROFILE)
    lz = r.lambda_z
    # After Tmax (1 h): 80 → 20 in 4 h and 20 → 10 in 2 h: exactly log-linear, t½ = 2 h.
    # λz = −slope of ln C on t over (2, 6, 8): ln(80/10)/(8 − 2) = 3 ln2 / 6 = ln2 / 2.
    assert lz.estimable and lz.n_points == 3 and (lz.time_first, lz.time_last) == (2, 8)
    assert lz.lambda_z == pytest.approx(LN2 / 2, rel=1e-12)
    assert r.half_life == pytest.approx(2.0, rel=1e-12)
    assert lz.r_squared == pytest.approx(1.0) and lz.adj_r_squared == pytest.approx(1.0)
    assert lz.span_ratio == pytest.approx((8 - 2) / 2.0)  # 3 ≥ 2
    assert lz.intercept == pytest.approx(math.log(80) + LN2 / 2 * 2)  # ln C(0) = ln 160
    assert lz.reliable and lz.reasons == ()
    auc_inf = r.auc_last + 10 / (LN2 / 2)  # AUClast + Clast/λz
    assert r.auc_inf == pytest.approx(auc_inf, rel=1e-12)
    assert r.auc_percent_extrapolated == pytest.approx(100 * (auc_inf - r.auc_last) / auc_inf)
    assert r.auc_percent_extrapolated == pytest.approx(7.8953, abs=1e-4)
    assert r.auc_inf_reliable
    assert [p.in_lambda_z for p in r.points] == [False, False, False, True, False, True, True, False]


def test_zero_is_imputed_at_the_dose_when_the_first_sample_is_later():
    r = nca([m(1, 10), m(2, 8), m(4, 4)])
    assert r.zero_imputed_at_dose and "zero_imputed_at_dose" in r.flags
    assert r.auc_last == pytest.approx(1 * 10 / 2 + 2 / math.log(10 / 8) + 2 * 4 / math.log(2))
    r2 = nca([m(1, 10), m(2, 8), m(4, 4)], impute_zero_at_dose=False)
    assert not r2.zero_imputed_at_dose and r2.auc_start_h == 1
    assert r2.auc_last == pytest.approx(2 / math.log(10 / 8) + 2 * 4 / math.log(2))


def test_theophylline_subject_1_matches_winnonlin():
    # R datasets::Theoph, Subject 1. WinNonlin 6.4 (linear trapezoid, extravascular) and NonCompart::sNCA:
    # CMAX 10.5, TMAX 1.12, AUCLST 148.9231, AUCIFO 216.6119, LAMZHL 14.3044; intercept b0 2.3687851.
    t = [0, 0.25, 0.57, 1.12, 2.02, 3.82, 5.10, 7.03, 9.05, 12.12, 24.37]
    c = [0.74, 2.84, 6.57, 10.50, 9.66, 8.58, 8.36, 7.47, 6.89, 5.94, 3.28]
    r = nca([PKSample(a, b) for a, b in zip(t, c, strict=True)], auc_method="linear")
    assert (r.cmax, r.tmax) == (10.5, 1.12)
    # The references are printed to 4 decimals (AUClast here is 148.92305 exactly).
    assert r.auc_last == pytest.approx(148.9231, abs=1e-4)
    assert r.auc_inf == pytest.approx(216.6119, abs=1e-4)
    assert r.half_life == pytest.approx(14.3044, abs=1e-4)
    assert r.lambda_z.intercept == pytest.approx(2.3687851, abs=5e-8)
    assert r.lambda_z.n_points == 3
    # The 3-point fit spans 15.3 h, barely one half-life: flagged (span ratio < 2), as is the 31 % extrapolation.
    assert r.lambda_z.span_ratio == pytest.approx((24.37 - 9.05) / 14.3044, rel=1e-5)
    assert r.lambda_z.reasons == ("short_span",) and not r.lambda_z.reliable
    assert "auc_extrapolated_high" in r.flags and not r.auc_inf_reliable
    # Linear-up/log-down: the three rising intervals linear, every interval after Tmax log-down.
    lin = sum((t[i + 1] - t[i]) * (c[i] + c[i + 1]) / 2 for i in range(3))
    log = sum((t[i + 1] - t[i]) * (c[i] - c[i + 1]) / math.log(c[i] / c[i + 1]) for i in range(3, 10))
    assert nca([PKSample(a, b) for a, b in zip(t, c, strict=True)]).auc_last == pytest.approx(lin + log)


def test_theophylline_subject_6_prefers_more_points_within_the_tolerance():
    # R datasets::Theoph, Subject 6. NonCompart::sNCA (WinNonlin's "best fit"): 7 points, LAMZ 0.0877957,
    # LAMZHL 7.89496. The strictly best adjusted R² is the 3-point fit; the 7-point fit is within 1e-4.
    t = [0, 0.27, 0.58, 1.15, 2.03, 3.57, 5.00, 7.00, 9.22, 12.10, 23.85]
    c = [0.00, 1.29, 3.08, 6.44, 6.32, 5.53, 4.94, 4.02, 3.46, 2.78, 0.92]
    r = nca([PKSample(a, b) for a, b in zip(t, c, strict=True)], auc_method="linear")
    assert r.lambda_z.n_points == 7
    assert r.lambda_z.lambda_z == pytest.approx(0.0877957, rel=1e-6)
    assert r.half_life == pytest.approx(7.89496, rel=1e-5)  # as quoted; ln2/0.0877957 = 7.89500
    three = fit_lambda_z(t[-3:], c[-3:], tmax=t[-4])
    assert three.adj_r_squared > r.lambda_z.adj_r_squared > three.adj_r_squared - 1e-4
    assert not r.zero_imputed_at_dose  # a measured 0 at t = 0


def test_all_below_lloq():
    r = nca([blq(0), blq(1), blq(4)])
    assert r.cmax is None and r.tmax is None and r.tlast is None and r.clast is None
    assert r.auc_last == 0 and r.auc_inf is None
    assert "all_below_lloq" in r.flags and not r.lambda_z.estimable
    assert json.dumps(r.to_dict(), allow_nan=False)


def test_a_single_measurable_point():
    r = nca([blq(0), m(2, 30), blq(8)])
    assert (r.cmax, r.tmax, r.clast, r.tlast) == (30, 2, 30, 2)
    assert r.auc_last == pytest.approx(2 * 30 / 2)  # (0, 0) → (2, 30), linear up
    assert r.lambda_z.reasons == ("too_few_points",) and "lambda_z_too_few_points" in r.flags
    assert r.auc_inf is None and r.auc_percent_extrapolated is None


def test_a_tail_that_does_not_decrease_has_no_half_life():
    rising = nca([m(0.5, 10), m(1, 50), m(2, 40), m(4, 45), m(8, 60)])
    assert rising.tmax == 8 and rising.lambda_z.reasons == ("too_few_points",)
    up = nca([m(0.5, 100), m(1, 20), m(2, 30), m(4, 40), m(8, 50)])
    assert up.lambda_z.reasons == ("lambda_z_not_positive",) and up.half_life is None
    flat = nca([m(0.5, 100), m(1, 20), m(2, 20), m(4, 20)])
    assert flat.lambda_z.reasons == ("lambda_z_not_positive",)
    # Flat steps are linear, not log (log-down needs a decrease).
    assert flat.auc_last == pytest.approx(0.5 * 100 / 2 + 0.5 * 80 / math.log(5) + 1 * 20 + 2 * 20)


def test_unreliable_half_life_is_flagged():
    noisy = nca([m(0.5, 100), m(1, 60), m(2, 70), m(3, 20), m(4, 40), m(5, 10)])
    assert noisy.lambda_z.estimable and noisy.lambda_z.adj_r_squared < 0.9
    assert "low_adj_r_squared" in noisy.lambda_z.reasons and "lambda_z_low_adj_r_squared" in noisy.flags
    assert not noisy.lambda_z.reliable and not noisy.auc_inf_reliable


def test_tmax_is_the_first_of_equal_maxima_and_excluded_from_lambda_z():
    r = nca([m(1, 50), m(2, 50), m(4, 25), m(8, 6.25)])
    assert r.tmax == 1
    assert r.lambda_z.n_points == 3 and r.lambda_z.time_first == 2  # the second 50 is after Tmax


def test_a_measured_zero_after_the_first_measurable_is_dropped_like_blq():
    a = nca([m(0.5, 40), m(1, 100), m(2, 0.0), m(4, 25)])
    b = nca([m(0.5, 40), m(1, 100), blq(2), m(4, 25)])
    assert a.auc_last == pytest.approx(b.auc_last)
    assert a.auc_last == pytest.approx(0.5 * 40 / 2 + 0.5 * 140 / 2 + 3 * 75 / math.log(4))


@pytest.mark.parametrize(
    "samples, message",
    [
        ([], "no serum samples"),
        ([m(-1, 3), m(1, 4)], "before the dose"),
        ([m(1, 3), m(1, 4)], "two samples at 1 h"),
        ([m(1, -3)], "negative concentration"),
        ([PKSample(1, None)], "not marked below the LLOQ"),
    ],
)
def test_bad_input_is_a_clear_error(samples, message):
    with pytest.raises(ValueError, match=message):
        nca(samples, animal_id="M03")


def test_auc_segments_rule():
    assert list(auc_segments([0, 1, 2, 3], [0, 10, 5, 5])) == pytest.approx([5, 5 / math.log(2), 5])
    with pytest.raises(ValueError):
        auc_segments([0, 1], [1, 2], "log")


def test_arm_summary_means_measured_values_and_withholds_mostly_blq_times():
    s = [
        m(1, 10),
        m(1, 20),
        blq(1),
        m(4, 8),
        blq(4, lloq=6),
        blq(4),
        m(24, 2, nominal=24),
        m(23.5, 4, nominal=24),
    ]
    by_t = {x.nominal_time_h: x for x in summarise_concentrations(s)}
    assert (by_t[1].n, by_t[1].n_measured, by_t[1].n_below_lloq) == (3, 2, 1)
    assert by_t[1].mean == 15 and by_t[1].sd == pytest.approx(math.sqrt(50))
    assert by_t[4].mostly_below_lloq and by_t[4].mean is None and by_t[4].lloq == 6
    assert by_t[24].n == 2 and by_t[24].mean == 3


def test_analyse_pk_per_animal_and_per_arm_is_json_safe():
    animals = [
        AnimalSamples("M01", 1, "IL-2", PROFILE),
        AnimalSamples("M02", 1, "IL-2", [blq(0), m(0.5, 20), m(1, 50), m(2, 40), m(6, 10), m(8, 5), blq(24)]),
        AnimalSamples("M03", 2, "Vehicle", [blq(0), blq(1), blq(8)]),
    ]
    res = analyse_pk(animals, concentration_unit="pg/mL")
    d = res.to_dict()
    json.dumps(d, allow_nan=False)
    assert [a["animal_id"] for a in d["animals"]] == ["M01", "M02", "M03"]
    assert [a["arm_name"] for a in d["arms"]] == ["IL-2", "Vehicle"]
    il2 = res.arms[0]
    assert il2.parameters["cmax"].n == 2 and il2.parameters["cmax"].mean == 75
    assert il2.parameters["half_life"].n == 2 and il2.parameters["half_life"].median == pytest.approx(2.0)
    assert res.arms[1].parameters["auc_last"].n == 0  # all below the LLOQ
    first = d["animals"][0]
    assert set(first) >= {"cmax", "tmax", "clast", "tlast", "auc_last", "auc_inf", "auc_percent_extrapolated"}
    assert first["lambda_z"]["half_life"] == pytest.approx(2.0) and first["half_life"] == pytest.approx(2.0)
    assert d["concentration_unit"] == "pg/mL" and d["time_unit"] == "h"
    with pytest.raises(ValueError, match="listed twice"):
        analyse_pk([animals[0], animals[0]])
    with pytest.raises(ValueError, match="M03"):
        analyse_pk([AnimalSamples("M03", 1, "IL-2", [m(-2, 5)])])
