"""Editors type and read times in their own time zone; a go-live time in the past is refused."""

import datetime as dt
import zoneinfo

import pytest
import time_machine
from django.urls import reverse

from terms import workflow
from terms.models import EditorPreference, Publication, Term, Transition
from tests.factories import TermFactory

pytestmark = pytest.mark.django_db

NEW_YORK = zoneinfo.ZoneInfo("America/New_York")
# 14:00 UTC is 9:00 in New York (EST, UTC-5) on this day; the site itself runs on UTC.
NOW = dt.datetime(2026, 12, 3, 14, 0, tzinfo=dt.UTC)


@pytest.fixture
def new_york_editor(editor):
    EditorPreference.objects.create(user=editor, time_zone="America/New_York")
    return editor


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def draft(**kwargs):
    return TermFactory(status=Term.Status.DRAFT, tags=["ready"], **kwargs)


def post_action(client, term, action, **data):
    return client.post(
        reverse("admin:terms_term_transition", args=[term.pk]),
        {"action": action, "expected_version": Term.objects.get(pk=term.pk).version, **data},
        follow=True,
    )


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def test_a_new_york_editor_schedules_ten_minutes_ahead_and_it_goes_live_then(
    client, new_york_editor, clock, settings
):
    settings.TIME_ZONE = "UTC"
    term = draft(title="Sparse attention", slug="sparse-attention")
    client.force_login(new_york_editor)

    # What the browser's datetime-local input sends: 9:10 on the editor's wall clock.
    response = post_action(client, term, "publish:later", go_live_at="2026-12-03T09:10")

    assert messages_of(response) == [
        "“Sparse attention” is scheduled to go live Dec. 3, 2026, 9:10 a.m. EST."
    ]
    assert Publication.objects.get(term=term).go_live_at == NOW + dt.timedelta(minutes=10)
    client.logout()
    clock.move_to(NOW + dt.timedelta(minutes=10) - dt.timedelta(seconds=1))
    assert client.get("/terms/sparse-attention/").status_code == 404
    clock.move_to(NOW + dt.timedelta(minutes=10))
    assert client.get("/terms/sparse-attention/").status_code == 200


def test_a_go_live_time_already_past_is_refused_with_publish_now_offered(
    client, new_york_editor, clock
):
    term = draft(title="Beam search", slug="beam-search")
    client.force_login(new_york_editor)

    # 8:55 in New York is five minutes ago (read as UTC it would be hours ahead).
    response = post_action(client, term, "publish:later", go_live_at="2026-12-03T08:55")

    (message,) = messages_of(response)
    assert "Dec. 3, 2026, 8:55 a.m. EST, has already passed" in message
    assert "nothing was published" in message
    assert "“Publish now”" in message
    assert not Publication.objects.filter(term=term).exists()
    assert Term.objects.get(pk=term.pk).status == Term.Status.DRAFT
    # The offer is there to take, on the same page.
    assert '<button type="submit" name="action" value="publish:now"' in response.content.decode()


def test_a_go_live_time_in_the_current_minute_is_accepted(client, new_york_editor, clock):
    term = draft(title="Top-k", slug="top-k")
    clock.move_to(NOW + dt.timedelta(seconds=40))
    client.force_login(new_york_editor)

    post_action(client, term, "publish:later", go_live_at="2026-12-03T09:00")

    assert Term.objects.get(pk=term.pk).is_live


def test_the_change_page_shows_times_in_the_editors_zone_labelled(client, new_york_editor, clock):
    term = draft(title="Logits", slug="logits")
    workflow.perform(
        term,
        workflow.Action.PUBLISH,
        by=new_york_editor,
        go_live_at=NOW + dt.timedelta(hours=5),
    )
    client.force_login(new_york_editor)

    page = client.get(reverse("admin:terms_term_change", args=[term.pk])).content.decode()

    # The schedule and the log entry, both in New York time and saying so; never "p.m..".
    assert "Scheduled to go live Dec. 3, 2026, 2 p.m. EST." in page
    assert "Goes live <time" in page
    assert "2 p.m. EST</time>" in page
    assert "m.." not in page
    # The inputs say which zone they are read in, through help the input points at.
    assert 'aria-describedby="workflow_go_live_at_helptext"' in page
    assert 'id="workflow_go_live_at_helptext">Your time zone, America/New_York.' in page
    # Rescheduling starts from the time it has, on the editor's wall clock.
    assert 'value="2026-12-03T14:00"' in page


def test_each_editor_reads_the_same_log_entry_in_their_own_zone(client, editor, writer, clock):
    EditorPreference.objects.create(user=writer, time_zone="Asia/Tokyo")
    term = draft(title="Embedding", slug="embedding")
    workflow.perform(
        term, workflow.Action.PUBLISH, by=editor, go_live_at=NOW + dt.timedelta(hours=1)
    )
    entry = Transition.objects.get(term=term)
    assert entry.go_live_at == NOW + dt.timedelta(hours=1)
    assert "Scheduled" not in entry.comment  # a time, not words frozen in one zone
    workflow.perform(term, workflow.Action.CANCEL_SCHEDULE, by=editor)
    client.force_login(writer)

    page = client.get(reverse("admin:terms_term_change", args=[term.pk])).content.decode()

    assert "Dec. 4, 2026, midnight JST" in page  # 15:00 UTC


def test_readers_pages_are_not_in_an_editors_zone(client, new_york_editor, clock):
    TermFactory(title="Perplexity", slug="perplexity")
    client.force_login(new_york_editor)

    page = client.get("/terms/perplexity/").content.decode()

    assert "EST" not in page
