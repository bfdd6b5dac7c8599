"""The editorial health reports in the admin: each a list of terms (``terms.health`` says
which), shown by its own admin (``terms.admin.health``)."""

from terms.models.content import Term


class StaleTerm(Term):
    class Meta:
        proxy = True
        verbose_name = "term due for review"
        verbose_name_plural = "terms due for review"


class OrphanTerm(Term):
    class Meta:
        proxy = True
        verbose_name = "orphan term"
        verbose_name_plural = "orphan terms"


class IncompleteTerm(Term):
    class Meta:
        proxy = True
        verbose_name = "term without related terms or tags"
        verbose_name_plural = "terms without related terms or tags"


class BrokenLinkTerm(Term):
    class Meta:
        proxy = True
        verbose_name = "term with broken links"
        verbose_name_plural = "terms with broken links"
