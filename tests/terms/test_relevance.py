"""Relevance over the demo glossary: what people type, and the term that must come first.

The demo content is loaded once for the module (inside a transaction rolled back at the
end); every case runs on SQLite and, with DATABASE_URL, on PostgreSQL.
"""

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse

from terms import search

LLM = "Large language model"
RLHF = "Reinforcement learning from human feedback"
RAG = "Retrieval-augmented generation"
GPT = "Generative pre-trained transformer"

# query → the first result. Every case from issue #12's first paragraph is here.
FIRST = [
    # Questions and instructions: the subject first.
    ("what is rlhf", RLHF),
    ("what is an llm", LLM),
    ("what is a transformer", "Transformer"),
    ("define hallucination", "Hallucination"),
    ("how does attention work", "Attention mechanism"),
    ("what's a token", "Tokenization"),
    ("What’s RAG?", RAG),
    ("what are embeddings", "Embeddings"),
    ("what does rlhf stand for", RLHF),
    ("what does llm mean", LLM),
    ("llm meaning", LLM),
    ("meaning of hallucination", "Hallucination"),
    ("explain transformers", "Transformer"),
    ("rag explained", RAG),
    ("what is a context window", "Context window"),
    ("how do agents work", "AI agent"),
    ("tell me about benchmarks", "Benchmark"),
    ("what is inference in ai", "Inference"),
    ("why does alignment matter", "Alignment"),
    ("What is GPT?", GPT),
    ("definition of overfitting", "Overfitting"),
    ("quantization definition", "Quantization"),
    ("what is the meaning of temperature", "Temperature"),
    # Typos.
    ("langauge modle", LLM),
    ("trasnformer", "Transformer"),
    ("open wieght", "Open weight"),
    ("transfomer", "Transformer"),
    ("embedings", "Embeddings"),
    ("hallucinaton", "Hallucination"),
    ("gradiant descent", "Gradient descent"),
    ("what is trasnformer", "Transformer"),
    # Acronyms and aliases, both ways.
    ("gpt", GPT),
    ("GPT", GPT),
    ("llm", LLM),
    ("LLMs", LLM),
    ("rlhf", RLHF),
    ("reinforcement learning from human feedback", RLHF),
    ("rag", RAG),
    ("moe", "Mixture of experts"),
    ("sgd", "Gradient descent"),
    ("cot", "Chain-of-thought"),
    ("nlp", "Natural language processing"),
    ("agi", "Artificial general intelligence"),
    ("ai", "Artificial intelligence"),
    ("genai", "Generative AI"),
    ("generative pre-trained transformer", GPT),
    # Plurals.
    ("transformers", "Transformer"),
    ("neural networks", "Neural network"),
    ("benchmarks", "Benchmark"),
    ("agents", "AI agent"),
    ("prompts", "Prompt"),
    ("gpus", "GPU"),
    ("tokens", "Tokenization"),
    ("context windows", "Context window"),
    # Hyphens and spacing.
    ("fine tuning", "Fine-tuning"),
    ("finetuning", "Fine-tuning"),
    ("fine-tuning", "Fine-tuning"),
    ("pre training", "Pre-training"),
    ("pretraining", "Pre-training"),
    ("chain of thought", "Chain-of-thought"),
    ("open source ai", "Open-source AI"),
    ("self attention", "Attention mechanism"),
    ("retrieval augmented generation", RAG),
    ("few shot prompting", "Few-shot prompting"),
    ("multi modal", "Multimodal model"),
    ("red-teaming", "Red teaming"),
    # The common searches of an AI glossary.
    ("prompt", "Prompt"),
    ("agent", "AI agent"),
    ("context window", "Context window"),
    ("inference", "Inference"),
    ("benchmark", "Benchmark"),
    ("multimodal", "Multimodal model"),
]

# Comparisons: both terms first, in the order asked.
BOTH = [
    ("open weights vs open source", ["Open weight", "Open-source AI"]),
    ("rag vs fine tuning", [RAG, "Fine-tuning"]),
    ("difference between rag and fine-tuning", [RAG, "Fine-tuning"]),
    (
        "what is the difference between open source and closed source ai",
        ["Open-source AI", "Closed-source AI"],
    ),
    ("gpt versus llm", [GPT, LLM]),
    ("compare quantization and distillation", ["Quantization", "Distillation"]),
    ("how is pre-training different from fine-tuning", ["Pre-training", "Fine-tuning"]),
    ("transformer vs. rnn", ["Transformer"]),
]

# Stop words alone decide nothing: no results rather than whatever says "the" most.
NOTHING = ["the", "what is", "what is this", "is it", "how"]

# Type-ahead: the first suggestion.
SUGGEST_FIRST = [
    ("embd", "Embeddings"),
    ("transfo", "Transformer"),
    ("what is rl", RLHF),
    ("halucin", "Hallucination"),
    ("fine tun", "Fine-tuning"),
    ("gpt", GPT),
    ("quantis", "Quantization"),
]


@pytest.fixture(scope="module")
def demo_glossary(django_db_setup, django_db_blocker):
    """The demo glossary, loaded once for every case, and rolled back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo_content", verbosity=0)
        yield
        transaction.set_rollback(True)


def titles(query: str) -> list[str]:
    return [hit.publication.title for hit in search.search(query)[:10]]


@pytest.mark.django_db
@pytest.mark.parametrize(("query", "expected"), FIRST)
def test_the_right_term_comes_first(demo_glossary, query, expected):
    assert titles(query)[:1] == [expected]


@pytest.mark.django_db
@pytest.mark.parametrize(("query", "expected"), BOTH)
def test_a_comparison_shows_both_terms_first(demo_glossary, query, expected):
    assert titles(query)[: len(expected)] == expected


@pytest.mark.django_db
@pytest.mark.parametrize("query", NOTHING)
def test_stop_words_alone_find_nothing(demo_glossary, query):
    assert titles(query) == []


@pytest.mark.django_db
@pytest.mark.parametrize(("query", "expected"), SUGGEST_FIRST)
def test_type_ahead_puts_the_right_term_first(client, demo_glossary, query, expected):
    results = client.get(reverse("terms:suggest"), {"q": query}).json()["results"]

    assert [item["title"] for item in results][:1] == [expected]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query", ["what is a transformer", "how does attention work", "define hallucination"]
)
def test_stop_words_and_question_words_are_never_highlighted(client, demo_glossary, query):
    hits = search.search(query)[:10]
    marked = {word.lower() for hit in hits for word in _marked(hit.snippet)}

    assert marked, "some snippet highlights the subject"
    assert not marked & {"what", "is", "a", "how", "does", "work", "define", "the"}


def _marked(snippet: str) -> list[str]:
    import re

    return re.findall(r"<mark>(.*?)</mark>", snippet)


def test_the_suite_covers_at_least_fifty_cases():
    assert len(FIRST) + len(BOTH) + len(NOTHING) >= 50
