import time

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_type_ahead_picks_a_term_with_the_keyboard(site, page):
    page.goto(f"{site}/")

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

    page.wait_for_url(f"{site}/terms/transformer/")
    assert page.locator("h1").inner_text() == "Transformer"


def test_escape_closes_the_suggestions_and_the_plain_form_still_searches(site, page):
    page.goto(f"{site}/")
    box = page.locator("#home-search")
    box.fill("embed")
    page.locator("[role=option]").first.wait_for()

    box.press("Escape")
    assert box.get_attribute("aria-expanded") == "false"
    box.press("Enter")

    page.wait_for_url("**/search/?q=embed")
    assert "Embeddings" in page.locator(".search-results").inner_text()


def test_hovering_a_wiki_link_shows_a_preview_card(site, page):
    page.goto(f"{site}/terms/open-weight/")
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


def test_the_preview_card_can_be_hovered_and_goes_when_the_pointer_leaves(site, page):
    page.goto(f"{site}/terms/open-weight/")
    link = page.locator(".prose a.wiki-link", has_text="Weights").first
    card = page.locator("#term-preview")

    link.hover()
    card.wait_for(state="visible")
    card.hover()
    page.wait_for_timeout(400)
    assert card.is_visible()

    page.mouse.move(5, 5)
    card.wait_for(state="hidden")


def test_the_preview_card_opens_above_a_link_at_the_bottom_of_the_window(site, page):
    page.set_viewport_size({"width": 1280, "height": 480})
    page.goto(f"{site}/terms/open-weight/")
    link = page.locator(".prose a.wiki-link", has_text="Weights").first
    link.evaluate(
        "el => window.scrollTo({top: scrollY + el.getBoundingClientRect().bottom - innerHeight + 4,"
        " behavior: 'instant'})"
    )

    link.hover()
    card = page.locator("#term-preview")
    card.wait_for(state="visible")

    assert card.bounding_box()["y"] + card.bounding_box()["height"] <= link.bounding_box()["y"]
    assert card.bounding_box()["y"] >= 0


def test_a_failed_request_leaves_no_stale_suggestions(site, page):
    page.goto(f"{site}/")
    box = page.locator("#home-search")
    box.fill("transfo")
    listbox = page.locator("#" + box.get_attribute("aria-controls"))
    listbox.locator("[role=option]").first.wait_for()

    page.route(
        lambda url: "/search/suggest/" in url, lambda route: route.fulfill(status=500, body="down")
    )
    box.press_sequentially("rmer x")

    listbox.wait_for(state="hidden")
    assert box.get_attribute("aria-expanded") == "false"
    assert listbox.locator("[role=option]").count() == 0


def test_the_search_page_box_suggests_too_and_the_header_box_is_readable(site, page):
    page.goto(f"{site}/search/?q=model")

    page.locator("#page-search").fill("embd")  # a typo in a prefix is forgiven
    option = page.locator("[role=option]", has_text="Embeddings").first
    option.wait_for()
    page.locator("#page-search").press("ArrowDown")

    assert option.get_attribute("aria-selected") == "true"
    # The search page has one box: its own, not the header's.
    assert page.locator("input[type=search]").count() == 1
    # Elsewhere, light text on the dark header field, not the body's dark ink.
    page.goto(f"{site}/terms/open-weight/")
    assert page.locator("#header-search").evaluate("el => getComputedStyle(el).color") == (
        "rgb(255, 255, 255)"
    )


READER_AGENT = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0 Safari/537.36"
)


def test_a_correction_is_shown_and_opening_a_result_is_counted(site, chromium):
    from terms.models import SearchLogEntry

    context = chromium.new_context(viewport={"width": 1280, "height": 900}, user_agent=READER_AGENT)
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        page.goto(f"{site}/search/?q=what+is+a+trasnformer")
        notice = page.locator(".search-correction")
        assert notice.inner_text().startswith("Showing results for what is a transformer.")

        page.locator(".search-result__title a").first.click()
        page.wait_for_url("**/terms/transformer/")
    finally:
        context.close()

    entry = SearchLogEntry.objects.get(query="what is a trasnformer")
    for _ in range(50):  # the beacon is sent as the page unloads
        entry.refresh_from_db()
        if entry.opened:
            break
        time.sleep(0.1)
    assert (entry.searches, entry.opened) == (1, 1)
    assert entry.results >= 1


def test_a_mistyped_term_address_offers_the_term(site, page):
    response = page.goto(f"{site}/terms/retrieval-augmentd-generation/")

    assert response.status == 404
    page.locator(".did-you-mean a", has_text="Retrieval-augmented generation").click()
    page.wait_for_url("**/terms/retrieval-augmented-generation/")


def test_keyboard_focus_alone_opens_a_preview(site, page):
    page.goto(f"{site}/terms/open-weight/")
    link = page.locator(".prose a.wiki-link", has_text="Weights").first

    link.focus()

    page.locator("#term-preview").wait_for(state="visible")
    assert link.get_attribute("aria-describedby") == "term-preview"


def test_on_a_touch_screen_wiki_links_are_plain_links(site, chromium):
    context = chromium.new_context(
        viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True
    )
    page = context.new_page()
    page.goto(f"{site}/terms/open-weight/")
    link = page.locator(".prose a.wiki-link", has_text="Weights").first

    link.tap()

    page.wait_for_url(f"{site}/terms/weights/")
    assert page.locator("#term-preview").count() == 0
    context.close()


def test_screen_readers_hear_how_many_suggestions_there_are(site, page):
    page.goto(f"{site}/")
    box = page.locator("#home-search")
    status = box.locator("xpath=ancestor::form//*[@role='status']")

    box.fill("transfo")
    options = page.locator("#" + box.get_attribute("aria-controls") + " [role=option]")
    options.first.wait_for()
    count = options.count()
    assert status.inner_text() == (
        f"{count} suggestion{'' if count == 1 else 's'}; use the up and down arrows to choose."
    )

    box.fill("qqqqzz")
    page.wait_for_function(
        "el => el.textContent === 'No suggestions.'", arg=status.element_handle()
    )
