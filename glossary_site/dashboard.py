"""The admin home: a dashboard assembled from the panels each app provides.

``terms`` never imports ``subscriptions`` (and neither knows about the other's panels), so
each app offers *panel providers*: functions that take the request and return the panels
this user may see (none if the user lacks the permission). This module only lists the
providers, calls them and puts their panels in sections. The admin site
(``glossary_site.admin_site``) shows the result on its index page.

To add panels, write a provider and add one line to ``PANEL_PROVIDERS``.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.timesince import timesince, timeuntil


class Section:
    """Where a panel goes. Sections are shown in this order; empty ones are left out.

    An editor's day starts with what waits for them; a writer only has "Your work".
    """

    REVIEW = "Review and publishing"
    HEALTH = "Editorial health"
    NEWSLETTER = "Newsletter"
    MINE = "Your work"

    ORDER = (REVIEW, HEALTH, NEWSLETTER, MINE)


@dataclass(frozen=True)
class Row:
    """One line of a panel's list: plain text (the template escapes it), never HTML.

    ``when`` is shown in the reader's time zone, as "3 hours ago" (``relative``) or as a date
    and time; ``quote`` is a comment shown in full (an editor's request for changes).
    """

    label: str
    url: str | None = None
    detail: str = ""
    when: datetime | None = None
    when_prefix: str = ""
    relative: bool = True
    quote: str = ""
    quote_by: str = ""
    badge: str = ""

    @property
    def ago(self) -> str:
        """``when`` as readers say it: "just now", "3 hours ago", "in 2 days"."""
        now = timezone.now()
        if abs((now - self.when).total_seconds()) < 60:
            return "just now"
        if self.when > now:
            return f"in {timeuntil(self.when, now)}"
        return f"{timesince(self.when, now)} ago"


@dataclass(frozen=True)
class Figure:
    """A headline number ("Signups this week: 12"), optionally leading somewhere."""

    label: str
    value: int
    url: str | None = None


@dataclass
class Panel:
    """One card on the dashboard.

    The default template shows ``figures``, then ``rows`` (``Row``), then ``more`` rows than
    were shown; ``template`` may name another, which gets ``panel`` and ``context``.
    ``count`` is the headline number ("4 awaiting review"); ``link`` leads to the full,
    filtered list in the admin; ``empty`` is what the card says when there is nothing to show.
    """

    key: str
    title: str
    section: str
    template: str = "admin/dashboard/panel.html"
    rows: list[Row] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    context: dict = field(default_factory=dict)
    count: int | None = None
    link: str | None = None
    link_label: str = "See all"
    empty: str = "Nothing here."
    # "attention": something is waiting on this user (changes requested on their term).
    tone: str = ""
    wide: bool = False

    @property
    def is_empty(self) -> bool:
        return self.count == 0 or (self.count is None and not (self.rows or self.figures))

    @property
    def more(self) -> int:
        """How many more there are than the rows shown (none for a panel of figures)."""
        if not self.rows:
            return 0
        return max(0, (self.count or 0) - len(self.rows))


# Each entry: the dotted path of a function ``(request) -> Iterable[Panel]``.
PANEL_PROVIDERS = [
    "terms.dashboard.review_panels",
    "terms.dashboard.health_panels",
    "subscriptions.dashboard.newsletter_panels",
    "terms.dashboard.my_work_panels",
    # Wanted terms: searches that found nothing (Section.HEALTH).
    "terms.search.dashboard.wanted_terms_panels",
]


def providers() -> list[Callable[..., Iterable[Panel]]]:
    return [import_string(path) for path in PANEL_PROVIDERS]


def assemble(request) -> list[tuple[str, list[Panel]]]:
    """The sections of this user's dashboard, in ``Section.ORDER``, each with its panels."""
    by_section: dict[str, list[Panel]] = {}
    for provider in providers():
        for panel in provider(request):
            by_section.setdefault(panel.section, []).append(panel)
    known = [name for name in Section.ORDER if name in by_section]
    others = [name for name in by_section if name not in Section.ORDER]
    return [(name, by_section[name]) for name in known + others]
