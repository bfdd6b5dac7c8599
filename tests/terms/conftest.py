import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from terms.models import Term
from tests.factories import UserFactory


def user_in(group_name: str, username: str):
    user = UserFactory(username=username, is_staff=True)
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def writer(db):
    return user_in("Writer", "wendy-writer")


@pytest.fixture
def editor(db):
    return user_in("Editor", "eddie-editor")


@pytest.fixture
def superuser(db):
    return UserFactory(username="root", is_staff=True, is_superuser=True)


def admin_post_data(term: Term, **overrides) -> dict:
    """What the admin change form posts for ``term`` as it is stored, plus ``overrides``."""
    aliases = list(term.aliases.all())
    related = list(term.related_links.order_by("position", "pk"))
    data = {
        "title": term.title,
        "slug": term.slug,
        "category": term.category_id,
        "summary": term.summary,
        "definition": term.definition,
        "why_it_matters": term.why_it_matters,
        "in_practice": term.in_practice,
        "tags": ", ".join(tag.name for tag in term.tags.all()),
        "expected_version": term.version,
        "owner": term.owner_id or "",
        "review_by": term.review_by.isoformat() if term.review_by else "",
        "aliases-TOTAL_FORMS": str(len(aliases)),
        "aliases-INITIAL_FORMS": str(len(aliases)),
        "related_links-TOTAL_FORMS": str(len(related)),
        "related_links-INITIAL_FORMS": str(len(related)),
    }
    for n, alias in enumerate(aliases):
        data |= {
            f"aliases-{n}-id": alias.pk,
            f"aliases-{n}-term": term.pk,
            f"aliases-{n}-name": alias.name,
            f"aliases-{n}-slug": alias.slug,
        }
    for n, link in enumerate(related):
        data |= {
            f"related_links-{n}-id": link.pk,
            f"related_links-{n}-term": term.pk,
            f"related_links-{n}-related": link.related_id,
            f"related_links-{n}-position": link.position,
        }
    data.update(overrides)
    return data


def save_in_admin(client, term, **changes) -> Term:
    """Save ``term`` through the admin's change form with ``changes``; the term as stored."""
    term = Term.objects.get(pk=term.pk)
    response = client.post(
        reverse("admin:terms_term_change", args=[term.pk]), admin_post_data(term, **changes)
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    return Term.objects.get(pk=term.pk)
