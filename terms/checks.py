"""Pre-publish checks: what stops a term from being submitted or published, and what only
deserves a warning. The admin shows both; ``terms.workflow`` enforces the errors."""

from dataclasses import dataclass, field

from terms.models import SECTION_FIELDS, SUMMARY_MAX_LENGTH, Term
from terms.names import conflicts


@dataclass
class CheckResult:
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def check_term(term: Term) -> CheckResult:
    """Everything an editor needs to know before ``term`` goes live. A few queries."""
    result = CheckResult()
    summary = (term.summary or "").strip()
    if not summary:
        result.errors.append("The summary is empty.")
    elif len(summary) > SUMMARY_MAX_LENGTH:
        result.errors.append(
            f"The summary is {len(summary)} characters long; the limit is {SUMMARY_MAX_LENGTH}."
        )
    for name in SECTION_FIELDS:
        label = Term._meta.get_field(name).verbose_name
        if not (getattr(term, name) or "").strip():
            result.errors.append(f"The “{label}” section is empty.")
    for key in term.wiki_links.filter(target=None).values_list("target_key", flat=True):
        result.errors.append(f"The wiki link [[{key}]] points to no term.")
    for message in conflicts(term, [term.title], [term.slug]).values():
        result.errors.append(message)

    related = list(term.related_links.select_related("related"))
    links = list(term.wiki_links.exclude(target=None).select_related("target"))
    involved = {link.related_id for link in related} | {link.target_id for link in links}
    live_ids = set(Term.objects.live().filter(pk__in=involved).values_list("pk", flat=True))
    if not related:
        result.warnings.append("No related terms: readers will see no “Related terms” cards.")
    for link in related:
        if link.related_id not in live_ids:
            result.warnings.append(
                f"Related term “{link.related.title}” is not live: readers will not see it "
                "until it is."
            )
    for link in links:
        if link.target_id not in live_ids and link.target_id != term.pk:
            result.warnings.append(
                f"The wiki link [[{link.target_key}]] points to “{link.target.title}”, which is "
                "not live: readers see plain text until it is."
            )
    if not term.tags.exists():
        result.warnings.append("No tags.")
    return result
