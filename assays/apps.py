from django.apps import AppConfig


class AssaysConfig(AppConfig):
    name = "assays"
    verbose_name = "Assays"

    def ready(self):
        from assays import jobs  # noqa: F401  (registers job kinds)
