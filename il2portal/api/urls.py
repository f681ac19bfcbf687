"""REST API v1 (see API.md). Each app adds its resources to the one router (``register_api_routes``
in its ``AppConfig.ready``)."""

from django.urls import include, path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from il2portal import registry
from il2portal.api import views
from il2portal.api.audit import AuditViewSet

app_name = "api"


def api_router() -> DefaultRouter:
    """The core's resources, then each app's, in INSTALLED_APPS order."""
    router = DefaultRouter(trailing_slash=True)
    router.include_root_view = False
    router.register("labs", views.LabViewSet, basename="lab")
    router.register("invitations", views.InvitationViewSet, basename="invitation")
    router.register("auth/tokens", views.TokenViewSet, basename="token")
    router.register("jobs", views.JobViewSet, basename="job")
    router.register("notifications", views.NotificationViewSet, basename="notification")
    router.register("test-articles", views.TestArticleViewSet, basename="testarticle")
    router.register("lots", views.LotViewSet, basename="lot")
    router.register("audit", AuditViewSet, basename="audit")
    for register in registry.api_route_registrars():
        register(router)
    return router


router = api_router()

urlpatterns = [
    path("auth/token/", views.auth_token, name="auth-token"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # the split view serves Swagger UI's start-up script as a file: no inline script for the CSP
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    # Redoc's bundle loads Google Fonts and a logo from its CDN, which the Content-Security-Policy
    # (and offline labs) refuse: the docs are Swagger UI, served from the installed sidecar.
    path("redoc/", RedirectView.as_view(pattern_name="api:docs"), name="redoc"),
    path("", include(router.urls)),
]
