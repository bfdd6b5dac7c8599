"""Subscribers in each state, stored as the signup service would store them."""

import factory
from django.utils import timezone

from subscriptions.models import Subscriber
from subscriptions.signups import consent_wording


class SubscriberFactory(factory.django.DjangoModelFactory):
    """A pending subscriber whose confirmation email has gone out.

    ``SubscriberFactory.confirmed()`` and ``.unsubscribed()`` give the other states.
    """

    class Meta:
        model = Subscriber

    email = factory.Sequence(lambda n: f"reader{n}@example.com")
    status = Subscriber.Status.PENDING
    signed_up_at = factory.LazyFunction(timezone.now)
    confirmation_requested_at = factory.LazyAttribute(lambda s: s.signed_up_at)
    confirmation_sent_at = factory.LazyAttribute(lambda s: s.signed_up_at)
    source = "/terms/open-weight/"
    consent_text = factory.LazyFunction(consent_wording)

    @classmethod
    def confirmed(cls, **kwargs):
        return cls(status=Subscriber.Status.CONFIRMED, confirmed_at=timezone.now(), **kwargs)

    @classmethod
    def unsubscribed(cls, **kwargs):
        now = timezone.now()
        return cls(
            status=Subscriber.Status.UNSUBSCRIBED,
            confirmed_at=now,
            unsubscribed_at=now,
            **kwargs,
        )
