import re
from pathlib import Path

import pytest

from il2portal.models import ApiToken, Membership, TestArticle
from tests.factories import LabFactory, LotFactory, TestArticleFactory

pytestmark = pytest.mark.django_db


def test_it_sends_anonymous_visitors_to_the_login_page(client):
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert "Log in" in client.get("/accounts/login/").content.decode()


def test_it_logs_in_and_shows_the_dashboard(client, user):
    response = client.post(
        "/accounts/login/", {"username": "alice", "password": "correct horse battery staple"}, follow=True
    )
    page = response.content.decode()
    assert "Lab A" in page and "Recent jobs" in page and "Test articles" in page


def test_it_logs_out(browser_client):
    response = browser_client.post("/accounts/logout/")
    assert response.status_code == 302
    assert browser_client.get("/").status_code == 302


def test_it_changes_the_password(browser_client, user):
    response = browser_client.post(
        "/accounts/password/",
        {
            "old_password": "correct horse battery staple",
            "new_password1": "Interleukin-2 rocks!",
            "new_password2": "Interleukin-2 rocks!",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Interleukin-2 rocks!")


def test_it_switches_between_the_users_labs(browser_client, user):
    second = LabFactory(name="Second lab")
    Membership.objects.create(lab=second, user=user)
    TestArticleFactory(lab=second, name="Only in second")
    assert "Only in second" not in browser_client.get("/test-articles/").content.decode()
    browser_client.post("/lab/switch/", {"lab": second.pk, "next": "/test-articles/"})
    assert "Only in second" in browser_client.get("/test-articles/").content.decode()


def test_it_refuses_to_switch_to_a_foreign_lab(browser_client, other_lab):
    assert browser_client.post("/lab/switch/", {"lab": other_lab.pk}).status_code == 404


def test_it_creates_an_instrument_token_shown_once_and_revokes_it(browser_client, lab):
    page = browser_client.post("/lab/", {"create_token": "1", "name": "Synergy H1"}).content.decode()
    token = ApiToken.objects.get(lab=lab)
    assert token.kind == "instrument" and 'id="new-token-key"' in page
    assert "new-token-key" not in browser_client.get("/lab/").content.decode()
    browser_client.post(f"/lab/tokens/{token.pk}/revoke/")
    token.refresh_from_db()
    assert token.revoked_at is not None and not token.user.is_active


def test_it_lets_only_admins_manage_tokens(client, member, lab):
    client.force_login(member)
    client.post("/lab/", {"create_token": "1", "name": "Sneaky"})
    assert not ApiToken.objects.filter(lab=lab).exists()


def test_it_adds_test_articles_and_lots_with_an_audit_trail(browser_client, lab):
    response = browser_client.post(
        "/test-articles/", {"name": "Not-alpha IL-2", "kind": "il2_mutein", "mutations": "R38A/F42K"}
    )
    article = TestArticle.objects.get(name="Not-alpha IL-2")
    assert response.status_code == 302 and article.lab == lab
    browser_client.post(
        f"/test-articles/{article.pk}/",
        {"lot_number": "L-1", "concentration": "1.5", "concentration_unit": "mg/mL"},
    )
    article.mutations = "R38A/F42K/Y45A"
    article._change_reason = "sequence confirmed"
    article.save()
    page = browser_client.get(f"/test-articles/{article.pk}/").content.decode()
    assert "L-1" in page and "Audit trail" in page
    assert "R38A/F42K/Y45A" in page and "sequence confirmed" in page


def test_it_rejects_a_lot_without_a_unit(browser_client, lab):
    article = TestArticleFactory(lab=lab)
    page = browser_client.post(
        f"/test-articles/{article.pk}/", {"lot_number": "L-9", "concentration": "2"}
    ).content.decode()
    assert "Give the unit" in page and not article.lots.exists()


def test_it_hides_other_labs_test_articles(browser_client, other_lab):
    foreign = TestArticleFactory(lab=other_lab, name="Secret mutein")
    LotFactory(test_article=foreign)
    assert browser_client.get(f"/test-articles/{foreign.pk}/").status_code == 404
    assert "Secret mutein" not in browser_client.get("/test-articles/").content.decode()


def _version(js_path) -> str:
    head = open(js_path, encoding="utf-8").read(400)
    return re.search(r"plotly\.js (?:\([^)]*\) )?v(\d+\.\d+\.\d+)", head).group(1)


def test_the_vendored_plotly_bundle_is_the_one_the_python_package_writes_figures_for():
    """Figures are built with the Python plotly package; the page draws them with the vendored
    partial bundle, which must be the same plotly.js version."""
    import plotly
    from django.contrib.staticfiles import finders

    vendored = finders.find("vendor/plotly-cartesian.min.js")
    assert vendored and vendored.endswith("static/vendor/plotly-cartesian.min.js")
    full = Path(plotly.__file__).resolve().parent / "package_data" / "plotly.min.js"
    assert _version(vendored) == _version(full)
    assert Path(vendored).stat().st_size <= 1_500_000  # issue 16: at most 1.5 MB of script per page


def test_every_trace_type_the_portal_draws_is_in_the_vendored_bundle():
    """The partial bundle has only the cartesian trace types: a figure with another type (a
    scatter3d, a table) would draw nothing. Looks for trace constructors and trace type names in the
    figure code (Python and page scripts) and for each type's registration in the bundle."""
    import plotly.graph_objs as go
    from plotly.basedatatypes import BaseTraceType

    root = Path(__file__).resolve().parents[2]
    traces = {
        name.lower()
        for name in dir(go)
        if isinstance(getattr(go, name), type) and issubclass(getattr(go, name), BaseTraceType)
    }
    sources = [
        *root.glob("assays/**/*.py"),
        *root.glob("studies/**/*.py"),
        *root.glob("il2portal/**/*.py"),
        *root.glob("static/js/*.js"),
        *root.glob("templates/**/*.html"),
    ]
    used = set()
    for source in sources:
        text = source.read_text(encoding="utf-8")
        used |= {m.lower() for m in re.findall(r"\bgo\.([A-Z][A-Za-z0-9]*)\(", text)} & traces
        used |= set(re.findall(r"""["']?type["']?\s*:\s*["']([a-z0-9]+)["']""", text)) & traces
    assert {"scatter", "heatmap", "bar"} <= used
    bundle = (root / "static/vendor/plotly-cartesian.min.js").read_text(encoding="utf-8")
    registered = set(re.findall(r'moduleType:"trace",name:"([a-z0-9]+)"', bundle))
    assert used <= registered, f"not in the vendored bundle: {sorted(used - registered)}"


@pytest.mark.parametrize("path", ["vendor/nope.js", "nope.css", "css/nope.css"])
def test_it_answers_404_for_a_static_file_that_does_not_exist(settings, path):
    """In development whitenoise asks the finders for every /static/ request: a miss is None, not [None]."""
    from django.contrib.staticfiles import finders
    from django.test import Client

    assert finders.find(path) is None
    assert finders.find(path, find_all=True) == []
    settings.DEBUG = True  # whitenoise uses the finders only in development
    response = Client(raise_request_exception=False).get(f"/static/{path}")
    assert response.status_code == 404
    assert Client().get("/static/vendor/plotly-cartesian.min.js").status_code == 200


def test_it_keeps_the_admin_to_superusers(client, user):
    user.is_staff = True
    user.save()
    client.force_login(user)
    assert client.get("/admin/").status_code == 302  # sent to the admin login, not shown
    user.is_superuser = True
    user.save()
    assert client.get("/admin/").status_code == 200


def test_it_shows_the_apps_dashboard_panels_in_the_order_of_installed_apps(browser_client):
    page = browser_client.get("/").content.decode()
    assert re.findall(r'data-panel="([^"]+)"', page) == [
        *("Plates", "Assay runs"),  # assays
        *("Active studies", "Animals near endpoint"),  # studies
        "Test articles",  # the core's own, last
    ]
