"""The newsletter call to action, for any page to include: ``{% newsletter_signup %}``; and
``{% newsletter_copy as offer %}`` for the newsletter's own pages.

The copy comes from the cache (``call_to_action``), so a page pays no query for it. On a
category page or a term page the box pitches the category; the tag finds the category in the
page's context (``category``, or the ``term``'s), so the glossary's templates need not know
about the newsletter.
"""

from django import template

from subscriptions.call_to_action import category_pitch, signup_copy

register = template.Library()

MAX_SOURCE_LENGTH = 500
# The slots a page may have, and the copy each shows. "inline": the box on every reader page
# and the first on a term page; "closing": the second, at the end of a term page.
SLOTS = {
    "inline": ("headline", "line"),
    "page": ("headline", "line"),
    "closing": ("closing_headline", "closing_line"),
}


@register.inclusion_tag("subscriptions/includes/signup_form.html", takes_context=True)
def newsletter_signup(context, variant="inline"):
    """Render the signup block; ``source`` is the page it sits on (with its UTM tags)."""
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
    return {
        "headline": copy[headline],
        "line": copy[line],
        "button_label": copy["button_label"],
        "pitch": category_pitch(category) if category is not None and variant != "closing" else "",
        "consent": copy["consent"],
        "source": source,
        "variant": variant,
        "form_id": f"newsletter-{variant}",
        "email": context.get("signup_email", ""),
        "error": context.get("signup_error", ""),
        "include_script": first_on_page,
    }


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
