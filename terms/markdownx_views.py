"""The Markdown editor's preview and upload endpoints, for those who may write terms.

django-markdownx's own views answer anyone; these replace them at the URLs its widget calls.
"""

from functools import wraps

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseForbidden, JsonResponse
from django.utils.html import escape
from django.views.decorators.http import require_POST

from terms.models import SECTION_MAX_LENGTH
from terms.rendering import render_markdown
from terms.uploads import store_image

# The editor is on the add and change forms, so either permission opens it.
EDITOR_PERMISSIONS = ("terms.add_term", "terms.change_term")


def may_use_editor(user) -> bool:
    """Active staff who may add or change terms (being staff is not enough: some staff may
    only see newsletter subscribers)."""
    return (
        user.is_active
        and user.is_staff
        and any(user.has_perm(permission) for permission in EDITOR_PERMISSIONS)
    )


def editors_only(view):
    """403 for anyone who may not use the editor, before the view runs."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not may_use_editor(request.user):
            return HttpResponseForbidden("Only those who write terms can use the editor.")
        return view(request, *args, **kwargs)

    return wrapper


@require_POST
@editors_only
def markdown_preview(request):
    """Render the editor's text exactly as readers would see it."""
    content = request.POST.get("content", "")
    if len(content) > SECTION_MAX_LENGTH:
        message = (
            f"This section is {len(content):,} characters long; the limit is "
            f"{SECTION_MAX_LENGTH:,}. Shorten it to see the preview."
        )
        return HttpResponse(f'<p class="errornote">{escape(message)}</p>', status=400)
    return HttpResponse(render_markdown(content))


@require_POST
@editors_only
def image_upload(request):
    """Store an uploaded image and answer with the Markdown that shows it."""
    upload = request.FILES.get("image")
    if upload is None:
        return JsonResponse({"error": "No file was sent."}, status=400)
    try:
        # One byte past the limit is enough to know a file is too large.
        image = store_image(upload.read(settings.MARKDOWNX_UPLOAD_MAX_SIZE + 1))
    except ValidationError as error:
        return JsonResponse({"error": " ".join(error.messages)}, status=400)
    return JsonResponse({"image_code": f"![]({image.url})"})
