"""`heard workspace create|list`: set up a real installation's workspaces from the shell."""

from __future__ import annotations

import getpass
import secrets
import sys

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from heard.core import services
from heard.core.errors import DomainError
from heard.core.models import Role, User, Workspace


class Command(BaseCommand):
    help = (
        "Workspaces. create: a new workspace and its first owner (created if the email has "
        "no account yet). list: every workspace with its owners."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="Create a workspace with a first owner.")
        create.add_argument("--name", required=True, help="Shown to members, e.g. 'Acme'.")
        create.add_argument("--slug", required=True, help="In URLs: /w/<slug>/.")
        create.add_argument("--owner", required=True, help="The first owner's email.")
        create.add_argument(
            "--password",
            help="Password for a new owner account (asked for when omitted on a terminal; "
            "otherwise a random one is printed once).",
        )
        sub.add_parser("list", help="List workspaces and their owners.")

    def handle(self, *args, action, **options):
        if action == "list":
            return self._list()
        return self._create(options["name"], options["slug"], options["owner"], options)

    def _list(self) -> None:
        for workspace in Workspace.objects.prefetch_related("memberships__user"):
            owners = [m.user.email for m in workspace.memberships.all() if m.role == Role.OWNER]
            self.stdout.write(f"{workspace.slug}\t{workspace.name}\t{', '.join(owners)}")

    def _create(self, name: str, slug: str, email: str, options) -> None:
        email = User.objects.normalize_email(email.strip()).lower()
        if Workspace.objects.filter(slug=slug).exists():
            raise CommandError(f"A workspace with slug {slug!r} exists already.")
        owner = User.objects.filter(email__iexact=email).first()
        password, shown = None, False
        if owner is None:
            password, shown = self._new_password(email, options.get("password"))
        elif options.get("password"):
            self.stderr.write(f"{email} has an account already: --password ignored.")
        try:
            with transaction.atomic():
                if owner is None:
                    owner = User.objects.create_user(email, password)
                    self.stdout.write(f"Created the account {email}.")
                workspace = services.create_workspace(name=name, slug=slug, owner=owner)
        except DomainError as error:
            raise CommandError(error.message) from error
        if shown:
            self.stdout.write(f"Password for {email} (shown once): {password}")
        self.stdout.write(
            self.style.SUCCESS(f"Workspace {workspace.name!r} is at /w/{workspace.slug}/.")
        )

    def _new_password(self, email: str, password: str | None) -> tuple[str, bool]:
        """The new owner's password: given, typed twice, or random (and then printed)."""
        shown = False
        if not password and sys.stdin.isatty():
            password = getpass.getpass(f"Password for {email}: ")
            if password != getpass.getpass("Again: "):
                raise CommandError("The two passwords differ.")
        if not password:
            password, shown = secrets.token_urlsafe(12), True
        try:
            validate_password(password, User(email=email))
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        return password, shown
