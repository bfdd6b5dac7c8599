"""Django set up in this process, production-like, for benchmarks that call the code directly.

DEBUG off (Django does not record every query), the database in DATABASE_URL (an SQLite file,
benchmarks/bench.sqlite3, by default), no statement timeout (generating 100,000 terms runs
statements longer than a web request's limit). Import it before anything from Django.
"""

import os
import sys
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "glossary_site.settings")
os.environ.setdefault("DJANGO_DEBUG", "0")
os.environ.setdefault("DJANGO_SECRET_KEY", "benchmark-only-secret-key-never-used-elsewhere")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,localhost")
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("DJANGO_SINGLE_PROCESS", "1")
os.environ.setdefault("ALLOW_HTTP_SITE_URL", "1")  # SITE_URL stays the local default
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'benchmarks' / 'bench.sqlite3'}")
os.environ.setdefault("DATABASE_STATEMENT_TIMEOUT", "0")

django.setup()
