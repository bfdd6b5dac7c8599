import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_type_ahead_picks_a_term_with_the_keyboard(live_server, page):
    call_command("load_demo_content")
    page.goto(f"{live_server.url}/")

    box = page.locator("#home-search")
    box.fill("transfo")
    listbox = page.locator("#" + box.get_attribute("aria-controls"))
    listbox.locator("[role=option]").first.wait_for()

    assert box.get_attribute("aria-expanded") == "true"
    assert listbox.locator("[role=option]").first.inner_text().startswith("Transformer")
    box.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant") == listbox.locator(
        "[role=option]"
    ).first.get_attribute("id")
    box.press("Enter")

    page.wait_for_url(f"{live_server.url}/terms/transformer/")
    assert page.locator("h1").inner_text() == "Transformer"


def test_escape_closes_the_suggestions_and_the_plain_form_still_searches(live_server, page):
    call_command("load_demo_content")
    page.goto(f"{live_server.url}/")
    box = page.locator("#home-search")
    box.fill("embed")
    page.locator("[role=option]").first.wait_for()

    box.press("Escape")
    assert box.get_attribute("aria-expanded") == "false"
    box.press("Enter")

    page.wait_for_url("**/search/?q=embed")
    assert "Embeddings" in page.locator(".search-results").inner_text()


def test_hovering_a_wiki_link_shows_a_preview_card(live_server, page):
    call_command("load_demo_content")
    page.goto(f"{live_server.url}/terms/open-weight/")
    link = page.locator(".prose a.wiki-link", has_text="Weights").first
    before = page.locator("main").bounding_box()

    link.hover()
    card = page.locator("#term-preview")
    card.wait_for(state="visible")

    assert card.locator("strong").inner_text() == "Weights"
    assert link.get_attribute("aria-describedby") == "term-preview"
    assert page.locator("main").bounding_box() == before
    link.focus()
    page.keyboard.press("Escape")
    assert card.is_hidden()
