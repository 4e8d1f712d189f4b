"""/robots.txt and /favicon.ico: the files crawlers and browsers ask every site for."""
from __future__ import annotations

from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

# Articles are for search engines; their editors, histories, diffs and the like are not (old
# revisions, reached by /w/X?rev=N, say so with a noindex meta tag on the page itself).
NOT_FOR_CRAWLERS = ("/edit/", "/history/", "/diff/", "/blame/", "/raw/", "/revert/", "/move/", "/delete/",
                    "/backlink/", "/member/", "/contribution/", "/Search", "/Go", "/random", "/Upload", "/complete",
                    "/api/")


@require_safe
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in NOT_FOR_CRAWLERS), ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_safe
@cache_control(max_age=86400, public=True)
def favicon(request):
    return HttpResponsePermanentRedirect(static("favicon.svg"))
