"""OpenAPI shapes of the studies app's newer analyses' job results (exposure, synergy)."""

from __future__ import annotations

from rest_framework import serializers as s

from il2portal.api.results import _StudyJobFields


class ExposureAnalysisJobResultSerializer(_StudyJobFields):
    """A serum exposure analysis (``kind`` = exposure) and where it is stored: NCA per animal and
    concentration–time per arm (studies.analysis.pk), exposure against tumor response
    (studies.analysis.exposure) and the serum samples it read."""

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
        "fewer than 3 animals have both (then exposure_response_error says why).",
    )
    exposure_response_error = s.CharField(allow_null=True)
    response_source = s.DictField(
        help_text="{metric: growth_rate | best_response_pct, analysis: 'growth v3'}"
    )
    samples = s.ListField(
        child=s.DictField(), help_text="The serum samples read (studies.services.exposure)."
    )


class SynergyAnalysisJobResultSerializer(_StudyJobFields):
    """A combination-synergy analysis (``kind`` = synergy; SynergyLMM's model, studies.analysis.synergy)
    and where it is stored."""

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
