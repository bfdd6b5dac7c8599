from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.generic import TemplateView

from glossary_site import health
from glossary_site.page_cache import reader_page
from subscriptions.sitemaps import SITEMAPS as NEWSLETTER_SITEMAPS
from terms import markdownx_views
from terms.sitemaps import SITEMAPS

# A database outage raised outside a view answers 503, not 500.
handler500 = "glossary_site.database_outage.server_error"
# Not found: for a mistyped term address, "Did you mean …?" with the closest live terms.
handler404 = "terms.not_found.page_not_found"

urlpatterns = [
    # The editor's preview and upload, staff only, at the paths the markdownx widget calls.
    path(
        "admin/markdownx/markdownify/",
        markdownx_views.markdown_preview,
        name="markdownx_markdownify",
    ),
    path("admin/markdownx/upload/", markdownx_views.image_upload, name="markdownx_upload"),
    path("admin/", admin.site.urls),
    # Delivery events from an email provider (bounces, complaints), through django-anymail:
    # /anymail/<provider>/tracking/, authenticated with ANYMAIL_WEBHOOK_SECRET.
    path("anymail/", include("anymail.urls")),
    path("healthz", health.healthz, name="healthz"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots",
    ),
    path(
        "sitemap.xml",
        reader_page(sitemap),
        {"sitemaps": {**SITEMAPS, **NEWSLETTER_SITEMAPS}},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path("", include("subscriptions.urls")),
    path("", include("terms.urls")),
]
