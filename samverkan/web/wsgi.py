"""WSGI entry point for gunicorn (`samverkan serve`)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samverkan.web.settings")
application = get_wsgi_application()
