"""Cross-cutting records: labs and membership (tenancy), API tokens, jobs, test articles.

Tenancy: every lab-owned model inherits :class:`LabOwned`, whose manager offers
``for_labs(lab_ids)``. API viewsets and pages get their querysets only through
:mod:`il2portal.tenancy`, so no view can forget the scope (tests enforce this).
"""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords


class LabQuerySet(models.QuerySet):
    def for_labs(self, lab_ids):
        return self.filter(**{f"{self.model.lab_path}__in": list(lab_ids)})


class LabOwned(models.Model):
    """Abstract base for records that belong to one lab."""

    lab_path = "lab"  # ORM path from the model to its Lab

    lab = models.ForeignKey("il2portal.Lab", on_delete=models.PROTECT, related_name="+")
    objects = LabQuerySet.as_manager()

    class Meta:
        abstract = True


class Lab(models.Model):
    # Names are not unique across the site (a clash would reveal another lab's name); a creator
    # cannot give two of their labs the same name.
    name = models.CharField(max_length=200)
    time_zone = models.CharField(max_length=64, default="UTC")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    lab_path = "id"
    objects = LabQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["created_by", "name"], name="lab_name_per_creator")]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    class Role(models.TextChoices):
        MEMBER = "member", "Member"
        ADMIN = "admin", "Admin / PI"
        INSTRUMENT = "instrument", "Instrument"

    lab = models.ForeignKey(Lab, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.MEMBER)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    lab_path = "lab"
    objects = LabQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["lab", "user"], name="one_membership_per_lab")]
        ordering = ["lab__name", "user__username"]

    def __str__(self) -> str:
        return f"{self.user} in {self.lab} ({self.role})"


class LabInvitation(models.Model):
    """An admin's offer of membership; the invitee becomes a member only by accepting it."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"
        WITHDRAWN = "withdrawn", "Withdrawn"

    lab = models.ForeignKey(Lab, on_delete=models.CASCADE, related_name="invitations")
    invitee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lab_invitations"
    )
    role = models.CharField(max_length=16, choices=Membership.Role.choices, default=Membership.Role.MEMBER)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    responded_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    lab_path = "lab"
    objects = LabQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["lab", "invitee"],
                condition=models.Q(status="pending"),
                name="one_pending_invitation_per_lab",
            )
        ]

    def __str__(self) -> str:
        return f"{self.invitee} invited to {self.lab} ({self.status})"

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def is_open(self) -> bool:
        """Pending and not yet expired: the invitee can still accept or decline it."""
        return self.status == self.Status.PENDING and not self.is_expired

    @property
    def state(self) -> str:
        """The status a person reads: a pending invitation past its date is ``expired``."""
        return "expired" if self.status == self.Status.PENDING and self.is_expired else self.status


class UserProfile(models.Model):
    """Per-user preferences kept across sessions and devices: the lab the user works in, and which
    notifications are also sent by email."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="il2_profile"
    )
    current_lab = models.ForeignKey(Lab, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # kinds of notification (Notification.Kind values) the user does not want by email; every kind is
    # emailed by default, and always listed on the notifications page
    email_off = models.JSONField(default=list, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"profile of {self.user}"


def _hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class ApiToken(models.Model):
    """A secret for scripts and instruments. Only its SHA-256 is stored; the key is shown once.

    Personal tokens act as their user in all of the user's labs. Instrument tokens belong to one
    lab: they act as a dedicated instrument user whose only membership is that lab.
    """

    class Kind(models.TextChoices):
        PERSONAL = "personal", "Personal"
        INSTRUMENT = "instrument", "Instrument"

    name = models.CharField(max_length=100)
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.PERSONAL)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    lab = models.ForeignKey(Lab, null=True, blank=True, on_delete=models.CASCADE, related_name="api_tokens")
    prefix = models.CharField(max_length=12, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(
        null=True, blank=True, help_text="Personal tokens expire; instrument tokens do not."
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_reason = models.CharField(max_length=100, blank=True)
    # Webhook (il2portal.webhooks): where to POST a job started with this token once it has ended,
    # and the secret its body is signed with (HMAC-SHA256).
    webhook_url = models.CharField(max_length=500, blank=True)
    webhook_secret = models.CharField(max_length=100, blank=True, editable=False)
    history = HistoricalRecords(excluded_fields=["key_hash", "last_used_at", "webhook_secret"])

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_expired(self) -> bool:
        return self.expires_at is not None and self.expires_at <= timezone.now()

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and not self.is_expired

    @property
    def state(self) -> str:
        if self.revoked_at is not None:
            return "revoked"
        return "expired" if self.is_expired else "active"

    @staticmethod
    def generate_key() -> str:
        return "il2_" + secrets.token_urlsafe(32)

    def set_key(self, key: str) -> None:
        self.prefix = key[:8]
        self.key_hash = _hash_key(key)

    @classmethod
    def find(cls, key: str) -> ApiToken | None:
        """The token with this key, whatever its state (to tell a person why it no longer works)."""
        return cls.objects.select_related("user", "lab").filter(key_hash=_hash_key(key)).first()

    @classmethod
    def find_active(cls, key: str) -> ApiToken | None:
        return (
            cls.objects.select_related("user", "lab")
            .filter(key_hash=_hash_key(key), revoked_at__isnull=True, user__is_active=True)
            .filter(models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=timezone.now()))
            .first()
        )

    def revoke(self, reason: str = "revoked") -> None:
        self.revoked_at = timezone.now()
        self.revoked_reason = reason[:100]


class Job(LabOwned):
    """One piece of long work (curve fit, run analysis, survival analysis) run by a worker."""

    class Status(models.TextChoices):
        QUEUED = "queued"
        RUNNING = "running"
        SUCCEEDED = "succeeded"
        FAILED = "failed"

    kind = models.CharField(max_length=50)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED, db_index=True)
    params = models.JSONField(default=dict)
    result = models.JSONField(null=True, blank=True)
    error = models.TextField(blank=True)
    attempts = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    worker = models.CharField(max_length=200, blank=True)
    # Outbox and liveness (il2portal.jobs): the id of the one message that may run the job, when it
    # was handed to the broker (null: not yet, the dispatcher will), and the running attempt's pulse.
    task_id = models.CharField(max_length=64, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "sent_at"], name="job_status_sent"),
            models.Index(fields=["lab", "-created_at"], name="job_lab_created"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} job {self.pk} ({self.status})"

    @property
    def label(self) -> str:
        from il2portal.registry import job_kinds

        kind = job_kinds().get(self.kind)
        return kind.label if kind is not None else self.kind

    @property
    def duration_s(self) -> float | None:
        if self.started_at and self.finished_at:
            return (self.finished_at - self.started_at).total_seconds()
        return None


class WebhookDelivery(models.Model):
    """One notification that a job has ended, for the API token that started it (il2portal.webhooks).

    Created with the job (``waiting``); when the job ends it becomes ``pending`` and a worker posts
    it, retrying with backoff, until ``delivered`` or ``failed``."""

    class Status(models.TextChoices):
        WAITING = "waiting"  # the job has not ended yet
        PENDING = "pending"
        DELIVERED = "delivered"
        FAILED = "failed"

    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="webhook_deliveries")
    token = models.ForeignKey(ApiToken, on_delete=models.CASCADE, related_name="webhook_deliveries")
    url = models.CharField(max_length=500)
    base_url = models.CharField(max_length=500, help_text="Scheme and host the job was started on.")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.WAITING, db_index=True)
    attempts = models.PositiveIntegerField(default=0)
    last_status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)  # handed to the broker
    delivered_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"webhook for job {self.job_id} ({self.status})"


class IdempotencyRecord(models.Model):
    """The first response to a POST carrying an ``Idempotency-Key``, replayed on retries. Inserted
    before the request runs (``status_code`` null: in progress), so a concurrent duplicate waits."""

    caller = models.CharField(max_length=80)
    key = models.CharField(max_length=200)
    method = models.CharField(max_length=10)
    path = models.CharField(max_length=500)
    request_hash = models.CharField(max_length=64)
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    content_type = models.CharField(max_length=200, blank=True)
    body = models.BinaryField(default=bytes, blank=True)
    lab_ids = models.JSONField(default=list)  # the caller's labs when it was stored
    # headers of the answer that a retry needs too (a job's Location and Retry-After)
    headers = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["caller", "key"], name="one_response_per_key")]

    def __str__(self) -> str:
        return f"{self.method} {self.path} ({self.key})"


class TestArticle(LabOwned):
    """An IL-2 variant or antibody tested in assays and dosed in studies."""

    class Kind(models.TextChoices):
        IL2_WILD_TYPE = "il2_wild_type", "IL-2, wild type"
        IL2_MUTEIN = "il2_mutein", "IL-2 mutein"
        IL2_FUSION = "il2_fusion", "IL-2 fusion / bispecific"
        ANTIBODY = "antibody", "Antibody"
        VEHICLE = "vehicle", "Vehicle"
        OTHER = "other", "Other"

    __test__ = False  # not a pytest test class despite the name

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    target = models.CharField(max_length=50, blank=True, help_text="Antibody target, e.g. PD-1, CD3, CD28.")
    mutations = models.CharField(max_length=300, blank=True, help_text="For muteins, e.g. R38A/F42K.")
    description = models.TextField(blank=True)
    # lot release: the relative potency a lot must have (%, of the reference standard) and how many
    # independent runs are combined into the reportable value (USP <1034>, Ph. Eur. 5.3)
    release_low_pct = models.FloatField(
        null=True, blank=True, verbose_name="release specification, low (%)", help_text="e.g. 80"
    )
    release_high_pct = models.FloatField(
        null=True, blank=True, verbose_name="release specification, high (%)", help_text="e.g. 125"
    )
    release_min_runs = models.PositiveSmallIntegerField(
        default=3,
        db_default=3,  # rows written by code that predates the field (older migrations' models) get it too
        verbose_name="independent runs for release",
        help_text="At least 2; 3 is usual.",
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["lab", "name"], name="test_article_name_per_lab")]

    def __str__(self) -> str:
        return self.name


class Lot(LabOwned):
    test_article = models.ForeignKey(TestArticle, on_delete=models.PROTECT, related_name="lots")
    lot_number = models.CharField(max_length=100)
    concentration = models.FloatField(null=True, blank=True)
    concentration_unit = models.CharField(max_length=20, blank=True, help_text="e.g. mg/mL, µg/mL")
    specific_activity_iu_per_mg = models.FloatField(
        null=True, blank=True, verbose_name="specific activity (IU/mg)"
    )
    received_on = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["test_article__name", "lot_number"]
        constraints = [
            models.UniqueConstraint(fields=["test_article", "lot_number"], name="lot_number_per_article")
        ]

    def __str__(self) -> str:
        return f"{self.test_article.name} lot {self.lot_number}"


# ---- review and electronic signatures (il2portal.signing; 21 CFR 11.50, 11.70, 11.200) ---------------


class SignaturePolicy(LabOwned):
    """Which signatures a lab needs on a kind of record version, and who may give them."""

    class Steps(models.TextChoices):
        NONE = "none", "No signatures"
        REVIEW = "review", "Author, then reviewer"
        APPROVE = "approve", "Author, then approver"
        REVIEW_APPROVE = "review_approve", "Author, reviewer, then approver"

    class Who(models.TextChoices):
        MEMBERS = "members", "Any member"
        ADMINS = "admins", "Admins / PIs only"

    record_kind = models.CharField(max_length=50)
    steps = models.CharField(max_length=20, choices=Steps.choices, default=Steps.NONE)
    reviewers = models.CharField(max_length=10, choices=Who.choices, default=Who.MEMBERS)
    approvers = models.CharField(max_length=10, choices=Who.choices, default=Who.ADMINS)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["lab", "record_kind"], name="one_policy_per_kind")]

    def __str__(self) -> str:
        return f"{self.record_kind}: {self.get_steps_display()}"


class Review(LabOwned):
    """The review of one record version: submitted by its author (who signs "authored"), then signed
    by the next people the lab's policy (copied at submission) names, or rejected with a reason."""

    class Status(models.TextChoices):
        WAITING = "waiting", "waiting"
        COMPLETE = "complete", "signed off"
        REJECTED = "rejected", "rejected"

    record_kind = models.CharField(max_length=50)
    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    record_version = models.PositiveIntegerField()
    record_sha256 = models.CharField(max_length=64)
    steps = models.CharField(max_length=20, choices=SignaturePolicy.Steps.choices)
    reviewers = models.CharField(max_length=10, choices=SignaturePolicy.Who.choices)
    approvers = models.CharField(max_length=10, choices=SignaturePolicy.Who.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WAITING, db_index=True)
    next_meaning = models.CharField(max_length=10, blank=True)  # "reviewed" | "approved" | ""
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-submitted_at"]
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="one_review_per_record")
        ]
        indexes = [models.Index(fields=["lab", "status"], name="review_lab_status")]

    def __str__(self) -> str:
        return f"review of {self.record_kind} {self.object_id} ({self.status})"

    @property
    def locked(self) -> bool:
        """A version under review or signed off cannot change (re-analysis makes a new version)."""
        return self.status != self.Status.REJECTED

    @property
    def status_text(self) -> str:
        if self.status == self.Status.WAITING:
            return {"reviewed": "waiting for review", "approved": "waiting for approval"}.get(
                self.next_meaning, "waiting"
            )
        if self.status == self.Status.COMPLETE:
            return "approved" if "approve" in self.steps else "reviewed"
        return "rejected"


class SignatureRecordError(Exception):
    """A signature or signing attempt is never changed or deleted once made."""


class _AppendOnly(models.Model):
    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise SignatureRecordError(f"{self._meta.verbose_name} rows are never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise SignatureRecordError(f"{self._meta.verbose_name} rows are never deleted.")


class Signature(_AppendOnly, LabOwned):
    """One electronic signature: who (username and printed full name), what it means, when (UTC, shown
    in the lab's zone, kept with it), and the exact version and hash of what was signed."""

    class Meaning(models.TextChoices):
        AUTHORED = "authored", "authored"
        REVIEWED = "reviewed", "reviewed"
        APPROVED = "approved", "approved"
        REJECTED = "rejected", "rejected"

    review = models.ForeignKey(Review, on_delete=models.PROTECT, related_name="signatures")
    meaning = models.CharField(max_length=10, choices=Meaning.choices)
    signer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    username = models.CharField(max_length=150)
    full_name = models.CharField(max_length=300)
    signed_at = models.DateTimeField(default=timezone.now)
    time_zone = models.CharField(max_length=64)
    record_version = models.PositiveIntegerField()
    record_sha256 = models.CharField(max_length=64)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["signed_at", "pk"]

    def __str__(self) -> str:
        return f"{self.meaning} by {self.full_name} at {self.signed_at:%Y-%m-%d %H:%M} UTC"


class SigningFailure(_AppendOnly, LabOwned):
    """A signing attempt refused for a wrong password: counted (too many lock signing for a while) and
    shown in the audit trail (21 CFR 11.300(d))."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    record_kind = models.CharField(max_length=50)
    object_id = models.PositiveBigIntegerField()
    meaning = models.CharField(max_length=10)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"wrong signing password by {self.user} at {self.at:%Y-%m-%d %H:%M} UTC"


class Notification(LabOwned):
    """Something a person is told about (il2portal.notifications): listed on their notifications page
    in the lab it concerns, and emailed unless they turned that kind off. ``key`` (when not empty)
    makes it once per user: a second notice with the same key for the same user is not made."""

    class Kind(models.TextChoices):
        JOB_FAILED = "job_failed", "A job I started failed"
        SIGNATURE = "signature", "Something waits for my signature"
        ENDPOINT = "endpoint", "An animal of my study reaches a humane endpoint"
        SECURITY = "security", "Security of my account"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=500, blank=True, help_text="A page of the portal (a relative URL).")
    key = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=False)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "key"], condition=~models.Q(key=""), name="one_notification_per_user_key"
            )
        ]
        indexes = [
            models.Index(fields=["user", "lab", "-created_at"], name="notification_user_lab"),
            models.Index(
                fields=["user", "lab"], condition=models.Q(read_at__isnull=True), name="notification_unread"
            ),
        ]

    SHORT = {
        "job_failed": "Job failed",
        "signature": "Signature",
        "endpoint": "Endpoint",
        "security": "Security",
    }

    def __str__(self) -> str:
        return f"{self.kind} for {self.user}: {self.title}"

    @property
    def kind_short(self) -> str:
        return self.SHORT.get(self.kind, self.kind)

    @property
    def link(self) -> str:
        """``url`` when it is a page of the portal (a path starting with one "/"), else ""."""
        from il2portal.notifications import safe_url

        return safe_url(self.url)
