"""Search and type-ahead: ranking, typos, aliases, prefixes, hostile input, live only."""

import re

import pytest
from django.db import connection
from django.urls import reverse

from terms import search
from terms.models import Term
from terms.search import ranking
from tests.factories import TermFactory, edit, publish, unpublish
from tests.pages import queries_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus():
    """A small glossary with overlapping words, so ranking is tested, not luck."""
    return {
        "transformer": TermFactory(
            title="Transformer",
            summary="The neural network architecture behind modern language models.",
            definition="A transformer uses attention to relate every token to every other.",
        ),
        "vision": TermFactory(
            title="Vision transformer",
            summary="A transformer applied to image patches.",
            definition="Images are cut into patches and fed to a transformer.",
        ),
        "attention": TermFactory(
            title="Attention mechanism",
            summary="How a model weighs the parts of its input.",
            definition="The core of every transformer layer.",
        ),
        "llm": TermFactory(
            title="Large language model",
            aliases=["LLM"],
            summary="A very large model trained to predict text.",
            definition="Most are built on the transformer architecture.",
        ),
        "embeddings": TermFactory(
            title="Embeddings",
            summary="Lists of numbers that place meaning in space.",
            definition="Similar words get nearby embeddings.",
        ),
        "tokenization": TermFactory(
            title="Tokenization",
            summary="Cutting text into the pieces a model reads.",
            definition="Subword tokenization keeps the vocabulary small.",
        ),
    }


def titles(query):
    return [hit.publication.title for hit in search.search(query)[:20]]


def test_exact_title_first_then_prefix_then_full_text(corpus):
    found = titles("transformer")

    assert found[0] == "Transformer"
    # Vision transformer mentions it in its title, the others in their text only.
    assert found.index("Vision transformer") < found.index("Attention mechanism")
    assert "Large language model" in found


def test_title_prefix_beats_a_text_match(corpus):
    assert titles("embed")[0] == "Embeddings"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("transfomer", "Transformer"),
        ("embedings", "Embeddings"),
        ("tokenisation", "Tokenization"),
        ("attenton mechansim", "Attention mechanism"),
        ("vison transfomer", "Vision transformer"),
        ("larg langauge model", "Large language model"),
    ],
)
def test_misspellings_still_find_the_term(client, corpus, query, expected):
    suggested = client.get(reverse("terms:suggest"), {"q": query}).json()["results"]

    assert expected in titles(query)[:3]
    assert expected in [item["title"] for item in suggested][:3]


def test_the_closest_spelling_comes_first(client):
    TermFactory(title="Transfers and transformers")
    TermFactory(title="Transformer")

    suggested = client.get(reverse("terms:suggest"), {"q": "transfomer"}).json()["results"]

    assert titles("transfomer")[0] == "Transformer"
    assert suggested[0]["title"] == "Transformer"


def test_a_title_starting_with_the_query_comes_before_an_alias_that_does(client):
    TermFactory(title="Licensing of AI models", aliases=["Model license"])
    TermFactory(title="Model card", aliases=["Model cards"])

    suggested = client.get(reverse("terms:suggest"), {"q": "model"}).json()["results"]

    assert titles("model")[:2] == ["Model card", "Licensing of AI models"]
    assert [(item["title"], item["alias"]) for item in suggested] == [
        ("Model card", None),
        ("Licensing of AI models", "Model license"),
    ]


def test_alias_finds_the_term_and_is_reported(corpus):
    hits = search.search("LLMs")[:5]

    assert hits[0].publication.title == "Large language model"
    assert hits[0].matched_alias == "LLM"


def test_snippets_highlight_matches_and_escape_everything_else(client):
    TermFactory(
        title="Guardrails",
        summary="Checks around a model.",
        definition="Filters catch <script> tags and other unsafe output before users see it.",
    )

    hit = search.search("filters")[:1][0]
    html = client.get(reverse("terms:search"), {"q": "filters"}).content.decode()
    shown = re.search(r'<p class="search-result__snippet">(.*?)</p>', html, re.DOTALL).group(1)

    assert "<mark>Filters</mark>" in hit.snippet
    # The only markup is <mark>; anything else the text held is escaped (or, on PostgreSQL,
    # dropped by its headline parser).
    assert set(re.findall(r"</?[a-z]+", hit.snippet)) <= {"<mark", "</mark"}
    assert shown == hit.snippet  # the page shows it as it is, not escaped twice


def test_only_live_terms_are_found_or_suggested(client):
    TermFactory(title="Zeta draft", status=Term.Status.DRAFT)
    in_review = TermFactory(title="Zeta review", status=Term.Status.DRAFT)
    Term.objects.filter(pk=in_review.pk).update(status=Term.Status.IN_REVIEW)
    scheduled = TermFactory(title="Zeta scheduled", status=Term.Status.DRAFT)
    from datetime import timedelta

    from django.utils import timezone

    publish(scheduled, go_live_at=timezone.now() + timedelta(days=1))
    unpublish(TermFactory(title="Zeta archived"))
    TermFactory(title="Zeta live")

    assert titles("zeta") == ["Zeta live"]
    suggestions = client.get(reverse("terms:suggest"), {"q": "zet"}).json()["results"]
    assert [item["title"] for item in suggestions] == ["Zeta live"]


def test_an_alias_of_a_term_no_longer_live_finds_nothing(client):
    unpublish(TermFactory(title="Old machine", aliases=["Zeta engine"]))
    TermFactory(title="Zeta engine room", aliases=["ZER"])

    assert titles("zeta engine") == ["Zeta engine room"]
    suggestions = client.get(reverse("terms:suggest"), {"q": "zeta eng"}).json()["results"]
    assert [(item["title"], item["alias"]) for item in suggestions] == [("Zeta engine room", None)]


def test_a_new_publication_replaces_the_old_one_in_results(corpus):
    from tests.factories import edit

    publish(edit(corpus["embeddings"], title="Vector embeddings", slug="vector-embeddings"))

    found = titles("embeddings")
    assert "Vector embeddings" in found
    assert "Embeddings" not in found


@pytest.mark.parametrize(
    "query",
    [
        '"unbalanced quote',
        "transformer OR 1=1; DROP TABLE terms_term; --",
        "-transformer",
        "a & b | !c",
        "'; SELECT * FROM auth_user --",
        "x" * 10_000,
        # Control characters such as NUL never reach a view: tests/test_request_hygiene.py.
        "emoji 🤖 model",
        "نموذج لغوي",
        "%_\\",
        "NEAR(a b)",
        "title:transformer",
        "*",
        "   ",
        "",
        "' OR 1=1 --",
        '"quoted"',
        "🤖",
        "مرحبا",
        "%_",
    ],
)
def test_any_input_answers_200(client, corpus, query):
    response = client.get(reverse("terms:search"), {"q": query})
    assert response.status_code == 200

    suggest = client.get(reverse("terms:suggest"), {"q": query})
    assert suggest.status_code == 200
    assert isinstance(suggest.json()["results"], list)


def test_empty_state_is_helpful(client, corpus):
    html = client.get(reverse("terms:search"), {"q": "qwertyuiop"}).content.decode()

    assert "No terms match “qwertyuiop”." in html
    assert "browse all terms A–Z" in html


def test_search_results_paginate(client):
    for n in range(25):
        TermFactory(title=f"Neural idea {n:02}", summary="About neural things.")

    first = client.get(reverse("terms:search"), {"q": "neural"})
    second = client.get(reverse("terms:search"), {"q": "neural", "page": 2})
    past_the_end = client.get(reverse("terms:search"), {"q": "neural", "page": 99})

    assert first.context["paginator"].count == 25
    assert len(first.context["results"]) == 20
    assert len(second.context["results"]) == 5
    assert "page=2" in first.content.decode()
    assert "25 results for “neural”. This page shows 21–25." in second.content.decode()
    assert past_the_end.status_code == 200


def summary_line(client, query):
    html = client.get(reverse("terms:search"), {"q": query}).content.decode()
    return re.search(r'<p class="search-summary"[^>]*>(.*?)</p>', html).group(1)


def test_a_list_cut_at_its_limit_says_more_terms_match(client, monkeypatch):
    monkeypatch.setattr(search, "MAX_CANDIDATES", 5)
    for n in range(7):
        # Found by their text only: no title or alias has the word.
        TermFactory(title=f"Idea {n:02}", definition="A note on quantized weights.")

    assert summary_line(client, "quantized") == (
        "More than 5 terms match “quantized”; showing 5 of them. Add a word to narrow the search."
    )
    assert summary_line(client, "idea 03") == "1 result for “idea 03”."


def test_a_list_exactly_at_its_limit_is_complete(client, monkeypatch):
    monkeypatch.setattr(search, "MAX_CANDIDATES", 5)
    for n in range(5):
        TermFactory(title=f"Idea {n:02}", definition="A note on quantized weights.")

    assert summary_line(client, "quantized") == "5 results for “quantized”."


def test_replaced_publications_do_not_crowd_out_live_ones(client, monkeypatch):
    """Each republished term leaves an older publication with the same words behind."""
    monkeypatch.setattr(search, "MAX_CANDIDATES", 5)
    for n in range(7):
        term = TermFactory(title=f"Idea {n:02}", definition="A note on quantized weights.")
        publish(edit(term, summary=f"Second version {n}."))

    found = search.search("quantized")

    assert found.count() == 5
    assert all(hit.publication.summary.startswith("Second version") for hit in found[:5])
    assert found.has_more


def test_a_summary_match_outranks_section_matches_published_before_it():
    """Every text match is ranked while fewer than the limit match, not just the first found."""
    for n in range(30):
        TermFactory(title=f"Filler {n:02}", definition="It mentions quantized weights once.")
    best = TermFactory(
        title="Weight compression",
        summary="Quantized weights make inference cheaper.",
        definition="Quantized weights, quantized activations.",
    )

    assert search.search("quantized")[0].publication == best.publications.get()


def test_suggest_returns_at_most_eight_with_the_documented_shape(client):
    for n in range(12):
        TermFactory(title=f"Model {n:02}", summary=f"Summary {n}.")
    TermFactory(title="Large language model", aliases=["LLM"], summary="Predicts text.")

    data = client.get(reverse("terms:suggest"), {"q": "mod"}).json()
    alias = client.get(reverse("terms:suggest"), {"q": "llm"}).json()

    assert len(data["results"]) == 8
    assert set(data["results"][0]) == {"title", "url", "summary", "alias"}
    assert data["results"][0]["url"].startswith("/terms/")
    assert alias["results"][0] == {
        "title": "Large language model",
        "url": "/terms/large-language-model/",
        "summary": "Predicts text.",
        "alias": "LLM",
    }


@pytest.mark.skipif(connection.vendor != "postgresql", reason="GIN indexes are PostgreSQL's")
def test_search_indexes_take_new_entries_directly_not_through_a_pending_list():
    """A pending list is read whole by every search until a vacuum merges it: after a bulk
    import it made type-ahead three times slower."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, reloptions FROM pg_class WHERE relname IN "
            "('terms_pub_name_vector', 'terms_pub_search_vector', 'terms_searchword_trgm')"
        )
        options = dict(cursor.fetchall())

    assert options == {name: ["fastupdate=off"] for name in options}
    assert len(options) == 3


@pytest.mark.skipif(connection.vendor != "postgresql", reason="JIT is PostgreSQL's")
def test_queries_are_never_jit_compiled():
    """JIT starts on queries planned as expensive: 320 ms of compiling for a 20 ms search."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone() == ("off",)


@pytest.mark.parametrize("url", ["terms:search", "terms:suggest"])
def test_search_and_suggest_query_counts_do_not_grow_with_the_hits(client, url):
    TermFactory(title="Neural idea", aliases=["NI"], tags=["x"])
    few = queries_for(client, reverse(url), {"q": "neural"})
    for n in range(30):
        TermFactory(
            title=f"Neural idea {n:02}",
            aliases=[f"NI{n}"],
            tags=["x", f"t{n}"],
            definition="Neural networks, neurons and [[Neural idea]].",
        )

    # Fewer, if anything: with enough name matches the later tiers are not consulted.
    assert queries_for(client, reverse(url), {"q": "neural"}) <= few


def test_a_comparison_lists_the_best_few_of_each_side_and_says_more_matched(client, monkeypatch):
    """Each side of "X vs Y" ranks a few matches, not every full-text match of its words."""
    monkeypatch.setattr(ranking, "COMPARISON_SIDE_LIMIT", 3)
    asked = []
    engine = search.backend()
    text_matches = engine.text_matches

    def counting_text_matches(query, live, limit):
        asked.append(limit)
        return text_matches(query, live, limit)

    monkeypatch.setattr(engine, "text_matches", counting_text_matches)
    TermFactory(title="Pruning", summary="Cutting weights away.")
    TermFactory(title="Distillation", summary="A small model taught by a large one.")
    for n in range(6):
        TermFactory(title=f"Note {n:02}", definition="A note on pruning.")
        TermFactory(title=f"Memo {n:02}", definition="A memo on distillation.")

    found = search.search("pruning vs distillation")

    assert [hit.publication.title for hit in found[:2]] == ["Pruning", "Distillation"]
    assert found.count() == 6
    assert found.has_more
    # One more than a side lists, to learn that it had more; a plain search asks for a page.
    assert asked == [4, 4]
    assert summary_line(client, "pruning vs distillation").startswith("More than 6 terms match")
    asked.clear()
    assert search.search("pruning").count() == 7
    assert asked == [search.MAX_CANDIDATES + 1]


def test_a_comparison_with_few_matches_lists_them_all(client):
    TermFactory(title="Pruning", summary="Cutting weights away.")
    TermFactory(title="Distillation", summary="A small model taught by a large one.")
    TermFactory(title="Compression", definition="Pruning and distillation both shrink models.")

    found = search.search("pruning vs distillation")

    assert [hit.publication.title for hit in found[:3]] == [
        "Pruning",
        "Distillation",
        "Compression",
    ]
    assert not found.has_more
    assert summary_line(client, "pruning vs distillation") == (
        "3 results for “pruning vs distillation”."
    )
