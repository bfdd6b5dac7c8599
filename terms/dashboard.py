"""The glossary's panels on the admin dashboard (assembled by ``glossary_site.dashboard``).

Three providers: ``my_work_panels`` for everyone who writes (their drafts, the changes an
editor asked for, their submissions), ``review_panels`` and ``health_panels`` for editors.
Every panel is two queries at most (a count and its first rows), or a fixed few, whatever the
size of the glossary.
"""

from datetime import timedelta

from django.db.models import Count, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone

from glossary_site.dashboard import Figure, Panel, Row, Section
from terms import health, notifications
from terms.models import Publication, Term, Transition
from terms.workflow import EDIT_PERMISSION, PUBLISH_PERMISSION, Action

# What a row of terms needs: not the texts, which are most of a row.
ROW_FIELDS = ("pk", "title", "status", "updated_at")
# Rows a panel lists before "See all".
ROWS = 5
# "Recently published" looks back this far.
RECENT_DAYS = 7


def _change_url(term_id: int) -> str:
    return reverse("admin:terms_term_change", args=[term_id])


def _terms_list(**filters) -> str:
    query = "&".join(f"{key}={value}" for key, value in filters.items())
    return reverse("admin:terms_term_changelist") + (f"?{query}" if query else "")


def _latest_transition(field: str):
    return Subquery(
        Transition.objects.filter(term=OuterRef("pk"))
        .order_by("-created_at", "-pk")
        .values(field)[:1]
    )


def _latest(action: str, field: str):
    return Subquery(
        Transition.objects.filter(term=OuterRef("pk"), action=action)
        .order_by("-created_at", "-pk")
        .values(field)[:1]
    )


def mine(user) -> Q:
    """Terms that are this user's: written, owned or last edited by them."""
    return Q(author=user) | Q(owner=user) | Q(last_editor=user)


# --- Your work (writers and editors) -------------------------------------------------------


def my_work_panels(request):
    user = request.user
    if not user.has_perm(EDIT_PERMISSION):
        return []
    # Where editors and writers arrive: workflow emails that fell due and were not sent (a
    # scheduled go-live with no worker able to wait for it, as in development) are queued
    # now. One query when nothing is owed.
    notifications.queue_overdue()
    my_drafts = Term.objects.filter(mine(user), status=Term.Status.DRAFT).annotate(
        last_action=_latest_transition("action")
    )
    asked = my_drafts.filter(last_action=Action.REQUEST_CHANGES)
    drafts = my_drafts.filter(
        Q(last_action__isnull=True) | ~Q(last_action=Action.REQUEST_CHANGES)
    ).with_live_state()
    submitted = (
        Term.objects.filter(mine(user), status=Term.Status.IN_REVIEW)
        .with_live_state()
        .annotate(submitted_at=_latest(Action.SUBMIT, "created_at"))
    )
    asked_rows = (
        asked.annotate(
            request_comment=_latest(Action.REQUEST_CHANGES, "comment"),
            request_by=_latest(Action.REQUEST_CHANGES, "user__username"),
            request_at=_latest(Action.REQUEST_CHANGES, "created_at"),
        )
        .only(*ROW_FIELDS)
        .order_by("-request_at")[:ROWS]
    )
    return [
        Panel(
            key="changes-requested",
            title="Changes requested",
            section=Section.MINE,
            count=asked.count(),
            rows=[
                Row(
                    label=term.title,
                    url=_change_url(term.pk),
                    when=term.request_at,
                    when_prefix="Asked",
                    quote=term.request_comment or "",
                    quote_by=term.request_by or "an editor",
                )
                for term in asked_rows
            ],
            empty="No editor is waiting on you.",
            tone="attention",
            wide=True,
        ),
        Panel(
            key="my-drafts",
            title="My drafts",
            section=Section.MINE,
            count=drafts.count(),
            rows=[
                Row(
                    label=term.title,
                    url=_change_url(term.pk),
                    when=term.updated_at,
                    when_prefix="Saved",
                    badge=term.live_state().label,
                )
                for term in drafts.only(*ROW_FIELDS).order_by("-updated_at")[:ROWS]
            ],
            link=_terms_list(state="draft", author__id__exact=user.pk),
            link_label="All drafts you wrote",
            empty="No drafts. Start a new term from “Add term”.",
        ),
        Panel(
            key="my-submissions",
            title="My submissions",
            section=Section.MINE,
            count=submitted.count(),
            rows=[
                Row(
                    label=term.title,
                    url=_change_url(term.pk),
                    when=term.submitted_at,
                    when_prefix="Submitted",
                    badge=term.live_state().label,
                )
                for term in submitted.only(*ROW_FIELDS).order_by("-submitted_at")[:ROWS]
            ],
            empty="Nothing of yours is waiting for review.",
        ),
    ]


# --- Review and publishing (editors) -------------------------------------------------------


def review_panels(request):
    if not request.user.has_perm(PUBLISH_PERMISSION):
        return []
    now = timezone.now()
    waiting = Term.objects.in_review().with_live_state()
    waiting_rows = (
        waiting.annotate(
            submitted_at=_latest(Action.SUBMIT, "created_at"),
            submitted_by=_latest(Action.SUBMIT, "user__username"),
        )
        .only(*ROW_FIELDS)
        .order_by("submitted_at", "pk")[:ROWS]
    )
    scheduled = Publication.objects.scheduled(now)
    recent = Publication.objects.live(now).filter(go_live_at__gte=now - timedelta(days=RECENT_DAYS))
    broken = health.terms_with_broken_links()
    broken_rows = [
        Row(
            label=link.source.title,
            url=_change_url(link.source_id),
            detail=f"[[{link.target_key}]] points to no term",
        )
        for link in health.unresolved_links()[:ROWS]
    ]
    broken_rows += [
        Row(
            label=link.publication.title,
            url=_change_url(link.publication.term_id),
            detail=f"links to “{link.target.title}”, which readers cannot see",
        )
        for link in health.dead_links()[: ROWS - len(broken_rows)]
    ]
    return [
        Panel(
            key="awaiting-review",
            title="Awaiting review",
            section=Section.REVIEW,
            count=waiting.count(),
            rows=[
                Row(
                    label=term.title,
                    url=_change_url(term.pk),
                    detail=f"by {term.submitted_by}" if term.submitted_by else "",
                    when=term.submitted_at,
                    when_prefix="Submitted",
                    badge="Changes to a live term" if term.is_live_now else "",
                )
                for term in waiting_rows
            ],
            link=reverse("admin:terms_terminreview_changelist"),
            link_label="Open the review queue",
            empty="The review queue is empty.",
        ),
        Panel(
            key="scheduled",
            title="Scheduled",
            section=Section.REVIEW,
            count=scheduled.count(),
            rows=[
                Row(
                    label=publication.title,
                    url=_change_url(publication.term_id),
                    detail=f"approved by {publication.published_by}"
                    if publication.published_by
                    else "",
                    when=publication.go_live_at,
                    when_prefix="Goes live",
                    relative=False,
                )
                for publication in scheduled.select_related("published_by")[:ROWS]
            ],
            link=_terms_list(state="scheduled"),
            empty="Nothing is scheduled to go live.",
        ),
        Panel(
            key="recently-published",
            title="Recently published",
            section=Section.REVIEW,
            count=recent.count(),
            rows=[
                Row(
                    label=publication.title,
                    url=_change_url(publication.term_id),
                    detail=f"by {publication.published_by}" if publication.published_by else "",
                    when=publication.go_live_at,
                    when_prefix="Published",
                )
                for publication in recent.select_related("published_by").order_by(
                    "-go_live_at", "-pk"
                )[:ROWS]
            ],
            link=_terms_list(state="live"),
            link_label="All live terms",
            empty=f"Nothing went live in the last {RECENT_DAYS} days.",
        ),
        Panel(
            key="broken-links",
            title="Broken links",
            section=Section.REVIEW,
            count=broken.count(),
            rows=broken_rows,
            link=reverse("admin:terms_brokenlinkterm_changelist"),
            empty="Every link leads to a live term.",
        ),
    ]


# --- Editorial health (editors) -------------------------------------------------------------


def health_panels(request):
    if not request.user.has_perm(PUBLISH_PERMISSION):
        return []
    stale = health.stale_terms()
    stale_url = reverse("admin:terms_staleterm_changelist")
    by_owner = (
        stale.order_by()
        .values("owner_id", "owner__username")
        .annotate(n=Count("pk"))
        .order_by("-n", "owner__username")[:ROWS]
    )
    orphans = health.orphan_terms()
    incomplete = health.incomplete_terms()
    return [
        Panel(
            key="stale",
            title="Due for review",
            section=Section.HEALTH,
            count=stale.count(),
            figures=[
                Figure(
                    label=row["owner__username"] or "No owner",
                    value=row["n"],
                    url=f"{stale_url}?owner__id__exact={row['owner_id']}"
                    if row["owner_id"]
                    else f"{stale_url}?owner__isnull=True",
                )
                for row in by_owner
            ],
            link=stale_url,
            empty="Every live term is within its review date.",
        ),
        Panel(
            key="orphans",
            title="Orphan terms",
            section=Section.HEALTH,
            count=orphans.count(),
            rows=[
                Row(label=term.title, url=_change_url(term.pk), detail="no live term links here")
                for term in orphans.only(*ROW_FIELDS)[:ROWS]
            ],
            link=reverse("admin:terms_orphanterm_changelist"),
            link_label="See all, with terms that could link to them",
            empty="Every live term is linked from another.",
        ),
        Panel(
            key="incomplete",
            title="No related terms or tags",
            section=Section.HEALTH,
            count=incomplete.count(),
            rows=[
                Row(label=term.title, url=_change_url(term.pk), detail=_missing(term))
                for term in incomplete.only(*ROW_FIELDS)[:ROWS]
            ],
            link=reverse("admin:terms_incompleteterm_changelist"),
            empty="Every live term has related terms and tags.",
        ),
    ]


def _missing(term) -> str:
    missing = [
        name
        for name, present in (("related terms", term.has_related), ("tags", term.has_tags))
        if not present
    ]
    return "no " + " and no ".join(missing)
