from terms.models.content import (
    NAME_MAX_LENGTH,
    SECTION_FIELDS,
    SECTION_MAX_LENGTH,
    SUMMARY_MAX_LENGTH,
    Alias,
    Category,
    LiveState,
    RelatedTerm,
    TaggedTerm,
    Term,
)
from terms.models.health import BrokenLinkTerm, IncompleteTerm, OrphanTerm, StaleTerm
from terms.models.identity import ReservedName, WikiLink
from terms.models.notifications import EditorNotification
from terms.models.preferences import EditorPreference
from terms.models.publication import (
    Publication,
    PublicationAlias,
    PublicationLink,
    SearchWord,
    TaggedPublication,
)
from terms.models.search_log import SearchLogEntry
from terms.models.transfer import TermImport
from terms.models.workflow import TermInReview, Transition

__all__ = [
    "NAME_MAX_LENGTH",
    "SECTION_FIELDS",
    "SECTION_MAX_LENGTH",
    "SUMMARY_MAX_LENGTH",
    "Alias",
    "BrokenLinkTerm",
    "Category",
    "EditorNotification",
    "EditorPreference",
    "IncompleteTerm",
    "LiveState",
    "OrphanTerm",
    "Publication",
    "PublicationAlias",
    "PublicationLink",
    "RelatedTerm",
    "ReservedName",
    "SearchLogEntry",
    "SearchWord",
    "StaleTerm",
    "TaggedPublication",
    "TaggedTerm",
    "Term",
    "TermImport",
    "TermInReview",
    "Transition",
    "WikiLink",
]
