from django.apps import AppConfig


def _warm_assays() -> None:
    from assays import readers

    readers.preload()  # allotropy's parsers, pandas, openpyxl: the first upload's seconds


class AssaysConfig(AppConfig):
    name = "assays"
    verbose_name = "Assays"

    def ready(self):
        from assays import jobs  # noqa: F401  (registers job kinds)
        from il2portal import warmup

        warmup.register("assays.readers", _warm_assays)
