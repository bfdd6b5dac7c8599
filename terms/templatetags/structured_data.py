"""``{% ld_json data %}``: a JSON-LD script element, escaped so no text can end it early."""

import json

from django import template
from django.utils.safestring import mark_safe

register = template.Library()

ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.simple_tag
def ld_json(data) -> str:
    payload = json.dumps(data, ensure_ascii=False, sort_keys=True).translate(ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')
