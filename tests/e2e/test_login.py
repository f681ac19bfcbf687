import re

import pytest
from playwright.sync_api import expect

from tests.browser import shot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_it_logs_in_and_sees_the_dashboard(page, live_server, user):
    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    shot(page, "login")
    page.fill("#id_username", "alice")
    page.fill("#id_password", "correct horse battery staple")
    page.click("button[type=submit]")
    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.locator("h1")).to_have_text("Lab A")
    expect(page.locator("[data-panel='Test articles']")).to_be_visible()
    expect(page.locator("#lab-select")).to_have_value(str(user.memberships.first().lab_id))
    shot(page, "dashboard")


def test_it_refuses_a_wrong_password(page, live_server, user):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "alice")
    page.fill("#id_password", "wrong")
    page.click("button[type=submit]")
    expect(page.locator(".messages .error")).to_contain_text("Your username and password didn't match")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
