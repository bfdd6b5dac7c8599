"""The newsletter's emails: plain-text and HTML parts, and the list headers every one carries."""

import re
from email.utils import formataddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from glossary_site import public_address
from subscriptions import call_to_action, tokens
from subscriptions.models import Subscriber


def unsubscribe_url(subscriber: Subscriber) -> str:
    token = tokens.make_unsubscribe_token(subscriber)
    return public_address.absolute(reverse("subscriptions:unsubscribe", args=[token]))


def list_headers(unsubscribe_link: str) -> dict[str, str]:
    """List-Unsubscribe with one-click POST (RFC 8058) and List-Id (RFC 2919)."""
    return {
        "List-Unsubscribe": f"<{unsubscribe_link}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        # The name is a phrase (RFC 5322): quoted when it holds specials, encoded on its own
        # when it is not ASCII, so that the <list id> stays readable to mail clients.
        "List-Id": formataddr(
            (f"{settings.SITE_NAME} newsletter", settings.NEWSLETTER_LIST_ID), charset="utf-8"
        ),
    }


def confirmation_email(subscriber: Subscriber) -> EmailMultiAlternatives:
    """The email asking a pending subscriber to confirm; its link expires (7 days by default).

    Its subject and opening are the editors' (``SignupCopy``), filled in with the offer."""
    confirm_link = public_address.absolute(
        reverse("subscriptions:confirm", args=[tokens.make_confirm_token(subscriber)])
    )
    copy = call_to_action.signup_copy()
    return _email(
        subscriber,
        "confirm_subscription",
        subject=copy["confirm_subject"],
        context={
            "confirm_url": confirm_link,
            "valid_days": tokens.confirm_link_days(),
            "opening": paragraphs(copy["confirm_intro"]),
        },
    )


def welcome_email(subscriber: Subscriber) -> EmailMultiAlternatives:
    """The email welcoming a subscriber once the address is confirmed: the editors' subject and
    text (``SignupCopy``), a link to the glossary and the unsubscribe link."""
    copy = call_to_action.signup_copy()
    return _email(
        subscriber,
        "welcome",
        subject=copy["welcome_subject"],
        context={"body": paragraphs(copy["welcome_body"])},
    )


def paragraphs(text: str) -> list[str]:
    """An editor's plain text as paragraphs (blank lines between them), none empty."""
    return [
        part.strip() for part in re.split(r"\n\s*\n", text.replace("\r\n", "\n")) if part.strip()
    ]


def _email(
    subscriber: Subscriber, template: str, *, subject: str, context: dict
) -> EmailMultiAlternatives:
    """One newsletter email to ``subscriber`` from ``emails/<template>.txt`` and ``.html``."""
    unsubscribe_link = unsubscribe_url(subscriber)
    copy = call_to_action.signup_copy()
    context = {
        "site_name": settings.SITE_NAME,
        "site_url": settings.SITE_URL,
        "site_host": public_address.host(),
        "newsletter_name": copy["values"]["name"],
        "unsubscribe_url": unsubscribe_link,
        "subject": subject,
        **context,
    }
    message = EmailMultiAlternatives(
        # Editors' words: one line, whatever was typed (the model refuses line breaks too).
        subject=" ".join(subject.split()),
        body=render_to_string(f"emails/{template}.txt", context),
        to=[subscriber.email],
        headers=list_headers(unsubscribe_link),
    )
    message.attach_alternative(render_to_string(f"emails/{template}.html", context), "text/html")
    return message
