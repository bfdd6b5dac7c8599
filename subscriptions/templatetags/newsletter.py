"""The newsletter call to action, for any page to include: ``{% newsletter_signup %}``.

The copy comes from the cache (``call_to_action``), so a term page pays no query for it.
On a term page the term's category may have its own line; the tag finds the term in the
page's context, so the glossary's templates need not know about the newsletter.
"""

from django import template

from subscriptions.call_to_action import signup_copy
from subscriptions.signups import consent_wording

register = template.Library()

MAX_SOURCE_LENGTH = 500


@register.inclusion_tag("subscriptions/includes/signup_form.html", takes_context=True)
def newsletter_signup(context, variant="inline"):
    """Render the signup block; ``source`` is the page it sits on (with its UTM tags)."""
    request = context.get("request")
    term = context.get("term")
    source = context.get("signup_source")
    if source is None:
        source = request.get_full_path()[:MAX_SOURCE_LENGTH] if request is not None else ""
    # One <script> for however many forms the page has.
    first_on_page = "newsletter_script" not in context.render_context
    context.render_context["newsletter_script"] = True
    return {
        "copy": signup_copy(getattr(term, "category_id", None)),
        "consent": consent_wording(),
        "source": source,
        "variant": variant,
        "form_id": f"newsletter-{variant}",
        "email": context.get("signup_email", ""),
        "error": context.get("signup_error", ""),
        "include_script": first_on_page,
    }
