"""The small rules behind the form: address normalization, origins, client IPs."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import RequestFactory
from django.utils import timezone

from glossary_site.clients import client_ip
from subscriptions.addresses import normalize_address
from subscriptions.models import Subscriber
from subscriptions.same_origin import is_same_origin_request
from tests.subscriptions.factories import SubscriberFactory


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("reader@example.com", "reader@example.com"),
        ("  Reader@EXAMPLE.com\n", "Reader@example.com"),
        ("first.last+news@Sub.Example.ORG", "first.last+news@sub.example.org"),
        ("reader@bücher.example", "reader@xn--bcher-kva.example"),
    ],
)
def test_addresses_are_trimmed_and_their_domain_lower_cased(typed, stored):
    assert normalize_address(typed) == stored


@pytest.mark.parametrize(
    "typed", ["", "reader", "@example.com", "reader@", "reader@@example.com", "a@b@c", "x" * 255]
)
def test_unusable_addresses_are_refused_with_a_message(typed):
    with pytest.raises(ValidationError) as error:
        normalize_address(typed)
    assert error.value.messages[0]


def well_formed(length: int) -> str:
    """An address of ``length`` characters that Django's EmailValidator accepts."""
    domain = ".".join(["d" * 60] * 3) + ".example"  # 190 characters, labels under 64
    return "r" * (length - len(domain) - 1) + "@" + domain


def test_an_address_longer_than_254_characters_is_refused_however_well_formed():
    assert normalize_address(well_formed(254)) == well_formed(254)
    with pytest.raises(ValidationError) as error:
        normalize_address(well_formed(255))
    assert error.value.code == "max_length"
    assert error.value.messages == ["An email address can be at most 254 characters long."]


def post(**headers):
    return RequestFactory().post("/newsletter/", **headers)


@pytest.mark.parametrize(
    ("headers", "allowed"),
    [
        ({}, True),
        ({"HTTP_SEC_FETCH_SITE": "same-origin", "HTTP_ORIGIN": "http://testserver"}, True),
        ({"HTTP_SEC_FETCH_SITE": "none"}, True),
        ({"HTTP_ORIGIN": "http://testserver"}, True),
        ({"HTTP_ORIGIN": "http://127.0.0.1:8000"}, True),  # SITE_URL
        ({"HTTP_ORIGIN": "https://testserver"}, False),  # Another scheme is another origin.
        ({"HTTP_ORIGIN": "http://testserver.evil.example"}, False),
        ({"HTTP_SEC_FETCH_SITE": "cross-site"}, False),
        ({"HTTP_SEC_FETCH_SITE": "same-site"}, False),
        ({"HTTP_SEC_FETCH_SITE": "same-origin", "HTTP_ORIGIN": "https://evil.example"}, False),
        ({"HTTP_ORIGIN": "null"}, False),
    ],
)
def test_only_posts_from_this_sites_pages_are_accepted(settings, headers, allowed):
    settings.SITE_URL = "http://127.0.0.1:8000"

    assert is_same_origin_request(post(**headers)) is allowed


def test_the_client_ip_is_remote_addr_unless_proxies_are_trusted(settings):
    request = post(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.5")

    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request) == "10.0.0.2"
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request) == "203.0.113.5"  # Not the client-written 6.6.6.6.


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("status", "times"),
    [
        ("confirmed", {"confirmed_at": None}),
        ("unsubscribed", {"unsubscribed_at": None}),
        ("pending", {"confirmed_at": timezone.now()}),
        ("lapsed", {}),
    ],
    ids=["confirmed-without-proof", "unsubscribed-without-time", "pending-confirmed", "unknown"],
)
def test_the_database_refuses_impossible_subscriber_states(status, times):
    subscriber = SubscriberFactory.unsubscribed()
    Subscriber.objects.filter(pk=subscriber.pk).update(status="pending", confirmed_at=None)

    with pytest.raises(IntegrityError), transaction.atomic():
        Subscriber.objects.filter(pk=subscriber.pk).update(status=status, **times)
