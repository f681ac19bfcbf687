"""``manage.py notify_endpoints [--lab ID ...] [--loop]``: tell study creators of animals at, or
predicted within a day of, a humane endpoint (studies.notifications). Workers already run it every
``NOTIFY_ENDPOINTS_INTERVAL`` s; this is for cron on a portal without workers, and for operators.
Each animal and endpoint event is told once, so running it often is safe."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections

from il2portal.models import Lab
from studies.notifications import notify_endpoints


class Command(BaseCommand):
    help = "Notify study creators of animals at or within a day of a humane endpoint."

    def add_arguments(self, parser):
        parser.add_argument("--lab", type=int, action="append", help="Only this lab (repeatable).")
        parser.add_argument(
            "--loop", action="store_true", help="Keep running, one pass every NOTIFY_ENDPOINTS_INTERVAL s."
        )

    def handle(self, *args, lab=None, loop: bool = False, **options):
        labs = None
        if lab:
            labs = list(Lab.objects.filter(pk__in=lab))
            missing = set(lab) - {x.pk for x in labs}
            if missing:
                raise CommandError(f"No lab with id {', '.join(map(str, sorted(missing)))}.")
        while True:
            counts = notify_endpoints(labs=labs)
            self.stdout.write(f"studies checked {counts['studies']}, notifications {counts['notified']}")
            if not loop:
                return
            time.sleep(max(60, settings.NOTIFY_ENDPOINTS_INTERVAL))
            close_old_connections()  # a long sleep: the database may have dropped the connection
