from __future__ import annotations

from django.contrib.auth import authenticate
from django.db.models import Prefetch
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action, api_view, authentication_classes, permission_classes
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from il2portal import services
from il2portal.api.errors import ApiError
from il2portal.api.serializers import (
    AddMemberSerializer,
    JobSerializer,
    LabSerializer,
    LotSerializer,
    MembershipSerializer,
    TestArticleSerializer,
    TokenRequestSerializer,
    TokenResponseSerializer,
)
from il2portal.api.viewsets import LabScopedReadOnlyViewSet, LabScopedViewSet
from il2portal.models import Job, Lab, Lot, Membership, TestArticle
from il2portal.tenancy import get_scoped_or_404


@extend_schema(
    request=TokenRequestSerializer,
    responses={200: TokenResponseSerializer, 400: OpenApiResponse(description="Wrong username or password.")},
    summary="Exchange a username and password for an API token",
)
@api_view(["POST"])
@authentication_classes([])
@permission_classes([AllowAny])
def auth_token(request):
    data = TokenRequestSerializer(data=request.data)
    data.is_valid(raise_exception=True)
    user = authenticate(
        request, username=data.validated_data["username"], password=data.validated_data["password"]
    )
    if user is None:
        raise ApiError("invalid_credentials", "Wrong username or password.", status_code=400)
    _token, key = services.api_token_create_personal(user=user, name="API login")
    return Response({"token": key})


class LabViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """The caller's labs. Creating a lab makes the caller its admin."""

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

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        lab = services.lab_create(admin=request.user, **serializer.validated_data)
        request._il2_lab_ids = None
        context = self.get_serializer_context()
        context["roles"] = {lab.pk: Membership.Role.ADMIN}
        return Response(LabSerializer(lab, context=context).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=AddMemberSerializer, responses={201: MembershipSerializer})
    @action(detail=True, methods=["post", "get"], serializer_class=AddMemberSerializer)
    def members(self, request, pk=None):
        lab = get_scoped_or_404(Lab, request, pk=pk)
        if request.method == "GET":
            memberships = Membership.objects.filter(lab=lab).select_related("user")
            return Response(MembershipSerializer(memberships, many=True).data)
        if not Membership.objects.filter(lab=lab, user=request.user, role=Membership.Role.ADMIN).exists():
            raise ApiError("permission_denied", "Only the lab's admins can add members.", status_code=403)
        serializer = AddMemberSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        membership = services.lab_member_add(lab=lab, user=data["username"], role=data["role"])
        return Response(MembershipSerializer(membership).data, status=status.HTTP_201_CREATED)


class JobViewSet(LabScopedReadOnlyViewSet):
    """Long work: poll ``status`` until ``succeeded`` (then read ``result``) or ``failed`` (``error``)."""

    queryset = Job.objects.select_related("created_by")
    serializer_class = JobSerializer
    filterset_fields = ["status", "kind"]


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
