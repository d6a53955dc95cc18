"""Make sure a local staff login exists, for development only."""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

USERNAME = "admin"


class Command(BaseCommand):
    help = "Create the local 'admin' superuser (DEBUG only) and print its password once."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "ensure_dev_login only runs with DJANGO_DEBUG on; "
                "use `manage.py createsuperuser` in production."
            )
        User = get_user_model()
        if User.objects.filter(username=USERNAME).exists():
            self.stdout.write(
                f"Staff login '{USERNAME}' exists (password printed when it was created; "
                f"reset it with `.venv/bin/python manage.py changepassword {USERNAME}`)."
            )
            return
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser(username=USERNAME, email="", password=password)
        self.stdout.write(
            self.style.SUCCESS(
                f"Created the staff login for /admin/ — user: {USERNAME}  "
                f"password: {password}  (shown once)"
            )
        )
