"""`heard token create|list|revoke`: personal access tokens for the API, from the shell."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from heard.api import tokens
from heard.api.models import AccessToken, TokenScope
from heard.core.models import User, Workspace


class Command(BaseCommand):
    help = "API tokens. create: print a new token once. list: a workspace's tokens. revoke."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="Create a token (printed once, stored hashed).")
        create.add_argument("--user", required=True, help="The member's email.")
        create.add_argument("--workspace", required=True, help="The workspace's slug.")
        create.add_argument("--scope", choices=TokenScope.values, default=TokenScope.READ)
        create.add_argument("--name", default="Command line", help="Where the token is used.")
        create.add_argument("--days", type=int, default=tokens.DEFAULT_DAYS, help="Lifetime.")
        listing = sub.add_parser("list", help="List a workspace's tokens (never the secrets).")
        listing.add_argument("--workspace", required=True)
        revoke = sub.add_parser("revoke", help="Revoke a token by its id (see list).")
        revoke.add_argument("--workspace", required=True)
        revoke.add_argument("id", type=int)

    def _workspace(self, slug: str) -> Workspace:
        workspace = Workspace.objects.filter(slug=slug).first()
        if workspace is None:
            raise CommandError(f"No workspace with the slug {slug!r}.")
        return workspace

    def handle(self, *args, action, **options):
        workspace = self._workspace(options["workspace"])
        if action == "list":
            now = timezone.now()
            for token in AccessToken.objects.for_workspace(workspace).select_related("user"):
                state = (
                    "revoked"
                    if token.revoked_at
                    else ("expired" if token.expires_at <= now else "active")
                )
                self.stdout.write(
                    f"{token.pk}\t{token.prefix}…\t{token.user.email}\t{token.scope}\t"
                    f"{state}\texpires {token.expires_at:%Y-%m-%d}\t{token.name}"
                )
            return
        if action == "revoke":
            token = AccessToken.objects.for_workspace(workspace).filter(pk=options["id"]).first()
            if token is None:
                raise CommandError(f"No token {options['id']} in {workspace.slug}.")
            tokens.revoke_token(workspace=workspace, actor=None, token=token)
            self.stdout.write(f"Revoked token {token.pk} ({token.prefix}…).")
            return
        user = User.objects.filter(email__iexact=options["user"]).first()
        if user is None:
            raise CommandError(f"No user with the email {options['user']!r}.")
        try:
            token, secret = tokens.create_token(
                workspace=workspace,
                actor=None,
                user=user,
                name=options["name"],
                scope=options["scope"],
                days=options["days"],
            )
        except ValidationError as error:
            raise CommandError(
                "; ".join(m for ms in error.message_dict.values() for m in ms)
            ) from None
        self.stderr.write(
            f"Token {token.pk} for {user.email} in {workspace.slug}, scope {token.scope}, "
            f"expires {token.expires_at:%Y-%m-%d}. Shown once:"
        )
        self.stdout.write(secret)
