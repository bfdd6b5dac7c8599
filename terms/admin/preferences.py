"""My preferences: each editor sets their own time zone and email notifications.

Reached from the admin's user tools ("My preferences"); an editor only ever sees and changes
their own row. Superusers may also list everyone's (Glossary › Editor preferences).
"""

from collections import defaultdict

from django import forms
from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from terms.models import EditorPreference
from terms.models.preferences import time_zone_names


def grouped_time_zones() -> list:
    """Zone names grouped by their region ("America", "Europe"…), for a <select>."""
    groups = defaultdict(list)
    for name in time_zone_names():
        region = name.split("/", 1)[0] if "/" in name else "Other"
        groups[region].append((name, name.replace("_", " ")))
    return sorted(groups.items())


class EditorPreferenceForm(forms.ModelForm):
    time_zone = forms.ChoiceField(
        label="Time zone",
        help_text=EditorPreference._meta.get_field("time_zone").help_text,
    )

    class Meta:
        model = EditorPreference
        fields = ["time_zone", "email_notifications"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].choices = grouped_time_zones()
        self.fields["time_zone"].initial = self.instance.time_zone


@admin.register(EditorPreference)
class EditorPreferenceAdmin(admin.ModelAdmin):
    form = EditorPreferenceForm
    list_display = ["user", "time_zone", "email_notifications", "updated_at"]
    list_select_related = ["user"]
    search_fields = ["user__username", "user__email"]

    def get_urls(self):
        own = [
            path(
                "mine/",
                self.admin_site.admin_view(self.mine_view),
                name="terms_editorpreference_mine",
            )
        ]
        return own + super().get_urls()

    def mine_view(self, request):
        """The signed-in editor's own preferences (any staff user; admin_view checks staff)."""
        preference = EditorPreference.objects.for_user(request.user)
        form = EditorPreferenceForm(request.POST or None, instance=preference)
        if request.method == "POST" and form.is_valid():
            form.save()
            self.message_user(
                request,
                f"Your preferences are saved: times are shown in {form.instance.time_zone}.",
                messages.SUCCESS,
            )
            return HttpResponseRedirect(reverse("admin:terms_editorpreference_mine"))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "My preferences",
            "form": form,
        }
        return TemplateResponse(request, "admin/terms/editorpreference/mine.html", context)
