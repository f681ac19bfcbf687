"""Which model each page with an ``<int:pk>`` shows (used by the tenancy tests)."""

from il2portal.models import ApiToken, Job, TestArticle

PAGE_MODELS: dict = {
    "test-articles/<int:pk>/": TestArticle,
    "jobs/<int:pk>/": Job,
    "lab/tokens/<int:pk>/revoke/": ApiToken,
}
