from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig


class AdminConfig(DjangoAdminConfig):
    """``django.contrib.admin`` with the site's own admin site (the dashboard as its home)."""

    default_site = "glossary_site.admin_site.GlossaryAdminSite"
