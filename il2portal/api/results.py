"""The scientific results as OpenAPI components, so a generated client gets types, not ``Any``.

Each serializer here only *describes* JSON the analysis code already stores (``to_dict()`` of
``assays.analysis`` and ``studies.analysis`` results, plus what ``assays.jobs`` and
``studies.services.analyses`` add); nothing is serialised through them. Keys that are always present are
required; keys present only for one kind of analysis (ELISA or bioassay) or in some cases are not.
Every measured number may be ``null`` (a value that could not be computed is stored as null, never
as NaN), counts never are. ``tests/core/test_result_schemas.py`` validates stored results of every
analysis kind against these components as served in ``/api/v1/schema/``, with unknown keys refused, so
the description cannot drift from what is served.
"""

from __future__ import annotations

from drf_spectacular.utils import PolymorphicProxySerializer, extend_schema_field
from rest_framework import serializers as s

from il2portal import registry


def _num(help_text: str = "", *, required: bool = True) -> s.FloatField:
    return s.FloatField(allow_null=True, required=required, help_text=help_text)


def _int(help_text: str = "", *, null: bool = False, required: bool = True) -> s.IntegerField:
    return s.IntegerField(allow_null=null, required=required, help_text=help_text)


def _str(help_text: str = "", *, null: bool = False, required: bool = True) -> s.CharField:
    return s.CharField(allow_null=null, required=required, help_text=help_text)


def _bool(help_text: str = "", *, null: bool = False, required: bool = True) -> s.BooleanField:
    return s.BooleanField(allow_null=null, required=required, help_text=help_text)


def _strings(help_text: str = "", *, required: bool = True) -> s.ListField:
    return s.ListField(child=s.CharField(), required=required, help_text=help_text)


def _interval(help_text: str, *, null: bool = True, required: bool = True) -> s.ListField:
    """``[low, high]``; either bound is null when it cannot be computed."""
    return s.ListField(
        child=s.FloatField(allow_null=True),
        min_length=2,
        max_length=2,
        allow_null=null,
        required=required,
        help_text=help_text,
    )


# ==================================================================================================
# Curves (POST /fits/ job result; the curve of a run)


class CurveParametersSerializer(s.Serializer):
    """Prism's names and meanings: log_ec50 is log10; a falling curve has a negative hill_slope.
    A parameter the model does not have, or that sits on a bound, is null."""

    bottom = _num()
    top = _num()
    hill_slope = _num()
    ec50 = _num("In the unit of the concentrations.")
    log_ec50 = _num("log10 of ec50.")
    asymmetry = _num("5PL only (S).")
    slope = _num("linear and loglog models only.", required=False)
    intercept = _num("linear and loglog models only.", required=False)


class UnknownEstimateSerializer(s.Serializer):
    y = _num("The response asked about.")
    x = _num("Interpolated concentration; null when out of range.")
    flag = _str("null, `below_range` or `above_range`.", null=True)


class CurveFitSerializer(s.Serializer):
    """A fitted curve (API.md "Curve fits")."""

    model = _str("`4PL`, `5PL`, `linear` or `loglog`.")
    weighting = _str("`none`, `1/y` or `1/y2`.")
    n = _int("Points fitted.")
    df = _int("Residual degrees of freedom.")
    parameters = CurveParametersSerializer()
    standard_errors = CurveParametersSerializer()
    ec50_ci95 = _interval("95 % CI of the EC50, computed on log_ec50 and back-transformed (asymmetric).")
    rss = _num("Residual sum of squares (weighted).")
    sy_x = _num("√(RSS / df).")
    r_squared = _num()
    aic = _num()
    flags = _strings("e.g. `no_plateau`, `ec50_outside_range`, `no_convergence`, `5pl_not_justified`.")
    unknowns = UnknownEstimateSerializer(many=True)


class SampleCurveSerializer(CurveFitSerializer):
    """One curve of a bioassay run: the reference's or a test sample's own 4PL."""

    sample = _str()
    role = _str("`reference` or `test`.")
    plate = _int(required=False)


class ModelSelectionSerializer(s.Serializer):
    """Which model was fitted and why; the 4PL-vs-5PL test when one was made."""

    requested = _str()
    fitted = _str("null when no curve could be fitted.", null=True)
    summary = _str("In words.")
    reason = _str(required=False)
    f_statistic = _num("Extra-sum-of-squares F (4PL vs 5PL).", required=False)
    p_value = _num(required=False)
    aic_4pl = _num(required=False)
    aic_5pl = _num(required=False)


# ==================================================================================================
# Assay run results (GET /runs/{id}/ result, /runs/{id}/versions/)


class StandardResultSerializer(s.Serializer):
    group = _str()
    nominal = _num("Nominal concentration (bioassay: the dose).")
    unit = _str(null=True)
    wells = _strings()
    mean_signal = _num()
    cv_pct = _num()
    back_calculated = _num("Concentration read back from the curve (ELISA); null for a bioassay.")
    recovery_pct = _num("100 × back-calculated / nominal.")
    passed = _bool("Within its acceptance limits; null when not judged (anchors, bioassay).", null=True)
    anchor = _bool("An anchor point outside the range, not judged (ELISA).", required=False)
    limit = _str("`LLOQ` or `ULOQ` when this level is a limit (ELISA).", null=True, required=False)
    reasons = _strings(required=False)
    plate = _int(required=False)


class ReplicateResultSerializer(s.Serializer):
    well = _str()
    signal = _num()
    concentration = _num("× dilution factor; null when out of range.")
    flag = _str(null=True)


class SampleResultSerializer(s.Serializer):
    sample = _str(null=True)
    group = _str()
    dilution_factor = _num("null for a bioassay dose row.")
    wells = _strings()
    mean_signal = _num()
    cv_pct = _num()
    concentration = _num("Interpolated (ELISA); null when out of range or for a bioassay.")
    reported_concentration = _num("concentration × dilution factor.")
    unit = _str(null=True)
    flag = _str("null, `below_range`, `above_range` or `high_cv`.", null=True)
    flags = _strings(required=False)
    lloq = _num("The plate's LLOQ × dilution factor.", required=False)
    uloq = _num("The plate's ULOQ × dilution factor.", required=False)
    replicates = ReplicateResultSerializer(many=True, required=False)
    sd_concentration = _num(required=False)
    n_quantified = _int(required=False)
    dose = _num("Bioassay only.", required=False)
    plate = _int(required=False)


class QCWellResultSerializer(s.Serializer):
    well = _str()
    signal = _num()
    back_calculated = _num()
    bias_pct = _num()
    passed = _bool()
    reasons = _strings()


class QCLevelResultSerializer(s.Serializer):
    """One QC level; each well is judged on its own (ICH M10)."""

    level = _str()
    group = _str()
    nominal = _num()
    unit = _str(null=True)
    dilution_factor = _num()
    wells = _strings()
    mean_signal = _num()
    cv_pct = _num()
    back_calculated = _num()
    bias_pct = _num()
    n = _int()
    n_passed = _int()
    passed = _bool()
    results = QCWellResultSerializer(many=True)
    plate = _int(required=False)


class QCEvaluationResultSerializer(s.Serializer):
    nominal = _num()
    measured = _num()
    recovery_pct = _num()
    passed = _bool()
    reasons = _strings()
    well = _str(null=True)
    bias_pct = _num()


class QCLevelSummarySerializer(s.Serializer):
    nominal = _num()
    n = _int()
    n_passed = _int()
    passed_fraction = _num()
    passed = _bool()


class QCSamplesSerializer(s.Serializer):
    """ICH M10 QC totals. A run of several plates gives only the totals (``per_plate``: each plate is
    judged on its own)."""

    n = _int()
    n_passed = _int()
    passed_fraction = _num()
    accepted = _bool()
    reasons = _strings(required=False)
    results = QCEvaluationResultSerializer(many=True, required=False)
    levels = QCLevelSummarySerializer(many=True, required=False)
    per_plate = _bool(required=False)


class EdgeEffectSerializer(s.Serializer):
    edge_median = _num()
    interior_median = _num()
    ratio = _num()
    difference_pct = _num()
    n_edge = _int()
    n_interior = _int()


class RunQCSerializer(s.Serializer):
    z_prime = _num("Z′ = 1 − 3(σ₊ + σ₋)/|μ₊ − μ₋|.")
    signal_to_background = _num()
    standards_passed_pct = _num()
    accepted = _bool()
    reasons = _strings()
    lloq = _num(required=False)
    uloq = _num(required=False)
    unit = _str(null=True, required=False)
    blank_mean = _num(required=False)
    qc_samples = QCSamplesSerializer(allow_null=True, required=False)
    background = _num("Bioassay only.", required=False)
    untreated_mean = _num("Bioassay only.", required=False)
    response = _str("Bioassay only: `fold_induction` or `signal`.", required=False)
    edge_effect = EdgeEffectSerializer(allow_null=True, required=False)


class PlateResultSerializer(s.Serializer):
    """Each plate's own curve and QC (absent for a pooled curve)."""

    plate = _int()
    name = _str()
    curve = CurveFitSerializer(allow_null=True, required=False)
    model_selection = ModelSelectionSerializer(allow_null=True, required=False)
    qc = RunQCSerializer(allow_null=True, required=False)


class ReassaySerializer(s.Serializer):
    sample = _str(null=True)
    group = _str()
    dilution_factor = _num()
    reason = _str()
    plate = _int(required=False)


class DilutionCellSerializer(s.Serializer):
    dilution_factor = _num()
    reported_concentration = _num("Interpolated × dilution factor; null when out of range.")
    in_range = _bool()
    mean_signal = _num()
    flag = _str("The sample row's flag (`below_range`, `above_range`, …).", null=True)
    pct_difference = _num("100 (concentration / mean of the in-range dilutions − 1); null out of range.")
    near_top = _bool("The least-diluted well's signal is ≥ 90 % of the fitted span (hook risk).")


class DilutionLinearitySerializer(s.Serializer):
    """A sample measured at two or more dilutions (assays/analysis/dilution.py)."""

    sample = _str()
    unit = _str(null=True)
    dilutions = DilutionCellSerializer(many=True, help_text="Ordered by dilution factor.")
    mean_concentration = _num("Mean of the in-range dilution-corrected concentrations.")
    n_in_range = _int()
    max_abs_pct_difference = _num()
    max_pct = _num("The linearity limit (settings.linearity_max_pct).")
    flags = _strings("`non_linear`, `hook_rising`, `hook_top`, `too_few_in_range`.")
    suggested_dilution_factor = _num("The dilution to report; null when none is in range.")
    suggested_concentration = _num()
    reason = _str("Why that dilution, in words.")
    plate = _int(required=False)


class KineticReductionSerializer(s.Serializer):
    name = _str("`last`, `max_slope`, `value_at`, …")
    window = _int(required=False)
    at = _num(required=False)
    reads = _strings()
    description = _str()


class EquivalenceTestSerializer(s.Serializer):
    parameter = _str()
    estimate = _num()
    ci = _interval("90 % CI of the difference (or ratio).")
    margin = _interval("Equivalence margin.")
    passed = _bool()


class ParallelismFTestSerializer(s.Serializer):
    f_statistic = _num(required=False)
    p_value = _num(required=False)
    df_num = _int(required=False)
    df_den = _int(required=False)
    alpha = _num(required=False)


class SimilaritySerializer(s.Serializer):
    method = _str("`equivalence` (USP <1032>) or `f_test`.")
    equivalence = EquivalenceTestSerializer(many=True)
    f_test = ParallelismFTestSerializer()


class ParallelFitSerializer(s.Serializer):
    bottom = _num(required=False)
    top = _num(required=False)
    hill_slope = _num(required=False)
    ec50_reference = _num(required=False)
    ec50_test = _num(required=False)
    rss = _num(required=False)
    at_bound = _strings("Parameters at a bound (the RP is then withheld).", required=False)


class PotencyEstimateSerializer(s.Serializer):
    """Relative potency of a test sample against the reference by parallel 4PL."""

    sample = _str()
    reference = _str()
    relative_potency = _num("EC50_ref / EC50_test; null when withheld (see `withheld`).")
    ci95 = _interval("95 % CI of the relative potency.")
    similar = _bool("Parallel (similar) to the reference.", null=True)
    log10_rp = _num()
    se_log10_rp = _num()
    withheld = _str("Why relative_potency is null, in words.", null=True)
    df = _int(null=True)
    parallel_fit = ParallelFitSerializer()
    similarity = SimilaritySerializer()
    flags = _strings()
    plate = _int(required=False)


class RunAnalysisResultSerializer(s.Serializer):
    """An assay run's result (API.md "Assay runs"). ELISA results carry ``model_selection``, ``qcs``
    and ``reassay``; bioassay results ``curves`` and ``potency``."""

    curve = CurveFitSerializer(allow_null=True, help_text="The (first plate's) standard or reference curve.")
    standards = StandardResultSerializer(many=True)
    samples = SampleResultSerializer(many=True)
    qc = RunQCSerializer()
    analysis_version = _str()
    version = _int("The result version.")
    plates = PlateResultSerializer(many=True, required=False)
    model_selection = ModelSelectionSerializer(required=False)
    qcs = QCLevelResultSerializer(many=True, required=False)
    reassay = ReassaySerializer(
        many=True, required=False, help_text="Samples to re-assay at a higher dilution."
    )
    dilution_linearity = DilutionLinearitySerializer(
        many=True, required=False, help_text="ELISA: samples measured at two or more dilutions."
    )
    curves = SampleCurveSerializer(many=True, required=False)
    potency = PotencyEstimateSerializer(many=True, required=False)
    kinetic_reduction = KineticReductionSerializer(required=False)


class RunAnalysisJobResultSerializer(s.Serializer):
    """A run analysis job's result; the run's result is at ``GET /runs/{run}/``."""

    run = _int()
    version = _int()
    accepted = _bool(null=True)


class RunDiffValuesSerializer(s.Serializer):
    old = _num()
    new = _num()


class RunDiffAcceptedSerializer(s.Serializer):
    old = _bool(null=True)
    new = _bool(null=True)


class RunDiffSampleSerializer(s.Serializer):
    plate = _int(null=True)
    sample = _str(null=True)
    old_concentration = _num()
    new_concentration = _num()
    old_flag = _str(null=True)
    new_flag = _str(null=True)


class RunDiffSerializer(s.Serializer):
    """What changed between two versions: EC50, acceptance, and each sample whose concentration or
    flag changed."""

    ec50 = RunDiffValuesSerializer()
    accepted = RunDiffAcceptedSerializer()
    samples = RunDiffSampleSerializer(many=True)


# ==================================================================================================
# Study analyses: survival


class AnalysisFlagSerializer(s.Serializer):
    code = _str()
    message = _str()
    group = _int(null=True, required=False)
    day = _num(required=False)


class SurvivalGroupSerializer(s.Serializer):
    group = _int("The arm's id.")
    name = _str()
    n = _int()
    events = _int()
    median_days = _num("Median survival (days from day 0); null when not reached.")
    median_ci95 = _interval("95 % CI of the median; a bound is null when not reached.", null=False)


class ChiSquareTestSerializer(s.Serializer):
    chi2 = _num()
    df = _int()
    p = _num()


class PairwiseLogRankSerializer(s.Serializer):
    a = _int()
    b = _int()
    chi2 = _num()
    p = _num()
    p_adjusted = _num("Holm-adjusted.")


class HazardRatioSerializer(s.Serializer):
    group = _int()
    reference = _int()
    hr = _num("Cox (Efron ties) hazard ratio of group vs reference.")
    ci95 = _interval("95 % CI of the hazard ratio.", null=False)
    coef = _num()
    se = _num()
    p = _num()


class CoxTestsSerializer(s.Serializer):
    ties = _str()
    likelihood_ratio = ChiSquareTestSerializer()
    wald = ChiSquareTestSerializer()
    score = ChiSquareTestSerializer()


class AtRiskSerializer(s.Serializer):
    time = _num()
    n = _int()


class SurvivalCurveSerializer(s.Serializer):
    """Kaplan–Meier step function: Ŝ is constant from ``times[i]`` to ``times[i+1]``."""

    group = _int()
    name = _str()
    times = s.ListField(child=s.FloatField(allow_null=True))
    survival = s.ListField(child=s.FloatField(allow_null=True))
    ci_low = s.ListField(child=s.FloatField(allow_null=True))
    ci_high = s.ListField(child=s.FloatField(allow_null=True))
    at_risk = s.ListField(child=s.IntegerField())
    censored_times = s.ListField(child=s.FloatField(allow_null=True))
    at_risk_table = AtRiskSerializer(many=True)


class SurvivalSubjectSerializer(s.Serializer):
    animal = _str("The animal's tag.")
    group = _int()
    time_days = _num()
    event = _bool("True: an event; false: censored at time_days.")


class SurvivalAnalysisSerializer(s.Serializer):
    """A survival analysis (API.md "Studies"): Kaplan–Meier per group, log-rank, Holm-adjusted
    pairwise log-rank, Cox hazard ratios. Times are days from day 0."""

    time_origin = _str("`day0`.")
    ci_method = _str("`log-log`, `log` or `plain`.")
    median_rule = _str("`midpoint` or `first`.")
    groups = SurvivalGroupSerializer(many=True)
    logrank = ChiSquareTestSerializer()
    pairwise = PairwiseLogRankSerializer(many=True)
    adjustment = _str("`holm`.")
    hazard_ratios = HazardRatioSerializer(many=True)
    cox_tests = CoxTestsSerializer(allow_null=True)
    curves = SurvivalCurveSerializer(many=True)
    flags = AnalysisFlagSerializer(many=True)
    reference = _int("The reference (control) arm.", null=True)
    subjects = SurvivalSubjectSerializer(many=True)


# ==================================================================================================
# Study analyses: growth


class GrowthDaySerializer(s.Serializer):
    day = _num()
    n = _int()
    mean_volume = _num("mm³")
    sem_volume = _num()
    sd_volume = _num()
    median_volume = _num()
    geo_mean_volume = _num()
    log_mean = _num()
    log_sem = _num()
    in_curve = _bool("False once fewer than the set share of the group's animals remain.")


class BodyWeightDaySerializer(s.Serializer):
    day = _num()
    n = _int()
    mean_pct = _num("Mean body-weight change from baseline, %.")
    sem_pct = _num()
    in_curve = _bool()


class GrowthGroupSerializer(s.Serializer):
    group = _int()
    name = _str()
    n_animals = _int()
    curve_end_day = _num()
    series = GrowthDaySerializer(many=True)
    body_weight = BodyWeightDaySerializer(many=True)
    response_counts = s.DictField(
        child=s.IntegerField(), help_text="Animals per response class (CR, PR, SD, PD, NE)."
    )
    median_days_to_volume = _num()
    growth_delay_days = _num("Tumor growth delay vs control, days.")


class TgiDaySerializer(s.Serializer):
    group = _int()
    day = _num()
    tgi_pct = _num("(1 − ΔT/ΔC) × 100; null when withheld.")
    tgi_raw_pct = _num()
    regression = _bool()
    regression_pct = _num()
    tc_pct = _num("T/C %.")
    delta_t = _num()
    delta_c = _num()
    n_treated = _int()
    n_control = _int()
    withheld = _str("Why TGI is not reported on this day (code).", null=True)
    note = _str(null=True)


class AnimalGrowthSerializer(s.Serializer):
    animal = _str("The animal's tag.")
    group = _int(null=True)
    days = s.ListField(child=s.FloatField())
    volumes = s.ListField(child=s.FloatField(allow_null=True))
    weight_days = s.ListField(child=s.FloatField())
    weights_g = s.ListField(child=s.FloatField(allow_null=True))
    weight_change_pct = s.ListField(child=s.FloatField(allow_null=True))
    weight_nadir_pct = _num()
    baseline_volume = _num()
    response = _str("CR, PR, SD, PD or NE.")
    best_response_pct = _num()
    best_avg_response_pct = _num()
    days_to_volume = _num()
    reached_volume = _bool()
    last_day = _num()
    exit_day = _num()
    exit_reason = _str(null=True)


class ResponseCriteriaSerializer(s.Serializer):
    cr_volume_mm3 = _num()
    cr_consecutive = _int()
    pr_best_pct = _num()
    pr_avg_pct = _num()
    sd_best_pct = _num()
    sd_avg_pct = _num()
    min_eval_days = _num()


class GrowthRateComparisonSerializer(s.Serializer):
    a = _int()
    b = _int()
    n_a = _int()
    n_b = _int()
    mean_a = _num()
    mean_b = _num()
    ratio = _num()
    ratio_ci95 = _interval("95 % CI of the ratio.", null=False)
    t = _num()
    df = _num()
    p = _num()
    p_adjusted = _num()


class GrowthRateTestSerializer(s.Serializer):
    method = _str()
    day = _num()
    comparisons = GrowthRateComparisonSerializer(many=True)
    adjustment = _str()
    note = _str()


class GrowthStatisticsSerializer(s.Serializer):
    growth_rate = GrowthRateTestSerializer(allow_null=True)


class MixedModelGroupSerializer(s.Serializer):
    group = _int()
    is_control = _bool()
    n_animals = _int()
    n_observations = _int()
    in_model = _bool()
    slope = _num("log10(mm³ + offset) per day.")
    slope_se = _num()
    slope_ci95 = _interval("95 % CI of the slope.", null=False)
    doubling_time_days = _num()
    doubling_time_ci95 = _interval("95 % CI of the doubling time.", null=False)


class SlopeDifferenceSerializer(s.Serializer):
    group = _int()
    estimate = _num("Slope of the group minus the control's.")
    se = _num()
    ci95 = _interval("95 % CI.", null=False)
    z = _num()
    p = _num()
    p_adjusted = _num("Holm-adjusted.")


class MixedModelInfoSerializer(s.Serializer):
    formula = _str()
    random_formula = _str(null=True)
    random_effects = _str(null=True)
    method = _str()
    test = _str()
    converged = _bool(null=True)
    log_likelihood = _num()
    n_animals = _int()
    n_observations = _int()
    n_groups = _int()
    start_day = _num()
    end_day = _num()
    log_offset = _num()
    sd_intercept = _num()
    sd_slope = _num()
    corr_intercept_slope = _num()
    sd_residual = _num()
    optimizer = _str(null=True)
    warnings = _strings()


class MixedModelSerializer(s.Serializer):
    """Linear mixed model of log10 volume with day × treatment (random intercept and slope per animal)."""

    available = _bool("False when no model could be fitted (see flags).")
    control_group = _int(null=True)
    control_slope = _num()
    control_slope_se = _num()
    control_slope_ci95 = _interval("95 % CI.", null=False)
    groups = MixedModelGroupSerializer(many=True)
    comparisons = SlopeDifferenceSerializer(many=True)
    model = MixedModelInfoSerializer()
    flags = AnalysisFlagSerializer(many=True)
    units = _str()
    adjustment = _str()
    analysis_version = _str()


class GrowthAnalysisSerializer(s.Serializer):
    """A growth analysis (API.md "Studies"): per group and day n, mean and SEM volume, TGI and T/C
    against the control group, responses and growth delay, per animal its series, and the mixed model."""

    control_group = _int(null=True)
    control_name = _str(null=True)
    baseline_day = _num()
    mean = _str("`arithmetic` or `geometric`.")
    log_offset = _num()
    tgd_volume_mm3 = _num()
    tgd_method = _str()
    mean_curve_min_fraction = _num()
    tgi_min_control_n = _int()
    groups = GrowthGroupSerializer(many=True)
    tgi = TgiDaySerializer(many=True)
    animals = AnimalGrowthSerializer(many=True)
    response_criteria = ResponseCriteriaSerializer()
    flags = AnalysisFlagSerializer(many=True)
    analysis_version = _str()
    time_origin = _str("`day0`.")
    statistics = GrowthStatisticsSerializer()
    mixed_model = MixedModelSerializer()


class _StudyJobFields(s.Serializer):
    study = _int()
    kind = _str("`growth`, `survival`, `synergy`, `exposure` or `immune`.")
    analysis_id = _int("The stored analysis (`GET /analyses/{id}/`).")
    version = _int()
    analysis_version = _str()
    inputs_sha256 = _str()


class GrowthAnalysisJobResultSerializer(GrowthAnalysisSerializer, _StudyJobFields):
    """A growth analysis job's result: the stored analysis and where it is."""


class SurvivalAnalysisJobResultSerializer(SurvivalAnalysisSerializer, _StudyJobFields):
    """A survival analysis job's result: the stored analysis and where it is."""


class DashboardRefreshJobResultSerializer(s.Serializer):
    """A ``study_live_refresh`` job's result: the study whose dashboard summaries (group means, TGI,
    mixed model) were recomputed into the shared cache (``studies.live``); the summaries themselves are
    shown on the dashboard, not returned."""

    study = _int()
    mixed_model = s.BooleanField(help_text="Whether a mixed model was fitted (animals in groups).")


# ==================================================================================================
# Unions


#: the component of each stored study analysis kind


class SynergyAnalysisSerializer(s.Serializer):
    """A combination-synergy analysis (SynergyLMM's model): roles, growth rates per arm, Bliss and HSA
    tests per day, diagnostics, post hoc and a priori power, each mouse's growth rate."""

    roles = s.DictField(help_text="{control, a, b, combination, recognised}: arm names")
    growth = s.DictField(
        help_text="{arms: [{role, arm, rate, se, ci95, n_animals, n_observations}], sd_random_slope, "
        "sd_random_slope_relative, sd_residual, reml_log_likelihood, t0, last_day, excluded, model, units}"
    )
    synergy = s.DictField(
        help_text="{t0, min_day, hsa_arm, days: [{day, time, n_animals, rates, rate_se, bliss: {delta, se, z, "
        "p, combination_index, combination_index_ci95, synergy_score, synergy_score_ci95}, hsa: {…}, note}]}"
    )
    diagnostics = s.DictField(
        help_text="{residuals, qq_residuals, random_slopes: [{animal, arm, random_slope, theoretical, "
        "cook_distance, influential}], cook_threshold, influential, shapiro_p_residuals, shapiro_p_random_slopes}"
    )
    post_hoc_power = s.DictField(
        help_text="{reference, day, alpha, n_sim, seed, power, power_mc_se, power_analytic}"
    )
    sample_size = s.DictField(
        help_text="{curve: [{n_per_arm, power, power_analytic}], n_for_target, target, n_sim, seed}"
    )
    animals = s.ListField(
        child=s.DictField(), help_text="[{animal, arm, random_slope, growth_rate}] (ln units/day)"
    )
    analysis_version = _str()


class ExposureAnalysisSerializer(s.Serializer):
    """A serum exposure analysis: NCA per mouse and concentration–time per arm, exposure against tumor
    response, and the serum samples it read."""

    pk = s.DictField(
        help_text="{analysis_version, concentration_unit, time_unit, settings, animals: [{animal_id, arm_id, "
        "arm_name, n_samples, n_measured, n_below_lloq, cmax, tmax, clast, tlast, auc_last, auc_method, "
        "lambda_z: {estimable, lambda_z, half_life, adj_r_squared, n_points, span_ratio, reliable, reasons}, "
        "half_life, auc_inf, auc_percent_extrapolated, auc_inf_reliable, flags, points}], arms: [{arm_id, "
        "arm_name, n_animals, concentration_time: [{nominal_time_h, n, n_measured, n_below_lloq, mean, sd, "
        "lloq, mostly_below_lloq}], parameters}]}"
    )
    exposure_response = s.DictField(
        allow_null=True,
        help_text="{method: spearman, exposure_metric, response_metric, overall: {n, rho, p, flags}, arms: "
        "[{arm_name, n, median_exposure, median_response, correlation}], points, excluded}; null when "
        "fewer than 3 mice have both (exposure_response_error says why)",
    )
    exposure_response_error = _str(null=True)
    response_source = s.DictField(
        help_text="{metric: growth_rate | best_response_pct, analysis: 'synergy v1'}"
    )
    samples = s.ListField(child=s.DictField(), help_text="The serum samples read, with their concentrations.")


class ImmuneAnalysisSerializer(s.Serializer):
    """Immune readouts of a study's mice (flow cytometry): per readout and tissue, each mouse's value,
    the comparison across arms and the correlation with tumor response."""

    method = _str("`kruskal_dunn` or `welch_log`.")
    control = _str("The control arm's name.")
    panel = s.ListField(child=s.DictField(), help_text="[{name, kind, numerator, denominator}]")
    readouts = s.ListField(
        child=s.DictField(),
        help_text="[{readout, kind, tissue, mice: [{animal_id, arm_id, arm_name, value}], comparison: {arms: "
        "[{arm_name, n, median, q1, q3}], omnibus: {h, df, p}, vs_control: [{arm_name, statistic, p, p_holm}]}, "
        "response: {correlation: {n, rho, p}, points}}]",
    )
    samples = s.ListField(child=s.DictField(), help_text="[{name, animal, tissue, harvest_day, values}]")
    response_source = s.DictField(help_text="{metric, analysis}")


class SynergyAnalysisJobResultSerializer(SynergyAnalysisSerializer, _StudyJobFields):
    """A synergy analysis job's result: the stored analysis and where it is."""


class ExposureAnalysisJobResultSerializer(ExposureAnalysisSerializer, _StudyJobFields):
    """A serum exposure analysis job's result: the stored analysis and where it is."""


class ImmuneAnalysisJobResultSerializer(ImmuneAnalysisSerializer, _StudyJobFields):
    """An immune-readout analysis job's result: the stored analysis and where it is."""


class FlowFcsJobResultSerializer(s.Serializer):
    """A ``flow_fcs`` job's result: the flow import whose FCS files were gated, how many samples were
    stored and how many populations' counts differ from the workspace's own."""

    samples = _int()
    differences = _int()

    def get_fields(self):
        fields = super().get_fields()
        fields["import"] = _int("The flow import.")
        return fields


STUDY_ANALYSIS_COMPONENTS = {
    "survival": "SurvivalAnalysis",
    "growth": "GrowthAnalysis",
    "synergy": "SynergyAnalysis",
    "exposure": "ExposureAnalysis",
    "immune": "ImmuneAnalysis",
}


def job_result_schema():
    """One of the registered job kinds' results (``register_job_kind(..., result=)``), resolved when
    the schema is built, after every app has registered its kinds."""
    return PolymorphicProxySerializer(
        component_name="JobResult",
        serializers=registry.job_result_serializers,
        resource_type_field_name=None,
    )


def study_analysis_result_schema():
    return PolymorphicProxySerializer(
        component_name="StudyAnalysisResult",
        serializers=[
            SurvivalAnalysisSerializer,
            GrowthAnalysisSerializer,
            SynergyAnalysisSerializer,
            ExposureAnalysisSerializer,
            ImmuneAnalysisSerializer,
        ],
        resource_type_field_name=None,
    )


# ==================================================================================================
# Fields that serve the stored JSON as it is, described by the components above


@extend_schema_field(RunAnalysisResultSerializer)
class RunResultField(s.JSONField):
    """An assay run's stored result (``RunAnalysisResult``)."""


@extend_schema_field(job_result_schema())
class JobResultField(s.JSONField):
    """A job's result: which component depends on the job's ``kind`` (``run_analysis``, ``fit``,
    ``study_survival``, ``study_growth``, ``study_live_refresh``: the ``result`` each registers)."""


@extend_schema_field(study_analysis_result_schema())
class StudyAnalysisResultField(s.JSONField):
    """A stored study analysis: ``SurvivalAnalysis``, ``GrowthAnalysis``, ``SynergyAnalysis``,
    ``ExposureAnalysis`` or ``ImmuneAnalysis`` by its ``kind``."""
