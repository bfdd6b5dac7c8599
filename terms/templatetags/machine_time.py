"""``{{ value|machine_datetime }}``: the one format for ``<time datetime="…">``
(``glossary_site.machine_time``)."""

from django import template

from glossary_site import machine_time

register = template.Library()


@register.filter
def machine_datetime(value) -> str:
    return machine_time.machine_datetime(value)
