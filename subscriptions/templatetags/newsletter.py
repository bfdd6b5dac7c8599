"""The newsletter call to action, for any page to include: ``{% newsletter_signup %}``; and
``{% newsletter_copy as offer %}`` for the newsletter's own pages.

The copy comes from the cache (``call_to_action``), so a page pays no query for it. On a
category page or a term page the box pitches the category; the tag finds the category in the
page's context (``category``, or the ``term``'s), so the glossary's templates need not know
about the newsletter.
"""

import hashlib

from django import template
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import mark_safe

from glossary_site import page_cache
from subscriptions.call_to_action import category_pitch, signup_copy

register = template.Library()

TEMPLATE = "subscriptions/includes/signup_form.html"
# Stands for the page's address in a kept block; replaced by it, escaped.
SOURCE_SLOT = "__newsletter-signup-source-7c1e9a__"

MAX_SOURCE_LENGTH = 500
# The slots a page may have, and the copy each shows. "inline": the box on every reader page
# and the first on a term page; "closing": the second, at the end of a term page.
SLOTS = {
    "inline": ("headline", "line"),
    "page": ("headline", "line"),
    "closing": ("closing_headline", "closing_line"),
}


@register.simple_tag(takes_context=True)
def newsletter_signup(context, variant="inline"):
    """Render the signup block; ``source`` is the page it sits on (with its UTM tags).

    The block is the same on every page but for its ``source``: it is made once per slot,
    pitch and copy and kept until content changes (every copy change raises the content
    generation), then the page's address is put in. A block showing a reader's address or an
    error (the newsletter page after a failed signup) is made every time.
    """
    if variant not in SLOTS:
        raise template.TemplateSyntaxError(f"newsletter_signup: no slot named {variant!r}")
    request = context.get("request")
    source = context.get("signup_source")
    if source is None:
        source = request.get_full_path()[:MAX_SOURCE_LENGTH] if request is not None else ""
    # One <script> for however many forms the page has.
    first_on_page = "newsletter_script" not in context.render_context
    context.render_context["newsletter_script"] = True
    copy = signup_copy()
    headline, line = SLOTS[variant]
    category = _page_category(context)
    values = {
        "headline": copy[headline],
        "line": copy[line],
        "button_label": copy["button_label"],
        "pitch": category_pitch(category) if category is not None and variant != "closing" else "",
        "consent": copy["consent"],
        "source": SOURCE_SLOT,
        "variant": variant,
        "form_id": f"newsletter-{variant}",
        "email": context.get("signup_email", ""),
        "error": context.get("signup_error", ""),
        "include_script": first_on_page,
    }
    if values["email"] or values["error"]:
        return render_to_string(TEMPLATE, {**values, "source": source})
    digest = hashlib.blake2b(repr(sorted(values.items())).encode(), digest_size=12).hexdigest()
    block = page_cache.until_content_changes(
        f"newsletter:block:{digest}", lambda: render_to_string(TEMPLATE, values)
    )
    return mark_safe(block.replace(SOURCE_SLOT, escape(source)))  # The address is escaped.


@register.simple_tag
def newsletter_copy():
    """The newsletter's copy, filled in: ``{% newsletter_copy as offer %}``."""
    return signup_copy()


def _page_category(context):
    """The category the page is about: a category page's, or a term page's term's."""
    category = context.get("category")
    if category is None:
        category = getattr(context.get("term"), "category", None)
    # Only a glossary category has a pitch (a loop variable elsewhere might share the name).
    return category if hasattr(category, "name_in_a_sentence") else None
