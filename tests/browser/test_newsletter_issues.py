"""An editor composes, tests and sends an issue in a real browser; a reader finds it archived."""

import pytest
from django.core import mail

from subscriptions.issue_models import Issue
from tests.factories import UserFactory
from tests.subscriptions.issues import confirmed_subscribers

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "a-long-test-password"


def test_an_editor_composes_tests_and_sends_an_issue_that_readers_then_find(site, page, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.NEWSLETTER_SEND_RATE = 0
    UserFactory(username="chief", is_staff=True, is_superuser=True, email="chief@example.com")
    confirmed_subscribers(3)
    problems = []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    missing = []
    page.on("response", lambda response: response.status >= 400 and missing.append(response.url))

    page.goto(f"{site}/admin/login/")
    page.fill("#id_username", "chief")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.goto(f"{site}/admin/subscriptions/issue/add/")
    page.locator("#id_subject").press_sequentially("Small models, big week")
    assert page.input_value("#id_slug") == "small-models-big-week"  # Filled from the subject.
    page.fill("#id_preheader", "What open weights change for your team.")
    page.fill("#id_body", "## Open weights\n\nRead about [[Open weight]] models.")
    page.click("input[name=_continue]")
    page.wait_for_selector("text=Send a test to me")

    page.click("text=Send a test to me")
    page.wait_for_selector("text=A test copy went to chief@example.com.")
    assert [message.to for message in mail.outbox] == [["chief@example.com"]]

    page.click("text=Send now…")
    page.wait_for_selector("text=will go to 3 confirmed subscribers")
    page.click("input[value='Yes, send it now']")
    page.wait_for_selector("text=Sending has started.")
    assert page.locator(".issue-progress dd").first.inner_text() == "3"
    assert len(mail.outbox) == 4
    assert Issue.objects.get().status == Issue.Status.SENT

    page.context.clear_cookies()
    page.goto(f"{site}/newsletter/issues/")
    page.click("text=Small models, big week")
    page.wait_for_selector("h1:has-text('Small models, big week')")
    assert page.locator("main h2", has_text="Open weights").count() == 1
    assert page.get_attribute("a:has-text('Open weight')", "href").endswith("/terms/open-weight/")
    assert missing == []
    # No script or style refused by the Content-Security-Policy. (The browser's own request for
    # /favicon.ico on admin pages is the one 404 it logs; page resources are checked above.)
    assert [text for text in problems if "Content Security Policy" in text] == []
