"""Signed tokens for the links in newsletter emails, a salt per purpose.

A token carries the subscriber's id and a fingerprint: an HMAC (keyed by SECRET_KEY) of the
address, and for confirm links also of the moment the current signup began. The address
itself never appears in a URL or a log, a reused id cannot match another address, and a
confirm link from before an unsubscribe cannot confirm a later signup.
"""

from django.conf import settings
from django.core import signing
from django.utils.crypto import constant_time_compare, salted_hmac

from subscriptions.models import Subscriber

CONFIRM_SALT = "subscriptions.confirm"
UNSUBSCRIBE_SALT = "subscriptions.unsubscribe"


class InvalidToken(Exception):
    """The link was altered, truncated, or belongs to no current subscriber."""


class ExpiredToken(InvalidToken):
    """The link was genuine but is older than NEWSLETTER_CONFIRM_MAX_AGE."""


def make_confirm_token(subscriber: Subscriber) -> str:
    """Return the token for a confirm link; it expires after NEWSLETTER_CONFIRM_MAX_AGE."""
    return _dumps(subscriber, CONFIRM_SALT, _confirm_fingerprint(subscriber))


def make_unsubscribe_token(subscriber: Subscriber) -> str:
    """Return the token for an unsubscribe link; it works for as long as the address is ours."""
    return _dumps(subscriber, UNSUBSCRIBE_SALT, _unsubscribe_fingerprint(subscriber))


def confirm_link_days() -> int:
    """How many days a confirmation link works, as visitors are told it."""
    return settings.NEWSLETTER_CONFIRM_MAX_AGE // (24 * 60 * 60)


def subscriber_for_confirm_token(token: str, *, queryset=None) -> Subscriber:
    """Return the subscriber a confirm token names; raise ExpiredToken or InvalidToken.

    A link from a signup that has since been unsubscribed is invalid: signing up again
    sends a new one.
    """
    try:
        payload = signing.loads(
            token, salt=CONFIRM_SALT, max_age=settings.NEWSLETTER_CONFIRM_MAX_AGE
        )
    except signing.SignatureExpired as error:
        raise ExpiredToken from error
    except signing.BadSignature as error:
        raise InvalidToken from error
    try:
        subscriber = _check(payload, queryset, _confirm_fingerprint)
    except Subscriber.DoesNotExist as error:
        raise InvalidToken from error
    if subscriber.status == Subscriber.Status.UNSUBSCRIBED:
        raise InvalidToken
    return subscriber


def subscriber_for_unsubscribe_token(token: str, *, queryset=None) -> Subscriber | None:
    """Return the subscriber an unsubscribe token names, or None if the row no longer exists.

    Raises InvalidToken when the token was not made by this site for this purpose.
    """
    try:
        payload = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature as error:
        raise InvalidToken from error
    try:
        return _check(payload, queryset, _unsubscribe_fingerprint)
    except Subscriber.DoesNotExist:
        return None


def _dumps(subscriber: Subscriber, salt: str, fingerprint: str) -> str:
    return signing.dumps({"id": subscriber.pk, "f": fingerprint}, salt=salt)


def _check(payload, queryset, fingerprint_of) -> Subscriber:
    if not isinstance(payload, dict) or not isinstance(payload.get("id"), int):
        raise InvalidToken
    queryset = Subscriber.objects.all() if queryset is None else queryset
    subscriber = queryset.get(pk=payload["id"])
    if not constant_time_compare(str(payload.get("f", "")), fingerprint_of(subscriber)):
        raise InvalidToken
    return subscriber


def _confirm_fingerprint(subscriber: Subscriber) -> str:
    value = f"{subscriber.email.lower()}|{subscriber.signed_up_at.isoformat()}"
    return salted_hmac(CONFIRM_SALT, value, algorithm="sha256").hexdigest()[:20]


def _unsubscribe_fingerprint(subscriber: Subscriber) -> str:
    return salted_hmac(UNSUBSCRIBE_SALT, subscriber.email.lower(), algorithm="sha256").hexdigest()[
        :20
    ]
