"""Composing and sending an issue in the admin, as an editor does it, and who may."""

from email import message_from_bytes, policy

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from subscriptions.issue_admin import next_friday_morning
from subscriptions.issue_models import Issue
from tests import hostile
from tests.factories import TermFactory, UserFactory, unpublish
from tests.subscriptions.issues import confirmed_subscribers, make_issue

pytestmark = pytest.mark.django_db

ADD = "/admin/subscriptions/issue/add/"


def staff_in(group: str, username: str, **fields):
    user = UserFactory(username=username, is_staff=True, **fields)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def editor(client):
    user = staff_in("Editor", "eddie", email="eddie@example.com")
    client.force_login(user)
    return user


def change_url(issue):
    return reverse("admin:subscriptions_issue_change", args=[issue.pk])


def send_url(issue):
    return reverse("admin:subscriptions_issue_send", args=[issue.pk])


def compose(client, **fields):
    data = {
        "subject": "Five stories that matter",
        "slug": "five-stories",
        "preheader": "Smaller models, bigger context",
        "body": "## Small is the new big\n\nRead about [[Open weight]].",
        "picks-TOTAL_FORMS": "0",
        "picks-INITIAL_FORMS": "0",
        "picks-MIN_NUM_FORMS": "0",
        "picks-MAX_NUM_FORMS": "10",
        **fields,
    }
    return client.post(ADD, data)


# --- Composing ------------------------------------------------------------------------------


def test_an_editor_composes_an_issue_with_terms_of_the_week(client, editor, settings):
    settings.SITE_URL = "https://glossary.example.com"
    first, second = TermFactory(title="Open weight"), TermFactory(title="Context window")

    response = compose(
        client,
        **{
            "picks-TOTAL_FORMS": "2",
            "picks-0-term": str(second.pk),
            "picks-0-position": "1",
            "picks-1-term": str(first.pk),
            "picks-1-position": "2",
        },
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    issue = Issue.objects.get()
    assert issue.status == Issue.Status.DRAFT
    assert issue.created_by == editor
    page = client.get(reverse("admin:subscriptions_issue_preview_web", args=[issue.pk]))
    assert page.status_code == 200
    assert '<meta name="robots" content="noindex">' in page.text
    text = page.text
    assert text.index("Context window") < text.index(">Open weight</a></h3>")
    assert 'href="https://glossary.example.com/terms/open-weight/"' in text  # The wiki link.
    assert "A one-line summary of Context window." in text


def test_only_live_terms_can_be_terms_of_the_week(client, editor):
    draft = TermFactory(title="Draft term", status="draft")
    gone = unpublish(TermFactory(title="Withdrawn"))

    for term in (draft, gone):
        response = compose(
            client,
            **{"picks-TOTAL_FORMS": "1", "picks-0-term": str(term.pk), "picks-0-position": "1"},
        )
        assert response.status_code == 200
        assert "Select a valid choice" in response.text
    assert not Issue.objects.exists()


@pytest.mark.parametrize("payload", hostile.MARKUP)
def test_hostile_markdown_never_reaches_the_email_or_the_page(client, editor, payload):
    issue = make_issue(body=f"## Section\n\n{payload}", preheader=payload)

    email_html = client.get(reverse("admin:subscriptions_issue_preview_email", args=[issue.pk]))
    web = client.get(reverse("admin:subscriptions_issue_preview_web", args=[issue.pk]))

    for page in (email_html.text, web.text):
        for tag, attributes in hostile.elements_in(page):
            assert tag not in {"iframe", "svg"}
            assert not any(name.startswith("on") for name, _ in attributes), (tag, attributes)
            values = dict(attributes)
            if tag == "script":
                assert values.get("src", "").startswith("/static/")  # The site's own only.
            for name in ("href", "src"):
                assert not hostile.is_script_url(values.get(name)), (tag, attributes)


@pytest.mark.parametrize(
    "subject",
    [
        "Hello\r\nBcc: victim@example.com",
        "Hello\nBcc: victim@example.com",
        "Hello\rX-Injected: yes",
        "Tab\tinside",
        "Null\x00byte",
    ],
)
def test_a_subject_or_preheader_that_could_inject_a_header_is_refused(client, editor, subject):
    response = compose(client, subject=subject)
    assert response.status_code == 200
    assert "single line of text" in response.text or "Null characters" in response.text
    response = compose(client, preheader=subject)
    assert response.status_code == 200
    assert not Issue.objects.exists()


@pytest.mark.parametrize("subject", [*hostile.MARKUP, "Ünïcödé — “quotes” ✓ 🚀", "=?utf-8?q?x?="])
def test_any_accepted_subject_is_one_header_exactly_as_typed(client, editor, subject):
    response = compose(client, subject=subject[:150])
    assert response.status_code == 302
    issue = Issue.objects.get()

    client.post(send_url(issue), {"action": "test"})

    parsed = message_from_bytes(mail.outbox[0].message().as_bytes(), policy=policy.default)
    # (A long or non-ASCII header is folded onto its next line; mail programs unfold it.)
    assert parsed["Subject"].strip() == f"[Test] {subject[:150]}"
    assert parsed["Bcc"] is None
    assert len(parsed.get_all("Subject")) == 1


def test_a_sent_issue_can_no_longer_be_edited_or_deleted(client, editor):
    issue = make_issue(status=Issue.Status.SENT, started_at=timezone.now())

    page = client.get(change_url(issue))
    response = client.post(change_url(issue), {"subject": "Changed"})

    assert 'name="subject"' not in page.text  # Read-only.
    assert Issue.objects.get().subject == "This week in AI"
    assert response.status_code == 403
    delete = client.post(
        reverse("admin:subscriptions_issue_delete", args=[issue.pk]), {"post": "yes"}
    )
    assert delete.status_code == 403
    assert Issue.objects.exists()


# --- Previews and the test send -------------------------------------------------------------


def test_previews_show_the_email_as_html_and_text(client, editor):
    issue = make_issue(subject="Context windows, explained", terms=[TermFactory(title="RAG")])

    html = client.get(reverse("admin:subscriptions_issue_preview_email", args=[issue.pk]))
    text = client.get(reverse("admin:subscriptions_issue_preview_text", args=[issue.pk]))

    assert html.status_code == text.status_code == 200
    assert "<h1" in html.text
    assert "Context windows, explained" in html.text
    assert "'unsafe-inline'" in html["Content-Security-Policy"]  # The email styles itself,
    policy = dict(
        directive.strip().split(" ", 1)
        for directive in html["Content-Security-Policy"].split(";")
        if directive.strip()
    )
    assert "'unsafe-inline'" not in policy.get("script-src", policy.get("default-src", ""))
    assert text["Content-Type"].startswith("text/plain")
    assert "TERMS OF THE WEEK" in text.text
    assert "RAG" in text.text
    assert "Cache-Control" in html
    assert "no-cache" in html["Cache-Control"]


def test_a_test_copy_goes_to_the_editor_only(client, editor):
    confirmed_subscribers(3)
    issue = make_issue()
    mail.outbox = []

    response = client.post(send_url(issue), {"action": "test"}, follow=True)

    assert [message.to for message in mail.outbox] == [["eddie@example.com"]]
    message = mail.outbox[0]
    assert message.subject == "[Test] This week in AI"
    assert "List-Unsubscribe" not in message.extra_headers
    assert "A test copy went to eddie@example.com." in response.text
    assert Issue.objects.get().status == Issue.Status.DRAFT


def test_an_editor_without_an_address_is_told_so(client):
    user = staff_in("Editor", "noaddress", email="")
    client.force_login(user)
    issue = make_issue()

    response = client.post(send_url(issue), {"action": "test"}, follow=True)

    assert mail.outbox == []
    assert "Your account has no email address" in response.text


# --- Sending and scheduling from the admin --------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_send_now_asks_first_then_sends_to_every_confirmed_subscriber(client, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.NEWSLETTER_SEND_RATE = 0
    # (A transactional test may start after another emptied the tables, groups included.)
    client.force_login(UserFactory(username="chief", is_staff=True, is_superuser=True))
    confirmed_subscribers(4)
    issue = make_issue()
    mail.outbox = []

    question = client.post(send_url(issue), {"action": "now"})
    assert "will go to <strong>4</strong> confirmed subscribers" in question.text
    assert mail.outbox == []

    page = client.post(send_url(issue), {"action": "now", "confirm": "yes"}, follow=True)

    assert len(mail.outbox) == 4
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SENT
    assert "Sent" in page.text
    assert ">4</dd>" in page.text  # Progress: four sent.
    assert client.get(issue.get_absolute_url()).status_code == 200  # In the archive.


def test_scheduling_for_friday_morning_queues_the_send_for_then(client, editor, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.TIME_ZONE = "Europe/Paris"
    issue = make_issue()
    friday = next_friday_morning()
    assert (friday.weekday(), friday.hour, friday.minute) == (4, 8, 0)
    assert str(friday.tzinfo) == "Europe/Paris"

    page = client.get(change_url(issue))
    assert friday.strftime("%Y-%m-%dT%H:%M") in page.text  # Offered by default.

    with django_on_commit():
        response = client.post(
            send_url(issue),
            {"action": "schedule", "send_at": friday.strftime("%Y-%m-%dT%H:%M")},
            follow=True,
        )

    assert "Scheduled for Friday" in response.text
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SCHEDULED
    assert issue.send_at == friday
    task = DBTaskResult.objects.get()
    assert task.run_after == friday
    assert task.task_path == "subscriptions.tasks.start_issue"


def test_a_time_in_the_past_is_refused(client, editor, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    issue = make_issue()

    response = client.post(
        send_url(issue), {"action": "schedule", "send_at": "2001-01-05T08:00"}, follow=True
    )

    assert "That time has passed" in response.text
    assert Issue.objects.get().status == Issue.Status.DRAFT


def test_the_admin_shows_progress_and_lets_an_editor_cancel(client, editor, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.NEWSLETTER_SEND_RATE = 0
    from subscriptions import sending

    confirmed_subscribers(5)
    issue = make_issue()
    sending.schedule(issue, timezone.now())
    sending.start(issue.pk, scheduled_for=Issue.objects.get().send_at)
    sending.send_batch(issue.pk, size=2)

    page = client.get(change_url(issue))
    assert "<dt>Sent</dt><dd>2</dd>" in page.text
    assert "<dt>Pending</dt><dd>3</dd>" in page.text
    assert "Cancel sending" in page.text
    listing = client.get("/admin/subscriptions/issue/")
    assert listing.status_code == 200

    response = client.post(send_url(issue), {"action": "cancel"}, follow=True)

    assert "Sending cancelled" in response.text
    assert Issue.objects.get().status == Issue.Status.CANCELLED
    assert client.get(issue.get_absolute_url()).status_code == 404


# --- Who may ----------------------------------------------------------------------------------


def test_writers_see_no_issue_and_cannot_send(client):
    client.force_login(staff_in("Writer", "wendy", email="wendy@example.com"))
    issue = make_issue()
    confirmed_subscribers(2)

    assert client.get("/admin/subscriptions/issue/").status_code == 403
    assert client.get(change_url(issue)).status_code == 403
    for action in ("test", "now", "schedule", "cancel"):
        assert client.post(send_url(issue), {"action": action, "confirm": "yes"}).status_code == 403
    assert mail.outbox == []
    assert Issue.objects.get().status == Issue.Status.DRAFT


def test_composing_without_the_send_permission_cannot_send(client):
    composer = UserFactory(username="composer", is_staff=True, email="c@example.com")
    composer.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="subscriptions",
            codename__in=["view_issue", "add_issue", "change_issue", "view_issueterm",
                          "add_issueterm", "change_issueterm", "delete_issueterm"],
        )
    )  # fmt: skip
    client.force_login(composer)
    issue = make_issue()

    assert compose(client, slug="another").status_code == 302
    page = client.get(change_url(issue))
    assert "Can send newsletter issues" in page.text
    assert "Send now" not in page.text
    assert client.post(send_url(issue), {"action": "test"}).status_code == 403
    assert client.post(send_url(issue), {"action": "now", "confirm": "yes"}).status_code == 403
    assert mail.outbox == []


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    issue = make_issue()
    for url in (send_url(issue), reverse("admin:subscriptions_issue_preview_web", args=[issue.pk])):
        response = client.post(url, {"action": "now", "confirm": "yes"})
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]
    assert Issue.objects.get().status == Issue.Status.DRAFT


def django_on_commit():
    """Run on-commit callbacks (the queued task) inside a test transaction."""
    from django.test import TestCase

    return TestCase.captureOnCommitCallbacks(execute=True)


# --- Query budgets at many rows -------------------------------------------------------------


def _many_issues_with_deliveries(count: int, readers) -> None:
    from subscriptions.issue_models import Delivery

    for number in range(count):
        issue = make_issue(f"Issue {number}", slug=f"issue-{number}")
        Delivery.objects.bulk_create(
            Delivery(issue=issue, subscriber=reader, email=reader.email, status=status)
            for reader, status in zip(readers, ["sent", "pending", "failed"] * 10, strict=False)
        )


@pytest.mark.parametrize("count", [2, 40])
def test_the_issue_and_delivery_lists_cost_the_same_queries_at_any_size(
    client, editor, django_assert_max_num_queries, count
):
    readers = confirmed_subscribers(30)
    _many_issues_with_deliveries(count, readers)

    with django_assert_max_num_queries(12):
        issues = client.get("/admin/subscriptions/issue/")
    with django_assert_max_num_queries(12):
        deliveries = client.get("/admin/subscriptions/delivery/?status__exact=failed")
    with django_assert_max_num_queries(12):
        subscribers = client.get("/admin/subscriptions/subscriber/")

    assert issues.status_code == deliveries.status_code == subscribers.status_code == 200
    first = Issue.objects.get(slug="issue-0")
    row = next(r for r in issues.context["cl"].result_list if r.pk == first.pk)
    assert (row.sent, row.pending, row.failed) == (10, 10, 10)


def test_an_issue_page_shows_progress_in_constant_queries(
    client, editor, django_assert_max_num_queries
):
    readers = confirmed_subscribers(300)
    _many_issues_with_deliveries(1, readers)
    issue = Issue.objects.get()

    with django_assert_max_num_queries(25):
        page = client.get(change_url(issue))

    assert "<dt>Sent</dt><dd>10</dd>" in page.text
    assert "<dt>Failed</dt><dd><a" in page.text
