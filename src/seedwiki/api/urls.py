from django.urls import path

from seedwiki.api.views import edit, lists, member, openapi

urlpatterns = [
    path("api/openapi.json", openapi.openapi, name="api_openapi"),
    path("api/edit/<path:title>", edit.edit, name="api_edit"),
    path("api/backlink/<path:title>", lists.backlink, name="api_backlink"),
    path("api/discuss/<path:title>", lists.discuss, name="api_discuss"),
    path("api/raw/<path:title>", lists.raw, name="api_raw"),
    path("member/api_token", member.api_token, name="api_token"),
]
