"""Workflow emails: the right people, each once, after commit only, never to who opted out,
and a scheduled go-live told when it actually happens, sent by the real task worker."""

import datetime as dt
import re

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse

from terms import notifications, tasks, workflow
from terms.models import EditorNotification, EditorPreference, Term
from tests.factories import TermFactory, UserFactory
from tests.hostile import MARKUP, read_html

# The worker closes the database connection after each task, as in production, so these tests
# commit for real (on PostgreSQL a closed connection cannot keep a test's transaction open);
# tests/conftest.py makes the roles again after another such test emptied the database.
pytestmark = pytest.mark.django_db(transaction=True)

Action = workflow.Action
NOW = dt.datetime(2026, 12, 3, 14, 0, tzinfo=dt.UTC)
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _database_tasks(settings):
    """Tasks queued in the database, as in production; ``run_worker`` runs them."""
    settings.TASKS = DATABASE_TASKS
    settings.SITE_URL = "https://glossary.example.com"


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def perform(django_capture_on_commit_callbacks):
    """``workflow.perform`` as a request does it: its transaction commits (on-commit callbacks
    run, which queue the tasks)."""

    def run(term, action, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return workflow.perform(term, action, **kwargs)

    return run


def run_worker():
    """Run the database worker until no task is ready, as `manage.py db_worker` does."""
    call_command(
        "db_worker", batch=True, startup_delay=False, reload=False, interval=0, verbosity=0
    )


def to(address):
    return [message for message in mail.outbox if message.to == [address]]


@pytest.fixture
def second_editor(db):
    user = UserFactory(username="erin-editor", is_staff=True)
    user.groups.add(Group.objects.get(name="Editor"))
    return user


def writers_draft(writer, title="Tokenizer", slug=None):
    return TermFactory(
        title=title,
        slug=slug or title.lower(),
        status=Term.Status.DRAFT,
        author=writer,
        tags=["nlp"],
    )


# --- Who gets what ------------------------------------------------------------------------


def test_a_submission_emails_every_editor_once_and_not_the_writer(
    perform, writer, editor, second_editor
):
    term = writers_draft(writer)
    perform(term, Action.SUBMIT, by=writer)
    assert mail.outbox == []  # Nothing is sent inside the request: the worker sends.

    run_worker()

    assert sorted(message.to[0] for message in mail.outbox) == [
        "eddie-editor@example.com",
        "erin-editor@example.com",
    ]
    message = to("eddie-editor@example.com")[0]
    assert message.subject == "[The AI Glossary] Ready for review: “Tokenizer”"
    admin_url = "https://glossary.example.com" + reverse("admin:terms_term_change", args=[term.pk])
    assert admin_url in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert f'href="{admin_url}"' in html
    assert "wendy-writer submitted “Tokenizer” for review." in message.body
    assert message.extra_headers["Auto-Submitted"] == "auto-generated"


def test_changes_requested_go_to_the_writer_with_the_comment(perform, writer, editor):
    term = writers_draft(writer)
    perform(term, Action.SUBMIT, by=writer)
    run_worker()
    mail.outbox.clear()

    perform(term, Action.REQUEST_CHANGES, by=editor, comment="Add an example.\nAnd a source.")
    run_worker()

    [message] = mail.outbox
    assert message.to == ["wendy-writer@example.com"]
    assert message.subject == "[The AI Glossary] Changes requested: “Tokenizer”"
    assert "eddie-editor asked for changes to “Tokenizer”:" in message.body
    assert "Add an example.\nAnd a source." in message.body
    assert "Add an example.<br>And a source." in message.alternatives[0][0]


def test_approval_now_tells_the_writer_it_is_published_with_its_public_address(
    perform, writer, editor
):
    term = writers_draft(writer)
    perform(term, Action.SUBMIT, by=writer)
    perform(term, Action.APPROVE, by=editor)
    run_worker()

    [message] = to("wendy-writer@example.com")
    assert message.subject == "[The AI Glossary] Published: “Tokenizer”"
    assert "https://glossary.example.com/terms/tokenizer/" in message.body


def test_an_editor_publishing_their_own_draft_is_not_emailed(perform, editor):
    term = TermFactory(title="Own work", status=Term.Status.DRAFT, author=editor, tags=["x"])
    perform(term, Action.PUBLISH, by=editor)
    run_worker()
    assert mail.outbox == []
    assert not EditorNotification.objects.exists()


def test_an_editor_publishing_a_writers_draft_in_one_step_tells_the_writer(perform, writer, editor):
    term = writers_draft(writer)
    perform(term, Action.PUBLISH, by=editor)
    run_worker()
    assert [m.subject for m in to("wendy-writer@example.com")] == [
        "[The AI Glossary] Published: “Tokenizer”"
    ]


def test_transitions_by_nobody_notify_no_one(writer, editor):
    term = writers_draft(writer)
    workflow.publish_without_review(term, comment="Demo content")
    run_worker()
    assert mail.outbox == []


# --- Exactly once, and never on rollback -----------------------------------------------------


def test_a_rolled_back_transition_sends_nothing(writer, editor, django_capture_on_commit_callbacks):
    term = writers_draft(writer)

    def failing_request():
        with transaction.atomic():
            workflow.perform(term, Action.SUBMIT, by=writer)
            raise RuntimeError("the request failed after the transition")

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
    ):
        failing_request()
    run_worker()

    assert callbacks == []
    assert not EditorNotification.objects.exists()
    assert mail.outbox == []
    assert Term.objects.get(pk=term.pk).status == Term.Status.DRAFT


def test_a_task_run_twice_or_queued_twice_sends_once(perform, writer, editor):
    term = writers_draft(writer)
    perform(term, Action.SUBMIT, by=writer)
    event = EditorNotification.objects.get().event
    tasks.queue_notifications(event)
    tasks.queue_notifications(event)
    run_worker()
    tasks.send_editor_notifications.call(event)
    notifications.queue_overdue(older_than=dt.timedelta(0))
    run_worker()

    assert len(mail.outbox) == 1
    assert EditorNotification.objects.get().sent_at is not None


def test_a_mail_failure_is_retried_by_the_worker_and_then_sent_once(
    perform, writer, editor, settings
):
    settings.EMAIL_BACKEND = "tests.subscriptions.flaky_email.FlakyEmailBackend"
    from tests.subscriptions.flaky_email import FlakyEmailBackend

    FlakyEmailBackend.reset(failures=1)
    term = writers_draft(writer)
    perform(term, Action.SUBMIT, by=writer)
    run_worker()
    assert EditorNotification.objects.get().sent_at is None

    with time_machine.travel(dt.timedelta(minutes=2)):
        run_worker()
    assert EditorNotification.objects.get().sent_at is not None
    assert FlakyEmailBackend.attempts == 2
    assert len(mail.outbox) == 1


# --- Opting out ------------------------------------------------------------------------------


def test_an_editor_who_opted_out_gets_nothing(perform, writer, editor, second_editor):
    EditorPreference.objects.create(user=second_editor, email_notifications=False)
    perform(writers_draft(writer), Action.SUBMIT, by=writer)
    run_worker()
    assert [m.to for m in mail.outbox] == [["eddie-editor@example.com"]]


def test_opting_out_after_the_event_but_before_the_send_is_respected(perform, writer, editor):
    perform(writers_draft(writer), Action.SUBMIT, by=writer)
    EditorPreference.objects.create(user=editor, email_notifications=False)
    run_worker()
    assert mail.outbox == []


def test_users_without_an_address_or_inactive_are_skipped(perform, writer, editor, second_editor):
    second_editor.email = ""
    second_editor.save()
    inactive = UserFactory(username="gone", is_staff=True, is_active=False)
    inactive.groups.add(Group.objects.get(name="Editor"))
    perform(writers_draft(writer), Action.SUBMIT, by=writer)
    run_worker()
    assert [m.to for m in mail.outbox] == [["eddie-editor@example.com"]]


# --- Scheduled go-live -----------------------------------------------------------------------


def test_a_scheduled_go_live_is_told_when_it_happens_not_before(clock, perform, writer, editor):
    EditorPreference.objects.create(user=writer, time_zone="America/New_York")
    term = writers_draft(writer)
    perform(term, Action.SUBMIT, by=writer)
    go_live = NOW + dt.timedelta(hours=3)
    perform(term, Action.APPROVE, by=editor, go_live_at=go_live)
    run_worker()

    [approved] = to("wendy-writer@example.com")
    assert approved.subject.startswith("[The AI Glossary] Approved, goes live ")
    # In the writer's own zone, named: 17:00 UTC is noon in New York.
    assert "(America/New_York)" in approved.subject
    assert "12 p.m." in approved.body or "noon" in approved.body

    clock.move_to(go_live - dt.timedelta(minutes=1))
    run_worker()
    notifications.queue_overdue()
    run_worker()
    assert len(to("wendy-writer@example.com")) == 1

    clock.move_to(go_live + dt.timedelta(seconds=1))
    run_worker()
    live_now = to("wendy-writer@example.com")[1]
    assert live_now.subject == "[The AI Glossary] Now live: “Tokenizer”"
    assert "https://glossary.example.com/terms/tokenizer/" in live_now.body

    clock.move_to(go_live + dt.timedelta(hours=2))
    notifications.queue_overdue(older_than=dt.timedelta(0))
    run_worker()
    assert len(to("wendy-writer@example.com")) == 2


def test_rescheduling_moves_the_go_live_email_and_cancelling_drops_it(
    clock, perform, writer, editor
):
    term = writers_draft(writer)
    perform(term, Action.SUBMIT, by=writer)
    perform(term, Action.APPROVE, by=editor, go_live_at=NOW + dt.timedelta(hours=1))
    perform(term, Action.RESCHEDULE, by=editor, go_live_at=NOW + dt.timedelta(hours=5))
    run_worker()
    mail.outbox.clear()

    clock.move_to(NOW + dt.timedelta(hours=2))
    run_worker()
    assert mail.outbox == []  # The old time: not live yet, nothing said.
    clock.move_to(NOW + dt.timedelta(hours=5, seconds=1))
    run_worker()
    assert [m.subject for m in mail.outbox] == ["[The AI Glossary] Now live: “Tokenizer”"]

    other = writers_draft(writer, title="Embedding")
    perform(other, Action.SUBMIT, by=writer)
    perform(other, Action.APPROVE, by=editor, go_live_at=NOW + dt.timedelta(hours=9))
    perform(other, Action.CANCEL_SCHEDULE, by=editor)
    assert not EditorNotification.objects.filter(kind="went_live", term=other).exists()
    clock.move_to(NOW + dt.timedelta(hours=10))
    run_worker()
    assert "Embedding" not in " ".join(m.subject for m in mail.outbox if "Now live" in m.subject)


def test_without_a_worker_that_can_wait_the_dashboard_sends_what_fell_due(
    clock, perform, writer, editor, settings, client
):
    """Development runs tasks in the request (the immediate backend cannot wait): the first
    visit to the dashboard after the go-live time sends the email."""
    settings.TASKS = IMMEDIATE_TASKS
    term = writers_draft(writer)
    perform(term, Action.SUBMIT, by=writer)
    perform(term, Action.APPROVE, by=editor, go_live_at=NOW + dt.timedelta(hours=1))
    assert len(to("wendy-writer@example.com")) == 1  # "Approved", at once.

    clock.move_to(NOW + dt.timedelta(hours=1, minutes=1))
    client.force_login(editor)
    client.get("/admin/")
    assert to("wendy-writer@example.com")[-1].subject.startswith("[The AI Glossary] Now live")


# --- Safe headers and bodies -----------------------------------------------------------------


@pytest.mark.parametrize(
    "title",
    [
        "Evil\r\nBcc: victim@example.com",
        "Tab\tand\u2028line separator",
        "Right-to-left \u202eoverride",
        "x" * 200,
    ],
)
def test_titles_cannot_break_or_add_headers(perform, writer, editor, title):
    term = writers_draft(writer, title=title, slug="hostile")
    Term.objects.filter(pk=term.pk).update(title=title)
    term.refresh_from_db()
    perform(term, Action.SUBMIT, by=writer)
    run_worker()

    [message] = mail.outbox
    raw = message.message()
    assert raw["Bcc"] is None
    assert "\n" not in message.subject
    assert "\r" not in message.subject
    assert "\u202e" not in message.subject
    assert len(message.subject) <= 250
    assert message.recipients() == ["eddie-editor@example.com"]


@pytest.mark.parametrize("payload", MARKUP)
def test_hostile_titles_and_comments_are_text_in_the_html_email(perform, writer, editor, payload):
    term = writers_draft(writer, title=f"T {payload}", slug="hostile")
    perform(term, Action.SUBMIT, by=writer)
    perform(term, Action.REQUEST_CHANGES, by=editor, comment=payload)
    run_worker()

    message = to("wendy-writer@example.com")[0]
    text, elements = read_html(message.alternatives[0][0])
    assert payload in text
    assert not [tag for tag, _ in elements if tag in {"script", "iframe", "svg", "style"}]
    assert not [a for _, attrs in elements for a, _ in attrs if a.startswith("on")]
    hrefs = [value for _, attrs in elements for name, value in attrs if name == "href"]
    assert all(re.match(r"https://glossary\.example\.com/", href) for href in hrefs)
