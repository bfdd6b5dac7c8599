"""The newsletter's emails: plain-text and HTML parts, and the list headers every one carries."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from glossary_site import public_address
from subscriptions import tokens
from subscriptions.models import Subscriber


def unsubscribe_url(subscriber: Subscriber) -> str:
    token = tokens.make_unsubscribe_token(subscriber)
    return public_address.absolute(reverse("subscriptions:unsubscribe", args=[token]))


def list_headers(unsubscribe_link: str) -> dict[str, str]:
    """List-Unsubscribe with one-click POST (RFC 8058) and List-Id (RFC 2919)."""
    return {
        "List-Unsubscribe": f"<{unsubscribe_link}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "List-Id": f"{settings.SITE_NAME} newsletter <{settings.NEWSLETTER_LIST_ID}>",
    }


def confirmation_email(subscriber: Subscriber) -> EmailMultiAlternatives:
    """The email asking a pending subscriber to confirm; its link expires (7 days by default)."""
    confirm_link = public_address.absolute(
        reverse("subscriptions:confirm", args=[tokens.make_confirm_token(subscriber)])
    )
    unsubscribe_link = unsubscribe_url(subscriber)
    context = {
        "site_name": settings.SITE_NAME,
        "site_url": settings.SITE_URL,
        "site_host": public_address.host(),
        "confirm_url": confirm_link,
        "unsubscribe_url": unsubscribe_link,
        "valid_days": tokens.confirm_link_days(),
    }
    message = EmailMultiAlternatives(
        subject=f"Confirm your subscription to {settings.SITE_NAME}",
        body=render_to_string("emails/confirm_subscription.txt", context),
        to=[subscriber.email],
        headers=list_headers(unsubscribe_link),
    )
    message.attach_alternative(
        render_to_string("emails/confirm_subscription.html", context), "text/html"
    )
    return message
