"""Editing comfort in a real browser: the live preview follows the writer's typing (and flags a
broken wiki link before anything is saved), related terms are reordered by drag and drop or
the keyboard and saved in that order, and tags are suggested from those in use."""

import pytest

from terms.models import RelatedTerm, Term
from tests.browser.test_workflow import log_in, staff
from tests.factories import TermFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def preview(page):
    return page.frame_locator(".live-preview__frame")


def test_typing_updates_the_preview_and_flags_a_broken_link(live_server, page):
    staff("wendy", "Writer")
    TermFactory(title="Transformer")
    term = TermFactory(title="Attention", definition="Weights words.", status=Term.Status.DRAFT)
    base = live_server.url
    log_in(page, base, "wendy")
    page.goto(f"{base}/admin/terms/term/{term.pk}/change/")

    frame = preview(page)
    frame.locator("h1", has_text="Attention").wait_for()
    page.fill("#id_title", "Attention mechanism")
    page.locator("#id_definition").fill("Used by the [[Transformer]] and [[Nowhere to be found]].")

    frame.locator("h1", has_text="Attention mechanism").wait_for()
    frame.locator("mark.preview-flag--broken", has_text="Nowhere to be found").wait_for()
    assert frame.locator("a.wiki-link", has_text="Transformer").count() == 1
    notes = page.locator(".live-preview__notes")
    assert "[[Nowhere to be found]] names no term" in notes.inner_text()
    assert "1 thing to check" in page.locator(".live-preview__status").inner_text()

    # Fixing the link clears the flag, still without saving.
    page.locator("#id_definition").fill("Used by the [[Transformer]].")
    frame.locator("mark.preview-flag--broken").wait_for(state="detached")
    assert Term.objects.get(pk=term.pk).title == "Attention"


def test_preview_can_be_hidden_and_stays_hidden(live_server, page):
    staff("wendy", "Writer")
    base = live_server.url
    log_in(page, base, "wendy")
    page.goto(f"{base}/admin/terms/term/add/")
    toggle = page.get_by_role("button", name="Hide preview")
    toggle.click()
    assert page.locator(".live-preview__frame").is_hidden()
    page.reload()
    assert page.get_by_role("button", name="Show preview").get_attribute("aria-expanded") == "false"


def related_titles(page):
    rows = page.locator("#related_links-group tbody tr.form-row:not(.empty-form)")
    return [
        text.strip()
        for text in rows.locator(".select2-selection__rendered").all_inner_texts()
        if text.strip()
    ]


def saved_order(term):
    return list(
        RelatedTerm.objects.filter(term=term)
        .order_by("position", "pk")
        .values_list("related__title", flat=True)
    )


def test_drag_and_drop_reorders_related_terms_and_saves_the_order(live_server, page):
    staff("eddie", "Editor")
    alpha, beta, gamma = (TermFactory(title=name) for name in ("Alpha", "Beta", "Gamma"))
    term = TermFactory(title="Subject", related=[alpha, beta, gamma])
    base = live_server.url
    log_in(page, base, "eddie")
    page.goto(f"{base}/admin/terms/term/{term.pk}/change/")
    assert related_titles(page) == ["Alpha", "Beta", "Gamma"]

    page.wait_for_load_state("networkidle")
    handles = page.locator("#related_links-group tr.form-row:not(.empty-form) p.drag-handle")
    handles.nth(0).scroll_into_view_if_needed()
    handles.nth(2).drag_to(handles.nth(0))
    page.wait_for_function(
        """() => [...document.querySelectorAll('#related_links-group .select2-selection__rendered')]
            .map((e) => e.textContent.trim()).filter(Boolean).join() === 'Gamma,Alpha,Beta'"""
    )
    # The preview follows the new order before anything is saved.
    first_card = preview(page).locator(".related .term-card__title").first
    first_card.filter(has_text="Gamma").wait_for()

    page.locator("input[name=_continue]").click()
    page.wait_for_load_state()
    assert saved_order(term) == ["Gamma", "Alpha", "Beta"]
    assert related_titles(page) == ["Gamma", "Alpha", "Beta"]


def test_keyboard_moves_a_related_term_and_the_order_is_saved(live_server, page):
    staff("eddie", "Editor")
    alpha, beta = TermFactory(title="Alpha"), TermFactory(title="Beta")
    term = TermFactory(title="Subject", related=[alpha, beta])
    base = live_server.url
    log_in(page, base, "eddie")
    page.goto(f"{base}/admin/terms/term/{term.pk}/change/")

    down = page.locator("#related_links-group tr.form-row").first.get_by_role(
        "button", name="Move down"
    )
    down.focus()
    page.keyboard.press("Enter")
    assert related_titles(page) == ["Beta", "Alpha"]
    assert "Alpha: now 2 of" in page.locator("#related_links-announce").inner_text()

    page.locator("input[name=_continue]").click()
    page.wait_for_load_state()
    assert saved_order(term) == ["Beta", "Alpha"]


def test_tags_are_suggested_from_those_in_use(live_server, page):
    staff("wendy", "Writer")
    TermFactory(tags=["large language model", "llm"])
    term = TermFactory(title="Chatbot", status=Term.Status.DRAFT, tags=["assistant"])
    base = live_server.url
    log_in(page, base, "wendy")
    page.goto(f"{base}/admin/terms/term/{term.pk}/change/")

    tags = page.locator("#id_tags")
    tags.click()
    tags.press("End")
    tags.type(", lar")
    option = page.get_by_role("option", name="large language model")
    option.wait_for()
    assert tags.get_attribute("aria-expanded") == "true"
    tags.press("ArrowDown")
    tags.press("Enter")
    assert tags.input_value() == "assistant, large language model, "

    page.locator("input[name=_continue]").click()
    page.wait_for_load_state()
    assert sorted(Term.objects.get(pk=term.pk).tags.names()) == [
        "assistant",
        "large language model",
    ]
