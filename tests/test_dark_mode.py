"""The public site's two colour schemes: the light palette and the dark one that readers whose
system prefers dark get (static/css/site.css). Every text and background pair meets WCAG 2.x
AA (4.5:1 for text) in both, computed from the stylesheet itself."""

import re
from pathlib import Path

import pytest

CSS = (Path(__file__).resolve().parent.parent / "static" / "css" / "site.css").read_text()
DARK_QUERY = "@media (prefers-color-scheme: dark)"


def properties(block: str) -> dict[str, str]:
    return dict(re.findall(r"(--[\w-]+):\s*(#[0-9a-fA-F]{6})\s*;", block))


def light_palette() -> dict[str, str]:
    root = re.search(r":root\s*{(.*?)}", CSS, re.DOTALL).group(1)
    palette = properties(root)
    # Two light surfaces are written as values in their rules.
    palette["--footer"] = re.search(r"\.site-footer {[^}]*background: (#\w{6})", CSS).group(1)
    palette["--code"] = re.search(r"\.prose code {[^}]*background: (#\w{6})", CSS).group(1)
    return palette


def dark_palette() -> dict[str, str]:
    query = CSS[CSS.index(DARK_QUERY) :]
    root = re.search(r":root\s*{(.*?)}", query, re.DOTALL).group(1)
    return {**light_palette(), **properties(root)}


def luminance(colour: str) -> float:
    """WCAG 2.x relative luminance of ``#rrggbb``."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


# (text, background) as the pages use them.
PAIRS = [
    ("--ink", "--paper"),  # body text
    ("--ink", "--surface"),  # cards, suggestions
    ("--ink-soft", "--paper"),  # leads, counts, breadcrumbs
    ("--ink-soft", "--surface"),  # card summaries
    ("--ink-soft", "--footer"),  # the footer
    ("--ink", "--code"),  # code in a definition
    ("--accent", "--paper"),  # links
    ("--accent", "--surface"),  # letter and page links
    ("--accent", "--accent-soft"),  # a hovered letter
    ("--accent-dark", "--accent-soft"),  # tags
    ("--ink", "--accent-soft"),  # the closing newsletter box
    ("--ink-soft", "--accent-soft"),
    ("--on-accent", "--accent"),  # buttons, the current letter and page
    ("--on-accent", "--accent-dark"),  # a hovered button
    ("--navy", "--highlight"),  # the hero's and the newsletter's buttons
    ("--highlight", "--navy"),  # eyebrows and pitches on navy
]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(("text", "background"), PAIRS)
def test_every_text_and_background_pair_meets_aa(scheme, text, background):
    palette = light_palette() if scheme == "light" else dark_palette()

    ratio = contrast(palette[text], palette[background])

    assert ratio >= 4.5, f"{scheme}: {text} on {background} is {ratio:.2f}:1"


def test_white_header_text_on_navy_meets_aa_in_both_schemes():
    for palette in (light_palette(), dark_palette()):
        assert contrast("#ffffff", palette["--navy"]) >= 4.5


def test_the_dark_palette_is_a_design_of_its_own_and_only_for_those_who_ask():
    light, dark = (
        light_palette(),
        properties(re.search(r":root\s*{(.*?)}", CSS[CSS.index(DARK_QUERY) :], re.DOTALL).group(1)),
    )

    # Every colour of the light palette is redefined (none is left light by mistake), and the
    # page really is dark: its background far darker than its text.
    assert set(light) - {"--footer", "--code"} <= set(dark)
    assert luminance(dark["--paper"]) < 0.02 < 0.6 < luminance(dark["--ink"])
    assert CSS.count(DARK_QUERY) == 1
    assert "color-scheme: dark;" in CSS[CSS.index(DARK_QUERY) :]
    assert "color-scheme: light;" in CSS[: CSS.index(DARK_QUERY)]


def test_contrast_is_computed_as_wcag_defines_it():
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
