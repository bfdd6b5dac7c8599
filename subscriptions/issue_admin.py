"""The weekly issue in the admin: compose, preview, test, send or schedule, follow, cancel.

Composing needs the model permissions on ``Issue``; every way of sending (a test included)
needs ``subscriptions.send_issue`` as well. Both go to the "Editor" group by migration;
writers get neither.
"""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Exists, OuterRef, Q
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from markdownx.widgets import AdminMarkdownxWidget

from subscriptions import issue_content, sending, tasks
from subscriptions.issue_email import IssueEmail
from subscriptions.issue_models import (
    TERMS_OF_THE_WEEK_MAX,
    Delivery,
    Issue,
    IssueTerm,
    Suppression,
)
from subscriptions.models import Subscriber

CONTENT_FIELDS = ["subject", "slug", "preheader", "body"]
SEND_PERMISSION = "subscriptions.send_issue"


def next_friday_morning(now: datetime | None = None) -> datetime:
    """The next Friday at 08:00 in the site's time zone: the usual time for an issue."""
    zone = ZoneInfo(settings.TIME_ZONE)
    local = (now or timezone.now()).astimezone(zone)
    candidate = local.replace(hour=8, minute=0, second=0, microsecond=0)
    candidate += timedelta(days=(4 - local.weekday()) % 7)
    if candidate <= local:
        candidate += timedelta(days=7)
    return candidate


class ScheduleForm(forms.Form):
    send_at = forms.DateTimeField(
        label="Send at",
        input_formats=["%Y-%m-%dT%H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )

    def clean_send_at(self):
        send_at = self.cleaned_data["send_at"]
        if send_at <= timezone.now():
            raise ValidationError("That time has passed. Pick a later one, or send it now.")
        return send_at


class IssueForm(forms.ModelForm):
    class Meta:
        model = Issue
        fields = CONTENT_FIELDS
        widgets = {"body": AdminMarkdownxWidget}

    def clean(self):
        cleaned = super().clean()
        # Sending may have started since the form was opened: what was sent stays as sent.
        if (
            self.instance.pk
            and not Issue.objects.filter(
                pk=self.instance.pk, status__in=Issue.EDITABLE_STATUSES
            ).exists()
        ):
            raise ValidationError("This issue has gone out since you opened it; it can’t change.")
        return cleaned


class IssueTermInline(admin.TabularInline):
    model = IssueTerm
    extra = 0
    max_num = TERMS_OF_THE_WEEK_MAX
    fields = ["term", "position"]
    autocomplete_fields = ["term"]
    verbose_name = "term of the week"
    verbose_name_plural = "terms of the week (live terms; shown as cards in this order)"

    def _editable(self, obj):
        return obj is None or obj.is_editable

    def has_add_permission(self, request, obj=None):
        return self._editable(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._editable(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._editable(obj) and super().has_delete_permission(request, obj)


@admin.register(Issue)
class IssueAdmin(admin.ModelAdmin):
    form = IssueForm
    inlines = [IssueTermInline]
    list_display = ["subject", "status", "when", "sent_count", "pending_count", "failed_count"]
    list_filter = ["status"]
    search_fields = ["subject", "slug"]
    prepopulated_fields = {"slug": ["subject"]}
    change_form_template = "subscriptions/admin/issue_change_form.html"
    ordering = ["-created_at"]

    def get_queryset(self, request):
        counts = {
            name: Count("deliveries", filter=Q(deliveries__status=status))
            for name, status in (
                ("sent", Delivery.Status.SENT),
                ("pending", Delivery.Status.PENDING),
                ("failed", Delivery.Status.FAILED),
            )
        }
        return super().get_queryset(request).annotate(**counts)

    @admin.display(description="Sent or scheduled for", ordering="send_at")
    def when(self, obj):
        return obj.started_at or obj.send_at or "—"

    @admin.display(description="Sent", ordering="sent")
    def sent_count(self, obj):
        return obj.sent

    @admin.display(description="Pending", ordering="pending")
    def pending_count(self, obj):
        return obj.pending

    @admin.display(description="Failed", ordering="failed")
    def failed_count(self, obj):
        return obj.failed

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and not obj.is_editable:
            return CONTENT_FIELDS
        return []

    def get_prepopulated_fields(self, request, obj=None):
        return {} if obj is not None and not obj.is_editable else self.prepopulated_fields

    def has_change_permission(self, request, obj=None):
        # Once sending starts the issue is what was sent: its page becomes read-only.
        if obj is not None and not obj.is_editable:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        # An issue that went out is part of the archive and of each recipient's history.
        if obj is not None and obj.started_at is not None:
            return False
        return super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        issue = self.get_object(request, object_id)
        if issue is not None:
            extra_context = {**self._sending_context(request, issue), **(extra_context or {})}
        return super().change_view(request, object_id, form_url, extra_context=extra_context)

    def _sending_context(self, request, issue, schedule_form=None):
        send_at = issue.send_at or next_friday_morning()
        return {
            "issue": issue,
            "progress": sending.progress(issue),
            "can_send": request.user.has_perm(SEND_PERMISSION),
            "schedule_form": schedule_form
            or ScheduleForm(initial={"send_at": timezone.localtime(send_at)}),
            "recipient_count": sending.recipients().count() if issue.is_editable else None,
            "time_zone": timezone.get_current_timezone_name(),
            "failed_url": reverse("admin:subscriptions_delivery_changelist")
            + f"?issue__id__exact={issue.pk}&status__exact=failed",
            "deliveries_url": reverse("admin:subscriptions_delivery_changelist")
            + f"?issue__id__exact={issue.pk}",
        }

    # --- Previews and sending ---------------------------------------------------------------

    def get_urls(self):
        def view(function, name):
            return path(
                f"<path:object_id>/{name}/",
                self.admin_site.admin_view(function),
                name=f"subscriptions_issue_{name.replace('/', '_')}",
            )

        return [
            view(self.preview_email_view, "preview/email"),
            view(self.preview_text_view, "preview/text"),
            view(self.preview_web_view, "preview/web"),
            view(self.send_view, "send"),
            *super().get_urls(),
        ]

    def _issue_for(self, request, object_id, *, sending_needed=False) -> Issue:
        issue = get_object_or_404(Issue, pk=object_id)
        if not self.has_view_permission(request, issue):
            raise PermissionDenied
        if sending_needed and not request.user.has_perm(SEND_PERMISSION):
            raise PermissionDenied
        return issue

    @staticmethod
    def _preview_message(request, issue):
        return IssueEmail(issue).message(
            request.user.email or "preview@example.invalid", "#unsubscribe-link-of-each-recipient"
        )

    @staticmethod
    def _preview_body(message, mimetype):
        for content, kind in message.alternatives:
            if kind == mimetype:
                return content
        return message.body

    # The email's own HTML, as a mail program shows it: it styles itself inline, as emails must,
    # so this staff-only response allows inline styles (it runs no script: none is allowed).
    @method_decorator(never_cache)
    @method_decorator(csp_update({"style-src": [UNSAFE_INLINE]}))
    def preview_email_view(self, request, object_id):
        issue = self._issue_for(request, object_id)
        html = self._preview_body(self._preview_message(request, issue), "text/html")
        response = HttpResponse(html)
        response["X-Robots-Tag"] = "noindex"
        return response

    @method_decorator(never_cache)
    def preview_text_view(self, request, object_id):
        issue = self._issue_for(request, object_id)
        response = HttpResponse(
            self._preview_message(request, issue).body, content_type="text/plain; charset=utf-8"
        )
        response["X-Robots-Tag"] = "noindex"
        return response

    @method_decorator(never_cache)
    def preview_web_view(self, request, object_id):
        issue = self._issue_for(request, object_id)
        response = TemplateResponse(
            request,
            "subscriptions/issue_detail.html",
            {"issue": issue, "content": issue_content.shown(issue), "preview": True},
        )
        return response

    def send_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseRedirect(self._change_url(object_id))
        issue = self._issue_for(request, object_id, sending_needed=True)
        action = request.POST.get("action", "")
        handler = {
            "test": self._send_test,
            "now": self._send_now,
            "schedule": self._schedule,
            "unschedule": self._unschedule,
            "cancel": self._cancel,
        }.get(action)
        if handler is None:
            self.message_user(request, "Unknown action.", messages.ERROR)
            return HttpResponseRedirect(self._change_url(issue.pk))
        return handler(request, issue)

    def _change_url(self, object_id):
        return reverse("admin:subscriptions_issue_change", args=[object_id])

    def _send_test(self, request, issue):
        address = request.user.email
        if not address:
            self.message_user(
                request,
                "Your account has no email address: add one to your user, then send the test.",
                messages.ERROR,
            )
        else:
            try:
                sending.send_test(issue, address)
            except Exception as error:  # The editor is told what the mail server said.
                self.message_user(request, f"The test could not be sent: {error}", messages.ERROR)
            else:
                self.message_user(request, f"A test copy went to {address}.", messages.SUCCESS)
        return HttpResponseRedirect(self._change_url(issue.pk))

    def _send_now(self, request, issue):
        if not issue.is_editable:
            self.message_user(request, "This issue has already gone out.", messages.ERROR)
            return HttpResponseRedirect(self._change_url(issue.pk))
        if request.POST.get("confirm") != "yes":
            context = {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": "Send this issue now?",
                "issue": issue,
                "recipient_count": sending.recipients().count(),
                "send_url": reverse("admin:subscriptions_issue_send", args=[issue.pk]),
                "change_url": self._change_url(issue.pk),
            }
            return TemplateResponse(request, "subscriptions/admin/issue_send_confirm.html", context)
        try:
            tasks.schedule_issue(issue)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
        else:
            self.message_user(
                request,
                "Sending has started. This page shows its progress; reload it to follow.",
                messages.SUCCESS,
            )
        return HttpResponseRedirect(self._change_url(issue.pk))

    def _schedule(self, request, issue):
        form = ScheduleForm(request.POST)
        if not form.is_valid():
            self.message_user(request, " ".join(form.errors["send_at"]), messages.ERROR)
            return HttpResponseRedirect(self._change_url(issue.pk))
        send_at = form.cleaned_data["send_at"]
        try:
            tasks.schedule_issue(issue, send_at)
        except (ValidationError, tasks.SchedulingUnavailable) as error:
            text = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
            self.message_user(request, text, messages.ERROR)
        else:
            local = timezone.localtime(send_at)
            self.message_user(
                request,
                f"Scheduled for {local:%A %d %B %Y, %H:%M} ({local.tzname()}).",
                messages.SUCCESS,
            )
        return HttpResponseRedirect(self._change_url(issue.pk))

    def _unschedule(self, request, issue):
        if sending.unschedule(issue):
            self.message_user(request, "Back to draft: it will not go out.", messages.SUCCESS)
        else:
            self.message_user(request, "This issue was not scheduled.", messages.WARNING)
        return HttpResponseRedirect(self._change_url(issue.pk))

    def _cancel(self, request, issue):
        if sending.cancel(issue):
            self.message_user(
                request,
                "Sending cancelled: nobody else will get this issue, and it has left the archive.",
                messages.SUCCESS,
            )
        else:
            self.message_user(request, "There was no send to cancel.", messages.WARNING)
        return HttpResponseRedirect(self._change_url(issue.pk))


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    """Who each issue went to, and what failed (read-only: the sending worker writes these)."""

    list_display = [
        "email",
        "issue",
        "status",
        "attempts",
        "sent_at",
        "next_attempt_at",
        "last_error",
    ]
    list_filter = ["status", "issue"]
    search_fields = ["email"]
    list_select_related = ["issue"]
    list_per_page = 100
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Suppression)
class SuppressionAdmin(admin.ModelAdmin):
    """Addresses the provider reported as hard bounces or complaints: nothing goes to them."""

    list_display = ["subscriber", "reason", "created_at", "provider", "detail"]
    list_filter = ["reason", "provider"]
    search_fields = ["subscriber__email"]
    list_select_related = ["subscriber"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class DeliveryProblemFilter(admin.SimpleListFilter):
    """Subscribers by what the provider reported: a hard bounce, a complaint, or nothing."""

    title = "delivery problem"
    parameter_name = "problem"

    def lookups(self, request, model_admin):
        return [*Suppression.Reason.choices, ("none", "None")]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "none":
            return queryset.exclude(Exists(Suppression.objects.filter(subscriber=OuterRef("pk"))))
        if value in Suppression.Reason.values:
            return queryset.filter(
                Exists(Suppression.objects.filter(subscriber=OuterRef("pk"), reason=value))
            )
        return queryset


def delivery_problem(subscriber: Subscriber) -> str:
    """The subscriber's suppression, for the subscriber list (loaded with select_related)."""
    suppression = getattr(subscriber, "suppression", None)
    return suppression.get_reason_display() if suppression else "—"
