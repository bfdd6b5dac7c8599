"""Editorial health: review dates, and the reports of stale, orphan and incomplete terms and
broken links, as an editor reads them in the admin, at a fixed cost."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from terms import health, workflow
from terms.models import Term
from tests.factories import CategoryFactory, TermFactory, UserFactory, edit, publish
from tests.pages import page_html, queries_for
from tests.terms.conftest import save_in_admin

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 12, 3, 14, 0, tzinfo=dt.UTC)
STALE = reverse("admin:terms_staleterm_changelist")
ORPHANS = reverse("admin:terms_orphanterm_changelist")
INCOMPLETE = reverse("admin:terms_incompleteterm_changelist")
BROKEN = reverse("admin:terms_brokenlinkterm_changelist")


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


# --- Review dates -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (dt.date(2026, 12, 3), 12, dt.date(2027, 12, 3)),
        (dt.date(2027, 1, 31), 1, dt.date(2027, 2, 28)),
        (dt.date(2028, 1, 31), 1, dt.date(2028, 2, 29)),
        (dt.date(2026, 11, 30), 3, dt.date(2027, 2, 28)),
        (dt.date(2026, 5, 15), 0, dt.date(2026, 5, 15)),
    ],
)
def test_months_are_calendar_months(day, months, expected):
    assert health.add_months(day, months) == expected


def test_publishing_sets_the_review_date_from_settings(clock, settings):
    settings.TERM_REVIEW_MONTHS = 6
    term = TermFactory()
    assert Term.objects.get(pk=term.pk).review_by == dt.date(2027, 6, 3)


def test_a_later_review_date_an_editor_chose_survives_publishing(clock):
    term = TermFactory(status=Term.Status.DRAFT)
    Term.objects.filter(pk=term.pk).update(review_by=dt.date(2030, 1, 1))
    publish(Term.objects.get(pk=term.pk))
    assert Term.objects.get(pk=term.pk).review_by == dt.date(2030, 1, 1)


def test_republishing_a_stale_term_starts_its_review_date_again(clock):
    term = TermFactory()
    Term.objects.filter(pk=term.pk).update(review_by=dt.date(2026, 1, 1))
    assert term.pk in health.stale_terms().values_list("pk", flat=True)

    edit(Term.objects.get(pk=term.pk), summary="Reviewed and brought up to date.")
    publish(Term.objects.get(pk=term.pk))

    assert Term.objects.get(pk=term.pk).review_by == dt.date(2027, 12, 3)
    assert not health.stale_terms().exists()


def test_editors_set_owner_and_review_date_and_writers_only_read_them(client, editor, writer):
    term = TermFactory(title="Owned term", status=Term.Status.DRAFT)
    client.force_login(editor)
    saved = save_in_admin(client, term, owner=writer.pk, review_by="2027-03-01")
    assert saved.owner == writer
    assert saved.review_by == dt.date(2027, 3, 1)

    client.force_login(writer)
    form = page_html(client, reverse("admin:terms_term_change", args=[term.pk]))
    assert 'name="review_by"' not in form
    assert "March 1, 2027" in form or "Mar. 1, 2027" in form
    # A writer's save (which cannot post them) leaves both alone.
    saved = save_in_admin(client, saved, owner="", review_by="")
    assert saved.owner == writer
    assert saved.review_by == dt.date(2027, 3, 1)


def test_only_staff_can_be_owners(client, editor):
    reader = UserFactory(username="not-staff", is_staff=False)
    term = TermFactory(status=Term.Status.DRAFT)
    client.force_login(editor)
    form = page_html(client, reverse("admin:terms_term_change", args=[term.pk]))
    assert "not-staff" not in form
    response = client.post(
        reverse("admin:terms_term_change", args=[term.pk]),
        {**_post(term), "owner": reader.pk},
    )
    assert response.status_code == 200  # The form is shown again with the error.
    assert Term.objects.get(pk=term.pk).owner is None


def _post(term):
    from tests.terms.conftest import admin_post_data

    return admin_post_data(Term.objects.get(pk=term.pk))


# --- Stale terms ------------------------------------------------------------------------------


def test_the_stale_report_lists_overdue_live_terms_by_owner(clock, client, editor, writer):
    ada = UserFactory(username="ada", is_staff=True)
    overdue = {"Old A": (ada, 40), "Old B": (writer, 3), "Old C": (None, 400)}
    for title, (owner, days) in overdue.items():
        term = TermFactory(title=title)
        Term.objects.filter(pk=term.pk).update(
            owner=owner, review_by=NOW.date() - dt.timedelta(days=days)
        )
    TermFactory(title="Fresh")  # review date a year ahead
    draft = TermFactory(title="Stale draft", status=Term.Status.DRAFT)
    Term.objects.filter(pk=draft.pk).update(review_by=dt.date(2020, 1, 1))

    client.force_login(editor)
    html = page_html(client, STALE)

    assert "Fresh" not in html
    assert "Stale draft" not in html  # Only what readers see can be stale.
    assert html.index(">ada<") < html.index("Old A") < html.index(">wendy-writer<")
    assert "40 days" in html
    assert "400 days" in html
    assert "No owner" in html
    only_ada = page_html(client, STALE, {"owner__id__exact": ada.pk})
    assert "Old A" in only_ada
    assert "Old B" not in only_ada


def test_the_dashboard_counts_overdue_terms_per_owner_with_links(clock, client, editor, writer):
    for n in range(3):
        term = TermFactory(title=f"Due {n}")
        Term.objects.filter(pk=term.pk).update(owner=writer, review_by=dt.date(2026, 1, 1))
    client.force_login(editor)
    html = page_html(client, "/admin/")
    card = html[html.index('id="panel-stale"') :][:3000]
    assert "wendy-writer" in card
    assert f"{STALE}?owner__id__exact={writer.pk}" in card
    assert ">3<" in card


# --- Orphans ----------------------------------------------------------------------------------


def test_orphans_are_live_terms_no_other_live_term_leads_to():
    target = TermFactory(title="Linked by text", tags=["nlp"])
    TermFactory(title="Linker", definition="See [[Linked by text]].", tags=["nlp"])
    related_target = TermFactory(title="Related target")
    TermFactory(title="Relater", related=[related_target])
    only_draft_links = TermFactory(title="Only a draft links here", tags=["nlp"])
    TermFactory(
        title="Draft linker", status=Term.Status.DRAFT, definition="[[Only a draft links here]]"
    )
    self_linker = TermFactory(title="Self", definition="[[Self]]")
    TermFactory(title="Not live", status=Term.Status.DRAFT)

    orphans = set(health.orphan_terms().values_list("title", flat=True))

    assert target.title not in orphans
    assert related_target.title not in orphans
    assert only_draft_links.title in orphans
    assert self_linker.title in orphans
    assert "Not live" not in orphans


def test_the_orphan_report_suggests_terms_sharing_tags(client, editor):
    TermFactory(title="Orphan", tags=["vision", "cnn"])
    TermFactory(title="Best neighbour", tags=["vision", "cnn"])
    TermFactory(title="Good neighbour", tags=["vision"])
    TermFactory(title="Stranger", tags=["audio"])
    TermFactory(title="Untagged orphan")

    client.force_login(editor)
    html = page_html(client, ORPHANS)
    row = html[html.index('">Orphan</a></td><td class="field-category') :].split("</tr>", 1)[0]
    assert row.index("Best neighbour") < row.index("Good neighbour")
    assert "Stranger" not in row
    assert "No live term shares its tags" in html


# --- Incomplete and broken --------------------------------------------------------------------


def test_terms_without_related_terms_or_tags_are_listed_until_someone_adds_them(client, editor):
    complete_other = TermFactory(title="Other")
    TermFactory(title="Complete", tags=["x"], related=[complete_other])
    TermFactory(title="No tags", related=[complete_other])
    bare = TermFactory(title="Bare")

    listed = set(health.incomplete_terms().values_list("title", flat=True))
    assert {"No tags", "Bare"} <= listed
    assert "Complete" not in listed

    edit(bare, status=Term.Status.DRAFT)
    bare.tags.set(["added"])
    client.force_login(editor)
    html = page_html(client, INCOMPLETE)
    row = html[html.index(">Bare<") :].split("</tr>", 1)[0]
    assert 'alt="True"' in row  # Tags now (in the working copy)
    assert 'alt="False"' in row  # still no related terms


def test_broken_links_name_the_link_and_the_reason(client, editor):
    draft_target = TermFactory(title="Draft target", status=Term.Status.DRAFT)
    TermFactory(title="Points nowhere", definition="[[No such term]]", status=Term.Status.DRAFT)
    linker = TermFactory(
        title="Live linker", status=Term.Status.DRAFT, definition="[[Draft target]]"
    )
    workflow.publish_without_review(linker, comment="test")
    TermFactory(title="Healthy", definition="[[Live linker]]")

    client.force_login(editor)
    html = page_html(client, BROKEN)

    assert "[[no such term]]" in html
    assert "points to no term" in html
    assert "“Draft target”" in html
    assert "readers cannot see it" in html
    assert ">Healthy<" not in html
    publish(draft_target)
    assert "Draft target" not in page_html(client, BROKEN)


# --- Costs ------------------------------------------------------------------------------------


def fill(rows: int, prefix: str):
    category = CategoryFactory()
    for n in range(rows):
        term = TermFactory(
            title=f"{prefix} {n}",
            category=category,
            tags=[f"{prefix}-tag"],
            definition=f"[[{prefix} gone {n}]] [[{prefix} draft {n}]]",
        )
        Term.objects.filter(pk=term.pk).update(review_by=dt.date(2020, 1, 1))
        TermFactory(title=f"{prefix} draft {n}", category=category, status=Term.Status.DRAFT)


@pytest.mark.parametrize("report", [STALE, ORPHANS, INCOMPLETE, BROKEN])
def test_each_report_costs_the_same_queries_at_many_rows(
    client, editor, report, django_assert_max_num_queries
):
    client.force_login(editor)
    fill(3, "Few")
    few = queries_for(client, report)
    fill(60, "Many")
    many = queries_for(client, report)

    # The orphan report asks for suggestions row by row, at most a page (25) of them.
    allowance = 25 - 3 if report == ORPHANS else 0
    assert many <= few + allowance
    with django_assert_max_num_queries(45 if report == ORPHANS else 20):
        client.get(report)


def test_writers_may_read_reports_and_readers_may_not(client, writer):
    client.force_login(writer)
    assert client.get(STALE).status_code == 200
    client.logout()
    assert client.get(STALE).status_code == 302
