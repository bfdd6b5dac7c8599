"""The newsletter in the admin: who sees subscribers, the CSV export, the report, the copy."""

import csv
import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from subscriptions.models import SignupCopy, Subscriber
from tests.factories import CategoryFactory, TermFactory, UserFactory
from tests.subscriptions.factories import SubscriberFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:subscriptions_subscriber_changelist")
REPORT = reverse("admin:subscriptions_subscriber_report")
COPY = reverse("admin:subscriptions_signupcopy_change", args=[1])


def staff_in(group_name, client, username, **extra_permissions):
    user = UserFactory(username=username, is_staff=True)
    user.groups.add(Group.objects.get_or_create(name=group_name)[0])
    user.user_permissions.add(*Permission.objects.filter(**extra_permissions))
    client.force_login(user)
    return client


@pytest.fixture
def editor(client):
    return staff_in("Editor", client, "editor", pk__in=[])


@pytest.fixture
def writer(client):
    # Whatever the Writer group holds, a writer may also work on every term; nothing here.
    return staff_in("Writer", client, "writer", content_type__app_label="terms")


def export(client, *subscribers):
    return client.post(
        CHANGELIST,
        {
            "action": "export_confirmed_csv",
            "_selected_action": [subscriber.pk for subscriber in subscribers],
        },
    )


def rows_of(response):
    return list(csv.reader(io.StringIO(response.content.decode())))


# --- Permissions ------------------------------------------------------------------------------


def test_writers_cannot_see_subscribers_anywhere_in_the_admin(writer):
    SubscriberFactory(email="private@example.com")

    index = writer.get(reverse("admin:index"))
    assert index.status_code == 200
    assert b"Subscribers" not in index.content
    for url in (
        CHANGELIST,
        REPORT,
        reverse("admin:subscriptions_subscriber_change", args=[Subscriber.objects.get().pk]),
    ):
        assert writer.get(url).status_code == 403, url
    assert export(writer, Subscriber.objects.get()).status_code == 403


def test_the_editor_group_has_the_newsletter_permissions_and_writers_none():
    editor = set(
        Group.objects.get(name="Editor")
        .permissions.filter(content_type__app_label="subscriptions")
        .values_list("codename", flat=True)
    )
    writer, _ = Group.objects.get_or_create(name="Writer")

    assert {
        "view_subscriber",
        "change_subscriber",
        "delete_subscriber",
        "export_subscriber",
        "change_signupcopy",
    } <= editor
    assert "add_subscriber" not in editor
    assert not writer.permissions.filter(content_type__app_label="subscriptions").exists()


def test_editors_see_the_list_with_status_source_dates_and_counts(editor):
    SubscriberFactory(email="pending@example.com", source="/terms/weights/")
    SubscriberFactory.confirmed(email="confirmed@example.com")
    SubscriberFactory.confirmed(email="also@example.com")
    SubscriberFactory.unsubscribed(email="left@example.com")

    response = editor.get(CHANGELIST)

    html = response.content.decode()
    assert "pending@example.com" in html
    assert "/terms/weights/" in html
    assert "<strong>1</strong> pending confirmation" in html
    assert "<strong>2</strong> confirmed" in html
    assert "<strong>1</strong> unsubscribed" in html
    for column in ("Status", "Source", "Created at", "Confirmed at", "Unsubscribed at"):
        assert column in html


def test_editors_can_search_and_filter(editor):
    SubscriberFactory.confirmed(email="alice@example.com")
    SubscriberFactory(email="bob@example.com")

    found = editor.get(CHANGELIST, {"q": "alice"}).content.decode()
    confirmed = editor.get(CHANGELIST, {"status__exact": "confirmed"}).content.decode()

    assert "alice@example.com" in found
    assert "bob@example.com" not in found
    assert "alice@example.com" in confirmed
    assert "bob@example.com" not in confirmed


def test_nobody_adds_subscribers_by_hand(client):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))

    assert client.get(reverse("admin:subscriptions_subscriber_add")).status_code == 403


def test_the_consent_record_is_read_only(editor):
    subscriber = SubscriberFactory.confirmed(email="reader@example.com")
    url = reverse("admin:subscriptions_subscriber_change", args=[subscriber.pk])

    editor.post(url, {"email": "someone-else@example.com", "status": "pending"})

    subscriber.refresh_from_db()
    assert subscriber.email == "reader@example.com"
    assert subscriber.status == Subscriber.Status.CONFIRMED


def test_editors_can_unsubscribe_someone_who_asks_by_email(editor):
    subscriber = SubscriberFactory.confirmed()

    editor.post(CHANGELIST, {"action": "unsubscribe_selected", "_selected_action": [subscriber.pk]})

    assert Subscriber.objects.get().status == Subscriber.Status.UNSUBSCRIBED


# --- CSV export -------------------------------------------------------------------------------


def test_the_csv_export_lists_confirmed_subscribers_only(editor):
    confirmed = SubscriberFactory.confirmed(email="yes@example.com", source="/terms/weights/")
    pending = SubscriberFactory(email="pending@example.com")
    left = SubscriberFactory.unsubscribed(email="left@example.com")

    response = export(editor, confirmed, pending, left)

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="newsletter-confirmed-')
    assert rows_of(response) == [
        ["email", "confirmed_at", "source"],
        ["yes@example.com", confirmed.confirmed_at.isoformat(), "/terms/weights/"],
    ]


def test_a_formula_looking_address_is_neutralised_in_the_csv(editor):
    formula = SubscriberFactory.confirmed(email="=cmd|'/Ccalc'!A0@example.com")
    plus = SubscriberFactory.confirmed(email="+1-2@example.com")
    at = SubscriberFactory.confirmed(email="@SUM(1)@example.com")

    rows = rows_of(export(editor, formula, plus, at))

    assert sorted(row[0] for row in rows[1:]) == [
        "'+1-2@example.com",
        "'=cmd|'/Ccalc'!A0@example.com",
        "'@SUM(1)@example.com",
    ]


def test_exporting_needs_the_export_permission(client):
    user = UserFactory(username="viewer", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_subscriber"))
    client.force_login(user)
    subscriber = SubscriberFactory.confirmed()

    page = client.get(CHANGELIST).content.decode()
    response = export(client, subscriber)

    assert "export_confirmed_csv" not in page
    assert response["Content-Type"].startswith("text/html")  # The list again, no file.
    assert "Content-Disposition" not in response


# --- Report per page --------------------------------------------------------------------------


def test_the_report_counts_signups_and_confirmations_per_term_page(editor):
    for _ in range(3):
        SubscriberFactory(source="/terms/open-weight/")
    SubscriberFactory.confirmed(source="/terms/open-weight/")
    SubscriberFactory.unsubscribed(source="/terms/weights/")  # Confirmed once, then left.
    SubscriberFactory.confirmed(source="/terms/weights/")

    response = editor.get(REPORT)

    html = response.content.decode()
    assert response.status_code == 200
    open_weight = html.index('<a href="/terms/open-weight/">')
    weights = html.index('<a href="/terms/weights/">')
    assert open_weight < weights  # Most signups first.
    row = html[open_weight : html.index("</tr>", open_weight)]
    assert [cell.split("<")[0] for cell in row.split("<td>")[1:]] == ["4", "1", "25%", "1"]
    row = html[weights : html.index("</tr>", weights)]
    assert [cell.split("<")[0] for cell in row.split("<td>")[1:]] == ["2", "2", "100%", "1"]


# --- The call to action's copy ----------------------------------------------------------------


def test_editors_change_the_call_to_action_and_term_pages_show_it(editor, client):
    category = CategoryFactory(name="Business & Strategy")
    term = TermFactory(category=category)

    response = editor.post(
        COPY,
        copy_form(
            headline="One AI idea a week",
            line="Short and plain.",
            button_label="Sign me up",
            closing_headline="Still here?",
            closing_line="Then you will like it.",
        ),
    )
    assert response.status_code == 302

    client.logout()
    page = client.get(term.get_absolute_url()).content.decode()
    assert page.count("One AI idea a week") == 1  # The inline box ...
    assert page.count("Still here?") == 1  # ... and the closing box have their own copy.
    assert page.count("Short and plain.") == 1
    assert page.count(">Sign me up</button>") == 2
    assert "We cover business &amp; strategy every week." in page


def test_the_copy_form_explains_an_unknown_placeholder_and_keeps_what_was_typed(editor):
    response = editor.post(COPY, copy_form(headline="Get {offr} now"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Unknown placeholder {offr}" in html
    assert 'value="Get {offr} now"' in html
    assert SignupCopy.objects.get().headline == "Get {offer}"


def test_a_paid_offer_warns_about_copy_that_still_says_free(editor):
    response = editor.post(COPY, copy_form(is_free=False), follow=True)

    messages = [str(message) for message in response.context["messages"]]
    assert any(
        "still say “free”" in message and "closing sub-line" in message for message in messages
    )
    assert SignupCopy.objects.get().is_free is False


def copy_form(**changes) -> dict:
    """The copy's admin form as an editor would send it, with ``changes``."""
    copy = SignupCopy.objects.get()
    data = {}
    for field in SignupCopy._meta.concrete_fields:
        if field.primary_key:
            continue
        value = changes.get(field.name, getattr(copy, field.name))
        if isinstance(value, bool):
            if value:
                data[field.name] = "on"
        else:
            data[field.name] = value
    return data


def test_the_copy_is_one_row_that_cannot_be_added_or_deleted(editor):
    assert editor.get(reverse("admin:subscriptions_signupcopy_changelist"))["Location"] == COPY
    assert editor.get(reverse("admin:subscriptions_signupcopy_add")).status_code == 403
    assert editor.get(reverse("admin:subscriptions_signupcopy_delete", args=[1])).status_code == 403
    assert SignupCopy.objects.count() == 1


def test_writers_cannot_edit_the_copy(writer):
    assert writer.get(COPY).status_code == 403
