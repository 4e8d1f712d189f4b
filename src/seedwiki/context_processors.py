"""Template variables every page needs (the skin's header)."""
from django.conf import settings


def site(request):
    return {"SITE_NAME": settings.SITE_NAME, "FRONT_PAGE": settings.FRONT_PAGE}
