from django.apps import AppConfig


class Il2PortalConfig(AppConfig):
    name = "il2portal"
    verbose_name = "IL-2 Portal core"

    def ready(self):
        from il2portal import checks  # noqa: F401  (registers system checks)
