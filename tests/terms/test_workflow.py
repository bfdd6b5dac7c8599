"""The editorial workflow through the admin, as writers and editors use it."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from terms import workflow
from terms.models import Term, Transition
from tests.factories import CategoryFactory, TermFactory, edit, publish
from tests.terms.conftest import admin_post_data

pytestmark = pytest.mark.django_db

Status = Term.Status


def transition(client, term, action, **data):
    return client.post(
        reverse("admin:terms_term_transition", args=[term.pk]),
        {"action": action, "expected_version": Term.objects.get(pk=term.pk).version, **data},
        follow=True,
    )


def messages_of(response):
    return [str(message) for message in response.context["messages"]] if response.context else []


def ready_draft(**kwargs):
    """A draft that passes every pre-publish check."""
    kwargs.setdefault("status", Status.DRAFT)
    kwargs.setdefault("tags", ["ready"])
    return TermFactory(**kwargs)


def test_writer_submits_editor_approves_and_readers_see_it(client, writer, editor):
    term = ready_draft(title="Diffusion model", slug="diffusion-model")
    assert client.get("/terms/diffusion-model/").status_code == 404

    client.force_login(writer)
    transition(client, term, workflow.Action.SUBMIT)
    assert Term.objects.get(pk=term.pk).status == Status.IN_REVIEW
    assert client.get("/terms/diffusion-model/").status_code == 404

    client.force_login(editor)
    response = transition(client, term, workflow.Action.APPROVE)
    # A sentence saying what happened, not a log line ("Approve and publish: … — done.").
    assert "“Diffusion model” is approved and published: readers see it now." in messages_of(
        response
    )

    client.logout()
    assert client.get("/terms/diffusion-model/").status_code == 200
    log = list(Transition.objects.filter(term=term).order_by("created_at", "pk"))
    assert [(t.user.username, t.from_status, t.to_status) for t in log] == [
        ("wendy-writer", Status.DRAFT, Status.IN_REVIEW),
        ("eddie-editor", Status.IN_REVIEW, Status.PUBLISHED),
    ]


# Who may do what: (role, action, starting status, live?) → allowed?
MATRIX = [
    ("writer", "submit", Status.DRAFT, False, True),
    ("writer", "approve", Status.IN_REVIEW, False, False),
    ("writer", "request_changes", Status.IN_REVIEW, False, False),
    ("writer", "unpublish", Status.PUBLISHED, True, False),
    ("writer", "reopen", Status.ARCHIVED, False, False),
    ("editor", "submit", Status.DRAFT, False, True),
    ("editor", "approve", Status.IN_REVIEW, False, True),
    ("editor", "request_changes", Status.IN_REVIEW, False, True),
    ("editor", "unpublish", Status.PUBLISHED, True, True),
    ("editor", "reopen", Status.ARCHIVED, False, True),
    ("superuser", "approve", Status.IN_REVIEW, False, True),
    ("superuser", "unpublish", Status.PUBLISHED, True, True),
]
TARGET = {
    "submit": Status.IN_REVIEW,
    "approve": Status.PUBLISHED,
    "request_changes": Status.DRAFT,
    "unpublish": Status.ARCHIVED,
    "reopen": Status.DRAFT,
}


@pytest.mark.parametrize(("role", "action", "start", "live", "allowed"), MATRIX)
def test_permission_matrix_is_enforced_on_the_server(
    client, request, role, action, start, live, allowed
):
    term = ready_draft(status=Status.PUBLISHED if live else Status.DRAFT)
    Term.objects.filter(pk=term.pk).update(status=start)
    client.force_login(request.getfixturevalue(role))

    response = transition(client, term, action, comment="Please tighten the summary.")

    status = Term.objects.get(pk=term.pk).status
    if allowed:
        assert status == TARGET[action], messages_of(response)
    else:
        assert status == start
        assert any("not allowed" in message for message in messages_of(response))


@pytest.mark.parametrize("action", list(TARGET))
def test_anonymous_users_cannot_perform_any_transition(client, action):
    term = ready_draft()

    response = client.post(
        reverse("admin:terms_term_transition", args=[term.pk]),
        {"action": action, "expected_version": term.version},
    )

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    assert Term.objects.get(pk=term.pk).status == Status.DRAFT


def test_illegal_transitions_are_refused_with_a_clear_message(client, editor):
    draft = ready_draft(title="Half done")
    client.force_login(editor)

    response = transition(client, draft, workflow.Action.APPROVE)
    assert "“Approve and publish” is not possible for “Half done” while it is draft." in (
        messages_of(response)
    )
    response = transition(client, draft, workflow.Action.UNPUBLISH)
    assert any("not possible" in message for message in messages_of(response))
    assert Term.objects.get(pk=draft.pk).status == Status.DRAFT


def test_requesting_changes_needs_a_comment_which_the_writer_then_sees(client, writer, editor):
    term = ready_draft()
    Term.objects.filter(pk=term.pk).update(status=Status.IN_REVIEW)
    client.force_login(editor)

    response = transition(client, term, workflow.Action.REQUEST_CHANGES, comment="  ")
    assert "Request changes needs a comment for the writer." in messages_of(response)
    transition(client, term, workflow.Action.REQUEST_CHANGES, comment="Add an example.")
    assert Term.objects.get(pk=term.pk).status == Status.DRAFT

    client.force_login(writer)
    page = client.get(reverse("admin:terms_term_change", args=[term.pk])).content.decode()
    assert "Changes requested by eddie-editor" in page
    assert "Add an example." in page


def test_pre_publish_checks_list_every_reason(client, writer):
    term = TermFactory(
        status=Status.DRAFT, summary="", why_it_matters="", definition="See [[Nowhere]]."
    )
    client.force_login(writer)

    response = transition(client, term, workflow.Action.SUBMIT)

    message = " ".join(messages_of(response))
    assert "cannot be submitted yet" in message
    assert "The summary is empty." in message
    assert "The “Why it matters” section is empty." in message
    assert "The wiki link [[nowhere]] points to no term." in message
    assert Term.objects.get(pk=term.pk).status == Status.DRAFT


def test_warnings_are_shown_but_do_not_block(client, editor):
    draft_target = TermFactory(title="Secret", status=Status.DRAFT)
    term = TermFactory(status=Status.DRAFT, definition="See [[Secret]].")
    client.force_login(editor)

    page = client.get(reverse("admin:terms_term_change", args=[term.pk])).content.decode()
    assert "No related terms" in page
    assert "No tags." in page
    assert "points to “Secret”, which is not live" in page

    transition(client, term, workflow.Action.SUBMIT)
    transition(client, term, workflow.Action.APPROVE)
    assert Term.objects.get(pk=term.pk).is_live
    # Publishing the linking term publishes nothing it links to.
    assert not Term.objects.get(pk=draft_target.pk).is_live


def test_editing_a_live_term_is_staged_until_an_editor_publishes_it(client, writer, editor):
    term = TermFactory(title="Tokens", slug="tokens", summary="Old summary.", tags=["t"])
    client.force_login(writer)

    response = client.post(
        reverse("admin:terms_term_change", args=[term.pk]),
        admin_post_data(term, title="Tokenization", slug="tokenization", summary="New summary."),
    )
    assert response.status_code == 302

    client.logout()
    live = client.get("/terms/tokens/").content.decode()
    assert "Old summary." in live
    assert "New summary." not in live
    assert client.get("/terms/tokenization/").status_code == 404
    assert "Tokenization" not in client.get("/terms/").content.decode()

    client.force_login(editor)
    change_page = client.get(reverse("admin:terms_term_change", args=[term.pk])).content.decode()
    assert "Published — unpublished changes" in change_page
    transition(client, term, workflow.Action.SUBMIT)
    transition(client, term, workflow.Action.APPROVE)

    client.logout()
    assert "New summary." in client.get("/terms/tokenization/").content.decode()
    old = client.get("/terms/tokens/")
    assert old.status_code == 301
    assert old["Location"] == "/terms/tokenization/"


def test_staged_aliases_tags_category_and_related_terms_stay_hidden_until_approved(
    client, writer, editor
):
    other = CategoryFactory(name="Other", slug="other")
    neighbour = TermFactory(title="Neighbour", summary="A live neighbour.")
    term = TermFactory(title="Tokens", slug="tokens", tags=["old"])
    client.force_login(writer)
    response = client.post(
        reverse("admin:terms_term_change", args=[term.pk]),
        admin_post_data(
            term,
            category=other.pk,
            tags="old, fresh",
            **{
                "aliases-TOTAL_FORMS": "1",
                "aliases-0-term": term.pk,
                "aliases-0-name": "Toks",
                "aliases-0-slug": "toks",
                "related_links-TOTAL_FORMS": "1",
                "related_links-0-term": term.pk,
                "related_links-0-related": neighbour.pk,
                "related_links-0-position": "0",
            },
        ),
    )
    assert response.status_code == 302
    client.logout()

    def public():
        page = client.get("/terms/tokens/").content.decode()
        return {
            "alias": client.get("/terms/toks/").status_code,
            "tag": client.get("/tags/fresh/").status_code,
            "in category": "Tokens" in client.get("/categories/other/").content.decode(),
            "related card": "A live neighbour." in page,
            "alias on page": "Toks" in page,
        }

    assert public() == {
        "alias": 404,
        "tag": 404,
        "in category": False,
        "related card": False,
        "alias on page": False,
    }
    client.force_login(editor)
    transition(client, term, workflow.Action.SUBMIT)
    transition(client, term, workflow.Action.APPROVE)
    client.logout()
    assert public() == {
        "alias": 301,
        "tag": 200,
        "in category": True,
        "related card": True,
        "alias on page": True,
    }


def test_scheduled_publication_appears_at_its_time_everywhere(client, editor):
    now = timezone.now()
    go_live = now + dt.timedelta(hours=2)
    term = ready_draft(title="Quantization", slug="quantization", tags=["inference"])
    neighbour = TermFactory(related=[term], definition="See [[Quantization]].")
    Term.objects.filter(pk=term.pk).update(status=Status.IN_REVIEW)
    client.force_login(editor)
    local = timezone.localtime(go_live).strftime("%Y-%m-%dT%H:%M")
    transition(client, term, workflow.Action.APPROVE, go_live_at=local)
    client.logout()

    with time_machine.travel(go_live - dt.timedelta(minutes=2), tick=False):
        assert client.get("/terms/quantization/").status_code == 404
        assert "Quantization" not in client.get("/terms/").content.decode()
        assert client.get("/tags/inference/").status_code == 404
        neighbour_page = client.get(neighbour.get_absolute_url()).content.decode()
        assert "/terms/quantization/" not in neighbour_page
        assert ">Quantization</a></h3>" not in neighbour_page
    with time_machine.travel(go_live + dt.timedelta(minutes=1), tick=False):
        assert client.get("/terms/quantization/").status_code == 200
        assert "Quantization" in client.get("/terms/").content.decode()
        assert client.get("/tags/inference/").status_code == 200
        neighbour_page = client.get(neighbour.get_absolute_url()).content.decode()
        assert '<a href="/terms/quantization/" class="wiki-link">Quantization</a>' in neighbour_page
        assert ">Quantization</a></h3>" in neighbour_page


def test_expiry_takes_a_term_down_at_its_time(client, editor):
    expire = timezone.now() + dt.timedelta(days=1)
    term = ready_draft(title="Temporary", slug="temporary")
    Term.objects.filter(pk=term.pk).update(status=Status.IN_REVIEW)
    client.force_login(editor)
    local = timezone.localtime(expire).strftime("%Y-%m-%dT%H:%M")
    transition(client, term, workflow.Action.APPROVE, expire_at=local)
    client.logout()

    assert client.get("/terms/temporary/").status_code == 200
    with time_machine.travel(expire + dt.timedelta(minutes=1), tick=False):
        assert client.get("/terms/temporary/").status_code == 410


def test_unpublished_term_answers_410_and_can_be_reopened(client, editor):
    term = TermFactory(title="Retired idea", slug="retired-idea")
    client.force_login(editor)

    transition(client, term, workflow.Action.UNPUBLISH)
    client.logout()
    gone = client.get("/terms/retired-idea/")
    assert gone.status_code == 410
    assert "This term has been withdrawn" in gone.content.decode()
    assert "Retired idea" not in client.get("/terms/").content.decode()

    client.force_login(editor)
    transition(client, term, workflow.Action.REOPEN)
    assert Term.objects.get(pk=term.pk).status == Status.DRAFT
    assert client.get("/terms/retired-idea/").status_code == 410


def test_editors_see_which_live_terms_link_to_an_unpublished_term(client, editor):
    term = TermFactory(title="Retired idea", slug="retired-idea")
    TermFactory(title="Still live", definition="Compare [[Retired idea]].")
    client.force_login(editor)

    transition(client, term, workflow.Action.UNPUBLISH)
    page = client.get(reverse("admin:terms_term_change", args=[term.pk])).content.decode()

    assert "Linked from:" in page
    assert ">Still live</a>" in page


def test_unpublished_changes_are_listed_and_filtered_without_being_stored(client, editor):
    edited = TermFactory(title="Edited live term")
    TermFactory(title="Untouched live term")
    TermFactory(title="Never published", status=Status.DRAFT)
    expired = TermFactory(title="Expired term")
    client.force_login(editor)
    for term in (edited, expired):
        client.post(
            reverse("admin:terms_term_change", args=[term.pk]),
            admin_post_data(Term.objects.get(pk=term.pk), summary="Changed."),
        )
    # Once a term's publication has expired there is nothing live left to differ from.
    expired.publications.update(
        go_live_at=timezone.now() - dt.timedelta(days=2),
        expire_at=timezone.now() - dt.timedelta(days=1),
        live_until=timezone.now() - dt.timedelta(days=1),
    )

    listed = client.get(reverse("admin:terms_term_changelist"), {"changes": "yes"})

    page = listed.content.decode()
    page = page[page.index('id="result_list"') :]  # The rows, not the "changed" messages.
    assert "Edited live term" in page
    assert "Untouched live term" not in page
    assert "Never published" not in page
    assert "Expired term" not in page
    assert Term.objects.get(pk=edited.pk).has_unpublished_changes
    assert not Term.objects.get(pk=expired.pk).has_unpublished_changes


def test_second_save_of_the_same_version_is_refused_and_keeps_the_input(client, writer, editor):
    term = ready_draft(title="Context window")
    url = reverse("admin:terms_term_change", args=[term.pk])
    stale = admin_post_data(term)

    client.force_login(editor)
    assert client.post(url, admin_post_data(term, summary="Editor's summary.")).status_code == 302

    client.force_login(writer)
    response = client.post(url, {**stale, "summary": "Writer's summary."})

    assert response.status_code == 200
    page = response.content.decode()
    assert "eddie-editor saved this term at" in page
    assert "Writer&#x27;s summary." in page
    assert Term.objects.get(pk=term.pk).summary == "Editor's summary."


def test_the_version_check_is_made_in_the_database_update():
    term = ready_draft()
    mine, theirs = Term.objects.get(pk=term.pk), Term.objects.get(pk=term.pk)
    workflow.claim_version(mine, mine.version)

    # ``theirs`` was loaded at the same version, so nothing in memory tells them apart: only
    # the UPDATE's condition on the stored version refuses the second claim.
    with pytest.raises(workflow.EditConflict):
        workflow.claim_version(theirs, theirs.version)
    assert Term.objects.get(pk=term.pk).version == term.version + 1


def test_bulk_actions_report_per_term_and_respect_checks(client, editor):
    good = ready_draft(title="Good one")
    bad = TermFactory(title="Bad one", status=Status.DRAFT, summary="")
    Term.objects.filter(pk__in=[good.pk, bad.pk]).update(status=Status.IN_REVIEW)
    client.force_login(editor)

    response = client.post(
        reverse("admin:terms_term_changelist"),
        {"action": "publish_selected", "_selected_action": [good.pk, bad.pk]},
        follow=True,
    )

    text = " ".join(messages_of(response))
    assert "Approved and published: “Good one”." in text
    assert "“Bad one” cannot be published yet: The summary is empty." in text
    assert Term.objects.get(pk=good.pk).is_live
    assert not Term.objects.get(pk=bad.pk).is_live


def test_writers_are_not_offered_publishing_actions(client, writer):
    ready_draft()
    client.force_login(writer)

    page = client.get(reverse("admin:terms_term_changelist")).content.decode()

    assert "submit_selected" in page
    assert "publish_selected" not in page


def test_writer_cannot_delete_a_published_term_but_can_delete_a_new_draft(client, writer):
    published = TermFactory(title="Shipped")
    draft = ready_draft(title="Scratch")
    client.force_login(writer)

    refused = client.post(reverse("admin:terms_term_delete", args=[published.pk]), {"post": "yes"})
    allowed = client.post(reverse("admin:terms_term_delete", args=[draft.pk]), {"post": "yes"})

    assert refused.status_code == 403
    assert Term.objects.filter(pk=published.pk).exists()
    assert allowed.status_code == 302
    assert not Term.objects.filter(pk=draft.pk).exists()


def test_writer_cannot_edit_a_term_in_review(client, writer):
    term = ready_draft(title="Under review")
    Term.objects.filter(pk=term.pk).update(status=Status.IN_REVIEW)
    client.force_login(writer)

    response = client.post(
        reverse("admin:terms_term_change", args=[term.pk]), admin_post_data(term, summary="x")
    )

    assert response.status_code == 403
    assert Term.objects.get(pk=term.pk).summary != "x"


def test_review_queue_lists_terms_waiting_newest_submission_first(client, writer, editor):
    first, second = ready_draft(title="First in"), ready_draft(title="Second in")
    ready_draft(title="Still a draft")
    client.force_login(writer)
    transition(client, first, workflow.Action.SUBMIT)
    transition(client, second, workflow.Action.SUBMIT)

    client.force_login(editor)
    page = client.get(reverse("admin:terms_terminreview_changelist")).content.decode()

    assert page.index("Second in") < page.index("First in")
    assert "Still a draft" not in page


def test_admin_lists_do_not_query_per_row(client, editor, django_assert_max_num_queries):
    for n in range(20):
        term = ready_draft(title=f"Row {n}", tags=["a", "b"])
        Term.objects.filter(pk=term.pk).update(status=Status.IN_REVIEW)
    client.force_login(editor)

    # Each one more than the list itself: the editor's time zone (terms.editor_time_zone).
    with django_assert_max_num_queries(15):
        terms = client.get(reverse("admin:terms_term_changelist"))
    with django_assert_max_num_queries(13):
        review = client.get(reverse("admin:terms_terminreview_changelist"))

    for response in (terms, review):
        assert response.status_code == 200
        assert all(f"Row {n}<" in response.content.decode() for n in range(20))


def test_preview_shows_the_working_copy_to_staff_only(client, writer):
    term = TermFactory(title="Live text", slug="live-text", summary="Published summary.")
    Term.objects.filter(pk=term.pk).update(summary="Draft summary in progress.")
    url = reverse("terms:preview", args=[term.pk])

    assert client.get(url).status_code == 404
    client.force_login(writer)
    page = client.get(url).content.decode()
    assert "Draft summary in progress." in page
    assert "Preview</strong> of the working copy" in page
    assert "Published summary." in client.get("/terms/live-text/").content.decode()


def test_publishing_records_the_first_go_live_time():
    term = ready_draft()
    assert term.published_at is None

    publish(term)
    first = Term.objects.get(pk=term.pk).published_at
    publish(edit(Term.objects.get(pk=term.pk), summary="A later version."))

    assert first is not None
    assert Term.objects.get(pk=term.pk).published_at == first
