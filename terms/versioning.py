"""What django-reversion keeps of a term: its text, aliases, tags and related terms.

Workflow state and rendered HTML are not versioned: restoring a version changes the working
copy only, never what readers see.
"""

import reversion

from terms.models import Alias, RelatedTerm, TaggedTerm, Term


def register() -> None:
    for model in (Alias, RelatedTerm, TaggedTerm):
        if not reversion.is_registered(model):
            reversion.register(model)
    if not reversion.is_registered(Term):
        reversion.register(
            Term,
            exclude=[
                "status",
                "version",
                "definition_html",
                "why_it_matters_html",
                "in_practice_html",
                "published_at",
            ],
            follow=["aliases", "related_links", "tagged_items"],
        )
