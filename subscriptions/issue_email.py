"""An issue as an email: plain-text and HTML parts, that recipient's own unsubscribe link, and
the list headers (List-Unsubscribe with one-click POST, List-Id).

Both parts are rendered once per batch with a placeholder where the unsubscribe link goes;
each recipient's message is then a string replacement, not a template render.
"""

from email.header import Header

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from glossary_site import public_address
from subscriptions import emails, issue_content

# Never typed by an editor (the body is escaped HTML, and this has no meaning in Markdown).
UNSUBSCRIBE_PLACEHOLDER = "\x00unsubscribe-link\x00"
_HTML_PLACEHOLDER = "https://unsubscribe.invalid/placeholder"


def subject_header(subject: str) -> str:
    """The subject as the header must carry it to arrive as typed. The model refuses line
    breaks and control characters; text that looks like an RFC 2047 encoded word ("=?…?=")
    would be decoded by mail programs, so such a subject is encoded itself."""
    if "=?" in subject:
        return Header(subject, "utf-8").encode(linesep=" ")
    return subject


class IssueEmail:
    """The messages of one issue, one per recipient."""

    def __init__(self, issue, *, test: bool = False):
        self.issue = issue
        self.test = test
        content = issue_content.shown(issue)
        context = {
            "issue": issue,
            "site_name": settings.SITE_NAME,
            "site_url": settings.SITE_URL,
            "site_host": public_address.host(),
            "body_html": content.body_html,
            "body_text": issue_content.body_text(issue.body),
            "terms": content.terms,
            "web_url": public_address.absolute(issue.get_absolute_url()),
            "archive_url": public_address.absolute(reverse("subscriptions:issues")),
            "test": test,
        }
        self.subject = subject_header(f"[Test] {issue.subject}" if test else issue.subject)
        self.text = render_to_string(
            "emails/newsletter_issue.txt", {**context, "unsubscribe_url": UNSUBSCRIBE_PLACEHOLDER}
        )
        # In HTML the placeholder must survive autoescaping as it is: a plain URL does.
        self.html = render_to_string(
            "emails/newsletter_issue.html", {**context, "unsubscribe_url": _HTML_PLACEHOLDER}
        )

    def message(
        self, to: str, unsubscribe_link: str, *, message_id: str = ""
    ) -> EmailMultiAlternatives:
        """The message for one recipient. ``message_id`` makes the Message-ID the same on every
        attempt, so a copy handed over twice (a worker dying between the mail server's "OK"
        and recording it) is recognised as one by the recipient's mail system."""
        headers = emails.list_headers(unsubscribe_link)
        if self.test:
            # A test goes to an editor, not to a subscriber: nothing to unsubscribe from.
            headers = {"List-Id": headers["List-Id"]}
        if message_id:
            headers["Message-ID"] = message_id
        message = EmailMultiAlternatives(
            subject=self.subject,
            body=self.text.replace(UNSUBSCRIBE_PLACEHOLDER, unsubscribe_link),
            from_email=settings.NEWSLETTER_FROM_EMAIL,
            to=[to],
            headers=headers,
        )
        message.attach_alternative(
            self.html.replace(_HTML_PLACEHOLDER, unsubscribe_link), "text/html"
        )
        return message

    def for_subscriber(self, subscriber, *, delivery_id: int | None = None):
        """The message for a subscriber, with their own unsubscribe link."""
        message_id = ""
        if delivery_id is not None:
            message_id = (
                f"<issue-{self.issue.pk}.delivery-{delivery_id}@{settings.NEWSLETTER_LIST_ID}>"
            )
        return self.message(
            subscriber.email, emails.unsubscribe_url(subscriber), message_id=message_id
        )

    def test_message(self, to: str):
        """A test copy for an editor: "[Test]" in the subject, no working unsubscribe link."""
        return self.message(to, public_address.absolute(reverse("subscriptions:signup")))
