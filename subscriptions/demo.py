"""Development-only subscribers, so an editor can try sending an issue on a fresh clone.

The addresses are at example.com (RFC 2606: never delivered), and the command refuses to run
unless DEBUG is on, so no real list ever gets them.
"""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from subscriptions.models import Subscriber
from subscriptions.signups import consent_wording

DEMO_ADDRESSES = (
    "ada@example.com",
    "grace@example.com",
    "alan@example.com",
    "katherine@example.com",
    "claude@example.com",
)


def load_demo_subscribers() -> list[str]:
    """Add the demo addresses as confirmed subscribers (again, if one left). Returns what was
    done, one line each."""
    if not settings.DEBUG:
        raise ImproperlyConfigured("Demo subscribers are for development only: DEBUG only.")
    now = timezone.now()
    done = []
    for address in DEMO_ADDRESSES:
        _, created = Subscriber.objects.update_or_create(
            email=address,
            defaults={
                "status": Subscriber.Status.CONFIRMED,
                "confirmed_at": now,
                "unsubscribed_at": None,
            },
            create_defaults={
                "status": Subscriber.Status.CONFIRMED,
                "signed_up_at": now,
                "confirmed_at": now,
                "confirmation_requested_at": now,
                "confirmation_sent_at": now,
                "source": "/newsletter/",
                "consent_text": consent_wording(),
            },
        )
        done.append(f"{'added' if created else 'confirmed'} {address}")
    return done
