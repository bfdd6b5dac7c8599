"""Requests whose address holds a control character are refused with 400, before any view.

No URL of the site has a use for one, and letting them through turns into 500s far away:
PostgreSQL refuses NUL in any text it is given, so ``/tags/%00/`` failed inside a query. One
check here covers every URL pattern, present and future.

What is refused: a C0 control (U+0000–U+001F: NUL, tab, line breaks, escape…), DEL or a C1
control (U+0080–U+009F) in the decoded path, or in the decoded query string, names and values
alike. Tabs and newlines in query values are refused too: every GET form on the site is a
one-line input, which cannot hold them, so only a hand-made address carries them. Ordinary text
passes: ``+`` and ``%20`` (spaces), letters in any script, emoji, and bytes that are not UTF-8
(they decode to U+FFFD, as Django decodes them). POST bodies are the forms' business.
"""

import re

from django.http import HttpResponseBadRequest

CONTROL_CHARACTER = re.compile(r"[\x00-\x1f\x7f-\x9f]")
REFUSAL = "Bad request: control characters are not allowed in web addresses.\n"


def has_control_character(request) -> bool:
    """Whether the request's path or query string, decoded as Django decodes them, holds a
    control character."""
    if CONTROL_CHARACTER.search(request.path):
        return True
    # request.GET is the query string exactly as views will read it.
    return any(
        CONTROL_CHARACTER.search(name) or any(CONTROL_CHARACTER.search(v) for v in values)
        for name, values in request.GET.lists()
    )


class ControlCharacterMiddleware:
    """Answer 400, in short plain text that repeats nothing of the request, to any request
    whose address holds a control character."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if has_control_character(request):
            return HttpResponseBadRequest(REFUSAL, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
