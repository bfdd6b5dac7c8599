"""Admin pages cost the same number of queries whatever the number of rows."""

import pytest
from django.urls import reverse

from terms.models import Term
from tests.factories import TermFactory
from tests.pages import queries_for

pytestmark = pytest.mark.django_db


def term_with(rows: int, prefix: str) -> Term:
    others = [TermFactory(title=f"{prefix} other {n}") for n in range(rows)]
    return TermFactory(
        title=f"{prefix} main",
        related=others,
        aliases=[f"{prefix} name {n}" for n in range(rows)],
        tags=[f"{prefix} tag {n}" for n in range(rows)],
        definition=" ".join(f"[[{prefix} other {n}]]" for n in range(rows)),
    )


def test_change_page_queries_do_not_grow_with_related_terms_aliases_and_tags(client, editor):
    small, large = term_with(1, "Small"), term_with(20, "Large")
    client.force_login(editor)
    queries_for(client, reverse("admin:terms_term_change", args=[small.pk]))  # warm caches

    few = queries_for(client, reverse("admin:terms_term_change", args=[small.pk]))
    many = queries_for(client, reverse("admin:terms_term_change", args=[large.pk]))

    # (The small term also gets the "suggested related terms" query, the large one does not.)
    assert many <= few
