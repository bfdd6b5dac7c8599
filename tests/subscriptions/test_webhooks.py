"""The email provider's webhooks (django-anymail): hard bounces and complaints suppress an
address for good; anything not authenticated with the webhook secret changes nothing."""

import base64
import io
import json

import pytest
from django.core import mail
from django.utils import timezone

from subscriptions import sending
from subscriptions.csv_export import write_confirmed_subscribers
from subscriptions.issue_models import Issue, Suppression
from subscriptions.models import Subscriber
from tests.subscriptions.factories import SubscriberFactory
from tests.subscriptions.issues import make_issue

pytestmark = pytest.mark.django_db

WEBHOOK = "/anymail/postmark/tracking/"
SECRET = "postmark-hook:a-long-random-webhook-password"


@pytest.fixture(autouse=True)
def webhook_secret(settings):
    settings.ANYMAIL = {"WEBHOOK_SECRET": SECRET}


def auth(secret=SECRET) -> dict:
    return {"HTTP_AUTHORIZATION": "Basic " + base64.b64encode(secret.encode()).decode()}


def bounce(email, kind="HardBounce"):
    return {
        "RecordType": "Bounce",
        "ID": 4323372036854775807,
        "Type": kind,
        "TypeCode": 1 if kind == "HardBounce" else 4096,
        "MessageID": "883953f4-6105-42a2-a16a-77a8eac79483",
        "Email": email,
        "BouncedAt": "2026-12-03T08:00:00Z",
        "Description": "The server was unable to deliver your message (ex: unknown user).",
        "Details": "smtp;550 5.1.1 The email account that you tried to reach does not exist.",
        "Inactive": True,
        "CanActivate": True,
    }


def complaint(email):
    return {
        "RecordType": "SpamComplaint",
        "ID": 42,
        "Type": "SpamComplaint",
        "TypeCode": 512,
        "MessageID": "00000000-0000-0000-0000-000000000000",
        "Email": email,
        "BouncedAt": "2026-12-03T09:00:00Z",
        "Description": "The subscriber explicitly marked this message as spam.",
    }


def post(client, payload, **headers):
    return client.post(WEBHOOK, json.dumps(payload), content_type="application/json", **headers)


def test_a_signed_hard_bounce_suppresses_the_address_for_every_later_send(client, settings):
    reader = SubscriberFactory.confirmed(email="Gone@Example.com")
    other = SubscriberFactory.confirmed(email="here@example.com")

    response = post(client, bounce("gone@example.com"), **auth())

    assert response.status_code == 200
    suppression = Suppression.objects.get(subscriber=reader)
    assert suppression.reason == Suppression.Reason.BOUNCED
    assert suppression.provider == "Postmark"
    assert "unknown user" in suppression.detail
    assert list(sending.recipients()) == [other]

    # The next issue goes to the others only.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.NEWSLETTER_SEND_RATE = 0
    mail.outbox = []
    issue = make_issue()
    sending.schedule(issue, timezone.now())
    sending.start(issue.pk, scheduled_for=Issue.objects.get().send_at)
    sending.send_batch(issue.pk)
    assert [message.to for message in mail.outbox] == [["here@example.com"]]


def test_a_signed_complaint_suppresses_the_address_and_no_confirmation_is_sent(client):
    pending = SubscriberFactory(email="angry@example.com", confirmation_sent_at=None)

    response = post(client, complaint("angry@example.com"), **auth())

    assert response.status_code == 200
    assert Suppression.objects.get(subscriber=pending).reason == Suppression.Reason.COMPLAINED
    assert not Subscriber.objects.confirmation_owed().exists()


def test_a_complaint_after_a_bounce_is_kept_as_the_stronger_reason(client):
    reader = SubscriberFactory.confirmed(email="both@example.com")
    post(client, bounce("both@example.com"), **auth())
    post(client, bounce("both@example.com"), **auth())  # Reported twice: still one row.
    post(client, complaint("both@example.com"), **auth())

    assert list(Suppression.objects.values_list("subscriber", "reason")) == [
        (reader.pk, "complained")
    ]


def test_a_soft_bounce_or_an_unknown_address_changes_nothing(client):
    SubscriberFactory.confirmed(email="full@example.com")

    assert post(client, bounce("full@example.com", kind="SoftBounce"), **auth()).status_code == 200
    assert post(client, bounce("stranger@example.com"), **auth()).status_code == 200

    assert not Suppression.objects.exists()


@pytest.mark.parametrize(
    "headers",
    [
        {},  # Unsigned.
        auth("postmark-hook:a-wrong-password"),
        auth("someone:" + SECRET.split(":")[1]),
        {"HTTP_AUTHORIZATION": "Bearer " + SECRET},
    ],
    ids=["unsigned", "wrong-password", "wrong-user", "not-basic"],
)
def test_a_webhook_without_the_secret_is_refused_and_changes_nothing(client, headers):
    SubscriberFactory.confirmed(email="victim@example.com")

    response = post(client, bounce("victim@example.com"), **headers)

    assert response.status_code in (400, 401, 403)
    assert not Suppression.objects.exists()


def test_without_a_configured_secret_every_webhook_is_refused(client, settings):
    """Settings give anymail an unguessable secret when the operator set none, so webhooks are
    closed rather than open to anyone (anymail alone would accept unauthenticated calls)."""
    from glossary_site import settings as site_settings

    settings.ANYMAIL = {"WEBHOOK_SECRET": site_settings.ANYMAIL["WEBHOOK_SECRET"]}
    SubscriberFactory.confirmed(email="victim@example.com")

    assert post(client, bounce("victim@example.com")).status_code == 400
    assert post(client, bounce("victim@example.com"), **auth()).status_code == 400
    assert not Suppression.objects.exists()


def test_suppressed_addresses_are_shown_filtered_and_left_out_of_the_csv(admin_client, client):
    kept = SubscriberFactory.confirmed(email="kept@example.com")
    SubscriberFactory.confirmed(email="bounced@example.com")
    SubscriberFactory.confirmed(email="spam@example.com")
    post(client, bounce("bounced@example.com"), **auth())
    post(client, complaint("spam@example.com"), **auth())

    buffer = io.StringIO()
    assert write_confirmed_subscribers(Subscriber.objects.all(), buffer) == 1
    assert "bounced@" not in buffer.getvalue()
    assert "spam@" not in buffer.getvalue()
    assert kept.email in buffer.getvalue()

    listing = admin_client.get("/admin/subscriptions/subscriber/?problem=bounced")
    assert list(listing.context["cl"].result_list) == [
        Subscriber.objects.get(email="bounced@example.com")
    ]
    assert "Hard bounce" in listing.text
    listing = admin_client.get("/admin/subscriptions/subscriber/?problem=none")
    assert list(listing.context["cl"].result_list) == [kept]
    everyone = admin_client.get("/admin/subscriptions/subscriber/")
    assert "Spam complaint" in everyone.text
    assert "Hard bounce" in everyone.text
