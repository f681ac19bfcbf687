from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from il2portal import account_views, audit_views, health, notification_views, registry, review_views, views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", health.healthz, name="healthz"),
    # browsers ask for /favicon.ico whatever the page links: the portal's icon (static/favicon.svg)
    path("favicon.ico", views.favicon, name="favicon"),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("accounts/labs/", account_views.lab_choose, name="lab-choose"),
    path("accounts/invitations/", account_views.invitations, name="invitations"),
    path("accounts/tokens/", account_views.tokens, name="tokens"),
    path("accounts/tokens/<int:pk>/revoke/", account_views.token_revoke_own, name="token-revoke-own"),
    path("lab/switch/", views.lab_switch, name="lab-switch"),
    path("lab/", views.lab_settings, name="lab-settings"),
    path("lab/tokens/<int:pk>/revoke/", views.token_revoke, name="token-revoke"),
    path("lab/invitations/<int:pk>/withdraw/", views.invitation_withdraw, name="invitation-withdraw"),
    path("test-articles/", views.test_article_list, name="test-article-list"),
    path("test-articles/<int:pk>/", views.test_article_detail, name="test-article-detail"),
    path("jobs/<int:pk>/", views.job_detail, name="job-detail"),
    path("review/", review_views.queue, name="review-queue"),
    path("review/sign/<slug:kind>/<int:pk>/", review_views.sign, name="review-sign"),
    path("accounts/name/", review_views.account_name, name="account-name"),
    path("notifications/", notification_views.notifications, name="notifications"),
    path("audit/", audit_views.audit_lab, name="audit"),
    path("audit.csv", audit_views.audit_lab, {"fmt": "csv"}, name="audit-csv"),
    path("audit/record/", audit_views.audit_record, name="audit-record"),
    path("audit/record.csv", audit_views.audit_record, {"fmt": "csv"}, name="audit-record-csv"),
    # each app's pages (register_pages in its AppConfig.ready), in INSTALLED_APPS order
    *(path(pages.prefix, include(pages.urlconf)) for pages in registry.pages()),
    path("api/v1/", include("il2portal.api.urls", namespace="api")),
    path("admin/", admin.site.urls),
]

handler404 = "il2portal.errors.page_not_found"
handler500 = "il2portal.errors.server_error"
