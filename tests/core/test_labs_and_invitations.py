"""Nobody is pulled into a lab without consent; the current lab is an explicit, remembered choice;
who may create labs is a site setting; lab names reveal nothing about other labs."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from il2portal import services
from il2portal.models import ApiToken, Lab, LabInvitation, Membership, TestArticle, UserProfile
from tests.factories import LabFactory, TestArticleFactory, UserFactory

pytestmark = pytest.mark.django_db


def _client(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def _invite(admin_client, lab, username, role="member"):
    return admin_client.post(
        f"/api/v1/labs/{lab.pk}/members/", {"username": username, "role": role}, format="json"
    )


# ---- consent ------------------------------------------------------------------------------------


def test_it_does_not_pull_a_user_into_a_lab_without_consent(api, client, user, lab, other_user, other_lab):
    """bob (admin of his own lab) names alice: she gets an invitation, nothing else changes for her."""
    response = _invite(_client(other_user), other_lab, "alice")
    assert response.status_code == 202, response.content
    assert response.json()["status"] == "pending"
    assert not Membership.objects.filter(lab=other_lab, user=user).exists()
    # alice's scripts keep writing to her lab without naming it
    created = api.post("/api/v1/test-articles/", {"name": "H9-T", "kind": "il2_mutein"}, format="json")
    assert created.status_code == 201 and created.json()["lab"] == lab.pk
    # and her pages still show her lab
    client.force_login(user)
    assert client.get("/").status_code == 200
    assert [row["name"] for row in api.get("/api/v1/labs/").json()["results"]] == ["Lab A"]


def test_it_lists_and_accepts_an_invitation_keeping_the_current_lab(api, user, lab, other_user, other_lab):
    invitation_id = _invite(_client(other_user), other_lab, "alice", role="admin").json()["id"]
    listed = api.get("/api/v1/invitations/").json()
    assert [i["id"] for i in listed["results"]] == [invitation_id]
    assert listed["results"][0]["lab_name"] == "Lab B" and listed["results"][0]["invited_by"] == "bob"
    accepted = api.post(f"/api/v1/invitations/{invitation_id}/accept/")
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"
    assert Membership.objects.get(lab=other_lab, user=user).role == "admin"
    # two labs now, but alice chose nothing new: her only lab before stays her current lab
    assert UserProfile.objects.get(user=user).current_lab == lab
    created = api.post("/api/v1/test-articles/", {"name": "After", "kind": "il2_mutein"}, format="json")
    assert created.status_code == 201 and created.json()["lab"] == lab.pk
    assert api.get("/api/v1/invitations/").json()["count"] == 0
    again = api.post(f"/api/v1/invitations/{invitation_id}/accept/")
    assert again.status_code == 409 and again.json()["error"]["code"] == "invitation_closed"


def test_it_declines_an_invitation(api, user, other_user, other_lab):
    invitation_id = _invite(_client(other_user), other_lab, "alice").json()["id"]
    response = api.post(f"/api/v1/invitations/{invitation_id}/decline/")
    assert response.status_code == 200 and response.json()["status"] == "declined"
    assert not Membership.objects.filter(lab=other_lab, user=user).exists()


def test_it_refuses_an_expired_invitation(api, user, other_user, other_lab):
    invitation_id = _invite(_client(other_user), other_lab, "alice").json()["id"]
    LabInvitation.objects.filter(pk=invitation_id).update(expires_at=timezone.now() - timedelta(minutes=1))
    assert api.get("/api/v1/invitations/").json()["count"] == 0
    assert api.get("/api/v1/invitations/?status=expired").json()["results"][0]["status"] == "expired"
    response = api.post(f"/api/v1/invitations/{invitation_id}/accept/")
    assert response.status_code == 409 and "expired" in response.json()["error"]["message"]
    assert not Membership.objects.filter(lab=other_lab, user=user).exists()


def test_it_gives_invitations_an_expiry_from_the_settings(settings, user, other_user, other_lab):
    settings.LAB_INVITATION_DAYS = 3
    invitation = services.lab_invitation_create(
        lab=other_lab, invitee=user, role="member", invited_by=other_user
    )
    assert timedelta(days=2, hours=23) < invitation.expires_at - timezone.now() <= timedelta(days=3)


def test_it_keeps_invitations_to_their_invitee(api, user, other_user, other_lab, member):
    invitation_id = _invite(_client(other_user), other_lab, "mallory").json()["id"]
    assert api.get(f"/api/v1/invitations/{invitation_id}/").status_code == 404
    assert api.post(f"/api/v1/invitations/{invitation_id}/accept/").status_code == 404
    assert not Membership.objects.filter(lab=other_lab, user=user).exists()


def test_it_renews_instead_of_duplicating_a_pending_invitation(other_user, other_lab, user):
    bob = _client(other_user)
    first = _invite(bob, other_lab, "alice").json()
    second = _invite(bob, other_lab, "alice", role="admin").json()
    assert first["id"] == second["id"] and second["role"] == "admin"
    assert LabInvitation.objects.filter(lab=other_lab, invitee=user).count() == 1


def test_it_changes_an_existing_members_role_directly(api, lab, member):
    response = _invite(api, lab, "mallory", role="admin")
    assert response.status_code == 200 and response.json()["role"] == "admin"


def test_it_invites_through_the_members_page_and_the_invitee_accepts_on_theirs(client, user, lab, other_user):
    client.force_login(user)
    page = client.post("/lab/", {"add_member": "1", "username": "bob", "role": "member"}, follow=True)
    assert "Invitation sent to bob" in page.content.decode()
    assert not Membership.objects.filter(lab=lab, user=other_user).exists()
    assert "bob" in client.get("/lab/").content.decode()  # listed as pending
    invitation = LabInvitation.objects.get(lab=lab, invitee=other_user)
    client.force_login(other_user)
    assert "1 invitation" in client.get("/").content.decode()
    listing = client.get("/accounts/invitations/").content.decode()
    assert "Lab A" in listing and "Accept" in listing
    client.post("/accounts/invitations/", {"invitation": invitation.pk, "accept": "1"})
    assert Membership.objects.get(lab=lab, user=other_user).role == "member"


def test_it_withdraws_an_invitation_on_the_members_page(client, user, lab, other_user):
    invitation = services.lab_invitation_create(lab=lab, invitee=other_user, role="member", invited_by=user)
    client.force_login(user)
    client.post(f"/lab/invitations/{invitation.pk}/withdraw/")
    invitation.refresh_from_db()
    assert invitation.status == "withdrawn"
    other = _client(other_user)
    assert other.post(f"/api/v1/invitations/{invitation.pk}/accept/").status_code == 409


def test_it_does_not_let_one_accept_an_invitation_for_someone_else_on_the_page(client, user, lab, other_user):
    invitation = services.lab_invitation_create(lab=lab, invitee=other_user, role="member", invited_by=user)
    stranger = UserFactory(username="eve")
    client.force_login(stranger)
    assert (
        client.post("/accounts/invitations/", {"invitation": invitation.pk, "accept": "1"}).status_code == 404
    )
    assert not Membership.objects.filter(user=stranger).exists()


# ---- who may create labs -------------------------------------------------------------------------


def test_it_lets_only_staff_create_labs_by_default(api, user):
    response = api.post("/api/v1/labs/", {"name": "Planted lab"}, format="json")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "lab_creation_restricted"
    assert not Lab.objects.filter(name="Planted lab").exists()
    user.is_staff = True
    user.save()
    assert api.post("/api/v1/labs/", {"name": "Staff lab"}, format="json").status_code == 201


def test_it_lets_anyone_create_labs_when_the_site_allows_it(api, settings):
    settings.LAB_CREATION = "anyone"
    assert api.post("/api/v1/labs/", {"name": "Open lab"}, format="json").status_code == 201


def test_it_reads_lab_creation_from_the_environment(monkeypatch):
    import importlib

    from django.core.exceptions import ImproperlyConfigured

    import il2portal.settings as portal_settings

    monkeypatch.setenv("LAB_CREATION", "anyone")
    assert importlib.reload(portal_settings).LAB_CREATION == "anyone"
    monkeypatch.setenv("LAB_CREATION", "everybody")
    with pytest.raises(ImproperlyConfigured, match="LAB_CREATION"):
        importlib.reload(portal_settings)
    monkeypatch.delenv("LAB_CREATION")
    assert importlib.reload(portal_settings).LAB_CREATION == "staff"


def test_it_does_not_reveal_other_labs_names(other_api, other_user, lab):
    other_user.is_staff = True
    other_user.save()
    response = other_api.post("/api/v1/labs/", {"name": "Lab A"}, format="json")  # alice's lab's name
    assert response.status_code == 201, response.content
    assert Lab.objects.filter(name="Lab A").count() == 2
    mine_again = other_api.post("/api/v1/labs/", {"name": "Lab A"}, format="json")
    assert mine_again.status_code == 400 and "You already have" in mine_again.json()["error"]["message"]


# ---- the current lab --------------------------------------------------------------------------------


@pytest.fixture
def second_lab(user):
    second = LabFactory(name="AAA second lab")  # first by name: must not be picked for alice
    Membership.objects.create(lab=second, user=user)
    return second


def test_it_asks_a_user_with_several_labs_to_choose_instead_of_picking_the_first(client, user, second_lab):
    client.force_login(user)
    response = client.get("/test-articles/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/labs/?next=")
    page = client.get(response["Location"]).content.decode()
    assert "Choose the lab to work in" in page and "AAA second lab" in page and "Lab A" in page


def test_it_remembers_the_chosen_lab_on_the_profile_across_sessions(client, user, lab, second_lab):
    TestArticleFactory(lab=lab, name="Only in A")
    client.force_login(user)
    client.post("/lab/switch/", {"lab": lab.pk, "next": "/test-articles/"})
    assert UserProfile.objects.get(user=user).current_lab == lab
    client.logout()
    client.force_login(user)  # a new session, e.g. another computer
    assert "Only in A" in client.get("/test-articles/").content.decode()


def test_it_names_the_lab_field_and_the_labs_when_an_api_write_needs_a_lab(api, user, lab, second_lab):
    response = api.post("/api/v1/test-articles/", {"name": "X", "kind": "il2_mutein"}, format="json")
    assert response.status_code == 400
    message = response.json()["error"]["message"]
    assert message.startswith("lab:") and "`lab`" in message
    assert f"{lab.pk} (Lab A)" in message and f"{second_lab.pk} (AAA second lab)" in message
    assert not TestArticle.objects.exists()


def test_it_writes_to_the_chosen_lab_when_lab_is_omitted(api, user, lab, second_lab):
    services.profile_set_current_lab(user=user, lab=second_lab)
    response = api.post("/api/v1/test-articles/", {"name": "X", "kind": "il2_mutein"}, format="json")
    assert response.status_code == 201 and response.json()["lab"] == second_lab.pk


def test_it_forgets_a_choice_that_is_no_longer_one_of_the_users_labs(client, user, lab, second_lab):
    third = LabFactory(name="Third")
    Membership.objects.create(lab=third, user=user)
    services.profile_set_current_lab(user=user, lab=third)
    Membership.objects.filter(lab=third, user=user).delete()
    client.force_login(user)
    assert client.get("/").status_code == 302  # asked again, not shown a guess


def test_it_offers_a_real_submit_button_on_the_lab_switcher(client, user, second_lab):
    client.force_login(user)
    page = client.get("/accounts/labs/").content.decode()
    switcher = page[page.index('id="lab-switcher"') : page.index("</form>", page.index('id="lab-switcher"'))]
    assert 'type="submit"' in switcher and "onchange" not in switcher


def test_it_documents_invitations_and_tokens_in_the_openapi_schema(api):
    schema = api.get("/api/v1/schema/?format=json").json()
    paths = schema["paths"]
    for path in (
        "/api/v1/invitations/",
        "/api/v1/invitations/{id}/accept/",
        "/api/v1/invitations/{id}/decline/",
        "/api/v1/labs/{id}/invitations/",
        "/api/v1/auth/tokens/",
        "/api/v1/auth/tokens/{id}/",
    ):
        assert path in paths, path
    members = paths["/api/v1/labs/{id}/members/"]["post"]
    assert "202" in members["responses"] and "invitation" in members["description"].lower()
    token = paths["/api/v1/auth/token/"]["post"]
    assert "429" in token["responses"] and "expires" in token["description"]


# ---- what only a lab's admins may do ---------------------------------------------------------------

ADMINS_ONLY = {
    "error": {
        "code": "permission_denied",
        "message": "Only the lab's admins can manage members.",
        "detail": {},
    }
}
NOT_IN_YOUR_LABS = {"error": {"code": "not_found", "message": "Not found in your labs.", "detail": {}}}


def test_it_lets_a_member_read_the_members_but_not_invite_or_read_invitations(lab, member):
    UserFactory(username="dave")
    api = _client(member)
    assert api.get(f"/api/v1/labs/{lab.pk}/members/").status_code == 200
    invite = _invite(api, lab, "dave")
    assert invite.status_code == 403 and invite.json() == ADMINS_ONLY
    listing = api.get(f"/api/v1/labs/{lab.pk}/invitations/")
    assert listing.status_code == 403 and listing.json() == ADMINS_ONLY
    assert not LabInvitation.objects.exists()


def test_it_answers_404_not_403_for_a_lab_one_is_not_in(lab, other_user):
    UserFactory(username="dave")
    api = _client(other_user)  # admin of lab B, not in lab A
    for response in (
        api.get(f"/api/v1/labs/{lab.pk}/members/"),
        _invite(api, lab, "dave"),
        api.get(f"/api/v1/labs/{lab.pk}/invitations/"),
    ):
        assert response.status_code == 404 and response.json() == NOT_IN_YOUR_LABS
    assert not LabInvitation.objects.exists()


def test_it_refuses_a_lab_admins_reads_to_an_instrument_token(instrument_api, lab):
    response = instrument_api.get(f"/api/v1/labs/{lab.pk}/invitations/")
    assert response.status_code == 403 and response.json() == ADMINS_ONLY
    assert instrument_api.get(f"/api/v1/labs/{lab.pk}/members/").status_code == 200


def test_it_lets_an_admin_list_the_labs_invitations(api, user, lab, other_user):
    services.lab_invitation_create(lab=lab, invitee=other_user, role="member", invited_by=user)
    response = api.get(f"/api/v1/labs/{lab.pk}/invitations/")
    assert response.status_code == 200 and [i["username"] for i in response.json()] == ["bob"]


def _messages(response) -> list[str]:
    """The messages shown on the page a redirect led to (``follow=True``)."""
    return [str(m) for m in response.context["messages"]]


def test_it_refuses_a_members_changes_on_the_members_page(client, user, lab, member, other_user):
    token, _key = services.api_token_create_instrument(lab=lab, name="Synergy H1", created_by=user)
    invitation = services.lab_invitation_create(lab=lab, invitee=other_user, role="member", invited_by=user)
    client.force_login(member)
    page = client.get("/lab/")
    assert page.status_code == 200 and "read only: only admins change these" in page.content.decode()
    for url, data, refusal in (
        ("/lab/", {"add_member": "1", "username": "bob", "role": "admin"}, "change members and tokens"),
        ("/lab/", {"create_token": "1", "name": "Sneaky"}, "change members and tokens"),
        (f"/lab/tokens/{token.pk}/revoke/", {}, "revoke tokens"),
        (f"/lab/invitations/{invitation.pk}/withdraw/", {}, "withdraw invitations"),
    ):
        response = client.post(url, data, follow=True)
        assert response.redirect_chain == [("/lab/", 302)], url
        assert _messages(response) == [f"Only the lab's admins can {refusal}."], url
    token.refresh_from_db()
    invitation.refresh_from_db()
    assert token.is_active and invitation.status == "pending"
    assert (
        ApiToken.objects.filter(lab=lab).count() == 1
        and not Membership.objects.filter(user=other_user, lab=lab).exists()
    )


def test_it_answers_404_for_a_token_or_invitation_not_in_the_current_lab(
    client, user, member, other_user, other_lab
):
    """For admins and members alike: another lab's record is not found, not refused."""
    token, _key = services.api_token_create_instrument(
        lab=other_lab, name="B's reader", created_by=other_user
    )
    invitation = services.lab_invitation_create(
        lab=other_lab, invitee=user, role="member", invited_by=other_user
    )
    for who in (user, member):
        client.force_login(who)
        assert client.post(f"/lab/tokens/{token.pk}/revoke/").status_code == 404
        assert client.post(f"/lab/invitations/{invitation.pk}/withdraw/").status_code == 404
    token.refresh_from_db()
    invitation.refresh_from_db()
    assert token.is_active and invitation.status == "pending"
