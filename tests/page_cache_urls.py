"""A reader page that sets a cookie, for tests/test_page_cache.py."""

from django.http import HttpResponse
from django.urls import path

from glossary_site.page_cache import reader_page


@reader_page
def sets_a_cookie(request):
    response = HttpResponse("Hello")
    response.set_cookie("seen", "1")
    return response


urlpatterns = [path("cookie/", sets_a_cookie)]
