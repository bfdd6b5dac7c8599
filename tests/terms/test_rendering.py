import time

import pytest

from terms.models import Term
from terms.rendering import ALLOWED_TAGS, render, render_markdown
from tests.factories import TermFactory
from tests.hostile import MARKUP, elements_in, is_script_url

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("markdown", MARKUP)
def test_hostile_markup_never_survives(markdown):
    html = render_markdown(markdown)

    for tag, attrs in elements_in(html):
        assert tag in ALLOWED_TAGS
        for name, value in attrs:
            assert not name.startswith("on")
            assert not is_script_url(value)


def test_raw_html_is_shown_as_text_not_markup():
    html = render_markdown("Use <em>emphasis</em> sparingly.")

    assert "&lt;em&gt;emphasis&lt;/em&gt;" in html


def test_markdown_formatting_is_kept():
    html = render_markdown("**bold** and *italic* and `code`\n\n- one\n- two\n\n> quote")

    assert "<strong>bold</strong>" in html
    assert "<em>italic</em>" in html
    assert "<code>code</code>" in html
    assert "<li>one</li>" in html
    assert "<blockquote>" in html


def test_authors_headings_sit_below_the_section_headings():
    html = render_markdown("# Big\n\n## Smaller")

    assert "<h3>Big</h3>" in html
    assert "<h4>Smaller</h4>" in html
    assert "<h1>" not in html
    assert "<h2>" not in html


def test_external_links_get_noopener_nofollow_and_internal_links_do_not():
    html = render_markdown("[out](https://example.com/page) and [in](/terms/weights/)")

    assert '<a href="https://example.com/page" rel="noopener nofollow">out</a>' in html
    assert '<a href="/terms/weights/">in</a>' in html


def test_images_with_http_urls_are_kept():
    html = render_markdown("![A chart](https://example.com/chart.png)")

    assert '<img src="https://example.com/chart.png" alt="A chart">' in html


def test_wiki_links_resolve_by_title_alias_and_slug_with_label():
    TermFactory(title="Large language model", slug="large-language-model", aliases=["LLM"])

    html = render_markdown(
        "[[Large language model]], [[llm]] and [[large-language-model|language models]]"
    )

    assert html.count('href="/terms/large-language-model/"') == 3
    assert ">Large language model</a>" in html
    assert ">llm</a>" in html
    assert ">language models</a>" in html


def test_wiki_link_to_unknown_term_is_plain_text():
    html = render_markdown("See [[No such term]] and [[missing-slug|this]].")

    assert "<a" not in html
    assert "See No such term and this." in html


def test_wiki_link_to_draft_is_plain_text_and_leaks_nothing():
    TermFactory(title="Secret project", slug="secret-project", status=Term.Status.DRAFT)

    html = render_markdown("See [[Secret project]] and [[secret-project|it]].")

    assert "<a" not in html
    assert "/terms/secret-project/" not in html


def test_wiki_link_label_is_escaped():
    TermFactory(title="Weights", slug="weights")

    html = render_markdown('[[weights|<img src=x onerror="alert(1)">]]')

    assert "<img" not in html
    assert "&lt;img" in html
    assert 'href="/terms/weights/"' in html


def test_render_reports_wiki_links_resolved_or_not():
    weights = TermFactory(title="Weights", slug="weights")

    draft = TermFactory(title="Draft", slug="draft", status=Term.Status.DRAFT)

    rendered = render("[[Weights]], [[Draft]] and [[Nothing]]")

    assert rendered.wiki_links == {"weights": weights.pk, "draft": draft.pk, "nothing": None}


def test_wiki_links_resolve_in_two_queries(django_assert_num_queries):
    for n in range(10):
        TermFactory(title=f"Word {n}", slug=f"word-{n}")
    text = " ".join(f"[[Word {n}]]" for n in range(10))

    # One to find the terms the names lead to, one to see which of them are live.
    with django_assert_num_queries(2):
        html = render_markdown(text)

    assert html.count("<a ") == 10


def least_cpu_seconds_to_render(*texts: str) -> list[float]:
    """For each text, the least CPU time of a few renderings. This thread's CPU time leaves out
    the time spent waiting on a busy machine; taking turns between the texts and keeping the
    least of each leaves out most of the rest."""
    least = [float("inf")] * len(texts)
    for _ in range(3):
        for n, text in enumerate(texts):
            started = time.thread_time()
            render_markdown(text)
            least[n] = min(least[n], time.thread_time() - started)
    return least


@pytest.mark.parametrize("unit", ["[", "[[", "![", "[](", "[[a|", "*_"])
def test_hostile_repetition_renders_in_linear_time(unit):
    # A guard against super-linear parsing (Python-Markdown takes 1.7 s on 4 KB of "[" and 26 s
    # on 16 KB). Four times the text must cost about four times as much: quadratic parsing
    # costs sixteen times, so a bound of eight fails it clearly and leaves room for noise. No
    # absolute time here (it depends on the machine); benchmarks/rendering.py prints those.
    short, long = unit * (1_000 // len(unit)), unit * (4_000 // len(unit))

    short_cost, long_cost = least_cpu_seconds_to_render(short, long)

    assert long_cost < 8 * short_cost


def test_sanitizer_removes_what_the_markdown_layer_might_let_through():
    # Defence in depth: even if raw HTML reached the sanitizer, only the allow-list survives.
    from terms.rendering import sanitize_html

    html = sanitize_html(
        '<p onclick="x()">Hi</p><script>alert(1)</script><a href="javascript:alert(1)">a</a>'
        '<img src="data:image/png;base64,AAAA" onerror="x()"><svg><circle/></svg>'
        '<a href="https://ok.example" class="evil" style="color:red">ok</a>'
    )

    assert "<script" not in html
    assert "alert(1)</script>" not in html
    assert "onclick" not in html
    assert "onerror" not in html
    assert "javascript:" not in html
    assert "data:" not in html
    assert "<svg" not in html
    assert "<circle" not in html
    assert 'class="evil"' not in html
    assert "style=" not in html
    assert '<a href="https://ok.example">ok</a>' in html
