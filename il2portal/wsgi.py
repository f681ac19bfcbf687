import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "il2portal.settings")
application = get_wsgi_application()

from il2portal import warmup  # noqa: E402  (after setup: apps have registered their warmers)

warmup.warm()
