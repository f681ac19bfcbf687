"""Review and electronic signatures (issue 13, item 1): submit, review, approve or reject a run version
or a study analysis with the password re-asked; the lab's rules; the lock; the page, the API, the audit
trail; every refusal changes nothing."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.core import mail
from django.db import DatabaseError, connection, transaction
from rest_framework.test import APIClient

from assays import services as assay_services
from assays.errors import RunInputError
from assays.models import CellLine
from il2portal import services, signing
from il2portal.models import Membership, Review, Signature, SignatureRecordError, SigningFailure
from tests.assays.test_run_page_numbers import _run
from tests.factories import UserFactory
from tests.studies.factories import build_study

pytestmark = pytest.mark.django_db
PW = "correct horse battery staple"
RUN = "run_version"


@pytest.fixture
def people(lab, user):
    """alice (admin) authors; rita (member) reviews; paula (admin) approves; a lab with the full rule."""
    rita = UserFactory(username="rita", first_name="Rita", last_name="Levi-Montalcini")
    paula = UserFactory(username="paula", first_name="Paula", last_name="Ehrlich")
    Membership.objects.create(lab=lab, user=rita, role=Membership.Role.MEMBER)
    Membership.objects.create(lab=lab, user=paula, role=Membership.Role.ADMIN)
    for kind in ("run_version", "study_analysis"):
        signing.policy_set(
            lab=lab, kind=kind, steps="review_approve", reviewers="members", approvers="admins", user=user
        )
    return {"author": user, "reviewer": rita, "approver": paula}


@pytest.fixture
def version(lab, user):
    run, _plates, _ = _run(lab, user, {"model": "4PL"}, n_plates=1)
    v = run.versions.get()
    assert v.status == "succeeded"
    return v


def _sign(lab, who, v, meaning, password=PW, reason="", kind=RUN):
    return signing.sign(
        lab=lab, kind=kind, pk=v.pk, user=who, meaning=meaning, password=password, reason=reason
    )


def test_it_takes_a_version_through_submit_review_and_approval_and_locks_it(lab, people, version):
    done = _sign(lab, people["author"], version, "authored")
    assert done.review.status_text == "waiting for review" and done.review.locked
    assert done.signature.full_name == people["author"].get_full_name()
    assert done.signature.record_version == 1 and len(done.signature.record_sha256) == 64
    assert done.signature.time_zone == lab.time_zone
    _sign(lab, people["reviewer"], version, "reviewed", reason="curve and QC checked")
    done = _sign(lab, people["approver"], version, "approved")
    assert done.review.status == "complete" and done.review.status_text == "approved"
    sigs = list(Signature.objects.filter(review=done.review).order_by("signed_at", "pk"))
    assert [s.meaning for s in sigs] == ["authored", "reviewed", "approved"]
    assert len({s.record_sha256 for s in sigs}) == 1  # all bind the same content
    assert signing.verify(done.review, __import__("assays.signing").signing.manifest(version))
    # locked: the run's cells (part of what was signed) cannot change; a re-analysis makes v2, unsigned
    line = CellLine.objects.create(lab=lab, name="CTLL-2", created_by=people["author"])
    with pytest.raises(RunInputError, match="signed"):
        assay_services.run_update(run=version.run, user=people["author"], cell_line=line)
    assay_services.run_update(run=version.run, user=people["author"], name="renamed")  # names may change
    v2 = assay_services.run_reanalyse(
        run=version.run, user=people["author"], excluded_wells=[], settings={}, reason="again"
    )
    assert signing.reviews_of(RUN, [v2.pk]) == {}
    with pytest.raises(signing.SigningError, match="not the newest version"):
        _sign(lab, people["reviewer"], version, "reviewed")


def test_an_author_may_not_review_or_approve_their_own_work(lab, people, version):
    _sign(lab, people["author"], version, "authored")
    for meaning in ("reviewed", "rejected"):
        with pytest.raises(signing.SigningError, match="an author may not") as exc:
            _sign(lab, people["author"], version, meaning, reason="x")
        assert exc.value.status == 403
    _sign(lab, people["reviewer"], version, "reviewed")
    with pytest.raises(signing.SigningError, match="an author may not"):
        _sign(lab, people["author"], version, "approved")
    # the reviewer may not approve as well (another person), even as an admin
    Membership.objects.filter(user=people["reviewer"]).update(role=Membership.Role.ADMIN)
    with pytest.raises(signing.SigningError, match="already signed"):
        _sign(lab, people["reviewer"], version, "approved")
    assert Signature.objects.count() == 2


def test_the_version_creator_is_an_author_even_if_someone_else_submits(client, lab, people, version):
    _sign(lab, people["reviewer"], version, "authored")  # rita submits alice's version
    with pytest.raises(signing.SigningError, match="an author may not"):
        _sign(lab, people["author"], version, "reviewed")
    client.force_login(people["author"])  # so alice's queue does not offer it either
    assert "points v1" not in client.get("/review/").content.decode().split('id="my-submissions"')[0]
    client.force_login(people["approver"])
    assert "points v1" in client.get("/review/").content.decode().split('id="my-submissions"')[0]


def test_a_wrong_password_signs_nothing_is_counted_and_locks_signing(lab, people, version, settings):
    settings.SIGNING_FAILURE_LIMIT = 3
    author = people["author"]
    with pytest.raises(signing.SigningError, match="Wrong password.*2 more attempts"):
        _sign(lab, author, version, "authored", password="nope")
    assert not Review.objects.exists() and not Signature.objects.exists()
    assert SigningFailure.objects.filter(user=author).count() == 1
    for _ in range(2):
        with pytest.raises(signing.SigningError, match="Wrong password"):
            _sign(lab, author, version, "authored", password="nope")
    with pytest.raises(signing.SigningError, match="locked") as exc:
        _sign(lab, author, version, "authored")  # even the right password, now
    assert exc.value.status == 429
    assert not Signature.objects.exists()
    # the lab's admins are told (in the portal and by email)
    from il2portal.models import Notification

    told = Notification.objects.filter(kind="security")
    assert {n.user_id for n in told} == {author.pk, people["approver"].pk}  # both admins


def test_rules_and_states_refuse_with_a_clear_message(lab, people, version):
    with pytest.raises(signing.SigningError, match="not been submitted"):
        _sign(lab, people["reviewer"], version, "reviewed")
    _sign(lab, people["author"], version, "authored")
    with pytest.raises(signing.SigningError, match="already submitted"):
        _sign(lab, people["author"], version, "authored")
    with pytest.raises(signing.SigningError, match="cannot be approved now"):
        _sign(lab, people["approver"], version, "approved")
    with pytest.raises(signing.SigningError, match="Say why"):
        _sign(lab, people["reviewer"], version, "rejected")
    with pytest.raises(signing.SigningError, match="at most 2000"):
        _sign(lab, people["reviewer"], version, "rejected", reason="x" * 5000)
    with pytest.raises(signing.SigningError, match="Meaning must be"):
        _sign(lab, people["reviewer"], version, "blessed")
    done = _sign(lab, people["reviewer"], version, "rejected", reason="standard 7 is an outlier")
    assert done.review.status == "rejected" and not done.review.locked
    with pytest.raises(signing.SigningError, match="nothing more to sign"):
        _sign(lab, people["approver"], version, "approved")
    with pytest.raises(signing.SigningError, match="rejected; re-analyse"):
        _sign(lab, people["author"], version, "authored")
    # the author is told why
    from il2portal.models import Notification

    assert Notification.objects.filter(user=people["author"], title__contains="rejected").exists()


def test_who_may_sign_follows_the_lab_rule(lab, user, people, version):
    outsider = people["reviewer"]  # a member: may review, may not approve
    _sign(lab, people["author"], version, "authored")
    _sign(lab, people["approver"], version, "reviewed")  # an admin reviews
    with pytest.raises(signing.SigningError, match="Only the lab's admins \\(PIs\\) may approve") as exc:
        _sign(lab, outsider, version, "approved")
    assert exc.value.status == 403


def test_a_lab_without_a_rule_needs_no_signatures_and_offers_none(lab, user, version):
    with pytest.raises(signing.SigningError, match="needs no signatures"):
        _sign(lab, user, version, "authored")


def test_a_user_without_a_full_name_is_asked_for_one(lab, people, version):
    people["author"].first_name = people["author"].last_name = ""
    people["author"].save()
    with pytest.raises(signing.SigningError, match="no full name"):
        _sign(lab, people["author"], version, "authored")


def test_a_failed_version_cannot_be_signed(lab, people, version):
    version.__class__.objects.filter(pk=version.pk).update(status="failed")
    with pytest.raises(signing.SigningError, match="has not succeeded"):
        _sign(lab, people["author"], version, "authored")


def test_signatures_are_never_changed_or_deleted(lab, people, version):
    done = _sign(lab, people["author"], version, "authored")
    sig = done.signature
    sig.full_name = "Someone Else"
    with pytest.raises(SignatureRecordError):
        sig.save()
    with pytest.raises(SignatureRecordError):
        sig.delete()
    if connection.vendor == "postgresql":  # the database refuses it too
        for sql in ("UPDATE il2portal_signature SET full_name = 'x'", "DELETE FROM il2portal_signature"):
            with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cur:
                cur.execute(sql)
    assert Signature.objects.get().full_name == people["author"].get_full_name()


def test_another_labs_member_cannot_sign_or_see(lab, other_lab, other_user, people, version):
    with pytest.raises(signing.SigningError) as exc:
        signing.sign(lab=other_lab, kind=RUN, pk=version.pk, user=other_user, meaning="authored", password=PW)
    assert exc.value.status == 404


def test_signing_notifies_the_next_signers(lab, people, version, django_capture_on_commit_callbacks):
    from il2portal.models import Notification

    people["approver"].email = "paula@lab.example"  # only people with an address are emailed
    people["approver"].save(update_fields=["email"])
    with django_capture_on_commit_callbacks(execute=True):  # notification emails go after the commit
        _sign(lab, people["author"], version, "authored")
    told = set(Notification.objects.filter(kind="signature").values_list("user__username", flat=True))
    assert told == {"rita", "paula"}  # both may review; alice authored it
    with django_capture_on_commit_callbacks(execute=True):
        _sign(lab, people["reviewer"], version, "reviewed")
    approvals = Notification.objects.filter(kind="signature", title__contains="approval")
    assert set(approvals.values_list("user__username", flat=True)) == {"paula"}
    assert any("approval" in m.subject for m in mail.outbox)


# ---- pages ----------------------------------------------------------------------------------------


def test_the_run_page_shows_the_card_and_signs_with_the_password(client, lab, people, version):
    client.force_login(people["author"])
    url = f"/assays/runs/{version.run_id}/"
    page = client.get(url).content.decode()
    assert 'data-review-status="none"' in page and 'value="authored"' in page
    r = client.post(f"/review/sign/run_version/{version.pk}/", {"meaning": "authored", "password": "wrong"})
    assert r.status_code == 302 and r["Location"].startswith(url)
    assert "Wrong password" in client.get(url).content.decode()
    client.post(f"/review/sign/run_version/{version.pk}/", {"meaning": "authored", "password": PW})
    page = client.get(url).content.decode()
    assert 'data-review-status="waiting"' in page and "waiting for review" in page and ">locked<" in page
    assert people["author"].get_full_name() in page and "You authored this version" in page
    client.force_login(people["reviewer"])
    queue = client.get("/review/").content.decode()
    assert f"/assays/runs/{version.run_id}/?version=1" in queue and "points v1" in queue
    client.post(
        f"/review/sign/run_version/{version.pk}/", {"meaning": "reviewed", "password": PW, "reason": "ok"}
    )
    assert "points v1" not in client.get("/review/").content.decode().split('id="my-submissions"')[0]
    page = client.get(url).content.decode()
    assert "waiting for approval" in page and "Rita Levi-Montalcini" in page


def test_the_review_pages_are_lab_scoped(client, other_user, lab, people, version):
    _sign(lab, people["author"], version, "authored")
    client.force_login(other_user)
    assert "points v1" not in client.get("/review/").content.decode()
    r = client.post(f"/review/sign/run_version/{version.pk}/", {"meaning": "reviewed", "password": PW})
    assert r.status_code == 404
    assert client.post(f"/review/sign/nonsense/{version.pk}/", {"meaning": "reviewed"}).status_code == 404
    assert Signature.objects.count() == 1


def test_lab_settings_set_the_rule_for_admins_only(client, lab, user, member):
    client.force_login(member)
    client.post(
        "/lab/",
        {
            "set_policy": "1",
            "record_kind": "run_version",
            "steps": "review",
            "reviewers": "members",
            "approvers": "admins",
        },
    )
    assert signing.policy_for(lab, "run_version").steps == "none"
    client.force_login(user)
    client.post(
        "/lab/",
        {
            "set_policy": "1",
            "record_kind": "run_version",
            "steps": "review",
            "reviewers": "admins",
            "approvers": "admins",
        },
    )
    assert signing.policy_for(lab, "run_version").steps == "review"
    r = client.post(
        "/lab/",
        {
            "set_policy": "1",
            "record_kind": "run_version",
            "steps": "forever",
            "reviewers": "x",
            "approvers": "y",
        },
        follow=True,
    )
    assert "not saved" in r.content.decode() and signing.policy_for(lab, "run_version").steps == "review"


def test_the_audit_export_of_a_signed_run_shows_every_step(client, lab, people, version, settings):
    settings.SIGNING_FAILURE_LIMIT = 5
    _sign(lab, people["author"], version, "authored", reason="ready")
    with pytest.raises(signing.SigningError):
        _sign(lab, people["reviewer"], version, "reviewed", password="typo")
    _sign(lab, people["reviewer"], version, "reviewed", reason="checked")
    _sign(lab, people["approver"], version, "approved")
    client.force_login(people["author"])
    text = b"".join(client.get(f"/assays/runs/{version.run_id}/audit.csv").streaming_content).decode()
    rows = list(csv.DictReader(io.StringIO(text)))
    steps = [(r["action"], r["new"], r["full name"]) for r in rows if r["field"] == "signature"]
    assert steps == [
        ("signed", "approved", "Paula Ehrlich"),
        ("signed", "reviewed", "Rita Levi-Montalcini"),
        ("signature refused", "reviewed", "Rita Levi-Montalcini"),
        ("signed", "authored", people["author"].get_full_name()),
    ]
    digest = Signature.objects.first().record_sha256
    assert all(digest in r["signature"] for r in rows if r["action"] == "signed")
    assert {"run result", "assay run"} <= {r["record type"] for r in rows}  # the rest of the trail too
    page = client.get(f"/assays/runs/{version.run_id}/audit/").content.decode()
    assert "Paula Ehrlich" in page and digest in page
    today = dt.date.today()
    span = f"start={today - dt.timedelta(days=1)}&end={today + dt.timedelta(days=1)}"
    lab_csv = b"".join(client.get(f"/audit.csv?{span}").streaming_content).decode()
    assert lab_csv.count(digest) == 3


# ---- API ------------------------------------------------------------------------------------------


def _client(user) -> APIClient:
    _token, key = services.api_token_create_personal(user=user)
    c = APIClient()
    c.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return c


def test_the_api_signs_a_run_version_and_shows_the_review(lab, people, version, instrument_api):
    url = f"/api/v1/runs/{version.run_id}/versions/1/sign/"
    r = _client(people["author"]).post(url, {"meaning": "authored", "password": PW}, format="json")
    assert r.status_code == 201, r.content
    assert r.json()["review"]["status"] == "waiting" and r.json()["signature"]["meaning"] == "authored"
    assert (
        r.json()["signature"]["signed_at"].endswith(("+00:00", "Z"))
        or "+" in r.json()["signature"]["signed_at"]
    )
    bad = _client(people["author"]).post(url, {"meaning": "reviewed", "password": PW}, format="json")
    assert bad.status_code == 403 and "an author may not" in bad.json()["error"]["message"]
    wrong = _client(people["reviewer"]).post(url, {"meaning": "reviewed", "password": "x"}, format="json")
    assert wrong.status_code == 400 and wrong.json()["error"]["detail"]["field"] == "password"
    assert "password" not in wrong.content.decode().replace('"field":"password"', "").replace(
        "Wrong password", ""
    )
    assert instrument_api.post(url, {"meaning": "reviewed", "password": PW}, format="json").status_code == 403
    old = _client(people["reviewer"]).post(
        url.replace("/1/", "/9/"), {"meaning": "reviewed", "password": PW}, format="json"
    )
    assert old.status_code == 404
    versions = _client(people["reviewer"]).get(f"/api/v1/runs/{version.run_id}/versions/").json()
    review = versions[0]["review"]
    assert review["status_text"] == "waiting for review" and review["intact"] is True
    assert [s["meaning"] for s in review["signatures"]] == ["authored"]
    assert review["signatures"][0]["full_name"] == people["author"].get_full_name()


def test_the_api_signs_a_study_analysis(lab, people, other_api):
    study = build_study(lab, people["author"], 3, n_days=8)
    analysis = study.analyses.filter(kind="growth").order_by("-version").first()
    url = f"/api/v1/studies/{study.pk}/analyses/{analysis.pk}/sign/"
    r = _client(people["author"]).post(
        url, {"meaning": "authored", "password": PW, "reason": "final"}, format="json"
    )
    assert r.status_code == 201, r.content
    listed = _client(people["reviewer"]).get(f"/api/v1/studies/{study.pk}/analyses/").json()["results"]
    mine = next(a for a in listed if a["id"] == analysis.pk)
    assert mine["review"]["signatures"][0]["reason"] == "final"
    assert other_api.post(url, {"meaning": "reviewed", "password": PW}, format="json").status_code == 404


def test_the_study_review_page_lists_each_analysis_with_its_card(client, lab, people):
    study = build_study(lab, people["author"], 3, n_days=8)
    analysis = study.analyses.order_by("-version").first()
    client.force_login(people["author"])
    page = client.get(f"/studies/{study.pk}/review/").content.decode()
    assert f'id="analysis-{analysis.pk}"' in page and 'value="authored"' in page
    client.post(f"/review/sign/study_analysis/{analysis.pk}/", {"meaning": "authored", "password": PW})
    page = client.get(f"/studies/{study.pk}/review/").content.decode()
    assert "waiting for review" in page
    rows = list(
        csv.DictReader(
            io.StringIO(b"".join(client.get(f"/studies/{study.pk}/audit.csv").streaming_content).decode())
        )
    )
    assert any(r["field"] == "signature" and r["new"] == "authored" for r in rows)


def test_exports_carry_the_signatures(client, lab, people, version):
    from openpyxl import load_workbook

    _sign(lab, people["author"], version, "authored", reason="ready")
    _sign(lab, people["reviewer"], version, "reviewed")
    client.force_login(people["author"])
    book = load_workbook(io.BytesIO(client.get(f"/assays/runs/{version.run_id}/results.xlsx").content))
    rows = list(book["Signatures"].iter_rows(values_only=True))
    assert rows[0][:3] == ("Record", "Version", "Meaning")
    assert [(r[1], r[2], r[3]) for r in rows[1:]] == [
        (1, "authored", people["author"].get_full_name()),
        (1, "reviewed", "Rita Levi-Montalcini"),
    ]
    assert rows[1][6] == Signature.objects.first().record_sha256 and rows[1][8] == "waiting for approval"
    study = build_study(lab, people["author"], 3, n_days=8)
    analysis = study.analyses.order_by("-version").first()
    _sign(lab, people["author"], analysis, "authored", kind="study_analysis")
    book = load_workbook(io.BytesIO(client.get(f"/studies/{study.pk}/export.xlsx").content))
    rows = list(book["signatures"].iter_rows(values_only=True))
    assert rows[1][2] == "authored" and rows[1][1] == analysis.version


def test_a_user_sets_the_name_signatures_print_and_their_email(client, user):
    client.force_login(user)
    assert client.get("/accounts/name/").status_code == 200
    r = client.post(
        "/accounts/name/",
        {"first_name": "Eve", "last_name": "Hopper", "email": "e@example.org", "password": "guess"},
    )
    assert r.status_code == 200 and "Wrong password" in r.content.decode()
    r = client.post(
        "/accounts/name/",
        {"first_name": " Grace ", "last_name": "Hopper", "email": "grace@example.org", "password": PW},
    )
    assert r.status_code == 302
    user.refresh_from_db()
    assert (user.get_full_name(), user.email) == ("Grace Hopper", "grace@example.org")
    r = client.post(
        "/accounts/name/",
        {"first_name": "  ", "last_name": "Hopper", "email": "not an address", "password": PW},
    )
    assert (
        r.status_code == 200
        and "required" in r.content.decode().lower()
        and "valid email" in r.content.decode()
    )
    user.refresh_from_db()
    assert user.first_name == "Grace" and user.email == "grace@example.org"


def test_the_adapters_load_in_a_fresh_process():
    """``register_signable`` names a module; a process that has not imported it yet (a worker, a
    management command) loads it."""
    import subprocess
    import sys

    code = (
        "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'il2portal.settings'); django.setup();"
        "from il2portal import registry; import sys;"
        "assert 'assays.signing' not in sys.modules;"
        "print(sorted(s.module().__name__ for s in registry.signables().values()))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert "['assays.signing', 'studies.signing']" in out.stdout


def test_wrong_passwords_count_across_the_users_labs(lab, other_lab, people, version, settings):
    settings.SIGNING_FAILURE_LIMIT = 2
    author = people["author"]
    Membership.objects.create(lab=other_lab, user=author, role=Membership.Role.ADMIN)
    with pytest.raises(signing.SigningError, match="Wrong password"):
        _sign(lab, author, version, "authored", password="nope")
    other = _run(other_lab, author, {"model": "4PL"}, n_plates=1)[0].versions.get()
    with pytest.raises(signing.SigningError, match="Wrong password"):
        signing.sign(lab=other_lab, kind=RUN, pk=other.pk, user=author, meaning="authored", password="nope")
    with pytest.raises(signing.SigningError, match="locked"):
        _sign(lab, author, version, "authored")


def test_a_superseded_version_waiting_for_review_can_be_rejected_and_leaves_the_queue(
    client, lab, people, version
):
    _sign(lab, people["author"], version, "authored")
    assay_services.run_reanalyse(
        run=version.run, user=people["author"], excluded_wells=[], settings={}, reason="again"
    )
    client.force_login(people["reviewer"])
    queue = client.get("/review/").content.decode()
    assert "points v1" in queue and "superseded: reject it" in queue
    page = client.get(f"/assays/runs/{version.run_id}/?version=1").content.decode()
    assert 'value="rejected"' in page and 'value="reviewed"' not in page
    with pytest.raises(signing.SigningError, match="not the newest"):
        _sign(lab, people["reviewer"], version, "reviewed")
    done = _sign(lab, people["reviewer"], version, "rejected", reason="superseded by v2")
    assert done.review.status == "rejected" and not done.review.locked
    assert "points v1" not in client.get("/review/").content.decode().split('id="my-submissions"')[0]


def test_the_author_hears_of_a_rejection_of_a_version_someone_else_submitted(lab, people, version):
    from il2portal.models import Notification

    _sign(lab, people["approver"], version, "authored")  # paula submits alice's version
    _sign(lab, people["reviewer"], version, "rejected", reason="wrong layout")
    told = Notification.objects.filter(title__contains="rejected")
    assert set(told.values_list("user__username", flat=True)) == {"alice", "paula"}


def test_the_idempotency_hash_of_a_signing_request_is_keyed(rf, settings):
    import hashlib
    import json as _json

    from il2portal.idempotency import request_hash

    body = _json.dumps({"meaning": "authored", "password": "hunter2", "reason": ""})
    request = rf.post("/api/v1/runs/1/versions/1/sign/", data=body, content_type="application/json")
    plain = hashlib.sha256(b"/api/v1/runs/1/versions/1/sign/\0")
    plain.update(_json.dumps(_json.loads(body), sort_keys=True, separators=(",", ":")).encode())
    assert request_hash(request) != plain.hexdigest()
    settings.SECRET_KEY = "another key"
    request = rf.post("/api/v1/runs/1/versions/1/sign/", data=body, content_type="application/json")
    assert request_hash(request) != plain.hexdigest()


@pytest.mark.django_db(transaction=True)
def test_two_identical_submissions_at_once_make_one_review(lab, people, version):
    """Two tabs (or a retried request) submit the same version at the same moment: one signature, the
    other a clear refusal, never a database error."""
    import threading

    from django.db import connections

    if connection.vendor != "postgresql":
        pytest.skip("row locks are PostgreSQL's; SQLite runs one writer at a time")
    outcomes, barrier = [], threading.Barrier(2)

    def submit():
        try:
            barrier.wait()
            _sign(lab, people["author"], version, "authored")
            outcomes.append("signed")
        except signing.SigningError as exc:
            outcomes.append(exc.message)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert sorted(outcomes)[1] == "signed" and "already submitted" in sorted(outcomes)[0], outcomes
    assert Signature.objects.count() == 1 and Review.objects.count() == 1
