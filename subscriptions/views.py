"""The newsletter signup page."""

from django.shortcuts import render
from django.views.decorators.http import require_GET


@require_GET
def signup(request):
    """The signup page. Recording signups (double opt-in) arrives with the newsletter work."""
    return render(request, "subscriptions/signup.html", {"source": request.GET.get("source", "")})
