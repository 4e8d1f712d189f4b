"""Template variables every page needs (the skin's header)."""
from django.conf import settings


def site(request):
    from seedwiki.special.license import content_license

    return {"SITE_NAME": settings.SITE_NAME, "FRONT_PAGE": settings.FRONT_PAGE,
            "SYNTAX_HELP": f"{settings.SITE_NAME}:문법 도움말", "CONTENT_LICENSE": content_license(),
            "MAX_TEXT_BYTES": settings.SEEDWIKI_MAX_TEXT_BYTES}
