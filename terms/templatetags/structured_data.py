"""JSON-LD and sharing tags for the reader pages.

``{% ld_json data %}``: a JSON-LD script element, escaped so no text can end it early.
``{% home_ld %}``, ``{% category_ld category terms %}``: the data of those pages
(``terms.structured_data``), made from what the page already has: no query.
``{% share_image_url publication %}``: the absolute address of a term's share image, or of
the site's default picture without a publication.
"""

from django import template
from django.utils.safestring import SafeString

from glossary_site.page_cache import until_content_changes
from terms import share_images, structured_data

register = template.Library()


@register.simple_tag
def ld_json(data) -> str:
    """A script element made once (a view keeps it with its page) is shown as it is."""
    return data if isinstance(data, SafeString) else structured_data.script_element(data)


@register.simple_tag
def home_ld() -> str:
    return ld_json(structured_data.home_page())


@register.simple_tag(takes_context=True)
def category_ld(context, category, publications) -> str:
    """Kept with the page it describes until content changes (a term per card: too much to
    work out on every request)."""
    path = context["request"].path
    page = getattr(context.get("page_obj"), "number", 1)
    return until_content_changes(
        f"category:{category.pk}:page:{page}:structured-data:{path}",
        lambda: ld_json(structured_data.category_page(category, publications, path=path)),
    )


@register.simple_tag
def share_image_url(publication=None) -> str:
    return share_images.share_image_url(publication)
