"""An editor in New York publishes in one step: schedules in their own time, reschedules,
cancels, then publishes now, in a real browser."""

import datetime as dt
import importlib
import zoneinfo

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.utils import timezone

from terms.models import EditorPreference, Publication, Term
from tests.factories import TermFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "a-long-test-password"
NEW_YORK = zoneinfo.ZoneInfo("America/New_York")


def editor_in_new_york():
    if not Group.objects.filter(name="Editor").exists():
        roles = importlib.import_module("terms.migrations.0003_roles_and_first_publications")
        roles.create_roles(apps, None)
    user = UserFactory(username="nora", is_staff=True)
    user.groups.add(Group.objects.get(name="Editor"))
    EditorPreference.objects.create(user=user, time_zone="America/New_York")
    return user


def wall_clock(moment: dt.datetime) -> str:
    """What a datetime-local input holds for ``moment`` on a New York wall clock."""
    return moment.astimezone(NEW_YORK).strftime("%Y-%m-%dT%H:%M")


def flash(page) -> str:
    return page.locator("ul.messagelist li").first.inner_text()


def test_an_editor_schedules_reschedules_cancels_and_publishes_now(live_server, page):
    editor_in_new_york()
    term = TermFactory(
        title="Speculative decoding",
        slug="speculative-decoding",
        status=Term.Status.DRAFT,
        tags=["inference"],
    )
    base = live_server.url
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", "nora")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{base}/admin/")
    page.goto(f"{base}/admin/terms/term/{term.pk}/change/")

    # A draft: no reader page to view, nothing live to compare with.
    assert page.get_by_role("link", name="View on site").count() == 0
    assert page.get_by_role("link", name="Compare with live").count() == 0
    go_live = page.get_by_label("Go live at")
    assert "America/New_York" in page.locator("#workflow_go_live_at_helptext").inner_text()

    # Schedule for an hour ahead, typed on a New York wall clock.
    soon = (timezone.now() + dt.timedelta(hours=1)).replace(second=0, microsecond=0)
    go_live.fill(wall_clock(soon))
    page.get_by_role("button", name="Schedule", exact=True).click()
    page.wait_for_load_state()
    assert "is scheduled to go live" in flash(page)
    assert "EST" in flash(page) or "EDT" in flash(page)
    assert page.locator(".workflow-status").inner_text() == "Scheduled"
    assert Publication.objects.get(term=term).go_live_at == soon

    # Move it a day later: the time field starts from the scheduled time.
    assert page.get_by_label("Go live at").input_value() == wall_clock(soon)
    later = soon + dt.timedelta(days=1)
    page.get_by_label("Go live at").fill(wall_clock(later))
    page.get_by_role("button", name="Reschedule").click()
    page.wait_for_load_state()
    assert "is rescheduled to go live" in flash(page)
    assert Publication.objects.get(term=term).go_live_at == later

    # A time already past is refused, and "Publish now" is offered.
    page.get_by_label("Go live at").fill(wall_clock(timezone.now() - dt.timedelta(hours=2)))
    page.get_by_role("button", name="Reschedule").click()
    page.wait_for_load_state()
    assert "has already passed" in flash(page)
    assert Publication.objects.get(term=term).go_live_at == later

    page.get_by_role("button", name="Cancel the scheduled publication").click()
    page.wait_for_load_state()
    assert page.locator(".workflow-status").inner_text() == "Draft"
    assert not Publication.objects.filter(term=term).exists()

    page.get_by_role("button", name="Publish now").click()
    page.wait_for_load_state()
    assert flash(page) == "“Speculative decoding” is published: readers see it now."
    assert page.locator(".workflow-status").inner_text() == "Published"
    assert page.get_by_role("link", name="View on site").count() == 1

    page.context.clear_cookies()
    page.goto(f"{base}/terms/speculative-decoding/")
    assert page.locator("h1").inner_text() == "Speculative decoding"


def test_the_list_of_terms_fits_beside_the_filters_at_1280_px(live_server, page):
    editor_in_new_york()
    for n in range(12):
        TermFactory(
            title=f"Reinforcement learning from human feedback {n}",
            category__name=f"Models & Architectures {n}",
        )
    edited = TermFactory(title="Staged", tags=["x"])
    edited.summary = "Changed."
    edited.status = Term.Status.DRAFT
    edited.save()
    base = live_server.url
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", "nora")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{base}/admin/")

    page.goto(f"{base}/admin/terms/term/")

    assert page.viewport_size["width"] == 1280
    assert page.locator("#changelist-filter").is_visible()
    overflow = page.evaluate(
        "() => [...document.querySelectorAll('#changelist-form .results, #changelist-form"
        " .actions')].map(e => e.scrollWidth - e.clientWidth)"
    )
    assert overflow == [0, 0], "the list scrolls sideways"
    assert "Published — unpublished changes" in page.locator("#result_list").inner_text()
