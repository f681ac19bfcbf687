"""Review and signatures in the API: a version's ``review`` (status and every signature) and
``POST …/sign/`` (API.md: ``{meaning, password, reason}``)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_field, inline_serializer
from rest_framework import serializers, status
from rest_framework.response import Response

from il2portal import signing
from il2portal.api.errors import ApiError
from il2portal.audit import zone_named
from il2portal.models import Signature


class SignatureSerializer(serializers.ModelSerializer):
    signed_at = serializers.SerializerMethodField(
        help_text="ISO 8601 in the lab's zone at signing, with offset."
    )

    class Meta:
        model = Signature
        fields = [
            "meaning",
            "username",
            "full_name",
            "signed_at",
            "time_zone",
            "record_version",
            "record_sha256",
            "reason",
        ]
        read_only_fields = fields

    def get_signed_at(self, obj) -> str:
        return obj.signed_at.astimezone(zone_named(obj.time_zone)).isoformat()


class ReviewSerializer(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=["waiting", "complete", "rejected"],
        help_text="waiting (for the next signature), complete (signed off) or rejected.",
    )
    status_text = serializers.CharField(help_text='"waiting for review", "approved", "rejected"…')
    next_meaning = serializers.CharField(allow_blank=True, help_text="The signature it waits for, or empty.")
    steps = serializers.CharField(
        help_text="The lab's rule when it was submitted: review, approve or review_approve."
    )
    locked = serializers.BooleanField(help_text="Under review or signed off: the version cannot change.")
    record_sha256 = serializers.CharField(
        help_text="SHA-256 of what was submitted (and every signature binds)."
    )
    intact = serializers.BooleanField(help_text="Whether the version still hashes to record_sha256.")
    signatures = SignatureSerializer(many=True)


def review_data(kind: str, obj, review) -> dict | None:
    if review is None:
        return None
    manifest = signing.signable(kind).module().manifest(obj)
    return {
        "status": review.status,
        "status_text": review.status_text,
        "next_meaning": review.next_meaning,
        "steps": review.steps,
        "locked": review.locked,
        "record_sha256": review.record_sha256,
        "intact": signing.verify(review, manifest),
        "signatures": SignatureSerializer(review.signatures.all(), many=True).data,
    }


class ReviewedListSerializer(serializers.ListSerializer):
    """Reads the reviews of a whole list (page) in two queries, not two per version."""

    def to_representation(self, data):
        items = list(data.all() if hasattr(data, "all") else data)
        kind = self.child.Meta.signable_kind
        found = signing.reviews_of(kind, [o.pk for o in items])
        for o in items:
            o._review = found.get(o.pk)
        return super().to_representation(items)


@extend_schema_field(ReviewSerializer(allow_null=True))
class ReviewField(serializers.Field):
    """``review`` of a signable version: null until submitted (the serializer's Meta names the kind)."""

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "help_text", "Review status and every signature of this version; null if never submitted."
        )
        super().__init__(source="*", read_only=True, allow_null=True, **kwargs)

    def to_representation(self, obj):
        kind = self.parent.Meta.signable_kind
        if hasattr(obj, "_review"):
            review = obj._review
        else:
            review = signing.reviews_of(kind, [obj.pk]).get(obj.pk)
        return review_data(kind, obj, review)


class SignRequestSerializer(serializers.Serializer):
    meaning = serializers.ChoiceField(choices=Signature.Meaning.values)
    password = serializers.CharField(
        write_only=True, trim_whitespace=False, style={"input_type": "password"}, max_length=4096
    )
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)


SIGN_RESPONSE = inline_serializer(
    "SignResponse", {"signature": SignatureSerializer(), "review": ReviewSerializer()}
)


def sign_schema(description: str):
    return extend_schema(
        request=SignRequestSerializer,
        responses={201: SIGN_RESPONSE},
        description=description
        + " Re-asks the signer's password; wrong ones are counted and too many lock signing for a while "
        "(429). An author may not review or approve their own version; only the newest version can be "
        "signed; instrument tokens cannot sign (403).",
    )


def sign_response(request, *, lab, kind: str, obj) -> Response:
    body = SignRequestSerializer(data=request.data)
    body.is_valid(raise_exception=True)
    try:
        done = signing.sign(
            lab=lab,
            kind=kind,
            pk=obj.pk,
            user=request.user,
            meaning=body.validated_data["meaning"],
            password=body.validated_data["password"],
            reason=body.validated_data["reason"],
        )
    except signing.SigningError as exc:
        code = {400: "invalid", 403: "permission_denied", 404: "not_found", 429: "signing_locked"}[exc.status]
        raise ApiError(code, exc.message, status_code=exc.status, detail={"field": exc.field}) from None
    obj = signing.signable(kind).module().get(lab, obj.pk)
    review = signing.reviews_of(kind, [obj.pk]).get(obj.pk)
    return Response(
        {"signature": SignatureSerializer(done.signature).data, "review": review_data(kind, obj, review)},
        status=status.HTTP_201_CREATED,
    )
