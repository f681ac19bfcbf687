from __future__ import annotations

from django.contrib.auth import authenticate
from django.contrib.auth.signals import user_logged_in
from django.db.models import Prefetch
from django.db.models.fields.json import KeyTransform
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action, api_view, authentication_classes, permission_classes
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.settings import api_settings

from il2portal import services
from il2portal.accounts import can_create_labs
from il2portal.api.errors import ApiError
from il2portal.api.jobs import job_poll_schema, job_response, parse_wait
from il2portal.api.serializers import (
    AddMemberSerializer,
    ApiTokenSerializer,
    InvitationSerializer,
    JobListItemSerializer,
    JobSerializer,
    LabSerializer,
    LotSerializer,
    MembershipSerializer,
    NotificationReadResultSerializer,
    NotificationReadSerializer,
    NotificationSerializer,
    TestArticleSerializer,
    TokenRequestSerializer,
    TokenResponseSerializer,
    WebhookDeliverySerializer,
    WebhookRequestSerializer,
    WebhookSerializer,
    WebhookStateSerializer,
)
from il2portal.api.viewsets import LabScopedMixin, LabScopedReadOnlyViewSet, LabScopedViewSet
from il2portal.models import ApiToken, Job, Lab, LabInvitation, Lot, Membership, Notification, TestArticle
from il2portal.notifications import notifications_mark_read, unread_count
from il2portal.permissions import IsLabAdmin, IsLabAdminOrReadOnly

WEBHOOK_DELIVERIES_SHOWN = 20
_INSTRUMENTS_NO = OpenApiResponse(
    description="Not for instrument tokens (they push plates and measurements)."
)


@extend_schema(
    request=TokenRequestSerializer,
    responses={
        200: TokenResponseSerializer,
        400: OpenApiResponse(description="Wrong username or password."),
        429: OpenApiResponse(
            description="Too many failed logins for this username or from this address (`locked_out`); "
            "`Retry-After` gives the seconds to wait."
        ),
    },
    summary="Exchange a username and password for a personal API token",
    description="The token acts as the user in all of the user's labs and expires after "
    "`PERSONAL_TOKEN_DAYS` (30 by default, `expires_at`). Asking again with the same `name` (default "
    "`API login`) revokes the previous token of that name. Changing the password revokes all personal "
    "tokens. Failed attempts count towards a lockout per username and per address "
    "(`LOGIN_FAILURE_LIMIT`, `LOGIN_LOCKOUT_MINUTES`).",
)
@api_view(["POST"])
@authentication_classes([])
@permission_classes([AllowAny])
def auth_token(request):
    data = TokenRequestSerializer(data=request.data)
    data.is_valid(raise_exception=True)
    # the plain HttpRequest, so that django-axes' middleware sees a lockout and answers 429
    user = authenticate(
        request._request,
        username=data.validated_data["username"],
        password=data.validated_data["password"],
    )
    if user is None:
        raise ApiError("invalid_credentials", "Wrong username or password.", status_code=400)
    # a password login like the page's: records last_login and lets django-axes forget earlier failures
    user_logged_in.send(sender=user.__class__, request=request._request, user=user)
    token, key = services.api_token_create_personal(user=user, name=data.validated_data["name"])
    return Response({"token": key, "id": token.pk, "name": token.name, "expires_at": token.expires_at})


class TokenViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The caller's personal API tokens (never their keys). ``DELETE`` revokes one."""

    serializer_class = ApiTokenSerializer
    queryset = ApiToken.objects.none()

    def get_queryset(self):
        return ApiToken.objects.filter(user=self.request.user, kind=ApiToken.Kind.PERSONAL)

    @extend_schema(responses={204: None, 403: _INSTRUMENTS_NO})
    def destroy(self, request, pk=None):
        services.api_token_revoke(token=self.get_object(), reason="revoked by its owner")
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        methods=["POST"],
        request=WebhookRequestSerializer,
        responses={200: WebhookSerializer, 403: _INSTRUMENTS_NO},
        summary="Register the token's webhook (answers the signing secret once)",
        description="Every job started with this token is POSTed to `url` when it ends: "
        '`{"event": "job.finished", "delivery", "job"}` (the job as `GET /jobs/{id}/` serves it), with '
        "headers `X-IL2-Event`, `X-IL2-Delivery`, `X-IL2-Timestamp` and `X-IL2-Signature: sha256=<hex "
        "HMAC-SHA256(secret, timestamp + '.' + body)>`. A non-2xx answer or a network error is retried with "
        "exponential backoff; redirects are not followed. Registering again replaces the URL and the secret.",
    )
    @extend_schema(methods=["DELETE"], responses={204: None})
    @extend_schema(
        methods=["GET"],
        responses={200: WebhookStateSerializer},
        summary="The token's webhook and its latest deliveries",
        description=f"The latest {WEBHOOK_DELIVERIES_SHOWN} deliveries, newest first: `waiting` (the job "
        "runs), `pending` (being tried; `attempts`, `last_status_code` and `last_error` tell how it went), "
        "`delivered` or `failed` (every attempt used, or the URL was refused).",
    )
    @action(detail=True, methods=["get", "post", "delete"], serializer_class=WebhookRequestSerializer)
    def webhook(self, request, pk=None):
        from il2portal.webhooks import WebhookRefused

        token = self.get_object()
        if request.method == "GET":
            deliveries = token.webhook_deliveries.order_by("-created_at", "-id")[:WEBHOOK_DELIVERIES_SHOWN]
            return Response(
                {
                    "url": token.webhook_url or None,
                    "deliveries": WebhookDeliverySerializer(deliveries, many=True).data,
                }
            )
        if request.method == "DELETE":
            services.api_token_remove_webhook(token=token)
            return Response(status=status.HTTP_204_NO_CONTENT)
        body = WebhookRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            secret = services.api_token_set_webhook(token=token, url=body.validated_data["url"])
        except WebhookRefused as exc:
            raise ApiError("validation_error", f"url: {exc}", detail={"url": [str(exc)]}) from None
        return Response({"url": token.webhook_url, "secret": secret})


class InvitationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Invitations addressed to the caller. ``?status=pending`` (the default), ``all``, or one status.

    Accepting one makes the caller a member of the lab with the invited role; an invitation expires
    after ``LAB_INVITATION_DAYS`` (14 by default)."""

    serializer_class = InvitationSerializer
    queryset = LabInvitation.objects.none()
    filter_backends = []

    def get_queryset(self):
        qs = LabInvitation.objects.filter(invitee=self.request.user).select_related(
            "lab", "invitee", "invited_by"
        )
        wanted = self.request.query_params.get("status", "pending")
        if self.action != "list" or wanted == "all":
            return qs
        if wanted == "pending":
            return qs.filter(status=LabInvitation.Status.PENDING, expires_at__gt=timezone.now())
        if wanted == "expired":
            return qs.filter(status=LabInvitation.Status.PENDING, expires_at__lte=timezone.now())
        if wanted not in LabInvitation.Status.values:
            raise ApiError(
                "validation_error",
                "status: one of pending, accepted, declined, withdrawn, expired or all.",
                detail={"status": ["invalid choice"]},
            )
        return qs.filter(status=wanted)

    def _answer(self, request, service):
        invitation = self.get_object()
        try:
            service(invitation=invitation, user=request.user)
        except services.InvitationClosed as exc:
            raise ApiError("invitation_closed", str(exc), status_code=409) from None
        invitation.refresh_from_db()
        request._il2_lab_ids = None
        return Response(InvitationSerializer(invitation).data)

    @extend_schema(
        request=None,
        responses={
            200: InvitationSerializer,
            409: OpenApiResponse(description="Answered, withdrawn or expired."),
        },
    )
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        return self._answer(request, services.lab_invitation_accept)

    @extend_schema(
        request=None,
        responses={
            200: InvitationSerializer,
            409: OpenApiResponse(description="Answered, withdrawn or expired."),
        },
    )
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        return self._answer(request, services.lab_invitation_decline)


class LabViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """The caller's labs. Creating a lab makes the caller its admin; who may create labs is the site's
    ``LAB_CREATION`` setting (``staff`` by default, or ``anyone``)."""

    serializer_class = LabSerializer
    queryset = Lab.objects.all()

    def get_queryset(self):
        from il2portal.tenancy import scoped

        return scoped(Lab, self.request)

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if self.request.user.is_authenticated:
            context["roles"] = dict(
                Membership.objects.filter(user=self.request.user).values_list("lab_id", "role")
            )
        return context

    @extend_schema(
        responses={201: LabSerializer, 403: OpenApiResponse(description="`lab_creation_restricted`.")}
    )
    def create(self, request, *args, **kwargs):
        if not can_create_labs(request.user):
            raise ApiError(
                "lab_creation_restricted",
                "Only staff can create labs on this portal (site setting LAB_CREATION=staff); "
                "ask an administrator, or a lab's admin to invite you.",
                status_code=403,
            )
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            lab = services.lab_create(admin=request.user, **serializer.validated_data)
        except services.LabNameTaken as exc:
            raise ApiError("validation_error", f"name: {exc}", detail={"name": [str(exc)]}) from None
        request._il2_lab_ids = None
        context = self.get_serializer_context()
        context["roles"] = {lab.pk: Membership.Role.ADMIN}
        return Response(LabSerializer(lab, context=context).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        methods=["POST"],
        request=AddMemberSerializer,
        responses={
            202: InvitationSerializer,
            200: MembershipSerializer,
            403: OpenApiResponse(description="Not an admin of this lab."),
        },
        summary="Invite a user into the lab",
        description="Creates (or renews) an invitation and answers **202** with it: the user joins only "
        "when they accept it (`POST /api/v1/invitations/{id}/accept/`, or on the portal). An existing "
        "member's role is changed directly (200 with the membership).",
    )
    @extend_schema(methods=["GET"], responses={200: MembershipSerializer(many=True)})
    @action(
        detail=True,
        methods=["post", "get"],
        serializer_class=AddMemberSerializer,
        pagination_class=None,
        permission_classes=[*api_settings.DEFAULT_PERMISSION_CLASSES, IsLabAdminOrReadOnly],
    )
    def members(self, request, pk=None):
        lab = self.get_object()
        if request.method == "GET":
            memberships = Membership.objects.filter(lab=lab).select_related("user")
            return Response(MembershipSerializer(memberships, many=True).data)
        serializer = AddMemberSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        existing = Membership.objects.filter(lab=lab, user=data["username"]).first()
        if existing is not None:
            membership = services.lab_member_set_role(membership=existing, role=data["role"])
            return Response(MembershipSerializer(membership).data, status=status.HTTP_200_OK)
        invitation = services.lab_invitation_create(
            lab=lab, invitee=data["username"], role=data["role"], invited_by=request.user
        )
        return Response(InvitationSerializer(invitation).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(
        responses={
            200: InvitationSerializer(many=True),
            403: OpenApiResponse(description="Not an admin of this lab."),
        },
        summary="The lab's invitations (admins)",
    )
    @action(
        detail=True,
        methods=["get"],
        serializer_class=InvitationSerializer,
        pagination_class=None,
        permission_classes=[*api_settings.DEFAULT_PERMISSION_CLASSES, IsLabAdmin],
    )
    def invitations(self, request, pk=None):
        lab = self.get_object()
        qs = LabInvitation.objects.filter(lab=lab).select_related("lab", "invitee", "invited_by")
        return Response(InvitationSerializer(qs, many=True).data)


class JobViewSet(LabScopedReadOnlyViewSet):
    """Long work: poll ``status`` until ``succeeded`` (then read ``result``) or ``failed`` (``error``)."""

    queryset = Job.objects.select_related("created_by")
    serializer_class = JobSerializer
    filterset_fields = ["status", "kind"]

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.action == "list":  # the keys JobSerializer reads, without the result itself
            queryset = queryset.defer("result").annotate(
                **{f"result_{key}": KeyTransform(key, "result") for key in ("run", "study", "version")}
            )
        return queryset

    def get_serializer_class(self):
        return JobListItemSerializer if self.action == "list" else super().get_serializer_class()

    @job_poll_schema(
        description="`?wait=N` holds the answer up to N seconds until the job has finished (a long poll); "
        "`Retry-After` is sent while it is `queued` or `running`."
    )
    def retrieve(self, request, *args, **kwargs):
        wait = parse_wait(request)
        return job_response(self.get_object(), request, wait=wait, started=False)


def _notifications_lab(request, value) -> Lab:
    """The lab whose notifications are read: ``lab`` when given (one of the caller's labs), else the
    caller's current lab (as API writes without ``lab``; several labs and none chosen is a 400)."""
    from il2portal.api.fields import default_lab
    from il2portal.tenancy import request_lab_ids

    if value in (None, ""):
        return default_lab(request, None)
    try:
        lab_id = int(value)
    except (TypeError, ValueError):
        lab_id = None
    if lab_id is None or lab_id not in request_lab_ids(request):
        raise ApiError(
            "validation_error",
            f"lab: no lab with id {value} in your labs.",
            detail={"lab": ["not one of your labs"]},
        )
    return Lab.objects.get(pk=lab_id)


_NOTIFICATION_LAB = OpenApiParameter(
    "lab", int, description="One of your labs (default: your current lab, as on the portal's pages)."
)


class NotificationViewSet(LabScopedMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """The caller's own notifications in one lab (the current lab unless ``?lab=``), newest first:
    failed jobs they started, what waits for their signature, animals of their studies at a humane
    endpoint. The same list as the portal's *Notifications* page."""

    queryset = Notification.objects.all()
    serializer_class = NotificationSerializer
    filter_backends = []

    def get_queryset(self):
        qs = super().get_queryset().filter(user=self.request.user).order_by("-created_at", "-pk")
        if self.action != "list":
            return qs
        qs = qs.filter(lab=_notifications_lab(self.request, self.request.query_params.get("lab")))
        unread = self.request.query_params.get("unread")
        if unread is not None:
            if unread.lower() not in ("true", "false", "1", "0"):
                raise ApiError(
                    "validation_error", "unread: true or false.", detail={"unread": ["true or false"]}
                )
            qs = qs.filter(read_at__isnull=unread.lower() in ("true", "1"))
        return qs

    @extend_schema(
        parameters=[
            _NOTIFICATION_LAB,
            OpenApiParameter(
                "unread", bool, description="`true`: only unread ones; `false`: only read ones."
            ),
        ]
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(
        request=NotificationReadSerializer,
        responses={200: NotificationReadResultSerializer},
        summary="Mark notifications read",
        description='`{"ids": [1, 2]}` marks these (ids of others or of another lab are ignored); '
        '`{"all": true}` marks every unread one of the lab. `lab` defaults to the current lab.',
    )
    @action(detail=False, methods=["post"], url_path="read")
    def read(self, request):
        body = NotificationReadSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        lab = _notifications_lab(request, body.validated_data.get("lab"))
        ids = None if body.validated_data.get("all") else body.validated_data.get("ids", [])
        marked = notifications_mark_read(user=request.user, lab=lab, ids=ids)
        return Response({"marked": marked, "unread": unread_count(user=request.user, lab=lab)})


class TestArticleViewSet(LabScopedViewSet):
    """IL-2 variants and antibodies, with their lots."""

    queryset = TestArticle.objects.prefetch_related(
        Prefetch("lots", queryset=Lot.objects.select_related("test_article"))
    )
    serializer_class = TestArticleSerializer
    filterset_fields = ["kind", "lab"]


class LotViewSet(LabScopedViewSet):
    queryset = Lot.objects.select_related("test_article")
    serializer_class = LotSerializer
    filterset_fields = ["test_article", "lab"]
