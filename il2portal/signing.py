"""Review and electronic signatures on record versions (a run's result version, a study analysis).

The author submits a version by signing it "authored"; the people the lab's policy names then sign
"reviewed" and/or "approved", or "rejected" with a reason. Each signature re-asks the password (wrong
ones are counted; too many lock signing for a while and tell the lab's admins), records the signer's
username and full name, the meaning, the time (UTC, shown in the lab's zone, kept with it) and binds
to the exact version and a SHA-256 of what was signed: the version, its inputs' hash, settings and
result (21 CFR 11.50, 11.70). A version under review or signed off is locked: re-analysis makes a
new version that needs its own signatures. Signatures and failed attempts are never changed or
deleted (the models refuse it; on PostgreSQL a trigger refuses it too).

Apps say which records can be signed with :func:`il2portal.registry.register_signable`; the core
never imports them.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from il2portal import registry
from il2portal.models import Membership, Review, Signature, SignaturePolicy, SigningFailure

M = Signature.Meaning
STEPS = {
    SignaturePolicy.Steps.NONE: (),
    SignaturePolicy.Steps.REVIEW: (M.AUTHORED, M.REVIEWED),
    SignaturePolicy.Steps.APPROVE: (M.AUTHORED, M.APPROVED),
    SignaturePolicy.Steps.REVIEW_APPROVE: (M.AUTHORED, M.REVIEWED, M.APPROVED),
}
MAX_REASON = 2000
WHO_WORDS = {SignaturePolicy.Who.MEMBERS: "members", SignaturePolicy.Who.ADMINS: "the lab's admins (PIs)"}
WORDS = {M.AUTHORED: "submit", M.REVIEWED: "review", M.APPROVED: "approve", M.REJECTED: "reject"}


class SigningError(Exception):
    """Why a signature was refused: ``field`` names the input at fault (``password``, ``meaning``,
    ``reason``, ``version``), ``status`` the HTTP answer the API gives."""

    def __init__(self, field: str, message: str, status: int = 400):
        super().__init__(message)
        self.field, self.message, self.status = field, message, status


def record_hash(manifest: dict) -> str:
    """SHA-256 of the canonical JSON of what a signature binds (keys sorted, no spaces)."""
    text = json.dumps(manifest, sort_keys=True, separators=(",", ":"), default=str, allow_nan=True)
    return hashlib.sha256(text.encode()).hexdigest()


def signable(kind: str) -> registry.Signable:
    found = registry.signables().get(kind)
    if found is None:
        raise SigningError("kind", f"Records of kind {kind!r} cannot be signed.", 404)
    return found


def policy_for(lab, kind: str) -> SignaturePolicy:
    """The lab's policy for ``kind`` (an unsaved default, "no signatures", when none is set)."""
    found = SignaturePolicy.objects.filter(lab=lab, record_kind=kind).first()
    return found or SignaturePolicy(lab=lab, record_kind=kind)


def policy_set(*, lab, kind: str, steps: str, reviewers: str, approvers: str, user) -> SignaturePolicy:
    signable(kind)
    policy = SignaturePolicy.objects.filter(lab=lab, record_kind=kind).first() or SignaturePolicy(
        lab=lab, record_kind=kind
    )
    policy.steps, policy.reviewers, policy.approvers = steps, reviewers, approvers
    policy._history_user = user
    policy.full_clean()
    policy.save()
    return policy


def _content_type(kind: str) -> ContentType:
    app_label, model = signable(kind).model.split(".")
    return ContentType.objects.get_by_natural_key(app_label, model.lower())


def review_of(kind: str, obj) -> Review | None:
    return (
        Review.objects.filter(content_type=_content_type(kind), object_id=obj.pk)
        .prefetch_related("signatures")
        .first()
    )


def reviews_of(kind: str, pks) -> dict[int, Review]:
    """``{object pk: Review}`` with signatures prefetched: two queries whatever the number."""
    pks = [pk for pk in pks if pk is not None]
    if not pks:
        return {}
    found = Review.objects.filter(content_type=_content_type(kind), object_id__in=pks).prefetch_related(
        "signatures"
    )
    return {r.object_id: r for r in found}


def is_locked(kind: str, pks) -> bool:
    """Whether any of these versions is under review or signed off."""
    return (
        Review.objects.filter(content_type=_content_type(kind), object_id__in=list(pks))
        .exclude(status=Review.Status.REJECTED)
        .exists()
    )


def role_in(lab, user) -> str | None:
    return Membership.objects.filter(lab=lab, user=user).values_list("role", flat=True).first()


def may_sign_as(role: str | None, who: str) -> bool:
    if role in (None, Membership.Role.INSTRUMENT):
        return False
    return who == SignaturePolicy.Who.MEMBERS or role == Membership.Role.ADMIN


def who_for(review: Review, meaning: str) -> str:
    return review.approvers if meaning == M.APPROVED else review.reviewers


def failures_recent(lab, user) -> int:
    """The user's wrong signing passwords within the lockout time, in all their labs (a person has one
    password: a second lab is not a second set of attempts)."""
    since = timezone.now() - timedelta(minutes=settings.SIGNING_LOCKOUT_MINUTES)
    return SigningFailure.objects.filter(user=user, at__gte=since).count()


def _locked_out(lab, user) -> bool:
    return failures_recent(lab, user) >= settings.SIGNING_FAILURE_LIMIT


def _notify(**kwargs) -> None:
    from il2portal.notifications import notify

    notify(**kwargs)


def _admins(lab):
    return [
        m.user for m in Membership.objects.filter(lab=lab, role=Membership.Role.ADMIN).select_related("user")
    ]


def _eligible(lab, review: Review, meaning: str, exclude: set[int]):
    who = who_for(review, meaning)
    members = (
        Membership.objects.filter(lab=lab).exclude(role=Membership.Role.INSTRUMENT).select_related("user")
    )
    return [m.user for m in members if may_sign_as(m.role, who) and m.user_id not in exclude]


@dataclass(frozen=True)
class Signed:
    signature: Signature
    review: Review


def sign(*, lab, kind: str, pk: int, user, meaning: str, password: str, reason: str = "") -> Signed:
    """Sign version ``pk`` of ``kind`` with ``meaning`` after checking the password and the lab's rules.
    Every refusal raises :class:`SigningError` and changes nothing (a wrong password is counted)."""
    spec = signable(kind)
    adapter = spec.module()
    if meaning not in M.values:
        raise SigningError("meaning", f"Meaning must be one of {', '.join(M.values)}.")
    obj = adapter.get(lab, pk)
    if obj is None:
        raise SigningError("version", f"No such {spec.label} in this lab.", 404)
    role = role_in(lab, user)
    if role in (None, Membership.Role.INSTRUMENT):
        raise SigningError("user", "Instrument tokens cannot sign; a person signs with their password.", 403)
    # One attempt of a user at a time (their row lock): parallel requests cannot each pass the count
    # before any failure is written. The failure is committed before the refusal is raised.
    with transaction.atomic():
        get_user_model().objects.select_for_update().filter(pk=user.pk).first()
        locked = _locked_out(lab, user)
        wrong = not locked and not user.check_password(password or "")
        if wrong:
            SigningFailure.objects.create(lab=lab, user=user, record_kind=kind, object_id=pk, meaning=meaning)
        now_locked = wrong and _locked_out(lab, user)
    if locked:
        raise SigningError(
            "password",
            f"Too many wrong passwords: your signing is locked for {settings.SIGNING_LOCKOUT_MINUTES} minutes "
            "from the last one. The lab's admins have been told.",
            429,
        )
    if wrong:
        if now_locked:
            window = int(timezone.now().timestamp() // (60 * settings.SIGNING_LOCKOUT_MINUTES))
            _notify(
                lab=lab,
                users=_admins(lab),
                kind="security",
                title=f"Signing locked for {user.get_username()} after {settings.SIGNING_FAILURE_LIMIT} wrong passwords",
                body=f"Last attempt: {WORDS[meaning]} {adapter.describe([obj])[obj.pk][0]}.",
                url="/audit/",
                key=f"signing-locked:{user.pk}:{window}",
            )
        left = settings.SIGNING_FAILURE_LIMIT - failures_recent(lab, user)
        more = f" {left} more attempt{'s' if left != 1 else ''} before signing locks." if left > 0 else ""
        raise SigningError("password", "Wrong password: nothing was signed." + more)
    full_name = user.get_full_name().strip()
    if not full_name:
        raise SigningError(
            "user",
            "Your account has no full name, which a signature shows: set it under Account → Your name.",
        )
    reason = (reason or "").strip()
    if len(reason) > MAX_REASON:
        raise SigningError("reason", f"The reason is {len(reason)} characters long; at most {MAX_REASON}.")
    if meaning == M.REJECTED and not reason:
        raise SigningError("reason", "Say why the version is rejected (the author reads it).")
    with transaction.atomic():
        # the record's row lock orders two signers of one version one after the other
        obj = adapter.get(lab, pk, lock=True)
        problem = adapter.problem(obj)
        if problem and meaning != M.REJECTED:  # a superseded version waiting for review can be rejected
            raise SigningError("version", problem)
        digest = record_hash(adapter.manifest(obj))
        ct = _content_type(kind)
        review = Review.objects.select_for_update().filter(content_type=ct, object_id=obj.pk).first()
        title, url = adapter.describe([obj])[obj.pk]
        author_id = adapter.author_id(obj)
        if meaning == M.AUTHORED:
            review = _submit(lab, kind, ct, obj, adapter, review, user, digest)
            nxt = review.next_meaning
        else:
            _check_step(review, meaning, user, role, author_id, digest)
            if meaning == M.REJECTED:
                review.status, review.next_meaning = Review.Status.REJECTED, ""
            else:
                steps = STEPS[review.steps]
                later = steps[steps.index(meaning) + 1 :]
                review.next_meaning = later[0] if later else ""
                review.status = Review.Status.WAITING if later else Review.Status.COMPLETE
            review.save(update_fields=["status", "next_meaning", "updated_at"])
            nxt = review.next_meaning
        signature = Signature.objects.create(
            lab=lab,
            review=review,
            meaning=meaning,
            signer=user,
            username=user.get_username(),
            full_name=full_name,
            time_zone=lab.time_zone,
            record_version=adapter.version(obj),
            record_sha256=digest,
            reason=reason,
        )
        signers = set(review.signatures.values_list("signer_id", flat=True)) | {
            author_id,
            review.submitted_by_id,
        }
        if review.status == Review.Status.WAITING and nxt:
            _notify(
                lab=lab,
                users=_eligible(lab, review, nxt, signers),
                kind="signature",
                title=f"{title} waits for your {'approval' if nxt == M.APPROVED else 'review'}",
                body=f"Submitted by {review.submitted_by.get_full_name() or review.submitted_by.get_username()}.",
                url=url,
                key=f"sign:{review.pk}:{nxt}",
            )
        if meaning in (M.REJECTED, M.APPROVED) or review.status == Review.Status.COMPLETE:
            done = "rejected" if meaning == M.REJECTED else review.status_text
            _notify(
                lab=lab,
                users=[pk for pk in {review.submitted_by_id, author_id} if pk is not None and pk != user.pk],
                kind="signature",
                title=f"{title} was {done} by {full_name}",
                body=reason,
                url=url,
                key=f"done:{review.pk}:{meaning}",
            )
    return Signed(signature, review)


def _submit(lab, kind, ct, obj, adapter, review, user, digest) -> Review:
    if review is not None:
        if review.status == Review.Status.REJECTED:
            raise SigningError(
                "version",
                "This version was rejected; re-analyse to make a new version and submit that one.",
            )
        raise SigningError("meaning", f"This version was already submitted ({review.status_text}).")
    policy = policy_for(lab, kind)
    steps = STEPS[policy.steps]
    if not steps:
        raise SigningError(
            "meaning",
            f"This lab needs no signatures on {signable(kind).labels}; an admin can require them in Lab settings.",
        )
    return Review.objects.create(
        lab=lab,
        record_kind=kind,
        content_type=ct,
        object_id=obj.pk,
        record_version=adapter.version(obj),
        record_sha256=digest,
        steps=policy.steps,
        reviewers=policy.reviewers,
        approvers=policy.approvers,
        status=Review.Status.WAITING,
        next_meaning=steps[1],
        submitted_by=user,
        submitted_at=timezone.now(),
    )


def _check_step(review, meaning, user, role, author_id, digest) -> None:
    if review is None:
        raise SigningError(
            "meaning", "This version has not been submitted for review: its author submits it first."
        )
    if review.status != Review.Status.WAITING:
        raise SigningError("meaning", f"This version is {review.status_text}: nothing more to sign.")
    step = review.next_meaning if meaning == M.REJECTED else meaning
    if meaning != M.REJECTED and meaning != review.next_meaning:
        raise SigningError("meaning", f"This version is {review.status_text}; it cannot be {meaning} now.")
    if user.pk in (author_id, review.submitted_by_id):
        raise SigningError(
            "user", f"You authored this version: an author may not {WORDS[meaning]} their own work.", 403
        )
    if user.pk in {s.signer_id for s in review.signatures.all()}:
        raise SigningError(
            "user", "You already signed this version; the next signature needs another person.", 403
        )
    who = who_for(review, step)
    if not may_sign_as(role, who):
        raise SigningError(
            "user",
            f"Only {WHO_WORDS[who]} may {WORDS[M(step)]} in this lab.",
            403,
        )
    if digest != review.record_sha256 and meaning != M.REJECTED:  # rejecting a changed version is allowed
        raise SigningError(
            "version", "The version differs from what was submitted (its hash changed): it cannot be signed."
        )


def next_for(
    review: Review | None, *, lab, kind: str, user, role: str | None, author_id, policy=None
) -> list[str]:
    """The meanings ``user`` may sign now on a version with ``review`` (for the page's buttons);
    ``policy``: the lab's for ``kind`` when the caller has read it already."""
    if role in (None, Membership.Role.INSTRUMENT):
        return []
    if review is None:
        return [M.AUTHORED] if STEPS[(policy or policy_for(lab, kind)).steps] else []
    if review.status != Review.Status.WAITING:
        return []
    if user.pk in (author_id, review.submitted_by_id) or user.pk in {
        s.signer_id for s in review.signatures.all()
    }:
        return []
    if not may_sign_as(role, who_for(review, review.next_meaning)):
        return []
    return [review.next_meaning, M.REJECTED]


def verify(review: Review, manifest: dict) -> bool:
    """Whether the record still hashes to what was signed."""
    return record_hash(manifest) == review.record_sha256


def signed_when(sig: Signature) -> str:
    """The signing time on the lab's clock at signing, with its zone and UTC offset."""
    from il2portal.audit import when_text, zone_named

    return when_text(sig.signed_at, zone_named(sig.time_zone))


SIGNATURE_COLUMNS = (
    "record", "version", "meaning", "full name", "username", "signed", "record SHA-256", "reason", "review status",
)  # fmt: skip


def signature_export_rows(kind: str, objs, title) -> list[list]:
    """One row per signature on ``objs`` (versions of ``kind``), oldest first, for exports:
    ``title(obj)`` names the record; the time in the lab's zone at signing, with its offset."""
    objs = list(objs)
    found = reviews_of(kind, [o.pk for o in objs])
    rows = []
    for obj in objs:
        review = found.get(obj.pk)
        if review is None:
            continue
        for s in review.signatures.all():
            rows.append([title(obj), s.record_version, s.meaning, s.full_name, s.username,
                         signed_when(s), s.record_sha256, s.reason, review.status_text])  # fmt: skip
    return rows
