from django.apps import AppConfig


def _warm_studies() -> None:
    import lifelines  # noqa: F401  (survival: log-rank and Cox, imported by the survival job)
    import statsmodels.formula.api  # noqa: F401  (the mixed model of the growth job)


class StudiesConfig(AppConfig):
    name = "studies"
    verbose_name = "Studies"

    def ready(self):
        from il2portal import warmup
        from studies import jobs  # noqa: F401  (registers job kinds)

        warmup.register("studies.analysis", _warm_studies)
