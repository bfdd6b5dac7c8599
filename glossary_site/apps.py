from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig


class AdminConfig(DjangoAdminConfig):
    """``django.contrib.admin`` with the site's own admin site (the dashboard as its home)."""

    default_site = "glossary_site.admin_site.GlossaryAdminSite"

    def ready(self):
        super().ready()
        # The project's own system checks register on import (SITE_URL: glossary_site/checks.py).
        from glossary_site import checks  # noqa: F401
