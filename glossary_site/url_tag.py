"""The ``{% url %}`` tag, answered from ``glossary_site.addresses`` (remembered per process).

Registered as a template builtin in settings, after Django's own, so every template's
``{% url %}`` is this one; it takes exactly what Django's takes (``{% url 'name' arg as var %}``
included) and gives the same address.
"""

from django import template
from django.template.defaulttags import URLNode
from django.template.defaulttags import url as django_url
from django.urls import NoReverseMatch
from django.utils.html import conditional_escape

from glossary_site.addresses import address

register = template.Library()


class RememberedURLNode(URLNode):
    def render(self, context):
        request = getattr(context, "request", None)
        current_app = getattr(request, "current_app", None)
        if current_app is None:
            current_app = getattr(getattr(request, "resolver_match", None), "namespace", None)
        try:
            url = address(
                self.view_name.resolve(context),
                args=[arg.resolve(context) for arg in self.args],
                kwargs={name: value.resolve(context) for name, value in self.kwargs.items()},
                current_app=current_app,
            )
        except NoReverseMatch:
            if self.asvar is None:
                raise
            url = ""
        if self.asvar:
            context[self.asvar] = url
            return ""
        return conditional_escape(url) if context.autoescape else url


@register.tag
def url(parser, token):
    """Django's ``{% url %}``, with the answer remembered."""
    node = django_url(parser, token)
    return RememberedURLNode(node.view_name, node.args, node.kwargs, node.asvar)
