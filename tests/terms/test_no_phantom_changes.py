"""A save that changes nothing changes nothing: no version, no status change, no "changed"."""

import pytest
from django.urls import reverse
from reversion.models import Version

from terms.models import Term
from tests.factories import TermFactory
from tests.terms.conftest import admin_post_data

pytestmark = pytest.mark.django_db

MULTILINE = "First paragraph.\n\nSecond paragraph, with a list:\n\n- one\n- two"


def crlf(text: str) -> str:
    """What a browser sends for a text area."""
    return text.replace("\n", "\r\n")


def live_term():
    term = TermFactory(
        title="Gradient descent",
        tags=["optimisation", "training"],
        aliases=["GD"],
        definition=MULTILINE,
        in_practice=MULTILINE,
    )
    return Term.objects.get(pk=term.pk)


def post_form(client, term, **changes):
    data = admin_post_data(term, **changes)
    for name in ("definition", "why_it_matters", "in_practice"):
        data[name] = crlf(data[name])
    return client.post(reverse("admin:terms_term_change", args=[term.pk]), data, follow=True)


def test_saving_a_live_term_unchanged_writes_nothing(client, editor):
    term = live_term()
    versions_before = Version.objects.get_for_object(term).count()
    client.force_login(editor)

    response = post_form(client, term)

    stored = Term.objects.get(pk=term.pk)
    assert stored.version == term.version
    assert stored.status == Term.Status.PUBLISHED
    assert stored.updated_at == term.updated_at
    assert stored.live_state().label == "Published"
    assert not stored.has_unpublished_changes
    assert Version.objects.get_for_object(term).count() == versions_before
    messages = [str(m) for m in response.context["messages"]]
    assert messages == ["You changed nothing in “Gradient descent”, so nothing was saved."]


def test_a_real_change_is_saved_with_lf_line_endings_and_staged(client, editor):
    term = live_term()
    client.force_login(editor)

    post_form(client, term, why_it_matters="It is how\nmost models learn.")

    stored = Term.objects.get(pk=term.pk)
    assert stored.version == term.version + 1
    assert stored.why_it_matters == "It is how\nmost models learn."
    assert stored.definition == MULTILINE  # not rewritten with CR
    assert stored.live_state().label == "Published — unpublished changes"


def test_history_names_only_what_the_editor_changed(client, editor):
    term = live_term()
    client.force_login(editor)

    post_form(client, term, summary="A new one-line summary.")

    comment = Version.objects.get_for_object(term).first().revision.get_comment()
    assert "Summary" in comment
    assert "xpected" not in comment
    assert "Definition" not in comment  # sent with CRLF, stored with LF: unchanged
    history = client.get(reverse("admin:terms_term_history", args=[term.pk])).content.decode()
    assert "xpected version" not in history


def test_the_comparison_after_a_crlf_save_shows_only_the_real_change(client, editor):
    term = live_term()
    client.force_login(editor)
    post_form(client, term, summary="Another summary.")

    page = client.get(
        reverse("admin:terms_term_compare", args=[term.pk]), {"from": "live", "to": "working"}
    )

    changed = [diff.label for diff in page.context["diffs"] if diff.changed]
    assert changed == ["Summary"]


def test_a_writers_unchanged_save_of_a_draft_is_also_a_no_op(client, writer):
    term = TermFactory(title="Draft only", status=Term.Status.DRAFT, definition=MULTILINE)
    term = Term.objects.get(pk=term.pk)
    client.force_login(writer)

    post_form(client, term)

    assert Term.objects.get(pk=term.pk).version == term.version
