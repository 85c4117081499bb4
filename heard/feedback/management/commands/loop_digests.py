"""`heard loop_digests`: queue the overdue-loop digests now (`heard worker` also does it daily)."""

from django.core.management.base import BaseCommand

from heard.feedback.tasks import send_overdue_loop_digests


class Command(BaseCommand):
    help = (
        "Queue the daily digest of overdue loops (owners) and escalation (managers) for "
        "`heard worker`; --now sends them in this process instead."
    )

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="send now, without the worker")

    def handle(self, *args, now: bool = False, **options):
        if now:
            from heard.feedback.digests import send_loop_digests

            count = send_loop_digests()
            self.stdout.write(f"Sent {count} email(s).")
            return
        result = send_overdue_loop_digests.enqueue()
        self.stdout.write(f"Queued the overdue-loop digests (task {result.id}).")
