import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reader_follows_a_related_card_from_open_weight_to_weights(site, page):
    page.goto(f"{site}/terms/open-weight/")

    assert page.locator("h1").inner_text() == "Open weight"
    headings = page.locator("article.term h2:not(.visually-hidden)").all_inner_texts()
    assert headings == ["Definition", "Why it matters", "In practice"]
    cards = page.locator(".related .term-card__title").all_inner_texts()
    assert cards == ["Open-source AI", "Weights", "Closed-source AI", "Foundation model"]

    page.locator(".related").get_by_role("link", name="Weights", exact=True).click()

    page.wait_for_url(f"{site}/terms/weights/")
    assert page.locator("h1").inner_text() == "Weights"
    assert page.title().startswith("Weights")


def test_skip_link_is_the_first_stop_and_moves_focus_to_main(site, page):
    page.goto(f"{site}/terms/open-weight/")

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_term_page_fits_a_phone_screen_without_sideways_scrolling(site, chromium):
    context = chromium.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{site}/terms/open-weight/")

    width = page.evaluate("document.documentElement.scrollWidth")

    assert width <= 390
    context.close()
