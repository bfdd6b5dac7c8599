"""The Django admin site the editors use: the stock site, with a dashboard as its home page.

It replaces ``django.contrib.admin``'s default site (``glossary_site.apps.AdminConfig``), so
``admin.site`` and ``@admin.register`` everywhere mean this site.
"""

from django.contrib import admin

from glossary_site import dashboard


class GlossaryAdminSite(admin.AdminSite):
    index_template = "admin/dashboard.html"
    index_title = "Dashboard"

    def index(self, request, extra_context=None):
        """The admin home: this user's dashboard panels, then every section they may open."""
        context = {"dashboard_sections": dashboard.assemble(request), **(extra_context or {})}
        return super().index(request, extra_context=context)
