"""The admin home in a real browser: an editor's and a writer's dashboard over the demo
glossary, its links, and how it looks at 1280 px (screenshots saved for the README when
DESK_SCREENSHOTS names a folder)."""

import datetime as dt
import importlib
import os
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.utils import timezone

from subscriptions.models import Subscriber
from terms import workflow
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


def shoot(page, name, tmp_path):
    folder = Path(os.environ.get("DESK_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / name), full_page=True)


@pytest.fixture
def desk(site):
    """The demo glossary with a day's editorial work in it."""
    writer = staff("wendy", "Writer")
    editor = staff("eddie", "Editor")
    Action = workflow.Action

    def draft(title, **kwargs):
        return TermFactory(
            title=title,
            slug=title.lower().replace(" ", "-"),
            status=Term.Status.DRAFT,
            author=writer,
            tags=["demo"],
            **kwargs,
        )

    asked = draft("Speculative decoding")
    workflow.perform(asked, Action.SUBMIT, by=writer)
    workflow.perform(
        asked,
        Action.REQUEST_CHANGES,
        by=editor,
        comment="Lovely start. Please add a worked example with a draft and a target model, "
        "and link [[Large language model]].",
    )
    for title in ("Sparse autoencoder", "Model merging"):
        workflow.perform(draft(title), Action.SUBMIT, by=writer)
    draft("Attention sink", definition="See [[Sink token]].")
    later = draft("Constitutional AI")
    workflow.perform(later, Action.SUBMIT, by=writer)
    workflow.perform(
        later, Action.APPROVE, by=editor, go_live_at=timezone.now() + dt.timedelta(days=2)
    )
    stale = Term.objects.exclude(publications=None).order_by("title")[:3]
    Term.objects.filter(pk__in=[term.pk for term in stale]).update(
        owner=writer, review_by=timezone.localdate() - dt.timedelta(days=20)
    )
    for n, source in enumerate(["/terms/open-weight/", "/terms/open-weight/", "/newsletter/"]):
        Subscriber.objects.create(
            email=f"reader{n}@example.com",
            signed_up_at=timezone.now(),
            source=source,
            consent_text="Yes",
        )
    return {"writer": writer, "editor": editor}


def test_an_editor_starts_the_day_from_the_dashboard(page, desk, site, tmp_path):
    log_in(page, site, "eddie")

    sections = page.locator(".desk-section__title").all_inner_texts()
    assert sections[:4] == ["Review and publishing", "Editorial health", "Newsletter", "Your work"]
    waiting = page.locator("#panel-awaiting-review")
    assert waiting.locator(".desk-count").inner_text() == "2"
    assert "Sparse autoencoder" in waiting.inner_text()
    assert "Constitutional AI" in page.locator("#panel-scheduled").inner_text()
    assert page.locator("#panel-stale .desk-count").inner_text() == "3"
    assert "Signups, last 7 days" in page.locator("#panel-newsletter").inner_text()
    # Nothing overflows its card at 1280 px.
    assert page.evaluate(
        "[...document.querySelectorAll('.desk-card')]"
        ".every(card => card.scrollWidth <= card.clientWidth + 1)"
    )
    shoot(page, "dashboard-editor-desktop.png", tmp_path)

    page.get_by_role("link", name="Open the review queue").click()
    page.wait_for_load_state()
    assert "/admin/terms/terminreview/" in page.url

    page.goto(f"{site}/admin/")
    page.locator("#panel-stale").get_by_role("link", name=re.compile("wendy")).click()
    page.wait_for_load_state()
    assert page.locator("#result_list tbody tr").count() == 3


def test_a_writer_sees_what_an_editor_asked_for_first(page, desk, site, tmp_path):
    log_in(page, site, "wendy")

    assert page.locator(".desk-section__title").all_inner_texts() == [
        "Your work",
        "Everything in the admin",
    ]
    asked = page.locator("#panel-changes-requested")
    assert "Please add a worked example" in asked.locator("blockquote").inner_text()
    assert "eddie" in asked.inner_text()
    assert page.locator("#panel-newsletter").count() == 0
    assert page.locator("#panel-awaiting-review").count() == 0
    # Keyboard: the first card's first link is reachable and visibly focused.
    link = asked.get_by_role("link", name="Speculative decoding")
    link.focus()
    assert page.evaluate("document.activeElement.textContent") == "Speculative decoding"
    shoot(page, "dashboard-writer-desktop.png", tmp_path)

    link.click()
    page.wait_for_load_state()
    assert page.locator(".workflow-status").inner_text().startswith("Draft")
