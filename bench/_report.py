"""One line per headline figure, which `python -m bench` gathers into one table."""

from __future__ import annotations


def result(what: str, now: float, baseline: float, unit: str, baseline_is: str) -> None:
    """Print a figure with its baseline (``baseline_is`` says what the baseline is)."""
    ratio = baseline / now if now else float("inf")
    print(
        f"RESULT\t{what}\t{now:.4g} {unit}\t{baseline:.4g} {unit} ({baseline_is})\t{ratio:.1f}x", flush=True
    )
