import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from subscriptions.models import Subscriber

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def confirm_link_in(message) -> str:
    return re.search(r"http\S+/newsletter/confirm/\S+/", message.body).group(0)


def test_reader_signs_up_in_place_on_a_term_page_then_confirms_from_the_email(site, page):
    page.goto(f"{site}/terms/open-weight/")
    cta = page.locator(".cta--inline")

    cta.get_by_label("Email address").fill("reader@example.com")
    cta.get_by_role("button", name="Subscribe").click()

    status = cta.get_by_role("status")
    expect(status).to_contain_text("Check your inbox")
    expect(status).to_have_attribute("aria-live", "polite")
    expect(status).to_be_focused()
    expect(cta.get_by_label("Email address")).to_be_hidden()
    assert page.url == f"{site}/terms/open-weight/"  # Never left the term.
    expect(page.locator(".cta--closing").get_by_label("Email address")).to_be_visible()

    [message] = mail.outbox
    assert message.to == ["reader@example.com"]
    page.goto(confirm_link_in(message))
    page.get_by_role("button", name="Confirm subscription").click()

    expect(page.locator("h1")).to_have_text("Welcome to The AI Brief")
    subscriber = Subscriber.objects.get()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    assert subscriber.source == "/terms/open-weight/"
    page.get_by_role("link", name="Back to the page you were reading").click()
    expect(page.locator("h1")).to_have_text("Open weight")


def test_a_typo_is_explained_in_place_and_can_be_corrected(site, page):
    page.goto(f"{site}/terms/open-weight/")
    cta = page.locator(".cta--closing")
    field = cta.get_by_label("Email address")

    field.fill("reader@example")
    cta.get_by_role("button", name="Subscribe").click()

    expect(cta.get_by_role("status")).to_contain_text("doesn’t look like an email address")
    expect(field).to_be_focused()
    expect(field).to_have_attribute("aria-invalid", "true")
    assert not Subscriber.objects.exists()

    field.fill("reader@example.com")
    cta.get_by_role("button", name="Subscribe").click()
    expect(cta.get_by_role("status")).to_contain_text("Check your inbox")


def test_without_javascript_the_form_posts_and_the_result_page_leads_back(site, chromium):
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site}/terms/open-weight/")
    cta = page.locator(".cta--inline")

    cta.get_by_label("Email address").fill("reader@example.com")
    cta.get_by_role("button", name="Subscribe").click()

    expect(page.locator("h1")).to_have_text("Check your inbox")
    page.get_by_role("link", name="Back to the page you were reading").click()
    expect(page.locator("h1")).to_have_text("Open weight")
    assert len(mail.outbox) == 1
    context.close()


def test_a_reader_signs_up_from_a_category_page_and_is_welcomed_by_email(site, page):
    page.goto(f"{site}/categories/business-strategy/")
    cta = page.locator(".cta--inline")
    expect(cta.locator(".cta__pitch")).to_have_text("We cover business & strategy every week.")
    expect(cta.get_by_role("heading")).to_have_text(
        "Get the 5 AI stories that matter — free, every Friday"
    )

    cta.get_by_label("Email address").fill("reader@example.com")
    cta.get_by_role("button", name="Subscribe").click()
    expect(cta.get_by_role("status")).to_contain_text("Check your inbox")
    assert page.url == f"{site}/categories/business-strategy/"

    [confirmation] = mail.outbox
    assert confirmation.subject == "Confirm your subscription to The AI Brief"
    page.goto(confirm_link_in(confirmation))
    page.get_by_role("button", name="Confirm subscription").click()
    expect(page.locator("h1")).to_have_text("Welcome to The AI Brief")

    [_, welcome] = mail.outbox
    assert welcome.to == ["reader@example.com"]
    assert welcome.subject == "Welcome to The AI Brief"
    assert Subscriber.objects.get().source == "/categories/business-strategy/"
