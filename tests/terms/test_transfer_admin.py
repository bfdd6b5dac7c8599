"""Import and export in the admin: upload, the dry-run page, confirm once, the real task worker,
progress, permissions, downloads, and the query budget of the pages."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from terms.models import Term, TermImport
from terms.transfer import jobs
from tests.factories import CategoryFactory, TermFactory, UserFactory
from tests.hostile import MARKUP, elements_in
from tests.terms.transfer_files import csv_file, json_file, term_entry

pytestmark = pytest.mark.django_db
ADD = reverse("admin:terms_termimport_add")
LIST = reverse("admin:terms_termimport_changelist")
EXPORT = reverse("admin:terms_termimport_export")
DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture(autouse=True)
def _worker_queue(settings):
    settings.TASKS = DATABASE


@pytest.fixture
def category():
    return CategoryFactory(name="Foundations", slug="foundations")


@pytest.fixture
def boss():
    """An editor who can do everything, for tests outside a transaction (where the Editor
    group, made by a migration, is gone after the first flush)."""
    return UserFactory(username="boss", is_staff=True, is_superuser=True)


# The worker checks its connection between tasks; PostgreSQL closes one left inside a test's
# transaction, so tests that run it commit for real.
WORKER = pytest.mark.django_db(transaction=True)


def run_worker():
    """Run the database task worker until no task is ready, as `manage.py db_worker` does."""
    call_command(
        "db_worker", batch=True, startup_delay=False, reload=False, interval=0, verbosity=0
    )


def upload(client, data: bytes, name="glossary.json", mode="drafts", format_name=""):
    response = client.post(
        ADD, {"file": SimpleUploadedFile(name, data), "mode": mode, "format": format_name}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return TermImport.objects.latest("pk"), response["Location"]


@WORKER
def test_editor_uploads_reads_the_dry_run_confirms_and_the_worker_imports(client, boss, category):
    TermFactory(title="Existing", slug="existing", category=category, summary="Old words.")
    client.force_login(boss)
    data = json_file(
        [
            term_entry("Existing", "foundations", slug="existing", summary="New words."),
            term_entry("Fresh", "foundations"),
        ]
    )
    job, location = upload(client, data, mode="publish")
    page = client.get(location).content.decode()
    assert "Dry run ready" in page
    assert "New: 1" in page
    assert "Changed: 1" in page
    assert "<del>Old</del>" in page
    assert "<ins>New</ins>" in page
    assert "Confirm the import" in page

    response = client.post(reverse("admin:terms_termimport_confirm", args=[job.pk]))
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == TermImport.Status.QUEUED
    waiting = client.get(location).content.decode()
    assert "Waiting for the task worker" in waiting
    assert '<meta http-equiv="refresh" content="3">' in waiting

    run_worker()
    job.refresh_from_db()
    assert job.status == TermImport.Status.DONE, job.error
    done = client.get(location).content.decode()
    assert "1 term created, 1 updated" in done
    assert "2 published." in done
    assert Term.objects.get(slug="fresh").status == Term.Status.PUBLISHED
    assert "New words." in client.get("/terms/existing/").content.decode()


@WORKER
def test_confirming_twice_imports_once(client, boss, category):
    client.force_login(boss)
    job, _location = upload(client, json_file([term_entry("Once", "foundations")]))
    confirm = reverse("admin:terms_termimport_confirm", args=[job.pk])
    client.post(confirm)
    response = client.post(confirm, follow=True)
    assert "cannot be confirmed: it is waiting for the worker" in response.content.decode()
    assert DBTaskResult.objects.count() == 1
    run_worker()
    assert Term.objects.filter(slug="once").count() == 1


@WORKER
def test_a_stale_dry_run_is_refused_and_can_be_run_again(client, boss, category):
    target = TermFactory(title="Target", slug="target", category=category)
    client.force_login(boss)
    data = json_file([term_entry("Target", "foundations", slug="target", summary="File.")])
    job, location = upload(client, data)
    Term.objects.filter(pk=target.pk).update(version=target.version + 1)
    client.post(reverse("admin:terms_termimport_confirm", args=[job.pk]))
    run_worker()
    job.refresh_from_db()
    assert job.status == TermImport.Status.STALE
    page = client.get(location).content.decode()
    assert "The glossary changed after the dry run" in page
    assert "Run the dry run again" in page
    client.post(reverse("admin:terms_termimport_plan_again", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == TermImport.Status.PLANNED
    client.post(reverse("admin:terms_termimport_confirm", args=[job.pk]))
    run_worker()
    job.refresh_from_db()
    assert job.status == TermImport.Status.DONE
    target.refresh_from_db()
    assert target.summary == "File."


def test_errors_block_confirming(client, editor, category):
    client.force_login(editor)
    job, location = upload(client, json_file([term_entry("Bad", "nowhere")]))
    page = client.get(location).content.decode()
    assert "Unknown category “nowhere”" in page
    assert "The dry run found errors: fix the file and upload it again." in page
    client.post(reverse("admin:terms_termimport_confirm", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == TermImport.Status.PLANNED


def test_a_refused_file_says_why(client, editor):
    client.force_login(editor)
    _job, location = upload(client, b"title\r\n\xc3\x28\r\n", name="bad.csv")
    page = client.get(location).content.decode()
    assert "The file was refused." in page
    assert "the byte at offset 7 (line 2) is 0xc3" in page


def test_writers_import_drafts_only_and_only_their_own_dry_runs(client, writer, editor, category):
    client.force_login(writer)
    form = client.get(ADD).content.decode()
    assert "Publish each term" not in form
    response = client.post(
        ADD,
        {
            "file": SimpleUploadedFile("g.json", json_file([term_entry("W", "foundations")])),
            "mode": "publish",
        },
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    job, _ = upload(client, json_file([term_entry("W", "foundations")]))
    # Someone else cannot confirm it.
    client.force_login(editor)
    response = client.post(reverse("admin:terms_termimport_confirm", args=[job.pk]), follow=True)
    assert "Only the person who ran this dry run can confirm it." in response.content.decode()
    job.refresh_from_db()
    assert job.status == TermImport.Status.PLANNED


def test_staff_without_the_permission_get_nothing(client, category):
    clerk = UserFactory(username="clerk", is_staff=True)
    client.force_login(clerk)
    assert client.get(ADD).status_code == 403
    assert client.get(EXPORT).status_code == 403
    assert client.get(LIST).status_code == 403
    client.logout()
    assert client.get(ADD).status_code == 302


def test_an_upload_over_the_cap_is_refused_by_the_form(client, editor, settings):
    settings.TRANSFER_MAX_UPLOAD_BYTES = 100
    client.force_login(editor)
    response = client.post(ADD, {"file": SimpleUploadedFile("big.csv", b"title\r\n" + b"x" * 200)})
    assert response.status_code == 200
    assert "an import takes at most 100 bytes" in response.content.decode()
    assert not TermImport.objects.exists()


@pytest.mark.parametrize(
    ("format_name", "content_type", "extension"),
    [
        ("csv", "text/csv", "csv"),
        ("json", "application/json", "json"),
        ("markdown", "application/zip", "zip"),
    ],
)
def test_export_downloads(client, editor, category, format_name, content_type, extension):
    TermFactory(title="Exported", category=category)
    client.force_login(editor)
    response = client.post(EXPORT, {"format": format_name, "source": "live"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    assert response["Content-Disposition"].startswith('attachment; filename="glossary-live-')
    assert response["Content-Disposition"].endswith(f'.{extension}"')
    assert len(response.content) > 100


def test_hostile_strings_are_shown_as_text_on_the_dry_run_page(client, editor, category):
    client.force_login(editor)
    entries = [
        term_entry(f"Hostile {n} {payload}", "foundations", summary=payload, definition=payload)
        for n, payload in enumerate(MARKUP)
    ]
    job, location = upload(client, json_file(entries))
    page = client.get(location).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    elements = elements_in(page)
    assert not [name for name, _ in elements if name in {"iframe", "style", "img"}]
    assert not [
        attrs for name, attrs in elements if name == "script" and not dict(attrs).get("src")
    ]
    assert not [a for _, attrs in elements for a, _ in attrs if a.startswith("on")]
    assert job.plan["counts"]["new"] == len(MARKUP)


def test_list_and_dry_run_pages_are_query_budgeted(
    client, editor, category, django_assert_max_num_queries
):
    client.force_login(editor)
    data = csv_file([term_entry(f"Term {n}", "foundations") for n in range(300)])
    for _ in range(30):
        job = jobs.plan_upload(
            data, filename="many.csv", format_name="csv", mode="drafts", user=editor
        )
    with django_assert_max_num_queries(12):
        assert client.get(LIST).status_code == 200
    with django_assert_max_num_queries(12):
        page = client.get(reverse("admin:terms_termimport_change", args=[job.pk]))
    assert page.status_code == 200
    assert "Page 1 of 3" in page.content.decode()


def test_an_import_whose_account_is_gone_is_refused(editor, category):
    job = jobs.plan_upload(
        json_file([term_entry("Orphaned", "foundations")]),
        filename="g.json",
        format_name="json",
        mode="drafts",
        user=editor,
    )
    TermImport.objects.filter(pk=job.pk).update(status=TermImport.Status.QUEUED)
    editor.delete()
    assert jobs.run(job.pk) == TermImport.Status.STALE
    job.refresh_from_db()
    assert job.error == "The account that confirmed this import no longer exists."
    assert not Term.objects.filter(slug="orphaned").exists()
