"""Template variables every page needs (the skin's header)."""
from django.conf import settings


def site(request):
    return {"SITE_NAME": settings.SITE_NAME, "FRONT_PAGE": settings.FRONT_PAGE,
            "SYNTAX_HELP": f"{settings.SITE_NAME}:문법 도움말"}
