"""Content-Security-Policy on every page, templates that keep to it, idempotent replays that check
access, and pages that write through the API naming the lab chosen on the switcher."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from il2portal.models import Membership, TestArticle
from tests.factories import LabFactory

pytestmark = pytest.mark.django_db
TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def _policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def test_it_sends_a_content_security_policy_with_a_fresh_nonce(browser_client, lab):
    from tests.factories import TestArticleFactory

    TestArticleFactory(lab=lab)
    first = browser_client.get("/")
    policy = _policy(first)
    assert policy["default-src"] == ["'self'"]
    assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-eval'" not in policy["script-src"]
    assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]
    assert "Content-Security-Policy" in browser_client.get("/accounts/login/")


def test_it_puts_the_nonce_on_inline_scripts(browser_client, lab):
    response = browser_client.get("/assays/imports/")  # the retry buttons' inline script
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    page = response.content.decode()
    inline = re.findall(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)([^>]*)>", page)
    assert inline, "the imports page has an inline script"
    assert all(f'nonce="{nonce}"' in attrs for attrs in inline)


def test_it_has_no_inline_event_handlers_or_scripts_without_a_nonce_in_templates():
    handler = re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE)
    bare_script = re.compile(r"<script(?![^>]*\b(src|nonce)=)(?![^>]*application/json)[^>]*>")
    for path in TEMPLATES.rglob("*.html"):
        text = path.read_text()
        assert not handler.search(text), path
        assert not bare_script.search(text), path


def test_it_serves_the_api_docs_without_inline_scripts(browser_client):
    page = browser_client.get("/api/v1/docs/").content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in page
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", page, re.S)
    assert scripts and all("src=" in attrs and not body.strip() for attrs, body in scripts)
    assert browser_client.get("/api/v1/docs/?script=").status_code == 200  # the start-up script
    assert browser_client.get("/api/v1/redoc/")["Location"] == "/api/v1/docs/"


def test_it_does_not_replay_after_the_caller_left_one_of_its_labs(api, user, lab):
    second = LabFactory(name="Second")
    Membership.objects.create(lab=second, user=user)
    body = {"name": "A", "kind": "il2_wild_type", "lab": second.pk}
    first = api.post("/api/v1/test-articles/", body, format="json", HTTP_IDEMPOTENCY_KEY="k3")
    assert first.status_code == 201
    Membership.objects.filter(lab=second, user=user).delete()  # removed from the lab it wrote to
    again = api.post("/api/v1/test-articles/", body, format="json", HTTP_IDEMPOTENCY_KEY="k3")
    assert again.status_code == 409 and "Idempotent-Replayed" not in again
    assert "Second" not in again.content.decode()
    assert TestArticle.objects.count() == 1


def test_it_still_replays_for_a_caller_who_kept_its_labs(api, user, lab):
    body = {"name": "A", "kind": "il2_wild_type"}
    api.post("/api/v1/test-articles/", body, format="json", HTTP_IDEMPOTENCY_KEY="k4")
    Membership.objects.create(lab=LabFactory(name="Joined later"), user=user)  # gaining a lab is fine
    again = api.post("/api/v1/test-articles/", body, format="json", HTTP_IDEMPOTENCY_KEY="k4")
    assert again.status_code == 201 and again["Idempotent-Replayed"] == "true"


def test_it_sends_the_switchers_lab_from_the_upload_page_and_the_layout_editor(browser_client, user, lab):
    second = LabFactory(name="Second")
    Membership.objects.create(lab=second, user=user)
    browser_client.post("/lab/switch/", {"lab": second.pk})
    upload = browser_client.get("/assays/upload/").content.decode()
    assert f'data-lab="{second.pk}"' in upload
    editor = browser_client.get("/assays/layouts/new/").content.decode()
    assert f'data-lab="{second.pk}"' in editor
    static = Path(__file__).resolve().parents[2] / "static" / "js"
    assert 'form.append("lab"' in (static / "upload.js").read_text()
    assert "body.lab" in (static / "layout_editor.js").read_text()
