"""ELISA dilution linearity and hook (prozone) effect (pure): one sample measured at several dilutions.

Input: the ELISA sample rows (``elisa.SampleRow.to_dict()`` shape: sample, dilution_factor, mean_signal,
reported_concentration = interpolated x dilution, flag / flags). Every sample (by name) with rows at two or
more dilutions gets one entry; docs/science-selectivity.md ("ELISA dilution linearity") has the rules with
an example.

* In range: a row whose dilution-corrected (reported) concentration is not None, i.e. inside LLOQ-ULOQ
  (a high replicate CV keeps the concentration and counts as in range).
* Mean: of the in-range corrected concentrations. % difference of each: 100 (c / mean - 1).
* ``non_linear``: any in-range |% difference| above ``max_pct`` (default 20 %, ElisaSettings
  ``linearity_max_pct``; the customary +/-20 % acceptance of dilutional linearity, ICH M10 / FDA BMV).
* ``hook_rising``: the in-range corrected concentrations, ordered by dilution, rise at every step over at
  least two steps (three dilutions) and last / first > 1 + max_pct/100: the sample reads more the more it
  is diluted, the signature of a hook (prozone) or of matrix interference at the low dilutions.
* ``hook_top``: the least-diluted well is at or near the top of the curve: flagged above range, or its mean
  signal reaches at least ``near_top_fraction`` (90 %) of the fitted span, (signal - zero-dose asymptote) /
  (high-dose asymptote - zero-dose asymptote) >= 0.9 (signals are blank-subtracted, so for a rising curve
  with Bottom ~ 0 this is "signal >= 90 % of the fitted Top"). Such a well cannot tell a concentration just
  above the range from one far beyond it, where a one-step sandwich ELISA folds back (hook).
* Suggested dilution to report:
  1. no dilution in range: none (all above range: re-assay at a higher dilution; else why);
  2. a hook flagged: the highest in-range dilution (furthest from the hook);
  3. otherwise the lowest in-range dilution whose corrected concentration agrees with the next in-range
     dilution's: both within ``max_pct`` of the pair's mean (the least-diluted well has the most signal);
  4. no such pair: the only in-range dilution, or, when several disagree, the highest in-range dilution
     (least matrix effect).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ._util import clean, finite_or_none

DEFAULT_MAX_PCT = 20.0
NEAR_TOP_FRACTION = 0.9


def _fmt(x: float) -> str:
    return f"{x:g}"


def _near_top(
    signal: float | None, zero_dose: float | None, high_dose: float | None, fraction: float
) -> bool:
    signal, zero_dose, high_dose = (
        finite_or_none(signal),
        finite_or_none(zero_dose),
        finite_or_none(high_dose),
    )
    if signal is None or zero_dose is None or high_dose is None or high_dose == zero_dose:
        return False
    return (signal - zero_dose) / (high_dose - zero_dose) >= fraction


def _flags_of(row: Mapping[str, Any]) -> list[str]:
    flags = list(row.get("flags") or [])
    if row.get("flag") and row["flag"] not in flags:
        flags.insert(0, row["flag"])
    return flags


def sample_linearity(
    sample: str,
    rows: Sequence[Mapping[str, Any]],
    *,
    max_pct: float = DEFAULT_MAX_PCT,
    zero_dose_asymptote: float | None = None,
    high_dose_asymptote: float | None = None,
    near_top_fraction: float = NEAR_TOP_FRACTION,
) -> dict[str, Any]:
    """One sample's dilution linearity (see the module docstring); ``rows`` are its sample rows."""
    ordered = sorted(rows, key=lambda r: float(r.get("dilution_factor") or 1.0))
    dilutions = []
    for r in ordered:
        flags = _flags_of(r)
        conc = finite_or_none(r.get("reported_concentration"))
        dilutions.append(
            {
                "dilution_factor": float(r.get("dilution_factor") or 1.0),
                "reported_concentration": conc,
                "in_range": conc is not None,
                "mean_signal": finite_or_none(r.get("mean_signal")),
                "flag": flags[0] if flags else None,
                "pct_difference": None,
                "near_top": False,
            }
        )
    in_range = [d for d in dilutions if d["in_range"]]
    values = [d["reported_concentration"] for d in in_range]
    mean = sum(values) / len(values) if values else None
    if mean:
        for d in in_range:
            d["pct_difference"] = 100.0 * (d["reported_concentration"] / mean - 1.0)
    pcts = [abs(d["pct_difference"]) for d in in_range if d["pct_difference"] is not None]
    max_abs = max(pcts) if pcts else None
    limit = max_pct / 100.0

    flags: list[str] = []
    if max_abs is not None and max_abs > max_pct + 1e-9:
        flags.append("non_linear")
    rising = len(values) >= 3 and all(b > a for a, b in zip(values, values[1:], strict=False))
    if rising and values[0] > 0 and values[-1] / values[0] > 1.0 + limit:
        flags.append("hook_rising")
    first = dilutions[0]
    first["near_top"] = _near_top(
        first["mean_signal"], zero_dose_asymptote, high_dose_asymptote, near_top_fraction
    )
    if first["flag"] == "above_range" or first["near_top"]:
        flags.append("hook_top")
    hook = "hook_rising" in flags or "hook_top" in flags
    if len(in_range) < 2:
        flags.append("too_few_in_range")

    suggested, reason = None, ""
    if not in_range:
        if all(d["flag"] == "above_range" for d in dilutions):
            reason = "above the range at every dilution: re-assay at a higher dilution"
        elif all(d["flag"] == "below_range" for d in dilutions):
            reason = "below the range at every dilution"
        else:
            reason = "no dilution is within the quantification range"
    elif hook:
        suggested = in_range[-1]
        why = (
            "concentration rises with dilution"
            if "hook_rising" in flags
            else "the least-diluted well is at the top of the curve"
        )
        reason = f"hook (prozone) suspected ({why}): the most diluted well in range, 1:{_fmt(suggested['dilution_factor'])}"
    else:
        for a, b in zip(in_range, in_range[1:], strict=False):
            pair_mean = (a["reported_concentration"] + b["reported_concentration"]) / 2.0
            if pair_mean > 0 and abs(a["reported_concentration"] / pair_mean - 1.0) <= limit + 1e-12:
                suggested = a
                reason = (
                    f"the lowest dilution in range that agrees within {_fmt(max_pct)} % with the next, "
                    f"1:{_fmt(b['dilution_factor'])}"
                )
                break
        if suggested is None and len(in_range) == 1:
            suggested = in_range[0]
            reason = "the only dilution within the quantification range"
        elif suggested is None:
            suggested = in_range[-1]
            reason = (
                f"no two neighbouring dilutions agree within {_fmt(max_pct)} %: the most diluted well in range "
                "(least matrix effect)"
            )
    return clean(
        {
            "sample": sample,
            "unit": next((r.get("unit") for r in ordered if r.get("unit")), None),
            "dilutions": dilutions,
            "mean_concentration": mean,
            "n_in_range": len(in_range),
            "max_abs_pct_difference": max_abs,
            "max_pct": max_pct,
            "flags": flags,
            "suggested_dilution_factor": suggested["dilution_factor"] if suggested else None,
            "suggested_concentration": suggested["reported_concentration"] if suggested else None,
            "reason": reason,
        }
    )


def dilution_linearity(
    rows: Sequence[Mapping[str, Any]],
    *,
    max_pct: float = DEFAULT_MAX_PCT,
    zero_dose_asymptote: float | None = None,
    high_dose_asymptote: float | None = None,
    near_top_fraction: float = NEAR_TOP_FRACTION,
) -> list[dict[str, Any]]:
    """Every named sample measured at >= 2 distinct dilutions, in the order the samples first appear.

    ``zero_dose_asymptote`` / ``high_dose_asymptote``: the standard curve's fitted asymptotes on the samples'
    signal scale (4PL / 5PL: Bottom and Top for a rising curve, swapped for a falling one); None for models
    without asymptotes (only an above-range flag then marks the least-diluted well as at the top)."""
    if not max_pct > 0:
        raise ValueError("max_pct must be positive.")
    by_sample: dict[str, list[Mapping[str, Any]]] = {}
    for r in rows:
        if r.get("sample"):
            by_sample.setdefault(str(r["sample"]), []).append(r)
    out = []
    for sample, sample_rows in by_sample.items():
        if len({float(r.get("dilution_factor") or 1.0) for r in sample_rows}) < 2:
            continue
        out.append(
            sample_linearity(
                sample,
                sample_rows,
                max_pct=max_pct,
                zero_dose_asymptote=zero_dose_asymptote,
                high_dose_asymptote=high_dose_asymptote,
                near_top_fraction=near_top_fraction,
            )
        )
    return out


__all__ = ["DEFAULT_MAX_PCT", "NEAR_TOP_FRACTION", "dilution_linearity", "sample_linearity"]
