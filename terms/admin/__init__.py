"""The editors' home: terms, the review queue and categories in the Django admin.

One small module per seam: ``lists`` (status badge and filters), ``inlines``, ``comparison``
(history, compare, restore), ``workflow_views`` (the workflow panel and bulk actions),
``review_queue``, ``categories``, ``preferences`` (each editor's own), ``health`` (the
editorial health reports), ``transfer`` (import and export), ``wanted_terms`` (what readers
searched for in vain) and ``terms`` (the term admin itself). Workflow rules live in
``terms.workflow``; where a term stands for readers is ``Term.live_state``.
"""

from terms.admin import (
    categories,
    health,
    preferences,
    review_queue,
    terms,
    transfer,
    wanted_terms,
)
from terms.admin.categories import CategoryAdmin
from terms.admin.preferences import EditorPreferenceAdmin
from terms.admin.review_queue import ReviewQueueAdmin
from terms.admin.terms import TermAdmin

__all__ = [
    "CategoryAdmin",
    "EditorPreferenceAdmin",
    "ReviewQueueAdmin",
    "TermAdmin",
    "categories",
    "health",
    "preferences",
    "review_queue",
    "terms",
    "transfer",
    "wanted_terms",
]
