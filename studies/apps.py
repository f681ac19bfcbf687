from django.apps import AppConfig


def _warm_studies() -> None:
    import lifelines  # noqa: F401  (survival: log-rank and Cox, imported by the survival job)
    import statsmodels.formula.api  # noqa: F401  (the mixed model of the growth job)


class StudiesConfig(AppConfig):
    name = "studies"
    verbose_name = "Studies"

    def ready(self):
        """What the app adds to the core (il2portal.registry)."""
        from il2portal import registry, warmup
        from studies.jobs import (
            flow_fcs_failed,
            run_flow_fcs,
            run_study_exposure,
            run_study_growth,
            run_study_immune,
            run_study_survival,
            run_study_synergy,
        )
        from studies.live import run_live_refresh

        registry.register_job_kind(
            "study_survival",
            run_study_survival,
            label="Survival analysis",
            result="il2portal.api.results.SurvivalAnalysisJobResultSerializer",
            subjects="studies.selectors.job_subjects",
        )
        registry.register_job_kind(
            "study_growth",
            run_study_growth,
            label="Tumor growth analysis",
            result="il2portal.api.results.GrowthAnalysisJobResultSerializer",
            subjects="studies.selectors.job_subjects",
        )
        registry.register_job_kind(
            "study_synergy",
            run_study_synergy,
            label="Combination synergy (Bliss, HSA)",
            result="il2portal.api.results.SynergyAnalysisJobResultSerializer",
            subjects="studies.selectors.job_subjects",
        )
        registry.register_job_kind(
            "study_immune",
            run_study_immune,
            label="Immune readouts (flow cytometry)",
            result="il2portal.api.results.ImmuneAnalysisJobResultSerializer",
            subjects="studies.selectors.job_subjects",
        )
        registry.register_job_kind(
            "flow_fcs",
            run_flow_fcs,
            label="Gating FCS files (FlowKit)",
            on_failure=flow_fcs_failed,
            result="il2portal.api.results.FlowFcsJobResultSerializer",
            subjects="studies.selectors.job_subjects",
        )
        registry.register_job_kind(
            "study_exposure",
            run_study_exposure,
            label="Serum exposure analysis (NCA, exposure–response)",
            result="il2portal.api.results.ExposureAnalysisJobResultSerializer",
            subjects="studies.selectors.job_subjects",
        )
        registry.register_job_kind(
            "study_live_refresh",
            run_live_refresh,
            label="Dashboard summaries (group means, mixed model)",
            result="il2portal.api.results.DashboardRefreshJobResultSerializer",
            subjects="studies.selectors.job_subjects",
            notify_failure=False,  # started by the portal for whoever looked at the dashboard
        )
        from django.conf import settings

        registry.register_periodic(
            "studies.notify_endpoints",
            "studies.notifications.periodic_notify_endpoints",
            every_s=settings.NOTIFY_ENDPOINTS_INTERVAL,
        )
        registry.register_pages(
            "studies/", "studies.urls", nav_title="In vivo", nav_template="studies/_nav.html"
        )
        registry.register_api_routes(
            "studies.api.urls.register",
            # POST /api/v1/studies/{id}/measurements/ (calipers, balances)
            instrument_writes=[("study", "measurements")],
        )
        registry.register_dashboard_panels("studies.selectors.dashboard_panels")
        registry.register_audit_sources("studies.audit.lab_sources")
        registry.register_signable(
            "study_analysis",
            label="study analysis",
            model="studies.AnalysisResult",
            adapter="studies.signing",
            plural="study analyses",
        )
        registry.register_audit_scope(
            "study",
            "studies.audit.study_scope",
            description="a study's id: the study and everything under it (groups, treatments, animals, measurements with their corrections, events, doses, serum samples, analysis versions).",
        )
        registry.register_first_steps("studies.selectors.first_steps")
        registry.register_demo("studies.demo.load_study_demo")
        warmup.register("studies.analysis", _warm_studies)
