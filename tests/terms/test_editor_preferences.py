"""Each editor's preferences: their time zone and email notifications, set on "My preferences"."""

import pytest
from django.urls import reverse

from terms.models import EditorPreference
from tests import hostile

pytestmark = pytest.mark.django_db

MINE = "admin:terms_editorpreference_mine"


def test_a_new_editor_reads_times_in_the_sites_zone_and_gets_emails(writer, settings):
    settings.TIME_ZONE = "Europe/Paris"

    preference = EditorPreference.objects.for_user(writer)

    assert preference.pk is None
    assert preference.time_zone == "Europe/Paris"
    assert preference.email_notifications is True
    assert EditorPreference.objects.time_zone_of(writer) == "Europe/Paris"


def test_every_admin_page_links_to_my_preferences(client, writer):
    client.force_login(writer)

    page = client.get(reverse("admin:index")).content.decode()

    assert f'href="{reverse(MINE)}">My preferences</a>' in page


def test_a_writer_sets_their_own_zone_and_opts_out_of_email(client, writer, editor):
    EditorPreference.objects.create(user=editor, time_zone="Asia/Tokyo")
    client.force_login(writer)

    form = client.get(reverse(MINE)).content.decode()
    assert '<label for="id_time_zone">Time zone:</label>' in form
    assert '<option value="America/New_York">America/New York</option>' in form
    response = client.post(reverse(MINE), {"time_zone": "America/New_York"}, follow=True)

    assert "times are shown in America/New_York" in response.content.decode()
    mine = EditorPreference.objects.get(user=writer)
    assert (mine.time_zone, mine.email_notifications) == ("America/New_York", False)
    # Only one's own row: the editor's is as it was.
    assert EditorPreference.objects.get(user=editor).time_zone == "Asia/Tokyo"
    # Saving again changes the same row, never a second one.
    client.post(reverse(MINE), {"time_zone": "Europe/Berlin", "email_notifications": "on"})
    assert EditorPreference.objects.filter(user=writer).count() == 1
    assert EditorPreference.objects.get(user=writer).email_notifications is True


@pytest.mark.parametrize(
    "zone", ["Mars/Olympus_Mons", "", "../../etc/localtime", "x" * 5000, *hostile.MARKUP[:4]]
)
def test_a_zone_that_does_not_exist_is_refused_and_nothing_is_saved(client, writer, zone):
    client.force_login(writer)

    response = client.post(reverse(MINE), {"time_zone": zone})

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode() or "required" in (
        response.content.decode()
    )
    assert "<script>alert(1)</script>" not in response.content.decode()
    assert not EditorPreference.objects.filter(user=writer).exists()


def test_the_model_refuses_a_zone_name_that_is_only_a_file(writer):
    from django.core.exceptions import ValidationError

    preference = EditorPreference(user=writer, time_zone="../../etc/localtime")
    with pytest.raises(ValidationError):
        preference.full_clean()


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(reverse(MINE))

    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]
