"""What is live when: each publication's live interval, at every boundary, with frozen time.

``live()`` is a range test on ``go_live_at <= now < live_until``; these tests pin down how
approvals, schedules, expiry and take-downs write that interval.
"""

import datetime as dt
import importlib

import pytest
import time_machine
from django.apps import apps
from django.utils import timezone

from terms.models import Publication
from tests.factories import TermFactory, edit, publish, unpublish

pytestmark = pytest.mark.django_db

TICK = dt.timedelta(microseconds=1)
START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def live_titles(at) -> list[str]:
    return sorted(Publication.objects.live(at).values_list("title", flat=True))


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


def test_a_scheduled_publication_goes_live_at_its_moment_and_not_a_tick_before(clock):
    term = TermFactory(title="Draft title", status="draft")
    publish(term, go_live_at=START + dt.timedelta(hours=1))

    assert live_titles(START + dt.timedelta(hours=1) - TICK) == []
    assert live_titles(START + dt.timedelta(hours=1)) == ["Draft title"]


def test_an_expiry_ends_the_interval_exactly(clock):
    term = TermFactory(title="Short-lived", status="draft")
    publish(term, expire_at=START + dt.timedelta(days=1))

    assert live_titles(START) == ["Short-lived"]
    assert live_titles(START + dt.timedelta(days=1) - TICK) == ["Short-lived"]
    assert live_titles(START + dt.timedelta(days=1)) == []


def test_a_new_version_takes_over_at_its_go_live_time_with_exactly_one_live(clock):
    term = TermFactory(title="Version one")
    edit(term, title="Version two")
    switch = START + dt.timedelta(hours=3)
    publish(term, go_live_at=switch)

    assert live_titles(switch - TICK) == ["Version one"]
    assert live_titles(switch) == ["Version two"]
    assert Publication.objects.filter(term=term).count() == 2


def test_a_later_approval_replaces_an_earlier_one_still_waiting(clock):
    term = TermFactory(title="Live now")
    edit(term, title="Scheduled first")
    publish(term, go_live_at=START + dt.timedelta(hours=1))
    edit(term, title="Approved last")
    publish(term, go_live_at=START + dt.timedelta(hours=2))

    # The earlier schedule never goes live: the newest approval decides.
    assert live_titles(START + dt.timedelta(hours=1, minutes=30)) == ["Live now"]
    assert live_titles(START + dt.timedelta(hours=2)) == ["Approved last"]
    assert not Publication.objects.filter(title="Scheduled first").exists()


def test_a_later_approval_for_an_earlier_time_also_replaces_the_waiting_one(clock):
    term = TermFactory(title="Live now")
    edit(term, title="Scheduled for tomorrow")
    publish(term, go_live_at=START + dt.timedelta(days=1))
    edit(term, title="Published now")
    publish(term)

    assert live_titles(START) == ["Published now"]
    assert live_titles(START + dt.timedelta(days=2)) == ["Published now"]


def test_an_expiry_before_the_next_version_leaves_a_gap(clock):
    term = TermFactory(title="First", status="draft")
    publish(term, expire_at=START + dt.timedelta(hours=1))
    edit(term, title="Second")
    publish(term, go_live_at=START + dt.timedelta(hours=2))

    assert live_titles(START + dt.timedelta(hours=1) - TICK) == ["First"]
    assert live_titles(START + dt.timedelta(hours=1, minutes=30)) == []
    assert live_titles(START + dt.timedelta(hours=2)) == ["Second"]


def test_a_go_live_time_in_the_past_means_now(clock):
    term = TermFactory(title="Old", status="draft")
    publish(term)
    clock.shift(dt.timedelta(hours=1))
    edit(term, title="New")
    publish(term, go_live_at=START - dt.timedelta(days=3))

    assert live_titles(START) == ["Old"]
    assert live_titles(START + dt.timedelta(hours=1) - TICK) == ["Old"]
    assert live_titles(START + dt.timedelta(hours=1)) == ["New"]


def test_taking_down_ends_what_is_live_and_cancels_what_waits(clock):
    term = TermFactory(title="Live")
    edit(term, title="Waiting")
    publish(term, go_live_at=START + dt.timedelta(hours=1))
    clock.shift(dt.timedelta(minutes=10))
    unpublish(term)

    now = timezone.now()
    assert live_titles(now - TICK) == ["Live"]
    assert live_titles(now) == []
    assert live_titles(START + dt.timedelta(days=1)) == []


def test_live_is_a_range_test_not_a_search_for_each_terms_newest():
    sql = str(Publication.objects.live().query).upper()

    assert sql.count("SELECT") == 1


def test_the_migration_records_the_intervals_live_used_to_work_out(clock):
    migration = importlib.import_module("terms.migrations.0014_publication_live_interval")
    superseded = TermFactory(title="Superseded")
    edit(superseded, title="Current")
    publish(superseded)
    expiring = TermFactory(title="Expiring", status="draft")
    publish(expiring, expire_at=START + dt.timedelta(days=1))
    expected = dict(Publication.objects.values_list("pk", "live_until"))
    Publication.objects.update(live_until=None)  # As before the migration.

    migration.record_live_intervals(apps, schema_editor=None)

    assert dict(Publication.objects.values_list("pk", "live_until")) == expected
    assert live_titles(START) == ["Current", "Expiring"]
