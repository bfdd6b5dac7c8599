"""The newsletter call to action, for any page to include: ``{% newsletter_signup %}``."""

from django import template

register = template.Library()

DEFAULT_COPY = {
    "headline": "Get one clear AI term in your inbox every week",
    "line": "A short, plain-English explainer each week. No hype, no spam; leave in one click.",
    "button": "Subscribe",
}


@register.inclusion_tag("subscriptions/includes/signup_form.html", takes_context=True)
def newsletter_signup(context, variant="inline"):
    """Render the signup block; ``source`` is the page it sits on."""
    request = context.get("request")
    return {
        "copy": DEFAULT_COPY,
        "source": request.path if request is not None else "",
        "variant": variant,
        "form_id": f"newsletter-{variant}",
    }
