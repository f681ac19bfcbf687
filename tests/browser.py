"""Playwright driving Debian's chromium (`apt-get install chromium`) against a live server.

The fixtures are registered once, in tests/conftest.py, so every folder shares one browser per session."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from tests.support import need

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
SCREENSHOTS = Path(
    os.environ.get("SCREENSHOT_DIR", Path(__file__).resolve().parents[1] / "var" / "screenshots")
)
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    need(Path(CHROMIUM).exists() or shutil.which("chromium") is not None, f"chromium not found at {CHROMIUM}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover
        need(False, "playwright is not installed")
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright runs an event loop in this thread
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def _as_function(expression: str) -> str:
    """Playwright evaluates a bare expression given to ``wait_for_function`` with ``eval`` inside the
    page, which the portal's Content-Security-Policy forbids; as an arrow function it is compiled
    through the DevTools protocol instead, which the policy does not govern."""
    text = expression.strip()
    if text.startswith(("function", "async ")) or re.match(r"^(\([^)]*\)|\w+)\s*=>", text):
        return expression
    return f"() => ({text})"


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 900}, accept_downloads=True)
    page = context.new_page()
    wait_for_function = page.wait_for_function
    page.wait_for_function = lambda expression, *args, **kwargs: wait_for_function(
        _as_function(expression), *args, **kwargs
    )
    yield page
    context.close()


@pytest.fixture
def logged_in_page(page, live_server, user):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "alice")
    page.fill("#id_password", "correct horse battery staple")
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    return page


def shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
