"""The admin home: each role's dashboard, what its panels say, and what they cost."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from subscriptions.models import Subscriber
from terms import workflow
from terms.models import Term
from tests.factories import CategoryFactory, TermFactory, UserFactory, edit, publish, unpublish
from tests.hostile import MARKUP, read_html
from tests.pages import queries_for

pytestmark = pytest.mark.django_db

DASHBOARD = "/admin/"


def card(html: str, key: str) -> str:
    """The HTML of one dashboard card."""
    start = html.rindex("<article", 0, html.index(f'id="panel-{key}"'))
    return html[start : html.index("</article>", start)]


def panels_of(html: str) -> set[str]:
    return set(re.findall(r'<article class="desk-card[^"]*" id="panel-([a-z-]+)"', html))


def counts(client, *keys: str) -> dict[str, int]:
    """The headline number of each named card, as a fresh load of the dashboard shows it."""
    html = client.get(DASHBOARD).content.decode()
    found = {}
    for key in keys:
        match = re.search(r'<span class="desk-count">(\d+)</span>', card(html, key))
        found[key] = int(match.group(1))
    return found


def draft_by(user, title, **kwargs) -> Term:
    return TermFactory(title=title, status=Term.Status.DRAFT, author=user, **kwargs)


def submit(term, user):
    return workflow.perform(term, workflow.Action.SUBMIT, by=user)


# --- What each role sees ------------------------------------------------------------------


def test_a_writer_sees_their_own_work_and_no_editors_or_newsletter_panels(client, writer, editor):
    asked = draft_by(writer, "Tokenizer")
    submit(asked, writer)
    workflow.perform(
        asked,
        workflow.Action.REQUEST_CHANGES,
        by=editor,
        comment="Explain byte-pair encoding\nwith an example.",
    )
    draft_by(writer, "Embedding")
    submit(draft_by(writer, "Attention"), writer)
    draft_by(editor, "Someone else's draft")

    client.force_login(writer)
    html = client.get(DASHBOARD).content.decode()

    assert panels_of(html) == {"changes-requested", "my-drafts", "my-submissions"}
    requested = card(html, "changes-requested")
    assert "Tokenizer" in requested
    # The editor's comment, in full and with its line break, and who wrote it.
    assert "Explain byte-pair encoding<br>with an example." in requested
    assert "eddie-editor" in requested
    assert "desk-card--attention" in requested
    drafts = card(html, "my-drafts")
    assert "Embedding" in drafts
    assert "Tokenizer" not in drafts  # Listed once, where it needs the writer.
    assert "Someone else" not in drafts
    assert "Attention" in card(html, "my-submissions")
    assert "Signups" not in html


def test_an_editor_sees_review_publishing_health_newsletter_and_their_own_work(
    client, editor, writer
):
    submit(draft_by(writer, "Waiting term"), writer)
    soon = TermFactory(title="Soon live", status=Term.Status.DRAFT)
    go_live = timezone.now() + timedelta(days=2)
    submit(soon, writer)
    workflow.perform(soon, workflow.Action.APPROVE, by=editor, go_live_at=go_live)
    TermFactory(title="Fresh term")
    Subscriber.objects.create(
        email="reader@example.com",
        signed_up_at=timezone.now(),
        source="/terms/fresh-term/",
        consent_text="Yes",
    )

    client.force_login(editor)
    html = client.get(DASHBOARD).content.decode()

    assert {
        "awaiting-review",
        "scheduled",
        "recently-published",
        "broken-links",
        "stale",
        "orphans",
        "incomplete",
        "newsletter",
        "changes-requested",
        "my-drafts",
        "my-submissions",
    } <= panels_of(html)
    # Editors' sections come first, their own work last.
    assert html.index("Review and publishing") < html.index("Editorial health")
    assert html.index("Newsletter") < html.index("Your work")
    waiting = card(html, "awaiting-review")
    assert "Waiting term" in waiting
    assert "by wendy-writer" in waiting
    assert reverse("admin:terms_terminreview_changelist") in waiting
    scheduled = card(html, "scheduled")
    assert "Soon live" in scheduled
    assert f'datetime="{go_live:%Y-%m-%dT%H:%M:%S}' in scheduled
    assert "UTC" in scheduled  # The zone the editor reads times in, named.
    assert "Fresh term" in card(html, "recently-published")
    newsletter, _ = read_html(card(html, "newsletter"))
    assert "Signups, last 7 days 1" in " ".join(newsletter.split())
    assert "/terms/fresh-term/" in newsletter


def test_scheduled_times_are_shown_in_the_editors_time_zone(client, editor, writer):
    from terms.models import EditorPreference

    EditorPreference.objects.create(user=editor, time_zone="America/New_York")
    term = draft_by(writer, "Night shift")
    submit(term, writer)
    go_live = timezone.now().replace(microsecond=0) + timedelta(days=3)
    go_live = go_live.replace(hour=15, minute=30, second=0)
    workflow.perform(term, workflow.Action.APPROVE, by=editor, go_live_at=go_live)
    client.force_login(editor)
    scheduled = card(client.get(DASHBOARD).content.decode(), "scheduled")
    assert "10:30 a.m. EST" in scheduled


def test_writers_without_newsletter_permission_never_see_subscriber_numbers(client, writer):
    client.force_login(writer)
    assert "newsletter" not in panels_of(client.get(DASHBOARD).content.decode())


def test_empty_panels_say_so_in_words(client, editor):
    client.force_login(editor)
    html = client.get(DASHBOARD).content.decode()

    assert "The review queue is empty." in card(html, "awaiting-review")
    assert "Nothing is scheduled to go live." in card(html, "scheduled")
    assert "No editor is waiting on you." in card(html, "changes-requested")
    assert "No signups in the last 30 days." in card(html, "newsletter")
    assert "desk-card--empty" in card(html, "awaiting-review")


def test_the_dashboard_needs_staff_login(client):
    response = client.get(DASHBOARD)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_hostile_titles_and_comments_are_text_on_the_dashboard(client, writer, editor):
    category = CategoryFactory()
    for n, payload in enumerate(MARKUP):
        term = draft_by(writer, f"{n} {payload}", category=category)
        submit(term, writer)
        workflow.perform(term, workflow.Action.REQUEST_CHANGES, by=editor, comment=payload)
    client.force_login(writer)
    html = client.get(DASHBOARD).content.decode()

    text, elements = read_html(card(html, "changes-requested"))
    assert not [tag for tag, _ in elements if tag in {"script", "iframe", "svg", "style"}]
    assert not [attrs for _, attrs in elements if any(k.startswith("on") for k, _ in attrs)]
    assert MARKUP[0] in text


# --- Query budgets --------------------------------------------------------------------------


def fill_glossary(writer, editor, rows: int, prefix: str = "A"):
    """``rows`` of every kind a panel lists."""
    category = CategoryFactory()
    for n in range(rows):
        TermFactory(
            title=f"{prefix} Live {n}", category=category, definition=f"[[{prefix} missing {n}]]"
        )
        draft_by(writer, f"{prefix} Draft {n}", category=category)
        submitted = draft_by(writer, f"{prefix} Submitted {n}", category=category)
        submit(submitted, writer)
        asked = draft_by(writer, f"{prefix} Asked {n}", category=category)
        submit(asked, writer)
        workflow.perform(asked, workflow.Action.REQUEST_CHANGES, by=editor, comment="More.")
        scheduled = draft_by(writer, f"{prefix} Scheduled {n}", category=category)
        submit(scheduled, writer)
        workflow.perform(
            scheduled,
            workflow.Action.APPROVE,
            by=editor,
            go_live_at=timezone.now() + timedelta(days=n + 1),
        )
        stale = TermFactory(title=f"{prefix} Stale {n}", category=category)
        Term.objects.filter(pk=stale.pk).update(
            review_by=timezone.localdate() - timedelta(days=1), owner=writer
        )
        Subscriber.objects.create(
            email=f"{prefix}{n}@example.com",
            signed_up_at=timezone.now(),
            source=f"/terms/live-{n}/",
            consent_text="Yes",
        )


@pytest.mark.parametrize("role", ["writer", "editor"])
def test_the_dashboard_costs_the_same_queries_at_many_rows(
    client, writer, editor, role, django_assert_max_num_queries
):
    user = {"writer": writer, "editor": editor}[role]
    client.force_login(user)
    fill_glossary(writer, editor, 2)
    few = queries_for(client, DASHBOARD)
    fill_glossary(writer, editor, 30, prefix="B")
    many = queries_for(client, DASHBOARD)

    assert many <= few
    budget = {"writer": 15, "editor": 40}[role]
    with django_assert_max_num_queries(budget):
        html = client.get(DASHBOARD).content.decode()
    assert "(5 more)" not in html  # Counts are counts, not rows shown: 30+ of each here.
    assert ">30<" in html or ">31<" in html or ">32<" in html


def test_each_panel_provider_costs_a_fixed_number_of_queries(
    rf, writer, editor, django_assert_max_num_queries
):
    from subscriptions.dashboard import newsletter_panels
    from terms.dashboard import health_panels, my_work_panels, review_panels

    fill_glossary(writer, editor, 25)
    request = rf.get(DASHBOARD)
    request.user = editor
    budgets = {my_work_panels: 8, review_panels: 9, health_panels: 7, newsletter_panels: 2}
    for provider, budget in budgets.items():
        with django_assert_max_num_queries(budget):
            panels = provider(request)
        assert panels


def test_a_user_in_both_roles_gets_one_dashboard_with_both():
    user = UserFactory(username="both", is_staff=True)
    user.groups.add(*Group.objects.filter(name__in=["Writer", "Editor"]))
    from django.test import Client

    client = Client()
    client.force_login(user)
    html = client.get(DASHBOARD).content.decode()
    assert html.count('id="panel-my-drafts"') == 1
    assert 'id="panel-awaiting-review"' in html


def test_a_draft_edited_by_a_writer_counts_as_theirs(client, writer, editor):
    live = TermFactory(title="Shared term", author=editor)
    live.last_editor = writer
    edit(live, status=Term.Status.DRAFT)
    client.force_login(writer)
    assert "Shared term" in card(client.get(DASHBOARD).content.decode(), "my-drafts")


def test_publishing_and_unpublishing_show_in_the_health_counts_on_the_next_load(client, editor):
    elsewhere = TermFactory(title="Elsewhere")
    spoke = TermFactory(title="Spoke", related=[elsewhere], tags=["x"])
    TermFactory(title="Other spoke")
    hub = TermFactory(title="Hub", definition="See [[Spoke]] and [[Other spoke]].")
    client.force_login(editor)
    cards = ("orphans", "broken-links", "incomplete")
    # Nothing leads to Hub; the rest but Spoke lack related terms and tags.
    assert counts(client, *cards) == {"orphans": 1, "broken-links": 0, "incomplete": 3}

    # Hub's live text now links to a term readers cannot see, and nothing live leads to
    # Elsewhere (Spoke listed it as related).
    unpublish(spoke)
    assert counts(client, *cards) == {"orphans": 2, "broken-links": 1, "incomplete": 3}

    publish(spoke)
    assert counts(client, *cards) == {"orphans": 1, "broken-links": 0, "incomplete": 3}

    # Nothing live leads to either spoke any more; Hub is no longer a live term to report.
    unpublish(hub)
    assert counts(client, *cards) == {"orphans": 2, "broken-links": 0, "incomplete": 2}
