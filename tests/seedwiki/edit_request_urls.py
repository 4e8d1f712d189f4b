"""A URL configuration with a `new_edit_request` route, for the edit → edit-request redirect test
(check 22). The edit-request pages themselves are a separate feature; this view only names the URL."""
from django.http import HttpResponse
from django.urls import path

from seedwiki.urls import urlpatterns as wiki_urlpatterns


def _named_only(request, title):
    return HttpResponse(status=501)


urlpatterns = [path("new_edit_request/<path:title>", _named_only, name="new_edit_request"), *wiki_urlpatterns]
