"""Helpers shared by tests that need services or a browser."""

from __future__ import annotations

import os

import pytest

REQUIRE_SERVICES = os.environ.get("IL2_REQUIRE_SERVICES", "") not in ("", "0", "false")


def need(condition: bool, reason: str) -> None:
    """Skip (or, in CI, fail) when a service or tool the test needs is missing."""
    if condition:
        return
    if REQUIRE_SERVICES:
        pytest.fail(f"required for CI but missing: {reason}")
    pytest.skip(reason)
