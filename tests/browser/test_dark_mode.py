"""Dark mode in a real browser: a reader whose system prefers dark gets the dark palette, and
the colours Chromium actually computes keep AA contrast on the term page and the home page."""

import re

import pytest

from tests.test_dark_mode import contrast

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The text colour of each element and the first opaque background behind it, as computed.
COLOURS = """
(selector) => [...document.querySelectorAll(selector)].slice(0, 3).map((element) => {
  let behind = element;
  let background = 'rgba(0, 0, 0, 0)';
  while (behind) {
    const style = getComputedStyle(behind);
    if (style.backgroundImage !== 'none') { background = null; break; }
    const colour = style.backgroundColor;
    if (!/rgba\\(.*, 0\\)$/.test(colour)) { background = colour; break; }
    behind = behind.parentElement;
  }
  return [getComputedStyle(element).color, background];
})
"""
TERM_PAGE_TEXT = [
    "body",
    ".breadcrumbs a",
    ".eyebrow a",
    ".term__title",
    ".term__lead",
    ".prose p",
    ".prose a.wiki-link",
    ".prose code",
    ".tag",
    ".term__updated",
    ".term-card__title a",
    ".term-card__summary",
    ".linked-from a",
    ".cta__headline",
    ".cta__line",
    ".cta .button",
    ".site-footer p",
    ".site-footer a",
]
HOME_TEXT = [".letters a", ".category-tile__name", ".category-tile p", ".section-title"]


def hex_colour(css: str) -> str:
    red, green, blue = (int(n) for n in re.findall(r"\d+", css)[:3])
    return f"#{red:02x}{green:02x}{blue:02x}"


def low_contrast(page, selectors) -> dict:
    found, checked = {}, 0
    for selector in selectors:
        for text, background in page.evaluate(COLOURS, selector):
            if background is None:  # Over a gradient: checked by the palette test.
                continue
            checked += 1
            ratio = contrast(hex_colour(text), hex_colour(background))
            if ratio < 4.5:
                found[selector] = (text, background, round(ratio, 2))
    assert checked >= len(selectors) // 2
    return found


@pytest.mark.parametrize("scheme", ["dark", "light"])
def test_term_and_home_pages_keep_aa_contrast_in_either_scheme(site, chromium, scheme):
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page = context.new_page()

    page.goto(f"{site}/terms/open-weight/")
    background = hex_colour(page.evaluate("getComputedStyle(document.body).backgroundColor"))
    term_page = low_contrast(page, TERM_PAGE_TEXT)
    page.goto(f"{site}/")
    home = low_contrast(page, HOME_TEXT)
    context.close()

    assert background == ("#12161f" if scheme == "dark" else "#fbfaf7")
    assert term_page == {}
    assert home == {}
