from __future__ import annotations

from django.contrib.auth import get_user_model
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from il2portal.api.fields import LabOwnedSerializer, ScopedRelatedField
from il2portal.api.results import JobResultField
from il2portal.forms import release_specification_check
from il2portal.models import (
    ApiToken,
    Job,
    Lab,
    LabInvitation,
    Lot,
    Membership,
    Notification,
    TestArticle,
    WebhookDelivery,
)

User = get_user_model()


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)  # Django's username length
    password = serializers.CharField(max_length=4096, style={"input_type": "password"}, trim_whitespace=False)
    name = serializers.CharField(
        max_length=100,
        required=False,
        default="API login",
        help_text="The token's name. Asking again with the same name replaces (revokes) the previous "
        "token of that name, so a script that logs in each run keeps one token.",
    )


class TokenResponseSerializer(serializers.Serializer):
    token = serializers.CharField(help_text="The key, shown once: send it as `Authorization: Token <key>`.")
    id = serializers.IntegerField()
    name = serializers.CharField()
    expires_at = serializers.DateTimeField()


class ApiTokenSerializer(serializers.ModelSerializer):
    """A personal token as its owner sees it (never the key: only its first characters)."""

    state = serializers.CharField(read_only=True, help_text="`active`, `expired` or `revoked`.")
    webhook_url = serializers.SerializerMethodField(
        help_text="Where jobs started with this token are reported when they end; null when none."
    )

    class Meta:
        model = ApiToken
        fields = [
            "id", "name", "prefix", "state", "created_at", "last_used_at", "expires_at",
            "revoked_at", "revoked_reason", "webhook_url",
        ]  # fmt: skip
        read_only_fields = fields

    def get_webhook_url(self, token) -> str | None:
        return token.webhook_url or None


class WebhookRequestSerializer(serializers.Serializer):
    url = serializers.CharField(
        max_length=500,
        help_text="An https URL on a public address (site settings may allow http and private addresses).",
    )


class WebhookDeliverySerializer(serializers.ModelSerializer):
    class Meta:
        model = WebhookDelivery
        fields = [
            "id", "job", "url", "status", "attempts", "last_status_code", "last_error", "created_at",
            "delivered_at",
        ]  # fmt: skip
        read_only_fields = fields


class WebhookStateSerializer(serializers.Serializer):
    url = serializers.CharField(allow_null=True, help_text="Null when the token has no webhook.")
    deliveries = WebhookDeliverySerializer(many=True, help_text="The latest deliveries, newest first.")


class WebhookSerializer(serializers.Serializer):
    url = serializers.CharField()
    secret = serializers.CharField(
        help_text="The signing secret, shown only here (a new one on every registration). Check "
        "`X-IL2-Signature: sha256=<hex HMAC-SHA256(secret, X-IL2-Timestamp + '.' + body)>`."
    )


class InvitationSerializer(serializers.ModelSerializer):
    lab_name = serializers.CharField(source="lab.name", read_only=True)
    username = serializers.CharField(source="invitee.username", read_only=True)
    invited_by = serializers.CharField(source="invited_by.username", read_only=True, allow_null=True)
    status = serializers.CharField(
        source="state",
        read_only=True,
        help_text="`pending`, `accepted`, `declined`, `withdrawn`, or `expired` (pending past `expires_at`).",
    )

    class Meta:
        model = LabInvitation
        fields = [
            "id", "lab", "lab_name", "username", "role", "status", "invited_by", "created_at",
            "expires_at", "responded_at",
        ]  # fmt: skip
        read_only_fields = fields


class NotificationSerializer(serializers.ModelSerializer):
    url = serializers.CharField(
        source="link",
        read_only=True,
        help_text="The portal page it is about, a path such as `/jobs/12/` (empty when there is none).",
    )

    class Meta:
        model = Notification
        fields = ["id", "lab", "kind", "title", "body", "url", "created_at", "read_at", "emailed_at"]
        read_only_fields = fields


class NotificationReadSerializer(serializers.Serializer):
    ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**63 - 1),
        required=False,
        max_length=1000,
        help_text="The notifications to mark read (others' and other labs' ids are ignored).",
    )
    all = serializers.BooleanField(required=False, default=False, help_text="Mark every unread one read.")
    lab = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=2**63 - 1,
        help_text="The lab whose notifications these are; default: the current lab.",
    )

    def validate(self, attrs):
        if not attrs.get("all") and "ids" not in attrs:
            raise serializers.ValidationError({"ids": ["Give `ids`, or `all: true`."]})
        return attrs


class NotificationReadResultSerializer(serializers.Serializer):
    marked = serializers.IntegerField(help_text="How many were unread and are now read.")
    unread = serializers.IntegerField(help_text="How many are still unread in the lab.")


class MembershipSerializer(serializers.ModelSerializer):
    username = serializers.CharField(source="user.username", read_only=True)

    class Meta:
        model = Membership
        fields = ["id", "username", "role", "created_at"]


class AddMemberSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    role = serializers.ChoiceField(choices=[Membership.Role.MEMBER, Membership.Role.ADMIN], default="member")

    def validate_username(self, value):
        user = (
            User.objects.filter(username=value, is_active=True)
            .exclude(memberships__role=Membership.Role.INSTRUMENT)
            .first()
        )
        if user is None:
            raise serializers.ValidationError(f"No active user named {value!r}.")
        return user


class LabSerializer(serializers.ModelSerializer):
    role = serializers.SerializerMethodField()

    class Meta:
        model = Lab
        fields = ["id", "name", "time_zone", "role", "created_at"]
        read_only_fields = ["created_at"]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_role(self, lab) -> str | None:
        roles = self.context.get("roles", {})
        return roles.get(lab.pk)


class JobSerializer(serializers.ModelSerializer):
    """One piece of long work. Every call that starts a job answers with this (202, or 200 after a
    ``wait``), and ``GET /jobs/{id}/`` (its ``url``) polls it."""

    url = serializers.HyperlinkedIdentityField(
        view_name="api:job-detail", help_text="The job's URL to poll (also the `Location` header)."
    )
    created_by = serializers.CharField(source="created_by.username", read_only=True, allow_null=True)
    duration_s = serializers.FloatField(read_only=True, allow_null=True)
    run = serializers.SerializerMethodField(help_text="The assay run a run analysis computes; else null.")
    study = serializers.SerializerMethodField(help_text="The study a study analysis computes; else null.")
    version = serializers.SerializerMethodField(
        help_text="The result version the job computes: a run's at once, a study analysis's once it "
        "has succeeded; else null."
    )
    result = JobResultField(
        read_only=True,
        allow_null=True,
        help_text="Null until the job has succeeded; then the component of its `kind`.",
    )

    class Meta:
        model = Job
        fields = [
            "id", "url", "lab", "kind", "status", "error", "result", "params", "attempts",
            "created_by", "created_at", "started_at", "finished_at", "duration_s", "run", "study",
            "version",
        ]  # fmt: skip
        read_only_fields = fields

    @staticmethod
    def _from(job, key: str) -> int | None:
        value = (job.params or {}).get(key)
        if value is None:
            if f"result_{key}" in job.__dict__:  # a list: the keys are read in SQL, the result is not
                value = job.__dict__[f"result_{key}"]
            elif isinstance(job.result, dict):
                value = job.result.get(key)
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    def get_run(self, job) -> int | None:
        return self._from(job, "run") if job.kind == "run_analysis" else None

    def get_study(self, job) -> int | None:
        return self._from(job, "study") if job.kind.startswith("study_") else None

    def get_version(self, job) -> int | None:
        if job.kind == "run_analysis" or job.kind.startswith("study_"):
            return self._from(job, "version")
        return None


class JobListItemSerializer(JobSerializer):
    """A job in a list: everything but its ``result`` (a study analysis's is ~150 KB); its ``url``
    answers the result."""

    class Meta(JobSerializer.Meta):
        fields = [f for f in JobSerializer.Meta.fields if f != "result"]
        read_only_fields = fields


class LotSerializer(LabOwnedSerializer):
    test_article = ScopedRelatedField(TestArticle)
    test_article_name = serializers.CharField(source="test_article.name", read_only=True)

    class Meta:
        model = Lot
        fields = [
            "id", "lab", "test_article", "test_article_name", "lot_number", "concentration",
            "concentration_unit", "specific_activity_iu_per_mg", "received_on", "notes", "created_at",
        ]  # fmt: skip
        read_only_fields = ["created_at"]

    def validate(self, attrs):
        attrs = super().validate(attrs)
        conc = attrs.get("concentration")
        if conc is not None and conc <= 0:
            raise serializers.ValidationError({"concentration": "Concentration must be positive."})
        if conc is not None and not attrs.get(
            "concentration_unit", getattr(self.instance, "concentration_unit", "")
        ):
            raise serializers.ValidationError({"concentration_unit": "Give the unit of the concentration."})
        return attrs


class TestArticleSerializer(LabOwnedSerializer):
    lots = LotSerializer(many=True, read_only=True)

    class Meta:
        model = TestArticle
        fields = [
            "id",
            "lab",
            "name",
            "kind",
            "target",
            "mutations",
            "description",
            "release_low_pct",
            "release_high_pct",
            "release_min_runs",
            "lots",
            "created_at",
        ]
        read_only_fields = ["created_at"]

    def validate(self, attrs):
        attrs = super().validate(attrs)
        merged = {
            name: attrs.get(name, getattr(self.instance, name, None))
            for name in ("release_low_pct", "release_high_pct", "release_min_runs")
        }
        problems: dict[str, list[str]] = {}
        release_specification_check(
            merged, lambda field, message: problems.setdefault(field, []).append(message)
        )
        if problems:
            raise serializers.ValidationError(problems)
        return attrs
