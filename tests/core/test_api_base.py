import pytest
from rest_framework.test import APIClient

from il2portal.models import ApiToken, Lab, Membership, TestArticle
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_it_exchanges_username_and_password_for_a_token(user):
    client = APIClient()
    response = client.post(
        "/api/v1/auth/token/",
        {"username": "alice", "password": "correct horse battery staple"},
        format="json",
    )
    assert response.status_code == 200
    key = response.json()["token"]
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get("/api/v1/labs/").status_code == 200
    assert ApiToken.objects.get(user=user).key_hash != key  # stored hashed


def test_it_refuses_wrong_credentials_in_the_error_format(user):
    response = APIClient().post(
        "/api/v1/auth/token/", {"username": "alice", "password": "nope"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_credentials"


def test_it_requires_authentication(db):
    response = APIClient().get("/api/v1/labs/")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"


def test_it_lists_only_the_callers_labs(api, lab, other_lab):
    body = api.get("/api/v1/labs/").json()
    assert body["count"] == 1 and set(body) == {"count", "next", "previous", "results"}
    assert body["results"][0]["name"] == "Lab A" and body["results"][0]["role"] == "admin"


def test_it_creates_a_lab_with_the_caller_as_admin(api, user, settings):
    settings.LAB_CREATION = "anyone"
    response = api.post("/api/v1/labs/", {"name": "Treg lab"}, format="json")
    assert response.status_code == 201
    lab = Lab.objects.get(name="Treg lab")
    assert Membership.objects.get(lab=lab, user=user).role == "admin"


def test_it_invites_members_only_for_admins(api, lab, member):
    UserFactory(username="carol")
    response = api.post(
        f"/api/v1/labs/{lab.pk}/members/", {"username": "carol", "role": "member"}, format="json"
    )
    assert response.status_code == 202
    assert response.json()["status"] == "pending" and response.json()["username"] == "carol"
    assert not Membership.objects.filter(lab=lab, user__username="carol").exists()
    client = APIClient()
    client.force_authenticate(member)
    UserFactory(username="dave")
    denied = client.post(f"/api/v1/labs/{lab.pk}/members/", {"username": "dave"}, format="json")
    assert denied.status_code == 403
    missing = api.post(f"/api/v1/labs/{lab.pk}/members/", {"username": "nobody"}, format="json")
    assert missing.status_code == 400
    assert missing.json()["error"]["message"].startswith("username:")


def test_it_names_the_field_in_validation_errors(api):
    response = api.post("/api/v1/test-articles/", {"kind": "il2_mutein"}, format="json")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    assert "name" in error["message"] and "name" in error["detail"]


def test_it_defaults_the_lab_when_the_caller_has_one(api, lab):
    response = api.post("/api/v1/test-articles/", {"name": "H9-T", "kind": "il2_mutein"}, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["lab"] == lab.pk


def test_it_asks_for_the_lab_when_the_caller_has_several(api, user, settings):
    settings.LAB_CREATION = "anyone"
    assert api.post("/api/v1/labs/", {"name": "Second"}, format="json").status_code == 201
    response = api.post("/api/v1/test-articles/", {"name": "H9-T", "kind": "il2_mutein"}, format="json")
    assert response.status_code == 400
    assert "lab" in response.json()["error"]["detail"]


def test_it_replays_a_post_with_the_same_idempotency_key(api):
    payload = {"name": "Aldesleukin", "kind": "il2_wild_type"}
    first = api.post("/api/v1/test-articles/", payload, format="json", HTTP_IDEMPOTENCY_KEY="abc-1")
    second = api.post("/api/v1/test-articles/", payload, format="json", HTTP_IDEMPOTENCY_KEY="abc-1")
    assert first.status_code == second.status_code == 201
    assert first.json() == second.json()
    assert second["Idempotent-Replayed"] == "true"
    assert TestArticle.objects.count() == 1


def test_it_refuses_an_idempotency_key_reused_for_another_request(api):
    api.post(
        "/api/v1/test-articles/",
        {"name": "A", "kind": "il2_wild_type"},
        format="json",
        HTTP_IDEMPOTENCY_KEY="k",
    )
    response = api.post(
        "/api/v1/test-articles/",
        {"name": "B", "kind": "il2_wild_type"},
        format="json",
        HTTP_IDEMPOTENCY_KEY="k",
    )
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "idempotency_key_reused"
    assert TestArticle.objects.count() == 1


def test_it_keeps_idempotency_keys_per_caller(api, other_api):
    api.post(
        "/api/v1/test-articles/",
        {"name": "A", "kind": "il2_wild_type"},
        format="json",
        HTTP_IDEMPOTENCY_KEY="same",
    )
    response = other_api.post(
        "/api/v1/test-articles/",
        {"name": "A", "kind": "il2_wild_type"},
        format="json",
        HTTP_IDEMPOTENCY_KEY="same",
    )
    assert response.status_code == 201
    assert TestArticle.objects.count() == 2


def test_it_answers_json_404_for_unknown_api_paths(api):
    response = api.get("/api/v1/no-such-thing/")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_it_paginates_lists(api, lab):
    for n in range(3):
        TestArticle.objects.create(lab=lab, name=f"V{n}", kind="il2_mutein")
    body = api.get("/api/v1/test-articles/?page_size=2").json()
    assert body["count"] == 3 and len(body["results"]) == 2 and body["next"]


def test_it_serves_the_openapi_schema_and_local_docs(api, client, user):
    schema = api.get("/api/v1/schema/?format=json")
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    for path in ["/api/v1/auth/token/", "/api/v1/labs/", "/api/v1/labs/{id}/members/", "/api/v1/jobs/{id}/"]:
        assert path in paths
    client.force_login(user)
    docs = client.get("/api/v1/docs/").content.decode()
    assert "swagger-ui" in docs
    assert "cdn" not in docs.lower() and "unpkg" not in docs
    assert "/static/drf_spectacular_sidecar/" in docs


def test_it_refuses_revoked_tokens(lab, user):
    from il2portal import services

    token, key = services.api_token_create_instrument(lab=lab, name="reader", created_by=user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get("/api/v1/labs/").status_code == 200
    services.api_token_revoke(token=token)
    response = client.get("/api/v1/labs/")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "authentication_failed"


def test_it_binds_instrument_tokens_to_one_lab(instrument_api, lab, user):
    Lab.objects.create(name="Other lab of alice")
    Membership.objects.create(lab=Lab.objects.get(name="Other lab of alice"), user=user, role="admin")
    names = [r["name"] for r in instrument_api.get("/api/v1/labs/").json()["results"]]
    assert names == ["Lab A"]


def test_it_does_not_replay_for_a_revoked_token(lab, user):
    from il2portal import services

    token, key = services.api_token_create_personal(user=user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    body = {"name": "A", "kind": "il2_wild_type"}
    assert (
        client.post("/api/v1/test-articles/", body, format="json", HTTP_IDEMPOTENCY_KEY="k1").status_code
        == 201
    )
    services.api_token_revoke(token=token)
    again = client.post("/api/v1/test-articles/", body, format="json", HTTP_IDEMPOTENCY_KEY="k1")
    assert again.status_code == 401 and "Idempotent-Replayed" not in again


def test_it_does_not_replay_after_the_caller_left_every_lab(api, user, lab):
    body = {"name": "A", "kind": "il2_wild_type"}
    assert (
        api.post("/api/v1/test-articles/", body, format="json", HTTP_IDEMPOTENCY_KEY="k2").status_code == 201
    )
    Membership.objects.filter(user=user).delete()
    again = api.post("/api/v1/test-articles/", body, format="json", HTTP_IDEMPOTENCY_KEY="k2")
    assert "Idempotent-Replayed" not in again and again.status_code == 409
    assert again.json()["error"]["code"] == "idempotency_key_stale"
    assert TestArticle.objects.count() == 1  # not run a second time either


@pytest.mark.parametrize("value", ["abc", "0", "-5", "1.5", ""])
def test_it_refuses_a_page_size_that_is_not_a_whole_number_naming_it(api, value):
    response = api.get("/api/v1/plates/", {"page_size": value})
    assert response.status_code == 400
    assert response.json()["error"]["message"].startswith("page_size")


def test_it_caps_a_page_size_above_the_maximum_as_drf_does(api):
    assert api.get("/api/v1/plates/", {"page_size": "5000"}).status_code == 200


def test_it_documents_no_filters_on_the_list_of_formats(api):
    schema = api.get("/api/v1/schema/?format=json").json()
    params = schema["paths"]["/api/v1/plates/formats/"]["get"].get("parameters", [])
    assert [p["name"] for p in params] == []
