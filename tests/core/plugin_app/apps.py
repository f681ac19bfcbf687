from django.apps import AppConfig


class PluginAppConfig(AppConfig):
    name = "tests.core.plugin_app"
    label = "plugin_app"

    def ready(self):
        from il2portal import registry
        from tests.core.plugin_app.parts import count_job

        registry.register_job_kind("plugin_count", count_job, label="Plugin: count", result=None)
        registry.register_pages(
            "plugin/", "tests.core.plugin_app.urls", nav_title="Plugin", nav_template="plugin_app/_nav.html"
        )
        registry.register_api_routes(
            "tests.core.plugin_app.parts.register_api", instrument_writes=[("plugin-thing", "create")]
        )
        registry.register_dashboard_panels("tests.core.plugin_app.parts.panels")
        registry.register_demo("tests.core.plugin_app.parts.load_demo")
