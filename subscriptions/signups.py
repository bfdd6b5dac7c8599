"""How a signup is recorded, confirmed and ended: the one module that owns these rules.

Views, the admin and management commands call these functions; none of them change a
subscriber's status themselves.
"""

import enum
from functools import partial

from django.db import transaction
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone

from subscriptions import call_to_action, rate_limits, tasks, tokens
from subscriptions.models import Subscriber
from subscriptions.source_pages import SourcePage

Status = Subscriber.Status


class SignupResult(enum.Enum):
    ACCEPTED = "accepted"
    RATE_LIMITED = "rate-limited"


def consent_wording() -> str:
    """The consent sentence shown under every signup form and stored with each signup: the
    editors' consent line (``SignupCopy.consent``), filled in with the offer."""
    return call_to_action.signup_copy()["consent"]


def request_signup(
    email: str, *, source: SourcePage | None = None, client_ip: str = ""
) -> SignupResult:
    """Handle a visitor's signup for a normalized ``email``, within the rate limits.

    When the client IP or the address is over its limit nothing is stored or sent and
    ``RATE_LIMITED`` is returned. Otherwise the signup is recorded (``record_signup``) and
    ``ACCEPTED`` is returned, whatever the address's status was: callers answer the visitor
    the same way for new, pending, confirmed and unsubscribed addresses.
    """
    if not rate_limits.allow_signup(client_ip=client_ip, email=email):
        return SignupResult.RATE_LIMITED
    record_signup(email, source=source)
    return SignupResult.ACCEPTED


def record_signup(email: str, *, source: SourcePage | None = None) -> Subscriber:
    """Record a signup for a normalized ``email``; queue its confirmation task after commit.

    - a new address is stored as pending with its source page, UTM tags and the consent
      wording;
    - a pending address is owed the confirmation email again (its first link keeps working);
    - an unsubscribed address starts a new pending signup: double opt-in again;
    - a confirmed address is left as it is.

    The work is the same whatever the address's state, so its timing tells nobody whether an
    address is on the list: the same three statements run (an insert that does nothing for a
    known address, one update whose changes the database picks by the row's status, a read)
    and one task is queued; the task sends an email only if one is owed
    (``delivery.send_confirmation_if_owed``), so a confirmed address is sent nothing.

    The row is committed before any email is attempted. Concurrent calls for one address
    leave exactly one row: the unique index settles the race, and the insert that loses it
    does nothing.
    """
    source = source or SourcePage()
    now = timezone.now()
    details = _signup_details(source)
    with transaction.atomic():
        Subscriber.objects.bulk_create(
            [
                Subscriber(
                    email=email,
                    status=Status.PENDING,
                    signed_up_at=now,
                    confirmation_requested_at=now,
                    **details,
                )
            ],
            ignore_conflicts=True,
        )
        # Every SET expression reads the row as it was before this update.
        starts_over = Q(status=Status.UNSUBSCRIBED)
        if_starting_over = partial(_when, starts_over)
        Subscriber.objects.for_address(email).update(
            status=if_starting_over(Status.PENDING, "status"),
            signed_up_at=if_starting_over(now, "signed_up_at"),
            confirmed_at=if_starting_over(None, "confirmed_at"),
            unsubscribed_at=if_starting_over(None, "unsubscribed_at"),
            **{field: if_starting_over(value, field) for field, value in details.items()},
            # Owed a confirmation email unless already confirmed.
            confirmation_requested_at=_when(
                ~Q(status=Status.CONFIRMED), now, "confirmation_requested_at"
            ),
        )
        subscriber = Subscriber.objects.for_address(email).get()
        _send_confirmation_after_commit(subscriber)
    return subscriber


def confirm_subscription(token: str) -> Subscriber:
    """Confirm the subscriber a confirm-link token names and return it.

    The confirmation time is the consent proof. When the welcome email is switched on
    (``SignupCopy.welcome_email_enabled``) one becomes owed and is queued after commit.
    Confirming twice changes nothing (and sends no second welcome). Raises
    ``tokens.ExpiredToken`` or ``tokens.InvalidToken``.
    """
    with transaction.atomic():
        subscriber = tokens.subscriber_for_confirm_token(
            token, queryset=Subscriber.objects.select_for_update()
        )
        if subscriber.status == Status.PENDING:
            subscriber.status = Status.CONFIRMED
            subscriber.confirmed_at = timezone.now()
            updated = ["status", "confirmed_at"]
            if call_to_action.signup_copy()["welcome_email_enabled"]:
                # Owed from now; sent once, after commit, by the task worker.
                subscriber.welcome_requested_at = subscriber.confirmed_at
                updated.append("welcome_requested_at")
                transaction.on_commit(partial(tasks.queue_welcome, subscriber.pk))
            subscriber.save(update_fields=updated)
    return subscriber


def unsubscribe(token: str) -> None:
    """Unsubscribe the address an unsubscribe-link token names, at once and idempotently.

    An address that is no longer stored at all counts as unsubscribed. Raises
    ``tokens.InvalidToken`` when the token was not made by this site.
    """
    with transaction.atomic():
        subscriber = tokens.subscriber_for_unsubscribe_token(
            token, queryset=Subscriber.objects.select_for_update()
        )
        if subscriber is not None:
            end_subscription(subscriber)


def end_subscription(subscriber: Subscriber) -> bool:
    """Mark a subscriber unsubscribed (pending or confirmed); return whether anything changed.

    Keeps the first unsubscribe time when called again. Also used by the admin action.
    """
    if subscriber.status == Status.UNSUBSCRIBED:
        return False
    subscriber.status = Status.UNSUBSCRIBED
    subscriber.unsubscribed_at = timezone.now()
    subscriber.save(update_fields=["status", "unsubscribed_at"])
    return True


def _signup_details(source: SourcePage) -> dict:
    return {
        "source": source.path,
        "utm_source": source.utm_source,
        "utm_campaign": source.utm_campaign,
        "consent_text": consent_wording(),
    }


def _when(condition: Q, value, field: str) -> Case:
    """``value`` where the row meets ``condition``, otherwise the field's current value."""
    return Case(
        When(condition, then=Value(value, output_field=Subscriber._meta.get_field(field))),
        default=F(field),
    )


def _send_confirmation_after_commit(subscriber: Subscriber) -> None:
    transaction.on_commit(partial(tasks.queue_confirmation, subscriber.pk))
