"""`heard portal_link <workspace> (--stakeholder ID | --email ADDRESS) [--send | --revoke]`:
print a stakeholder's magic link (for support and demos), email it, or revoke all links."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from heard.core import audit
from heard.core.crypto import blind_index
from heard.core.errors import DomainError
from heard.core.models import AuditAction, Workspace
from heard.feedback.portal import portal_link
from heard.portal import services
from heard.stakeholders.models import Stakeholder


class Command(BaseCommand):
    help = "Print, email or revoke a stakeholder's portal magic link."

    def add_arguments(self, parser):
        parser.add_argument("workspace", help="workspace slug")
        who = parser.add_mutually_exclusive_group(required=True)
        who.add_argument("--stakeholder", type=int, help="stakeholder id")
        who.add_argument("--email", help="the stakeholder's email address")
        what = parser.add_mutually_exclusive_group()
        what.add_argument("--send", action="store_true", help="email the link to the stakeholder")
        what.add_argument("--revoke", action="store_true", help="revoke every link sent so far")

    def handle(self, *args, workspace, stakeholder, email, send, revoke, **options):
        ws = Workspace.objects.filter(slug=workspace).first()
        if ws is None:
            raise CommandError(f"No workspace “{workspace}”.")
        people = Stakeholder.objects.for_workspace(ws).active().filter(merged_into__isnull=True)
        person = (
            people.filter(pk=stakeholder).first()
            if stakeholder is not None
            else people.filter(email_index=blind_index(email)).first()
        )
        if person is None:
            raise CommandError("No active stakeholder matches in that workspace.")
        try:
            if revoke:
                services.revoke_links(workspace=ws, actor=None, stakeholder=person)
                self.stdout.write("All portal links of this stakeholder were revoked.")
            elif send:
                services.send_link(workspace=ws, actor=None, stakeholder=person)
                self.stdout.write("A portal link was emailed to the stakeholder.")
            else:
                with transaction.atomic():
                    link = portal_link(person)
                    audit.record(
                        workspace=ws,
                        actor=None,
                        action=AuditAction.SECURITY,
                        obj=person,
                        changes={"portal_link": [None, "printed by the command line"]},
                    )
                self.stdout.write(link)
        except DomainError as error:
            raise CommandError(error.message) from error
