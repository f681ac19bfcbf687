"""Create the demo lab and user and load the demo data that exists (used by ``make run``).

The demo user's password is random, printed once on the first run and never stored in clear.
Refuses to run with DJANGO_ENV=production.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from il2portal import services
from il2portal.demo import load_demo_data
from il2portal.models import Lab

DEMO_LAB = "Demo IL-2 Lab"
DEMO_USER = "demo"


class Command(BaseCommand):
    help = "Create a demo lab, a demo user (password printed once) and demo data."

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("bootstrap_demo is for development only (DJANGO_ENV=production is set).")
        User = get_user_model()
        password = None
        with transaction.atomic():
            user = User.objects.filter(username=DEMO_USER).first()
            if user is None:
                password = secrets.token_urlsafe(9)
                user = User.objects.create_user(
                    DEMO_USER,
                    password=password,
                    first_name="Demo",
                    last_name="Scientist",
                    is_staff=True,
                    is_superuser=True,
                )
            lab = Lab.objects.filter(name=DEMO_LAB, memberships__user=user).first() or services.lab_create(
                name=DEMO_LAB, admin=user
            )
        created = load_demo_data(lab=lab, user=user)
        for line in created:
            self.stdout.write(f"  demo data: {line}")
        banner = "=" * 64
        if password:
            self.stdout.write(
                self.style.SUCCESS(
                    f"\n{banner}\n  IL-2 Portal demo login (shown once, keep it):\n"
                    f"    user:     {DEMO_USER}\n    password: {password}\n{banner}\n"
                )
            )
        else:
            self.stdout.write(
                f"Demo user '{DEMO_USER}' exists; its password was printed on the first run. "
                f"Reset it with: .venv/bin/python manage.py changepassword {DEMO_USER}"
            )
