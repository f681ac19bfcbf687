"""The core does not know its apps: each app plugs in through il2portal.registry from its
``AppConfig.ready`` (job kinds, API routes, pages and sidebar, dashboard panels, demo data), so a new
app needs no edit of the core beyond ``INSTALLED_APPS``."""

from __future__ import annotations

import ast
import copy
import importlib
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.template.loader import get_template
from django.test import override_settings
from django.urls import clear_url_caches

from il2portal import registry
from il2portal.demo import load_demo_data
from il2portal.jobs import job_create

ROOT = Path(__file__).resolve().parents[2]
CORE = ROOT / "il2portal"
APPS = sorted(p.parent.name for p in ROOT.glob("*/apps.py") if p.parent.name != "il2portal")
NAMES_AN_APP = re.compile(rf"^({'|'.join(APPS)})([.:/]|$)")

# The only places in the core that name an app, and why.
ALLOWED = {
    # INSTALLED_APPS is where a project lists its apps; SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"]
    # names the assays models' choices so that their OpenAPI enums keep their names (drf-spectacular
    # reads them only from settings).
    "il2portal/settings.py",
}


def _names_of_apps(path: Path, root: Path = ROOT) -> list[str]:
    """Imports of an app, and strings naming one of its modules, URL names or templates (docstrings
    and other bare string statements are documentation and not counted)."""
    tree = ast.parse(path.read_text(), str(path))
    documentation = {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
    }
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [f"import {a.name}" for a in node.names if NAMES_AN_APP.match(a.name)]
        elif isinstance(node, ast.ImportFrom) and not node.level and NAMES_AN_APP.match(node.module or ""):
            found.append(f"from {node.module} import …")
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in documentation
            and NAMES_AN_APP.match(node.value)
        ):
            found.append(repr(node.value))
    return [f"{path.relative_to(root)}:{name}" for name in found]


def test_it_finds_the_apps():
    assert APPS == ["assays", "molecules", "studies"]


def test_the_core_imports_no_app():
    found = [
        name
        for path in sorted(CORE.rglob("*.py"))
        if str(path.relative_to(ROOT)) not in ALLOWED
        for name in _names_of_apps(path)
    ]
    assert found == []


def test_the_cores_templates_name_no_app():
    core_templates = [ROOT / "templates" / name for name in ("base.html", "404.html", "500.html")]
    core_templates += sorted((ROOT / "templates" / "il2portal").rglob("*.html"))
    core_templates += sorted((ROOT / "templates" / "registration").rglob("*.html"))
    pattern = re.compile(rf"""["']({"|".join(APPS)})[:/]""")
    found = [
        f"{path.relative_to(ROOT)}: {match.group(0)}"
        for path in core_templates
        for match in pattern.finditer(path.read_text())
    ]
    assert found == []


def test_the_check_sees_an_import_of_an_app(tmp_path):
    module = tmp_path / "dashboard.py"
    module.write_text(
        '"""Mentions assays.selectors in a docstring: fine."""\n'
        "from assays.selectors import dashboard_panels\n"
        "import studies.live\n"
        'URLS = include("assays.urls")\n'
    )
    found = [name.split(":", 1)[1] for name in _names_of_apps(module, tmp_path)]
    assert found == ["from assays.selectors import …", "import studies.live", "'assays.urls'"]


def test_every_registered_part_can_be_loaded():
    """A dotted path with a typo fails here, not on the first page or job that needs it."""
    assert registry.job_result_serializers()
    assert registry.api_route_registrars()
    assert registry.dashboard_panel_providers()
    assert registry.demo_loaders()
    for pages in registry.pages():
        assert importlib.import_module(pages.urlconf).urlpatterns
        get_template(pages.nav_template)
    assert {("plate", "create"), ("import", "retry"), ("study", "measurements")} == set(
        registry.instrument_writes()
    )


def test_registering_again_changes_nothing_and_a_second_handler_for_a_kind_is_refused(monkeypatch):
    monkeypatch.setattr(registry, "_registry", registry.Registry())

    def handler(job):
        return {}

    def other(job):
        return {}

    for _ in range(2):  # Django may run ready() twice
        registry.register_job_kind("k", handler, label="K", result=None)
        registry.register_dashboard_panels("tests.core.plugin_app.parts.panels")
    assert list(registry.job_kinds()) == ["k"] and len(registry.dashboard_panel_providers()) == 1
    with pytest.raises(ImproperlyConfigured, match="Job kind 'k' is registered twice"):
        registry.register_job_kind("k", other, label="K", result=None)


# ---- a new app, installed ---------------------------------------------------------------------------


def _reload_urlconfs() -> None:
    """The URLconfs are built once, from what was registered: build them again."""
    import il2portal.api.urls
    import il2portal.urls

    importlib.reload(il2portal.api.urls)
    importlib.reload(il2portal.urls)
    clear_url_caches()


@pytest.fixture
def plugin_installed():
    saved = registry._registry
    registry._registry = copy.deepcopy(saved)
    try:
        with override_settings(INSTALLED_APPS=[*settings.INSTALLED_APPS, "tests.core.plugin_app"]):
            _reload_urlconfs()
            yield
    finally:
        registry._registry = saved
        _reload_urlconfs()


@pytest.mark.django_db
def test_a_new_app_plugs_in_through_its_app_config_alone(
    plugin_installed, browser_client, lab, user, instrument_api
):
    page = browser_client.get("/").content.decode()
    panels = re.findall(r'data-panel="([^"]+)"', page)
    assert panels[-2:] == ["Plugin things", "Test articles"]  # after the other apps', before the core's
    assert '<div class="section">Plugin</div>' in page and 'id="plugin-nav"' in page
    assert browser_client.get("/plugin/").content == b"plugin page"

    job = job_create(lab=lab, user=user, kind="plugin_count", params={"n": 1})
    assert (job.status, job.result, job.label) == ("succeeded", {"counted": 2}, "Plugin: count")

    assert instrument_api.get("/api/v1/plugin-things/").status_code == 200
    assert instrument_api.post("/api/v1/plugin-things/", {}, format="json").status_code == 201

    assert load_demo_data(lab=lab, user=user)[-1] == "plugin demo for Lab A"


@pytest.mark.django_db
def test_the_new_app_is_gone_once_uninstalled(browser_client):
    """(The fixture above restores the registry and the URLconfs.)"""
    assert "plugin_count" not in registry.job_kinds()
    assert browser_client.get("/plugin/").status_code == 404
    assert "Plugin things" not in browser_client.get("/").content.decode()
