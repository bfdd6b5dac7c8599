import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group

from terms.models import Term
from tests.factories import TermFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "a-long-test-password"


def staff(username, group):
    if not Group.objects.filter(name=group).exists():
        # Transactional tests start from an empty database: make the roles again.
        roles = importlib.import_module("terms.migrations.0003_roles_and_first_publications")
        roles.create_roles(apps, None)
    user = UserFactory(username=username, is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


def log_in(page, base, username):
    page.context.clear_cookies()
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{base}/admin/")


def test_writer_submits_editor_approves_reader_sees_it(live_server, page):
    staff("wendy", "Writer")
    staff("eddie", "Editor")
    term = TermFactory(
        title="Mixture of experts", slug="mixture-of-experts", status=Term.Status.DRAFT, tags=["x"]
    )
    base = live_server.url
    change_url = f"{base}/admin/terms/term/{term.pk}/change/"

    page.goto(f"{base}/terms/mixture-of-experts/")
    assert page.locator("h1").inner_text() == "We can’t find that page"

    log_in(page, base, "wendy")
    page.goto(change_url)
    assert page.locator(".workflow-status").inner_text() == "Draft"
    page.get_by_role("button", name="Submit for review").click()
    page.wait_for_load_state()
    assert page.locator(".workflow-status").inner_text() == "In review"
    assert page.get_by_role("button", name="Approve and publish").count() == 0

    log_in(page, base, "eddie")
    page.goto(f"{base}/admin/terms/terminreview/")
    page.get_by_role("link", name="Mixture of experts").click()
    page.get_by_role("button", name="Approve and publish").click()
    page.wait_for_load_state()
    assert page.locator(".workflow-status").inner_text() == "Published"

    page.context.clear_cookies()
    page.goto(f"{base}/terms/mixture-of-experts/")
    assert page.locator("h1").inner_text() == "Mixture of experts"
