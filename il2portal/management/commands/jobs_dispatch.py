"""``manage.py jobs_dispatch [--loop]``: one pass of the job outbox dispatcher (or one every
``JOBS_DISPATCH_INTERVAL`` seconds). Workers already run it; this is for operators and cron."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import close_old_connections

from il2portal.jobs import jobs_dispatch


class Command(BaseCommand):
    help = "Send unsent jobs, re-send stuck ones and re-queue jobs whose worker died."

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="Keep running, one pass per interval.")

    def handle(self, *args, loop: bool = False, **options):
        while True:
            close_old_connections()
            counts = jobs_dispatch()
            self.stdout.write(", ".join(f"{k} {v}" for k, v in counts.items()))
            if not loop:
                return
            time.sleep(settings.JOBS_DISPATCH_INTERVAL)
