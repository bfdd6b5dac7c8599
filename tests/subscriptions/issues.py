"""Shared helpers for the newsletter issue tests: issues, subscribers in bulk, the worker."""

import re
from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone

from subscriptions import tokens
from subscriptions.issue_models import Issue, IssueTerm
from subscriptions.models import Subscriber
from subscriptions.signups import consent_wording

UNSUBSCRIBE_LINK = re.compile(r"https?://[^/\s]+(/newsletter/unsubscribe/([^/\s]+)/)")


def make_issue(subject="This week in AI", *, terms=(), **fields) -> Issue:
    slug = fields.pop("slug", None) or re.sub(r"[^a-z0-9]+", "-", subject.lower()).strip("-")
    issue = Issue.objects.create(
        subject=subject,
        slug=slug or "issue",
        preheader=fields.pop("preheader", "Five stories that matter."),
        body=fields.pop("body", "## The big story\n\nModels got **smaller**."),
        **fields,
    )
    for position, term in enumerate(terms, start=1):
        IssueTerm.objects.create(issue=issue, term=term, position=position)
    return issue


def confirmed_subscribers(count: int, *, prefix="member") -> list[Subscriber]:
    """``count`` confirmed subscribers, stored in one statement."""
    now = timezone.now()
    Subscriber.objects.bulk_create(
        Subscriber(
            email=f"{prefix}{number}@example.com",
            status=Subscriber.Status.CONFIRMED,
            signed_up_at=now - timedelta(days=1),
            confirmed_at=now,
            confirmation_requested_at=now,
            confirmation_sent_at=now,
            consent_text=consent_wording(),
        )
        for number in range(count)
    )
    return list(Subscriber.objects.filter(email__startswith=prefix).order_by("pk"))


def run_worker():
    """Run the database worker until no task is ready, as `manage.py db_worker` does."""
    call_command(
        "db_worker", batch=True, startup_delay=False, reload=False, interval=0, verbosity=0
    )


def unsubscribe_path(text: str) -> str:
    match = UNSUBSCRIBE_LINK.search(text)
    assert match, f"no unsubscribe link in:\n{text}"
    return match.group(1)


def owner_of_unsubscribe_link(text: str) -> str:
    """The address an email's unsubscribe link unsubscribes."""
    match = UNSUBSCRIBE_LINK.search(text)
    assert match, f"no unsubscribe link in:\n{text}"
    return tokens.subscriber_for_unsubscribe_token(match.group(2)).email
