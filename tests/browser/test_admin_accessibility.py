"""axe-core on every admin page an editor uses: no critical or serious violation, in light and
dark mode. axe-core is vendored (tests/browser/vendor/README.md), never fetched from a CDN."""

from pathlib import Path

import pytest
from django.core.management import call_command

from terms.models import Term
from tests.browser.test_workflow import log_in, staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text()
BLOCKING = {"critical", "serious"}


def violations(page) -> list[str]:
    """axe's critical and serious violations on the page as it is, one line each."""
    # Evaluated through the DevTools protocol, so the admin's CSP (no inline script) still holds
    # for everything the page itself runs.
    page.evaluate(AXE)
    found = page.evaluate(
        """async () => {
            const result = await axe.run(document, {resultTypes: ["violations"]});
            return result.violations.map((v) => ({
                id: v.id, impact: v.impact,
                nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ")),
            }));
        }"""
    )
    return [
        f"{v['impact']} {v['id']}: {', '.join(v['nodes'])}"
        for v in found
        if v["impact"] in BLOCKING
    ]


@pytest.fixture
def glossary(live_server):
    call_command("load_demo_content")
    term = Term.objects.order_by("pk").first()
    # A term in review, so the review queue has a row.
    Term.objects.filter(pk=term.pk).update(status=Term.Status.IN_REVIEW)
    return live_server.url, term


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_editor_pages_have_no_serious_accessibility_violations(chromium, glossary, scheme):
    base, term = glossary
    staff("eddie", "Editor")
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        log_in(page, base, "eddie")
        pages = {
            "dashboard": "/admin/",
            "term list": "/admin/terms/term/",
            "add form": "/admin/terms/term/add/",
            "change form": f"/admin/terms/term/{term.pk}/change/",
            "review queue": "/admin/terms/terminreview/",
            "category list": "/admin/terms/category/",
        }
        problems = {}
        for name, path in pages.items():
            page.goto(base + path)
            page.wait_for_load_state("networkidle")
            found = violations(page)
            if found:
                problems[name] = found
        assert problems == {}
    finally:
        context.close()


def test_change_form_with_an_open_autocomplete_and_added_rows(page, glossary):
    """Rows added in the browser and an open autocomplete list have names too."""
    base, term = glossary
    staff("eddie", "Editor")
    log_in(page, base, "eddie")
    page.goto(f"{base}/admin/terms/term/{term.pk}/change/")
    page.wait_for_load_state("networkidle")
    page.locator("#aliases-group .add-row a").click()
    page.locator("#related_links-group .add-row a").click()
    page.locator(
        "#related_links-group tr.form-row:not(.empty-form) .select2-selection"
    ).last.click()
    page.locator(".select2-search__field").wait_for()

    assert violations(page) == []
