"""A made-up app that plugs into the portal only through il2portal.registry, as a new app would
(tests/core/test_app_registry.py installs it)."""
