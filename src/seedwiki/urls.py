"""The seed's URL scheme: /w/<title>, /edit/<title>, … plus the other apps' pages."""
from __future__ import annotations

import importlib.util

from django.conf import settings
from django.urls import include, path
from django.http import HttpResponseRedirect

from seedwiki import site_files
from seedwiki.documents import urls as document_urls
from seedwiki.titles import page_url



def front(request):
    return HttpResponseRedirect(page_url(settings.FRONT_PAGE))


urlpatterns = [
    path("", front, name="front"),
    path("robots.txt", site_files.robots_txt, name="robots-txt"),
    path("favicon.ico", site_files.favicon, name="favicon"),
    *document_urls.urlpatterns,
]

# The other apps each list their own full paths (RecentChanges, member/login, …); the community
# apps come before accounts, whose /contribution/<path:name> would swallow /contribution/X/discuss.
for _app in ("permissions", "discussions", "editrequests", "members", "api", "accounts", "search", "special", "files",
             "governance", "jobs"):
    _module = f"seedwiki.{_app}"
    if _module in settings.INSTALLED_APPS and importlib.util.find_spec(f"{_module}.urls") is not None:
        urlpatterns.append(path("", include(f"{_module}.urls")))

handler400 = "seedwiki.documents.views.errors.bad_request"
handler403 = "seedwiki.documents.views.errors.permission_denied"
handler404 = "seedwiki.documents.views.errors.page_not_found"
handler500 = "seedwiki.documents.views.errors.server_error"
