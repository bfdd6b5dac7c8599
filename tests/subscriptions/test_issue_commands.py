"""Commands around sending: the demo subscribers, and resuming sends the queue lost."""

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from subscriptions import sending
from subscriptions.demo import DEMO_ADDRESSES
from subscriptions.issue_models import Issue
from subscriptions.models import Subscriber
from tests.subscriptions.issues import confirmed_subscribers, make_issue, run_worker

pytestmark = pytest.mark.django_db


def test_the_demo_has_confirmed_subscribers_to_send_to(settings, capsys):
    settings.DEBUG = True
    call_command("load_demo_subscribers")
    call_command("load_demo_subscribers")  # Idempotent.

    assert sorted(sending.recipients().values_list("email", flat=True)) == sorted(DEMO_ADDRESSES)
    assert "added ada@example.com" in capsys.readouterr().out


def test_demo_subscribers_are_refused_outside_development(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG only"):
        call_command("load_demo_subscribers")
    assert not Subscriber.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_resume_sends_finishes_a_send_whose_tasks_were_lost(settings, capsys):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.NEWSLETTER_SEND_RATE = 0
    mail.outbox = []
    confirmed_subscribers(5)
    started, overdue = make_issue("Started", slug="started"), make_issue("Overdue", slug="overdue")
    sending.schedule(started, timezone.now())
    sending.start(started.pk, scheduled_for=Issue.objects.get(pk=started.pk).send_at)
    sending.send_batch(started.pk, size=2)
    sending.schedule(overdue, timezone.now())  # Its start task never ran.

    call_command("resume_sends")
    run_worker()

    assert "Resumed 2 issue(s)." in capsys.readouterr().out
    assert set(Issue.objects.values_list("status", flat=True)) == {Issue.Status.SENT}
    assert len(mail.outbox) == 10  # Five each, nobody twice.
    assert len({(m.subject, m.to[0]) for m in mail.outbox}) == 10
