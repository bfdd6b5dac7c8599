import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.subscriptions.flaky_email import FlakyEmailBackend

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# What a browser sends with a form posted from one of our own pages.
SAME_ORIGIN = {"HTTP_ORIGIN": "http://testserver", "HTTP_SEC_FETCH_SITE": "same-origin"}
JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture
def immediate_tasks(settings):
    """Run tasks inside the request, as `make run` does, so emails arrive at once."""
    settings.TASKS = IMMEDIATE


@pytest.fixture
def database_tasks(settings):
    """Queue tasks in the database, as production does (the tests' default, made explicit)."""
    settings.TASKS = DATABASE


@pytest.fixture
def flaky_mail(settings):
    settings.EMAIL_BACKEND = "tests.subscriptions.flaky_email.FlakyEmailBackend"
    FlakyEmailBackend.reset(failures=0)
    return FlakyEmailBackend


@pytest.fixture
def sign_up(client, django_capture_on_commit_callbacks):
    """POST the signup form as a page of this site would, running on-commit callbacks."""

    def post(email, *, source="/terms/open-weight/", js=False, website="", **headers):
        data = {"email": email, "source": source, "website": website}
        extra = {**SAME_ORIGIN, **(JSON if js else {}), **headers}
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(reverse("subscriptions:signup"), data, **extra)

    return post


def link_in(message, kind: str) -> str:
    """The path of the confirm or unsubscribe link in an email's plain-text part."""
    match = re.search(rf"https?://[^/\s]+(/newsletter/{kind}/[^/\s]+/)", message.body)
    assert match, f"no {kind} link in:\n{message.body}"
    return match.group(1)


@pytest.fixture
def outbox():
    return mail.outbox
