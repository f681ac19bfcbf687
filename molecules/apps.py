from django.apps import AppConfig


class MoleculesConfig(AppConfig):
    name = "molecules"
    verbose_name = "Molecules"

    def ready(self):
        """What the app adds to the core (il2portal.registry): the sections of a test article's page
        (runs, selectivity, potency over time, lot release, study arms), its pages and API routes."""
        from il2portal import registry

        registry.register_pages(
            "molecules/", "molecules.urls", nav_title="Molecules", nav_template="molecules/_nav.html"
        )
        registry.register_api_routes("molecules.api.register")
        registry.register_test_article_sections("molecules.sections.sections")
        registry.register_demo("molecules.demo.load_molecule_demo")
