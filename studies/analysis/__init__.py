"""Pure analysis code for murine syngeneic tumor studies (MC38, B16-F10 in C57BL/6).

Nothing in this package imports Django, DRF or Celery, and nothing imports a plotting library
(``mixed`` imports statsmodels lazily, inside its function):
inputs are plain dataclasses / numpy arrays, outputs are frozen dataclasses whose ``to_dict()`` gives
JSON-safe dicts (``None`` instead of NaN/inf). See ``/work/shared/DOMAIN.md`` sections 7 and 8.

Modules
-------
volume         caliper volume (L·W²/2 or π/6·L·W²), axis swapping and validation
growth         group mean ± SEM, TGI %, T/C %, growth delay, response classes, body weight, Welch + Holm
mixed          linear mixed model of log10 volume, day × treatment (statsmodels MixedLM, REML), Holm
survival       Kaplan–Meier (Greenwood, log-log or log CI), medians, log-rank, pairwise log-rank, Cox HR
randomisation  balanced allocation by random search (seeded, vectorised)
endpoints      humane endpoint alerts with predicted day-to-endpoint
simulate       seeded simulation of a realistic 4-arm MC38 study (demo data)
schedule       dosing schedules ("q3d×5") to day offsets
pk             non-compartmental analysis of serum IL-2 per animal (PKNCA conventions), arm summaries
exposure       exposure–response: Spearman rank correlation overall and per arm
synergy        combination synergy (SynergyLMM): exponential-growth mixed model of ln relative volume, REML
               in closed form, Bliss/HSA over time, diagnostics, Cook's distance, post hoc and a priori power
flow           flow cytometry: FlowJo/long statistics tables (CSV, XLSX), IL-2 panel readouts per sample,
               Kruskal–Wallis + Dunn vs control (Holm) or Welch on logs, readout vs response (Spearman)

``ANALYSIS_VERSION`` is stored with every result so that a re-analysis with changed code is traceable.
"""

ANALYSIS_VERSION = "1.2.0"
# 1.1: growth results carry the mixed model
# 1.2: group mean curves stop below a share of the group (n and in_curve per day), TGI/T-C withheld on
#      small controls; survival medians follow R (midpoint of a flat stretch at 0.5); Cox fitted to
#      full precision, with its likelihood-ratio, Wald and score tests

__all__ = ["ANALYSIS_VERSION"]
