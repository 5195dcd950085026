import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ogplocal.settings")

application = get_wsgi_application()

# gunicorn refuses to serve with DEBUG off and no real SECRET_KEY (ogplocal/settings.py).
from ogplocal.checks import refuse_without_secret_key  # noqa: E402

refuse_without_secret_key()
