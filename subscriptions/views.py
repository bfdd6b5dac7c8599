"""Newsletter pages: signup (with and without JavaScript), confirm, unsubscribe.

Thin: the rules live in ``signups``; these views read the request and pick the answer.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from glossary_site.clients import client_ip
from subscriptions import signups, tokens
from subscriptions.forms import SignupForm
from subscriptions.models import Subscriber
from subscriptions.same_origin import is_same_origin_request
from subscriptions.source_pages import parse_source

SENT = "sent"
LIMITED = "limited"
REFUSED = "refused"
INVALID = "invalid"


def outcome_text(outcome: str) -> tuple[str, str]:
    """The headline and message a visitor sees after submitting the form."""
    days = tokens.confirm_link_days()
    return {
        # The same words whether or not the address was already on the list.
        SENT: (
            "Check your inbox",
            "If this address isn’t on the list yet, we’ve just emailed it a link to confirm "
            f"your subscription. The link works for {days} day{pluralize(days)}.",
        ),
        LIMITED: (
            "Please try again later",
            "We’ve had several signup requests from you or for this address in a short time, "
            "so we haven’t sent another email. Please try again in a little while.",
        ),
        REFUSED: (
            "This form can’t be sent from here",
            "Newsletter signups are accepted only from the pages of this site.",
        ),
    }[outcome]


@csrf_exempt  # Protected by the same-origin check, the honeypot, rate limits and double opt-in.
@require_http_methods(["GET", "POST"])
def signup(request):
    """GET: the signup page. POST: every signup form on the site posts here."""
    if request.method == "GET":
        source = parse_source(request.GET.get("source") or request.get_full_path()).with_tags
        return render(
            request,
            "subscriptions/signup.html",
            {"signup_source": source, "pending_days": settings.NEWSLETTER_PENDING_MAX_DAYS},
        )

    if not is_same_origin_request(request):
        return _answer(request, REFUSED, status=403)
    form = SignupForm(request.POST)
    if form.is_bot():
        return _answer(request, SENT, source=parse_source(request.POST.get("source")).path)
    if not form.is_valid():
        return _invalid(request, form)
    source = form.cleaned_data["source"]
    result = signups.request_signup(
        form.cleaned_data["email"], source=source, client_ip=client_ip(request)
    )
    if result is signups.SignupResult.RATE_LIMITED:
        return _answer(request, LIMITED, source=source.path, status=429)
    return _answer(request, SENT, source=source.path)


@require_GET
def check_inbox(request):
    """Where a signup without JavaScript lands: what happens next, and the way back."""
    return _result_page(request, SENT, parse_source(request.GET.get("source")).path)


@csrf_exempt  # Authorized by the token in the URL.
@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """GET shows a button (mail scanners fetch links); only the POST confirms."""
    try:
        if request.method == "POST":
            subscriber = signups.confirm_subscription(token)
        else:
            subscriber = tokens.subscriber_for_confirm_token(token)
    except tokens.ExpiredToken:
        return _link_problem(request, expired=True)
    except tokens.InvalidToken:
        return _link_problem(request, expired=False)
    if subscriber.status == Subscriber.Status.CONFIRMED:
        return render(request, "subscriptions/welcome.html", {"subscriber": subscriber})
    return render(request, "subscriptions/confirm.html")


@csrf_exempt  # Authorized by the token; RFC 8058 one-click POSTs come without cookies.
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """GET shows a button; a POST (the button, or a mail client's one-click) unsubscribes."""
    try:
        if request.method == "POST":
            signups.unsubscribe(token)
            subscriber = None
        else:
            subscriber = tokens.subscriber_for_unsubscribe_token(token)
    except tokens.InvalidToken:
        return render(request, "subscriptions/unsubscribe_invalid.html", status=400)
    if subscriber is not None and subscriber.status != Subscriber.Status.UNSUBSCRIBED:
        return render(request, "subscriptions/unsubscribe.html")
    return render(request, "subscriptions/unsubscribed.html")


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _answer(request, outcome: str, *, source: str = "", status: int = 200):
    if _wants_json(request):
        title, message = outcome_text(outcome)
        return JsonResponse({"status": outcome, "title": title, "message": message}, status=status)
    if outcome == SENT:
        url = reverse("subscriptions:check-inbox")
        response = HttpResponseRedirect(f"{url}?{urlencode({'source': source})}" if source else url)
        response.status_code = 303  # See Other: the browser follows with a GET.
        return response
    return _result_page(request, outcome, source, status=status)


def _result_page(request, outcome: str, source: str, *, status: int = 200):
    title, message = outcome_text(outcome)
    context = {"outcome": outcome, "title": title, "message": message, "back_to": source}
    return render(request, "subscriptions/signup_result.html", context, status=status)


def _invalid(request, form: SignupForm):
    if _wants_json(request):
        return JsonResponse(
            {"status": INVALID, "title": "", "message": form.error_message}, status=400
        )
    context = {
        "signup_source": parse_source(request.POST.get("source")).with_tags
        or reverse("subscriptions:signup"),
        "signup_email": form.typed_email,
        "signup_error": form.error_message,
    }
    return render(request, "subscriptions/signup.html", context, status=400)


def _link_problem(request, *, expired: bool):
    return render(
        request,
        "subscriptions/link_problem.html",
        {"expired": expired, "valid_days": tokens.confirm_link_days()},
        status=400,
    )
