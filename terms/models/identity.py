"""Names, slugs and wiki links: what leads to a term."""

from django.db import models
from django.db.models.functions import Lower

from terms.models.content import NAME_MAX_LENGTH, Term


class ReservedName(models.Model):
    """Every name and slug that leads to a term, in one table so the database keeps them unique.

    Titles and alias names share the NAME namespace (wiki links resolve there); term slugs,
    alias slugs and former slugs share the SLUG namespace (URLs resolve there). Kept in step
    with terms and aliases by ``terms.names.sync_reserved_names``.
    """

    class Namespace(models.TextChoices):
        NAME = "name", "Name"
        SLUG = "slug", "Slug"

    class Source(models.TextChoices):
        TITLE = "title", "Title"
        SLUG = "slug", "Slug"
        ALIAS = "alias", "Alias"
        ALIAS_SLUG = "alias_slug", "Alias slug"
        FORMER_SLUG = "former_slug", "Former slug"

        @property
        def namespace(self) -> "ReservedName.Namespace":
            if self in (self.TITLE, self.ALIAS):
                return ReservedName.Namespace.NAME
            return ReservedName.Namespace.SLUG

    term = models.ForeignKey(Term, on_delete=models.CASCADE, related_name="reserved_names")
    namespace = models.CharField(max_length=10, choices=Namespace)
    source = models.CharField(max_length=20, choices=Source)
    value = models.CharField(max_length=NAME_MAX_LENGTH)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                Lower("value"), "namespace", name="terms_reservedname_unique_ci"
            ),
        ]

    def __str__(self):
        return f"{self.value} ({self.get_source_display()} of {self.term_id})"


class WikiLink(models.Model):
    """A ``[[target]]`` written in a term's working copy: what it resolved to (or nothing), so
    the term is rendered again when a name it uses appears or goes, the pre-publish checks can
    name links to no term, and publishing knows which terms the text links to."""

    source = models.ForeignKey(Term, on_delete=models.CASCADE, related_name="wiki_links")
    target_key = models.CharField(max_length=NAME_MAX_LENGTH, help_text="Lowercased target.")
    target = models.ForeignKey(
        Term, on_delete=models.SET_NULL, null=True, blank=True, related_name="wiki_backlinks"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["source", "target_key"], name="terms_wikilink_unique_per_source"
            )
        ]
        indexes = [models.Index(fields=["target_key"], name="terms_wikilink_target_key")]

    def __str__(self):
        return f"{self.source_id} → [[{self.target_key}]]"
