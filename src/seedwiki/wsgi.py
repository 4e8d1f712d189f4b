"""WSGI entry point, for servers such as gunicorn (and `seedwiki serve`, through seedwiki/serving.py).

Anonymous page views of cached pages are answered by seedwiki/front_cache.py before Django's
middleware; everything else goes to Django's handler.
"""
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "seedwiki.settings")
django_application = get_wsgi_application()

from seedwiki.front_cache import FrontPageCache  # noqa: E402  (needs the apps loaded above)

application = FrontPageCache(django_application)
