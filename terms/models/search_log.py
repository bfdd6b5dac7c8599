"""What readers searched for, counted by query and day, for the editors' "Wanted terms".

Nothing here says who searched: no IP address, user agent, user or session, only the
normalised query, the day, how many searches, how many terms the last one found and how many
of those searches led to a result being opened. Rows older than SEARCH_LOG_DAYS are deleted by
``manage.py purge_search_log``.
"""

from django.db import models

from terms.models.content import NAME_MAX_LENGTH


class SearchLogEntry(models.Model):
    """One normalised query on one day."""

    query = models.CharField(max_length=NAME_MAX_LENGTH)
    day = models.DateField()
    searches = models.PositiveIntegerField(default=0)
    # How many terms the query found, the last time it was searched that day.
    results = models.PositiveIntegerField(default=0)
    # Searches after which the reader opened a result.
    opened = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "wanted term"
        verbose_name_plural = "wanted terms"
        constraints = [
            models.UniqueConstraint(fields=["query", "day"], name="terms_searchlog_query_day"),
            models.CheckConstraint(
                condition=models.Q(opened__lte=models.F("searches")),
                name="terms_searchlog_opened_at_most_searched",
            ),
        ]
        indexes = [models.Index(fields=["day", "query"], name="terms_searchlog_day_query")]

    def __str__(self):
        return f"{self.query} ({self.day:%Y-%m-%d})"
