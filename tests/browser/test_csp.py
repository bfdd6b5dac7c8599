"""Every interactive feature runs under the Content-Security-Policy without one violation.

Violations are collected two ways, across navigations: the page's `securitypolicyviolation`
events (reported to the test through an exposed function as they happen) and Chromium's console
messages that name the Content Security Policy. Console errors about the Permissions-Policy
header (an unrecognised feature, a malformed list) are collected with them.
"""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from terms.models import Term
from tests.factories import UserFactory, edit, publish

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.reportCspViolation(
    `${event.effectiveDirective} blocked ${event.blockedURI || "inline"}`
    + ` at ${event.sourceFile}:${event.lineNumber} (${event.sample})`
  );
});
"""
TABLE = "| Model | Licence | Weights |\n|:--|:-:|--:|\n| Llama | custom | 70B |\n"


@pytest.fixture
def violations(page):
    seen = []

    def report(violation):
        seen.append(violation)

    def on_console(message):
        if "Content Security Policy" in message.text or "Permissions-Policy" in message.text:
            seen.append(message.text)

    page.expose_function("reportCspViolation", report)
    page.add_init_script(REPORT_VIOLATIONS)
    page.on("console", on_console)
    return seen


def text_align(locator) -> str:
    return locator.evaluate("el => getComputedStyle(el).textAlign")


def test_a_violation_would_be_caught(site, page, violations):
    # The collector and the header both work: an inline style on a reader page is refused.
    page.goto(f"{site}/terms/open-weight/")
    page.evaluate(
        "document.querySelector('main').insertAdjacentHTML("
        "'beforeend', '<p id=styled style=\"color: rgb(255, 0, 0)\">x</p>')"
    )

    expect(page.locator("#styled")).not_to_have_css("color", "rgb(255, 0, 0)")
    for _ in range(50):  # Reports arrive asynchronously.
        if violations:
            break
        page.wait_for_timeout(100)
    assert any("style-src" in violation for violation in violations)


def test_reader_features_work_under_the_policy(site, page, violations):
    term = Term.objects.get(slug="open-weight")
    publish(edit(term, in_practice=f"{term.in_practice}\n\n{TABLE}"))

    page.goto(f"{site}/terms/open-weight/")
    # JSON-LD is a data block: present, and not reported.
    assert page.locator('script[type="application/ld+json"]').count() == 1
    table = page.locator(".prose table")
    assert text_align(table.locator("th").nth(0)) == "left"
    assert text_align(table.locator("th").nth(1)) == "center"
    assert text_align(table.locator("td").nth(2)) == "right"

    # Type-ahead in the header search box.
    box = page.locator("#header-search")
    box.fill("transfo")
    option = page.locator("#" + box.get_attribute("aria-controls")).locator("[role=option]")
    expect(option.first).to_contain_text("Transformer")
    box.press("Escape")

    # A preview card when a wiki link is hovered (positioned by script, through CSSOM).
    page.locator(".prose a.wiki-link", has_text="Weights").first.hover()
    card = page.locator("#term-preview")
    expect(card).to_be_visible()
    expect(card.locator("strong")).to_have_text("Weights")
    page.mouse.move(5, 5)

    # Signing up in place.
    cta = page.locator(".cta--inline")
    cta.get_by_label("Email address").fill("reader@example.com")
    cta.get_by_role("button", name="Subscribe").click()
    expect(cta.get_by_role("status")).to_contain_text("Check your inbox")

    assert violations == []


def editor():
    if not Group.objects.filter(name="Editor").exists():
        # Transactional tests start from an empty database: make the roles again.
        roles = importlib.import_module("terms.migrations.0003_roles_and_first_publications")
        roles.create_roles(apps, None)
    user = UserFactory(username="eddie", is_staff=True)
    user.groups.add(Group.objects.get(name="Editor"))
    return user


def test_the_admin_editor_and_its_live_preview_work_under_the_admin_policy(site, page, violations):
    editor()
    term = Term.objects.get(slug="open-weight")

    page.goto(f"{site}/admin/login/")
    page.fill("#id_username", "eddie")
    page.fill("#id_password", "a-long-test-password")
    page.click("input[type=submit]")
    page.wait_for_url(f"{site}/admin/")
    page.goto(f"{site}/admin/terms/term/{term.pk}/change/")
    expect(page.locator(".workflow-status")).to_be_visible()

    page.locator("#id_definition").fill(f"Weights you can [[Weights|download]].\n\n{TABLE}")

    # The whole term's live preview beside the form (markdownx's own is hidden on this form).
    frame = page.frame_locator(".live-preview__frame")
    preview = frame.locator("#definition").locator("xpath=..")
    expect(preview.locator("table")).to_be_visible()
    expect(preview.locator("a.wiki-link")).to_have_text("download")
    assert text_align(preview.locator("th").nth(1)) == "center"
    assert text_align(preview.locator("td").nth(2)) == "right"

    # Save, so the form's own scripts and the redirect run under the policy too.
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    assert violations == []
