"""Permissions-Policy: the browser features this site never uses, denied on every response.

The Content-Security-Policy comes from django-csp (``csp.middleware.CSPMiddleware``); Django 5.2
has no setting for Permissions-Policy, and one constant header needs no dependency.
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase


def permissions_policy_header(features: dict[str, list[str]]) -> str:
    """``{"camera": [], "fullscreen": ["self"]}`` → ``camera=(), fullscreen=(self)``."""
    return ", ".join(f"{feature}=({' '.join(allow)})" for feature, allow in features.items())


class PermissionsPolicyMiddleware:
    """Set ``Permissions-Policy`` from ``settings.PERMISSIONS_POLICY`` unless a view did."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = permissions_policy_header(settings.PERMISSIONS_POLICY)

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response
