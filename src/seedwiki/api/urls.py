import importlib.util

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

# /api/v0/aclgroup rides on the governance app's ACL-group services, when that app is installed.
if importlib.util.find_spec("seedwiki.governance.aclgroups") is not None:
    from seedwiki.api.views import aclgroup

    urlpatterns.append(path("api/v0/aclgroup", aclgroup.aclgroup, name="api_aclgroup"))
