"""What the glossary's report pages in the admin share: they list, and never add, change or
delete (``ReportAdmin``); those about terms are for whoever may see terms, and each row links
to the term's form (``TermReportAdmin``)."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html


class ReportAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class TermReportAdmin(ReportAdmin):
    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("terms.view_term")

    def has_module_permission(self, request):
        return request.user.has_perm("terms.view_term")

    @admin.display(description="Term", ordering="title")
    def term_link(self, term):
        url = reverse("admin:terms_term_change", args=[term.pk])
        return format_html('<a href="{}">{}</a>', url, term.title)
