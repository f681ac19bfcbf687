"""Pages of review and electronic signatures: the card a record's page shows (status, signatures,
the signing form), the signing POST, the reviewer's queue, and the name a signature prints."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from il2portal import registry, signing
from il2portal.audit import when_text, zone_named
from il2portal.models import Review
from il2portal.signing import signed_when
from il2portal.tenancy import current_lab_or_404


def signature_rows(review: Review | None) -> list[dict]:
    if review is None:
        return []
    return [
        {
            "meaning": s.meaning,
            "full_name": s.full_name,
            "username": s.username,
            "when": signed_when(s),
            "version": s.record_version,
            "sha256": s.record_sha256,
            "reason": s.reason,
        }
        for s in review.signatures.all()
    ]


def review_card(request, *, lab, kind: str, obj, review: Review | None, role: str | None) -> dict:
    """What ``il2portal/_review_card.html`` shows for one version: the lab's rule, the status, every
    signature, whether the record still hashes to what was signed, and what this user may sign."""
    spec = signing.signable(kind)
    adapter = spec.module()
    policy = signing.policy_for(lab, kind)
    problem = adapter.problem(obj)
    author = adapter.author_id(obj)
    meanings = signing.next_for(
        review, lab=lab, kind=kind, user=request.user, role=role, author_id=author, policy=policy
    )
    if problem:  # a superseded (or failed) version is only rejected, so that its review does not wait forever
        meanings = [m for m in meanings if m == signing.M.REJECTED]
    why_not = ""
    if not meanings and review is not None and review.status == Review.Status.WAITING:
        if request.user.pk in (author, review.submitted_by_id):
            why_not = "You authored this version: another person reviews and approves it."
        elif request.user.pk in {s.signer_id for s in review.signatures.all()}:
            why_not = "You signed this version already; the next signature needs another person."
        else:
            who = signing.who_for(review, review.next_meaning)
            why_not = f"Only {signing.WHO_WORDS[who]} may sign the next step ({review.status_text})."
    intact = signing.verify(review, adapter.manifest(obj)) if review is not None else None
    return {
        "kind": kind,
        "label": spec.label,
        "labels": spec.labels,
        "obj_pk": obj.pk,
        "version": adapter.version(obj),
        "policy": policy,
        "review": review,
        "signatures": signature_rows(review),
        "intact": intact,
        "problem": problem,
        "meanings": meanings,
        "why_not": why_not,
        "failures": signing.failures_recent(lab, request.user) if meanings else 0,  # shown by the form
    }


def role_of(request, lab) -> str | None:
    return signing.role_in(lab, request.user)


@login_required
@require_POST
def sign(request, kind: str, pk: int):
    lab = current_lab_or_404(request)
    try:
        spec = signing.signable(kind)
    except signing.SigningError:
        raise Http404("No such kind of record.") from None
    obj = spec.module().get(lab, pk)
    if obj is None:
        raise Http404("No such record in this lab.")
    back = spec.module().describe([obj])[obj.pk][1]
    meaning = request.POST.get("meaning", "")
    try:
        done = signing.sign(
            lab=lab,
            kind=kind,
            pk=pk,
            user=request.user,
            meaning=meaning,
            password=request.POST.get("password", ""),
            reason=request.POST.get("reason", ""),
        )
    except signing.SigningError as exc:
        messages.error(request, exc.message)
        return redirect(back)
    status = done.review.status_text
    messages.success(
        request,
        f"Signed as {done.signature.meaning} by {done.signature.full_name} at {signed_when(done.signature)}; "
        f"the version is now {status}.",
    )
    return redirect(back)


@login_required
def queue(request):
    """What waits for this user's signature, what they submitted, and the lab's recent sign-offs."""
    lab = current_lab_or_404(request)
    role = role_of(request, lab)
    waiting = list(
        Review.objects.filter(lab=lab, status=Review.Status.WAITING)
        .select_related("submitted_by")
        .prefetch_related("signatures")
        .order_by("submitted_at")
    )
    mine = list(
        Review.objects.filter(lab=lab, submitted_by=request.user)
        .select_related("submitted_by")
        .prefetch_related("signatures")
        .order_by("-submitted_at")[:50]
    )
    done = list(
        Review.objects.filter(lab=lab, status=Review.Status.COMPLETE)
        .select_related("submitted_by")
        .prefetch_related("signatures")
        .order_by("-updated_at")[:20]
    )
    names: dict[tuple[str, int], tuple[str, str]] = {}
    authors: dict[tuple[str, int], int | None] = {}
    superseded: set[tuple[str, int]] = set()
    for kind, spec in registry.signables().items():
        ids = {r.object_id for r in (*waiting, *mine, *done) if r.record_kind == kind}
        for pk, found in (spec.module().describe_ids(ids) if ids else {}).items():
            names[(kind, pk)] = found
        waiting_ids = {r.object_id for r in waiting if r.record_kind == kind}
        for pk, author in (spec.module().author_ids(waiting_ids) if waiting_ids else {}).items():
            authors[(kind, pk)] = author
        superseded |= {(kind, pk) for pk in (spec.module().superseded(waiting_ids) if waiting_ids else ())}
    labels = {kind: spec.label for kind, spec in registry.signables().items()}

    def rows(reviews):
        out = []
        for r in reviews:
            title, url = names.get((r.record_kind, r.object_id), ("a deleted record", ""))
            last = list(r.signatures.all())[-1:] or [None]
            out.append({"superseded": (r.record_kind, r.object_id) in superseded, "review": r, "title": title, "url": url, "label": labels.get(r.record_kind, r.record_kind),
                        "last": last[0], "last_when": signed_when(last[0]) if last[0] else "",
                        "submitted": when_text(r.submitted_at, zone_named(lab.time_zone))})  # fmt: skip
        return out

    for_me = []
    for r in waiting:
        signers = {s.signer_id for s in r.signatures.all()}
        if request.user.pk in (*signers, r.submitted_by_id, authors.get((r.record_kind, r.object_id))):
            continue  # an author never signs their own work; nobody signs a version twice
        if signing.may_sign_as(role, signing.who_for(r, r.next_meaning)):
            for_me.append(r)
    return render(
        request,
        "il2portal/review_queue.html",
        {
            "for_me": rows(for_me),
            "mine": rows(mine),
            "done": rows(done),
            "waiting_count": len(waiting),
            "lab": lab,
        },
    )


class NameForm(forms.Form):
    first_name = forms.CharField(max_length=150, label="First name")
    last_name = forms.CharField(max_length=150, label="Last name")
    email = forms.EmailField(required=False, max_length=254, label="Email (for notifications)")
    password = forms.CharField(
        widget=forms.PasswordInput, strip=False, max_length=4096, label="Your password (to confirm)"
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean(self):
        data = super().clean()
        for key in ("first_name", "last_name"):
            if key in data:
                data[key] = data[key].strip()
                if not data[key]:
                    self.add_error(key, "Required: a signature prints your full name.")
        # the name a signature prints is part of the signature: only its owner, with the password, sets it
        if "password" in data and not self.user.check_password(data["password"]):
            self.add_error("password", "Wrong password: nothing was changed.")
        return data


@login_required
def account_name(request):
    """The full name signatures print (21 CFR 11.50(a)(1)) and the address notifications are emailed to."""
    user = request.user
    form = NameForm(
        request.POST or None,
        initial={"first_name": user.first_name, "last_name": user.last_name, "email": user.email},
        user=user,
    )
    if request.method == "POST" and form.is_valid():
        user.first_name, user.last_name = form.cleaned_data["first_name"], form.cleaned_data["last_name"]
        user.email = form.cleaned_data["email"]
        user.save(update_fields=["first_name", "last_name", "email"])
        messages.success(request, f"Your signatures will print “{user.get_full_name()}”.")
        return redirect("account-name")
    return render(request, "il2portal/account_name.html", {"form": form})
