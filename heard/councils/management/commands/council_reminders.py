"""`heard council_reminders`: queue today's rotation reminders (run it daily, e.g. from cron)."""

from django.core.management.base import BaseCommand

from heard.councils.tasks import send_rotation_reminders


class Command(BaseCommand):
    help = (
        "Queue the daily advisory-council rotation reminders for `heard worker`; "
        "--now sends them in this process instead."
    )

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="send now, without the worker")

    def handle(self, *args, now: bool = False, **options):
        if now:
            from heard.councils.reminders import send_term_reminders

            count = send_term_reminders()
            self.stdout.write(f"Sent {count} reminder email(s).")
            return
        result = send_rotation_reminders.enqueue()
        self.stdout.write(f"Queued rotation reminders (task {result.id}).")
