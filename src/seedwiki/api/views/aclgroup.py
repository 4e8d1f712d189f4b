"""/api/v0/aclgroup (namu.wiki's and theseed.io's, as scripts use it): list a group's items, add one,
remove one — through the governance app's ACL-group services, so the web page's permission rules
apply unchanged."""
from __future__ import annotations

from django.http import JsonResponse
from django.utils.translation import gettext as _

from seedwiki.api.auth import ApiError, api_view, body_params, int_value
from seedwiki.governance import aclgroups
from seedwiki.governance.errors import Refused
from seedwiki.permissions.subject import subject_of

# Refusals the seed answers with its error code rather than a sentence.
CODE_ANSWERS = {"aclgroup_already_exists"}


def _seconds(value) -> int | None:
    """`expire` in seconds; 0 (or nothing) is permanent."""
    text = str(value if value is not None else "0").strip()
    if not text.isdigit() or len(text) > 12:
        raise ApiError(_("'%(name)s' 값이 올바르지 않습니다.") % {"name": "expire"}, 400)
    return int(text) or None


def _unix(moment):
    return int(moment.timestamp()) if moment is not None else None


def _listing(request):
    actor = subject_of(request)
    groups = aclgroups.visible_groups(actor)
    name = request.GET.get("group") or (groups[0].name if groups else "")
    group = aclgroups.get_group(actor, name)
    items, until, older = aclgroups.items_of(group, from_id=int_value(request.GET.get("from"), "from"),
                                             until_id=int_value(request.GET.get("until"), "until"))
    return JsonResponse({
        "groups": [g.name for g in groups], "group": group.name,
        "aclgroup": [{"id": item.pk, "ip": item.cidr or None,
                      "username": item.user.get_username() if item.user_id else None, "note": item.note,
                      "created": _unix(item.created_at), "expired": _unix(item.expires_at)} for item in items],
        "from": older, "until": until,
    })


@api_view(["GET", "POST", "DELETE"])
def aclgroup(request):
    try:
        if request.method == "GET":
            return _listing(request)
        params = body_params(request)
        actor = subject_of(request)
        hidelog = str(params.get("hidelog", "N")).upper() == "Y"
        if request.method == "POST":
            mode = str(params.get("mode", ""))
            value = params.get("ip") if mode == "ip" else params.get("username")
            item = aclgroups.add_item(actor, str(params.get("group", "")), mode=mode, value=str(value or ""),
                                      note=str(params.get("note", "")), duration=_seconds(params.get("expire")),
                                      hidelog=hidelog)
            return JsonResponse({"id": item.pk})
        aclgroups.remove_item(actor, params.get("id", ""), str(params.get("note", "")), hidelog=hidelog)
        return JsonResponse({"status": "success"})
    except Refused as refusal:
        answer = refusal.code if refusal.code in CODE_ANSWERS else refusal.message
        raise ApiError(answer, refusal.status) from None
