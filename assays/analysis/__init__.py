"""Pure dose-response, standard-curve and plate-QC analysis.

Nothing in this package imports Django, DRF or Celery: inputs are numpy arrays, sequences and small
dataclasses; outputs are frozen dataclasses whose ``to_dict()`` is JSON-safe (no NaN/inf: ``None``).

``ANALYSIS_VERSION`` is stored with every result (a short string: the run model keeps 20 characters) so a
re-analysis with changed code is traceable. Bump it whenever a number the package returns can change.

Modules:
    curves   4PL / 5PL / linear / log-log models, single and batched (vectorised) least-squares fits,
             inverse prediction, EC50 confidence interval, effective doses (drc ``ED()``), 4PL vs 5PL.
    qc       %CV, Z', signal/background, % recovery, ICH M10 acceptance of standards and QCs, edge effect.
    elisa    ELISA plate pipeline: reference wavelength, blank, standard curve, back-calculation, samples.
    potency  Reporter bioassay: fold induction, per-sample 4PL, parallel-line relative potency, similarity.
    monitoring  Levey–Jennings limits, Westgard rules, combination of independent potency runs (lot release).
    dilution ELISA dilution linearity and hook (prozone) pattern of samples measured at several dilutions.
    selectivity  IL-2 receptor selectivity: EC50 on CD25+ vs CD25- cells, ratio, shift vs wild type, Fieller.
"""

# 1.1: a requested 5PL falls back to the 4PL unless justified
# 1.2: ELISA results add ``qcs`` (QC levels, every QC well judged), ``model_selection`` (what was fitted and
#      why), per-well sample concentrations (``replicates``, ``sd_concentration``); replicate groups split
#      by nominal / sample / dilution; a withheld relative potency withholds its log, SE, CI and EC50s
# 1.3: ELISA results add ``dilution_linearity`` (samples at >= 2 dilutions: corrected concentrations, % difference
#      from their mean, non-linearity and hook flags, the dilution to report); setting ``linearity_max_pct``.
#      New module ``selectivity`` (IL-2R CD25+/CD25- EC50 ratio, fold loss of CD25 dependence, Fieller)
ANALYSIS_VERSION = "1.3.0"

__all__ = ["ANALYSIS_VERSION"]
