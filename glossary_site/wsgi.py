"""WSGI entry point. Settings come from the environment; there is no development default here."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "glossary_site.settings")

application = get_wsgi_application()
