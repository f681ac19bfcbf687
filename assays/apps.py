from django.apps import AppConfig


def _warm_assays() -> None:
    from assays import readers

    readers.preload()  # allotropy's parsers, pandas, openpyxl: the first upload's seconds


class AssaysConfig(AppConfig):
    name = "assays"
    verbose_name = "Assays"

    def ready(self):
        """What the app adds to the core (il2portal.registry)."""
        from assays.jobs import run_analysis, run_analysis_failed, run_fit
        from il2portal import registry, warmup

        registry.register_job_kind(
            "run_analysis",
            run_analysis,
            label="Assay run analysis",
            result="il2portal.api.results.RunAnalysisJobResultSerializer",
            on_failure=run_analysis_failed,
            subjects="assays.selectors.job_subjects",
        )
        registry.register_job_kind(
            "fit", run_fit, label="Curve fit (API)", result="il2portal.api.results.CurveFitSerializer"
        )
        registry.register_pages("assays/", "assays.urls", nav_title="Assays", nav_template="assays/_nav.html")
        registry.register_api_routes(
            "assays.api.urls.register",
            instrument_writes=[
                ("plate", "create"),  # POST /api/v1/plates/
                ("import", "retry"),  # POST /api/v1/imports/{id}/retry/ (a failed push, another format)
            ],
        )
        registry.register_dashboard_panels("assays.selectors.dashboard_panels")
        registry.register_audit_sources("assays.audit.lab_sources")
        registry.register_signable(
            "run_version", label="assay run version", model="assays.RunResult", adapter="assays.signing"
        )
        registry.register_audit_scope(
            "run",
            "assays.audit.run_scope",
            description="an assay run's id: the run, the plates it analyses, its layout and every result version (re-analyses).",
        )
        registry.register_first_steps("assays.selectors.first_steps")
        registry.register_demo("assays.demo.load_assay_demo")
        warmup.register("assays.readers", _warm_assays)
