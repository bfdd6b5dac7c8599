from django.core.management.base import BaseCommand

from subscriptions.tasks import resume_sends


class Command(BaseCommand):
    help = (
        "Queue the next batch of every newsletter issue still sending, and start every "
        "scheduled issue whose time has passed (after the task queue lost its tasks, or when "
        "retries wait and the task backend cannot defer). Safe to run at any time: each "
        "recipient still gets one copy."
    )

    def handle(self, *args, **options):
        resumed = resume_sends()
        self.stdout.write(f"Resumed {len(resumed)} issue(s).")
