"""The newsletter in the admin: subscribers (editors only), the call-to-action copy, a report.

Access is plain Django model permissions: the "Editor" group gets them by migration; a user
without ``subscriptions.view_subscriber`` (a writer) sees no subscriber at all.
"""

import io

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.forms import Textarea, TextInput
from django.http import HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html_join

from subscriptions import offer, reports, signups
from subscriptions.csv_export import write_confirmed_subscribers
from subscriptions.issue_admin import DeliveryProblemFilter, delivery_problem  # Registers issues.
from subscriptions.models import SignupCopy, Subscriber


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    list_display = [
        "email", "status", "problem", "source", "created_at", "confirmed_at", "unsubscribed_at"
    ]  # fmt: skip
    list_filter = ["status", DeliveryProblemFilter, "created_at", "confirmed_at", "unsubscribed_at"]
    list_select_related = ["suppression"]
    search_fields = ["email", "source"]
    date_hierarchy = "created_at"
    ordering = ["-created_at"]
    list_per_page = 100
    actions = ["export_confirmed_csv", "unsubscribe_selected"]
    change_list_template = "subscriptions/admin/subscriber_change_list.html"
    # A subscriber's record is evidence of consent: editors read it, never rewrite it.
    fields = [
        "email",
        "status",
        "source",
        "utm_source",
        "utm_campaign",
        "consent_text",
        "created_at",
        "signed_up_at",
        "confirmed_at",
        "unsubscribed_at",
        "confirmation_requested_at",
        "confirmation_sent_at",
    ]
    readonly_fields = fields

    @admin.display(description="Delivery problem")
    def problem(self, obj):
        return delivery_problem(obj)

    def has_add_permission(self, request):
        return False  # Addresses join only through double opt-in.

    def has_export_permission(self, request):
        return request.user.has_perm("subscriptions.export_subscriber")

    @admin.action(description="Export confirmed subscribers as CSV", permissions=["export"])
    def export_confirmed_csv(self, request, queryset):
        buffer = io.StringIO()
        write_confirmed_subscribers(queryset, buffer)
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
        filename = f"newsletter-confirmed-{timezone.localdate():%Y-%m-%d}.csv"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

    @admin.action(description="Unsubscribe selected subscribers", permissions=["change"])
    def unsubscribe_selected(self, request, queryset):
        changed = sum(signups.end_subscription(subscriber) for subscriber in queryset)
        self.message_user(request, f"Unsubscribed {changed} subscriber(s).", messages.SUCCESS)

    def get_urls(self):
        report = path(
            "report/",
            self.admin_site.admin_view(self.report_view),
            name="subscriptions_subscriber_report",
        )
        return [report, *super().get_urls()]

    def changelist_view(self, request, extra_context=None):
        extra_context = {"status_counts": reports.counts_by_status(), **(extra_context or {})}
        return super().changelist_view(request, extra_context=extra_context)

    def report_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Newsletter signups by page",
            "rows": reports.signups_by_page(),
            "status_counts": reports.counts_by_status(),
        }
        return TemplateResponse(request, "subscriptions/admin/report.html", context)


@admin.register(SignupCopy)
class SignupCopyAdmin(admin.ModelAdmin):
    """One row: the changelist goes straight to it."""

    fieldsets = [
        (
            "The offer",
            {
                "fields": ["name", "what", ("frequency", "day"), "is_free", "offer_reads"],
                "description": (
                    "What the newsletter is. Every text below can say {name}, {what}, {when}, "
                    "{often} or {offer} instead of repeating it, so a change here shows "
                    "everywhere at once."
                ),
            },
        ),
        (
            "Signup boxes",
            {
                "fields": ["headline", "line", "consent", "button_label"],
                "description": "The box on every reader page, the first on a term page, and on "
                "the /newsletter/ page.",
            },
        ),
        ("Closing box on term pages", {"fields": ["closing_headline", "closing_line"]}),
        ("Category pitch", {"fields": ["category_pitch"]}),
        ("The /newsletter/ page", {"fields": ["page_heading", "page_lead"]}),
        ("Confirmation email", {"fields": ["confirm_subject", "confirm_intro"]}),
        (
            "Welcome",
            {
                "fields": [
                    "welcome_heading",
                    "welcome_message",
                    "welcome_email_enabled",
                    "welcome_subject",
                    "welcome_body",
                ],
                "description": "The page shown once an address is confirmed, and the email "
                "sent then.",
            },
        ),
    ]
    readonly_fields = ["offer_reads"]
    formfield_overrides = {
        models.CharField: {"widget": TextInput(attrs={"size": 90})},
        models.TextField: {"widget": Textarea(attrs={"rows": 6, "cols": 90})},
    }

    @admin.display(description="Reads as")
    def offer_reads(self, copy):
        values = copy.placeholder_values()
        return format_html_join(
            "", "<div><code>{{{}}}</code> {}</div>", ((name, values[name]) for name in values)
        )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not obj.is_free:
            saying_free = [
                str(obj._meta.get_field(field).verbose_name)
                for field in (*offer.TEXT_FIELDS, "category_pitch")
                if offer.mentions_free(getattr(obj, field))
            ]
            if saying_free:
                self.message_user(
                    request,
                    "The offer is no longer free, but these still say “free”: "
                    + ", ".join(saying_free)
                    + ".",
                    messages.WARNING,
                )

    # The row is created by migration; there is never a second one, nor none.
    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        copy, _ = SignupCopy.objects.get_or_create(pk=SignupCopy.SINGLETON_ID)
        return HttpResponseRedirect(
            reverse("admin:subscriptions_signupcopy_change", args=[copy.pk])
        )
