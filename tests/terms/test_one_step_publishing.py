"""Editors publish their own edits in one step; a scheduled publication can be moved or
cancelled while the live version stays live. Writers can do none of it."""

import datetime as dt
from html.parser import HTMLParser

import pytest
import time_machine
from django.urls import reverse

from terms.models import Publication, Term, Transition
from tests.factories import TermFactory, edit
from tests.terms.conftest import save_in_admin

pytestmark = pytest.mark.django_db

Status = Term.Status
NOW = dt.datetime(2026, 12, 3, 14, 0, tzinfo=dt.UTC)


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def people(writer, editor, superuser):
    return {"writer": writer, "editor": editor, "superuser": superuser}


def post_action(client, term, action, **data):
    return client.post(
        reverse("admin:terms_term_transition", args=[term.pk]),
        {"action": action, "expected_version": Term.objects.get(pk=term.pk).version, **data},
        follow=True,
    )


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def live_title(slug, client):
    page = client.get(f"/terms/{slug}/")
    if page.status_code != 200:
        return None
    return page.content.decode().split("<h1", 1)[1].split(">", 1)[1].split("<", 1)[0]


def live_term_with_staged_edit(title="Tokenizer", new_title="Tokeniser"):
    term = TermFactory(title=title, slug=title.lower(), tags=["ready"])
    edit(term, title=new_title, status=Status.DRAFT)
    return term


def scheduled_change(editor, go_live_at):
    """A live term whose edit is approved to go live at ``go_live_at``."""
    from terms import workflow

    term = live_term_with_staged_edit()
    workflow.perform(term, workflow.Action.PUBLISH, by=editor, go_live_at=go_live_at)
    return term


LOCAL = "%Y-%m-%dT%H:%M"  # the site's zone is UTC in tests, as an editor without a preference


@pytest.mark.parametrize("who", ["writer", "editor", "superuser"])
def test_publish_now_on_a_draft(client, people, who):
    term = TermFactory(title="Mixture of experts", status=Status.DRAFT, tags=["ready"])
    client.force_login(people[who])

    response = post_action(client, term, "publish:now")

    if who == "writer":
        assert messages_of(response) == ["You are not allowed to publish terms."]
        assert not Term.objects.get(pk=term.pk).is_live
    else:
        assert messages_of(response) == ["“Mixture of experts” is published: readers see it now."]
        assert Term.objects.get(pk=term.pk).live_state().label == "Published"


@pytest.mark.parametrize("who", ["writer", "editor", "superuser"])
def test_publish_staged_changes_of_a_live_term_at_a_time(client, people, who, clock):
    term = live_term_with_staged_edit()
    client.force_login(people[who])
    at = (NOW + dt.timedelta(hours=1)).strftime(LOCAL)

    post_action(client, term, "publish:later", go_live_at=at)

    client.logout()
    assert live_title("tokenizer", client) == "Tokenizer"
    clock.move_to(NOW + dt.timedelta(hours=1))
    assert live_title("tokenizer", client) == ("Tokenizer" if who == "writer" else "Tokeniser")


@pytest.mark.parametrize("who", ["writer", "editor", "superuser"])
def test_reschedule_keeps_the_live_version_until_the_new_time(client, people, editor, who, clock):
    term = scheduled_change(editor, NOW + dt.timedelta(hours=1))
    client.force_login(people[who])

    response = post_action(
        client,
        term,
        "reschedule:later",
        go_live_at=(NOW + dt.timedelta(hours=3)).strftime(LOCAL),
    )

    client.logout()
    clock.move_to(NOW + dt.timedelta(hours=2))
    if who == "writer":
        assert messages_of(response) == ["You are not allowed to reschedule publications."]
        assert live_title("tokenizer", client) == "Tokeniser"  # moved by nobody
        return
    assert messages_of(response) == [
        "“Tokeniser” is rescheduled to go live Dec. 3, 2026, 5 p.m. UTC."
    ]
    assert live_title("tokenizer", client) == "Tokenizer"
    clock.move_to(NOW + dt.timedelta(hours=3))
    assert live_title("tokenizer", client) == "Tokeniser"


@pytest.mark.parametrize("who", ["writer", "editor", "superuser"])
def test_cancel_a_scheduled_publication_without_unpublishing(client, people, editor, who, clock):
    term = scheduled_change(editor, NOW + dt.timedelta(hours=1))
    client.force_login(people[who])

    response = post_action(client, term, "cancel_schedule")

    client.logout()
    clock.move_to(NOW + dt.timedelta(days=1))
    if who == "writer":
        assert messages_of(response) == ["You are not allowed to cancel scheduled publications."]
        assert live_title("tokenizer", client) == "Tokeniser"
        return
    assert messages_of(response) == [
        "The scheduled publication of “Tokeniser” is cancelled; readers see what they saw before."
    ]
    assert live_title("tokenizer", client) == "Tokenizer"
    stored = Term.objects.get(pk=term.pk)
    # The approved copy is a draft again, staged on the live term.
    assert stored.live_state().label == "Published — unpublished changes"
    assert Publication.objects.filter(term=term).count() == 1


def test_publish_the_scheduled_version_now(client, editor, clock):
    term = scheduled_change(editor, NOW + dt.timedelta(days=2))
    client.force_login(editor)

    post_action(client, term, "reschedule:now")

    client.logout()
    assert live_title("tokenizer", client) == "Tokeniser"


def test_one_step_publish_runs_the_pre_publish_checks(client, editor):
    term = TermFactory(title="Half done", status=Status.DRAFT, summary="")
    client.force_login(editor)

    response = post_action(client, term, "publish:now")

    assert "“Half done” cannot be published yet: The summary is empty." in messages_of(response)
    assert not Publication.objects.filter(term=term).exists()


def test_schedule_without_a_time_is_refused(client, editor):
    term = TermFactory(title="No time", status=Status.DRAFT, tags=["ready"])
    client.force_login(editor)

    response = post_action(client, term, "publish:later", go_live_at="")

    assert messages_of(response) == ["Choose when it should go live, or use “Publish now”."]
    assert not Publication.objects.filter(term=term).exists()


def test_publish_now_ignores_a_time_typed_in_the_schedule_field(client, editor):
    term = TermFactory(title="Right now", status=Status.DRAFT, tags=["ready"])
    client.force_login(editor)

    post_action(client, term, "publish:now", go_live_at="2099-01-01T10:00")

    assert Term.objects.get(pk=term.pk).is_live
    assert Transition.objects.get(term=term).go_live_at is None


def change_page(client, term):
    return client.get(reverse("admin:terms_term_change", args=[term.pk])).content.decode()


def test_buttons_and_time_fields_only_where_they_are_used(client, writer, editor):
    term = TermFactory(title="Quantisation", status=Status.DRAFT, tags=["ready"])

    client.force_login(writer)
    as_writer = change_page(client, term)
    assert 'value="submit"' in as_writer
    assert "publish:now" not in as_writer
    assert 'name="go_live_at"' not in as_writer  # no button of theirs uses it

    client.force_login(editor)
    as_editor = change_page(client, term)
    assert '<button type="submit" name="action" value="publish:now"' in as_editor
    assert ">Schedule</button>" in as_editor
    assert 'name="go_live_at"' in as_editor


def test_a_term_never_live_has_no_view_on_site_nor_compare_with_live(client, editor):
    draft = TermFactory(title="Fresh draft", status=Status.DRAFT)
    live = TermFactory(title="Out there")
    client.force_login(editor)

    assert "View on site" not in change_page(client, draft)
    assert "Compare with live" not in change_page(client, draft)
    assert "View on site" in change_page(client, live)
    assert "Compare with live" in change_page(client, live)


class Ids(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.described, self.labels, self.hidden = [], [], [], set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if attrs.get("aria-describedby"):
            self.described.extend(attrs["aria-describedby"].split())
        if tag == "label" and attrs.get("for"):
            self.labels.append(attrs["for"])
        if tag == "input" and attrs.get("type") == "hidden" and "id" in attrs:
            self.hidden.add(attrs["id"])


def test_the_change_form_has_unique_ids_and_every_reference_resolves(client, editor):
    term = TermFactory(title="Checked", status=Status.DRAFT, tags=["ready"])
    client.force_login(editor)
    parser = Ids()

    parser.feed(change_page(client, term))

    assert parser.ids.count("id_expected_version") == 1
    assert len(parser.ids) == len(set(parser.ids)), "duplicated ids"
    assert not set(parser.described) - set(parser.ids), "aria-describedby to nowhere"
    assert not set(parser.labels) & parser.hidden, "a label for a hidden input"


def test_saving_the_change_form_still_checks_the_version(client, editor):
    term = TermFactory(title="Versioned", status=Status.DRAFT)
    client.force_login(editor)

    saved = save_in_admin(client, term, summary="A new summary.")

    assert saved.summary == "A new summary."


def test_an_empty_review_queue_says_so_in_words(client, editor):
    client.force_login(editor)

    page = client.get(reverse("admin:terms_terminreview_changelist")).content.decode()

    assert "0 review queue" not in page
    assert "Nothing is waiting for review." in page


def test_a_review_queue_counts_terms(client, editor):
    TermFactory(title="Waiting", status=Status.IN_REVIEW)
    client.force_login(editor)

    page = client.get(reverse("admin:terms_terminreview_changelist")).content.decode()

    assert "1 term waiting for review" in page
