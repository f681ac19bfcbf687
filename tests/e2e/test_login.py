import pytest

from tests.browser import shot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_it_logs_in_and_sees_the_dashboard(page, live_server, user):
    page.goto(f"{live_server.url}/")
    assert "/accounts/login/" in page.url
    shot(page, "login")
    page.fill("#id_username", "alice")
    page.fill("#id_password", "correct horse battery staple")
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    assert page.locator("h1").inner_text() == "Lab A"
    assert page.locator("[data-panel='Test articles']").is_visible()
    assert page.locator("#lab-select").input_value() == str(user.memberships.first().lab_id)
    shot(page, "dashboard")


def test_it_refuses_a_wrong_password(page, live_server, user):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "alice")
    page.fill("#id_password", "wrong")
    page.click("button[type=submit]")
    assert "didn't match" in page.content()
