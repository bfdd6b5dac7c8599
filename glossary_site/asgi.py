"""ASGI entry point. Settings come from the environment; there is no development default here."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "glossary_site.settings")

application = get_asgi_application()
