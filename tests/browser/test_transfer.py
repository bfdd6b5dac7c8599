"""An editor imports a spreadsheet in a real browser: upload, read the dry run, confirm, see the
result; and downloads an export."""

import os
from pathlib import Path

import pytest

from terms.models import Term
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "a-long-test-password"
# Screenshots go to the test's own folder, or to TRANSFER_SCREENSHOTS (docs/screenshots/ to
# retake the README's): a test run never rewrites tracked files.
SCREENSHOTS_TO = os.environ.get("TRANSFER_SCREENSHOTS")
HEADER = "title,slug,summary,category,tags,aliases,related,definition,why_it_matters,in_practice\n"


def log_in(page, base):
    UserFactory(username="boss", is_staff=True, is_superuser=True)
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", "boss")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{base}/admin/")


def upload(page, base, tmp_path, name, text, *, publish=False):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    page.goto(f"{base}/admin/terms/termimport/add/")
    page.get_by_label("File").set_input_files(str(path))
    if publish:
        page.get_by_label("Publish each term that passes the pre-publish checks").check()
    page.get_by_role("button", name="Run the dry run").click()
    page.wait_for_load_state()


def test_editor_reads_the_dry_run_and_imports(site, page, tmp_path):
    log_in(page, site)
    mixed = HEADER + (
        "Open weight,open-weight,A model whose trained weights anyone can download.,"
        "business-strategy,open source | weights,Open-weight model,weights,"
        "Open weights are **published**.,Anyone can run them.,Download and run.\n"
        "Speculative decoding,,A small model drafts tokens a large one checks.,"
        "deployment-operations,inference,,Open weight,Drafts then [[Transformer]] checks.,"
        "Faster answers.,Used by serving stacks.\n"
        ",,No title here,nowhere,,,,,,\n"
        'Leaky,,=HYPERLINK("http://evil.example"),foundations,,,,,,\n'
    )
    upload(page, site, tmp_path, "glossary.csv", mixed)
    assert page.locator(".transfer-status").inner_text() == "Dry run ready"
    assert "Errors: 2" in page.locator(".transfer-filters").inner_text()
    table = page.locator(".transfer-table").last
    assert "The title is missing." in table.inner_text()
    assert "spreadsheet would run it as a formula" in table.inner_text()
    assert page.locator(".transfer-diff del").count() >= 1
    assert page.get_by_role("button", name="Confirm the import").count() == 0
    shots = Path(SCREENSHOTS_TO or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=str(shots / "import-dry-run-desktop.png"), full_page=True)

    clean = HEADER + "\n".join(mixed.splitlines()[1:3]) + "\n"
    upload(page, site, tmp_path, "clean.csv", clean, publish=True)
    assert "Changed: 1" in page.locator(".transfer-filters").inner_text()
    assert "New: 1" in page.locator(".transfer-filters").inner_text()
    page.get_by_role("button", name="Confirm the import").click()
    page.wait_for_load_state()
    assert page.locator(".transfer-status").inner_text() == "Imported"
    assert "1 term created, 1 updated" in page.locator(".transfer-result").inner_text()
    page.screenshot(path=str(shots / "import-done-desktop.png"), full_page=True)
    assert Term.objects.get(slug="speculative-decoding").status == Term.Status.PUBLISHED
    page.goto(f"{site}/terms/open-weight/")
    assert "Open weights are published." in page.locator("main").inner_text()


def test_editor_downloads_an_export(site, page):
    log_in(page, site)
    page.goto(f"{site}/admin/terms/termimport/export/")
    page.get_by_label("CSV").check()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download").click()
    path = download.value.path()
    assert download.value.suggested_filename.endswith(".csv")
    assert Path(path).read_bytes().startswith(b"\xef\xbb\xbftitle,slug,summary")
