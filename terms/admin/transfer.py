"""Import and export in the admin: upload a file, read its dry run, confirm, follow the worker's
progress; download the glossary in any format.

Writers import drafts; editors may also publish what passes the pre-publish checks. Every rule
is asked of ``terms.transfer.jobs``; these views only show its answers.
"""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models.fields.json import KT
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from terms import workflow
from terms.models import TermImport
from terms.transfer import exporting, formats, jobs
from terms.transfer.planning import Outcome

IMPORT_PERMISSION = "terms.import_terms"
EXPORT_PERMISSION = "terms.export_terms"
ROWS_PER_PAGE = 100
OUTCOME_LABELS = {
    Outcome.ERROR: "Errors",
    Outcome.CHANGED: "Changed",
    Outcome.NEW: "New",
    Outcome.UNCHANGED: "Unchanged",
}


class ImportForm(forms.Form):
    file = forms.FileField(
        help_text=(
            f"CSV, JSON, or a zip of Markdown files; at most "
            f"{settings.TRANSFER_MAX_UPLOAD_BYTES // 1024**2} MB and "
            f"{settings.TRANSFER_MAX_TERMS:,} terms."
        )
    )
    format = forms.ChoiceField(
        choices=[("", "Tell from the file"), *TermImport.Format.choices], required=False
    )
    mode = forms.ChoiceField(
        choices=TermImport.Mode.choices,
        initial=TermImport.Mode.DRAFTS,
        widget=forms.RadioSelect,
        label="Then",
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if not user.has_perm(workflow.PUBLISH_PERMISSION):
            self.fields["mode"].choices = [(TermImport.Mode.DRAFTS, TermImport.Mode.DRAFTS.label)]
            self.fields["mode"].help_text = "Writers import drafts; an editor publishes them."

    def clean_file(self):
        upload = self.cleaned_data["file"]
        cap = settings.TRANSFER_MAX_UPLOAD_BYTES
        if upload.size > cap:
            raise forms.ValidationError(
                f"The file is {upload.size:,} bytes; an import takes at most {cap:,} bytes. "
                "Split it into smaller files."
            )
        return upload


class ExportForm(forms.Form):
    format = forms.ChoiceField(
        choices=TermImport.Format.choices, initial=TermImport.Format.JSON, widget=forms.RadioSelect
    )
    source = forms.ChoiceField(
        choices=exporting.Source.CHOICES,
        initial=exporting.Source.LIVE,
        widget=forms.RadioSelect,
        label="Terms",
    )


@admin.register(TermImport)
class TermImportAdmin(admin.ModelAdmin):
    list_display = [
        "import_link",
        "created_at",
        "created_by",
        "format",
        "mode",
        "status",
        "outcome",
    ]
    list_filter = ["status", "format", "mode"]
    list_select_related = ["created_by"]
    list_display_links = None
    change_list_template = "admin/terms/termimport/change_list.html"

    def get_queryset(self, request):
        # The stored upload and dry run can be megabytes; the list needs only the counts.
        counts = {f"count_{key}": KT(f"plan__counts__{key}") for key in OUTCOME_LABELS}
        return super().get_queryset(request).defer("upload", "plan", "result").annotate(**counts)

    # Permissions

    def has_add_permission(self, request):
        return request.user.has_perm(IMPORT_PERMISSION)

    def has_change_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        user = request.user
        return user.has_perm("terms.view_termimport") or user.has_perm(IMPORT_PERMISSION)

    def has_module_permission(self, request):
        return self.has_view_permission(request) or request.user.has_perm(EXPORT_PERMISSION)

    # The list

    @admin.display(description="Import", ordering="pk")
    def import_link(self, job):
        url = reverse("admin:terms_termimport_change", args=[job.pk])
        return format_html('<a href="{}">#{} {}</a>', url, job.pk, job.filename)

    @admin.display(description="Dry run")
    def outcome(self, job):
        if getattr(job, "count_error", None) is None and job.status == TermImport.Status.PLANNED:
            return "File refused"
        return ", ".join(
            f"{int(getattr(job, f'count_{key}', 0) or 0):,} {label.lower()}"
            for key, label in OUTCOME_LABELS.items()
        )

    # Views

    def get_urls(self):
        own = [
            path(
                "export/",
                self.admin_site.admin_view(self.export_view),
                name="terms_termimport_export",
            ),
            path(
                "<int:pk>/confirm/",
                self.admin_site.admin_view(self.confirm_view),
                name="terms_termimport_confirm",
            ),
            path(
                "<int:pk>/plan-again/",
                self.admin_site.admin_view(self.plan_again_view),
                name="terms_termimport_plan_again",
            ),
        ]
        return own + super().get_urls()

    def context(self, request, title, **extra):
        return {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": title,
            "may_export": request.user.has_perm(EXPORT_PERMISSION),
            **extra,
        }

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = ImportForm(request.POST or None, request.FILES or None, user=request.user)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            data = upload.read(settings.TRANSFER_MAX_UPLOAD_BYTES + 1)
            format_name = form.cleaned_data["format"] or formats.guess(upload.name, data)
            job = jobs.plan_upload(
                data,
                filename=upload.name,
                format_name=format_name,
                mode=form.cleaned_data["mode"],
                user=request.user,
            )
            return HttpResponseRedirect(reverse("admin:terms_termimport_change", args=[job.pk]))
        return TemplateResponse(
            request,
            "admin/terms/termimport/upload.html",
            self.context(request, "Import terms", form=form),
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        job = get_object_or_404(TermImport.objects.select_related("created_by"), pk=object_id)
        if not self.has_view_permission(request, job):
            raise PermissionDenied
        plan = job.plan
        show = request.GET.get("show", "")
        rows = [row for row in plan.get("rows", []) if not show or row["outcome"] == show]
        rows.sort(key=lambda row: Outcome.ORDER.index(row["outcome"]))
        page = Paginator(rows, ROWS_PER_PAGE).get_page(request.GET.get("page"))
        counts = plan.get("counts", {})
        refusal = jobs.confirm_refusal(job, request.user)
        return TemplateResponse(
            request,
            "admin/terms/termimport/detail.html",
            self.context(
                request,
                f"Import #{job.pk}: {job.filename}",
                job=job,
                plan=plan,
                page=page,
                show=show,
                filters=[(key, label, counts.get(key, 0)) for key, label in OUTCOME_LABELS.items()],
                categories=[
                    row for row in plan.get("categories", []) if row["outcome"] != "unchanged"
                ],
                refusal=refusal,
                may_confirm=refusal is None,
                may_plan_again=job.status in (TermImport.Status.STALE, TermImport.Status.FAILED)
                and job.created_by_id == request.user.pk,
                progress=jobs.progress(job) if job.in_progress else None,
                result=job.result,
            ),
        )

    def confirm_view(self, request, pk):
        job = get_object_or_404(TermImport, pk=pk)
        back = HttpResponseRedirect(reverse("admin:terms_termimport_change", args=[pk]))
        if request.method != "POST":
            return back
        if not request.user.has_perm(IMPORT_PERMISSION):
            raise PermissionDenied
        try:
            jobs.confirm(job, request.user)
        except jobs.ConfirmRefused as error:
            self.message_user(request, str(error), messages.ERROR)
        else:
            self.message_user(
                request, "Confirmed: the import runs in the background; this page follows it."
            )
        return back

    def plan_again_view(self, request, pk):
        job = get_object_or_404(TermImport, pk=pk)
        back = HttpResponseRedirect(reverse("admin:terms_termimport_change", args=[pk]))
        if request.method != "POST":
            return back
        if job.created_by_id != request.user.pk or not request.user.has_perm(IMPORT_PERMISSION):
            raise PermissionDenied
        try:
            jobs.plan_again(job)
        except jobs.ConfirmRefused as error:
            self.message_user(request, str(error), messages.ERROR)
        else:
            self.message_user(
                request, "The dry run was run again against the glossary as it is now."
            )
        return back

    def export_view(self, request):
        if not request.user.has_perm(EXPORT_PERMISSION):
            raise PermissionDenied
        form = ExportForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            format_name, source = form.cleaned_data["format"], form.cleaned_data["source"]
            file_format = formats.FORMATS[format_name]
            response = HttpResponse(
                exporting.export_bytes(source, format_name), content_type=file_format.content_type
            )
            name = f"glossary-{source}-{timezone.localdate():%Y-%m-%d}.{file_format.extension}"
            response["Content-Disposition"] = f'attachment; filename="{name}"'
            return response
        return TemplateResponse(
            request,
            "admin/terms/termimport/export.html",
            self.context(request, "Export terms", form=form),
        )
