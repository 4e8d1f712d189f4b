"""/aclgroup: the groups, their items, and the forms that add and remove them (seed §3.2)."""
from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_http_methods, require_POST

from seedwiki.governance import aclgroups
from seedwiki.permissions.durations import parse_duration
from seedwiki.governance.errors import Refused
from seedwiki.governance.views.common import actor, cursor, field

DURATIONS = [("0", gettext_noop("영구")), ("3600", gettext_noop("1시간")), ("86400", gettext_noop("1일")),
             ("604800", gettext_noop("1주")), ("2592000", gettext_noop("30일")), ("31536000", gettext_noop("1년"))]


def _page_url(group: str) -> str:
    return "/aclgroup?" + urlencode({"group": group})


def _render(request, *, group_name: str = "", error: Refused | None = None, typed: dict | None = None):
    subject = actor(request)
    groups = aclgroups.visible_groups(subject)
    current = None
    if group_name:
        current = next((g for g in groups if g.name == group_name), None)
        if current is None and error is None:
            error = Refused(_("ACL 그룹 '%(name)s'을(를) 찾을 수 없습니다.") % {"name": group_name[:64]}, 404)
    elif groups:
        current = groups[0]
    items, newer, older = aclgroups.items_of(current, from_id=cursor(request, "from"),
                                             until_id=cursor(request, "until")) if current else ([], None, None)
    context = {
        "groups": groups, "current": current, "items": items, "newer": newer, "older": older,
        "may_manage": current is not None and subject.holds(aclgroups.manage_permission(current)),
        "may_edit_groups": subject.holds("aclgroup"), "may_hidelog": subject.holds("aclgroup_hidelog"),
        "durations": DURATIONS, "error": error.message if error else "", "typed": typed or {},
    }
    return render(request, "governance/aclgroup.html", context, status=error.status if error else 200)


@require_http_methods(["GET", "HEAD", "POST"])
def aclgroup(request):
    if request.method != "POST":
        # The quick-block links of histories open the form filled in (mode, ip/username, note).
        prefill = {key: field(request.GET, key) for key in ("mode", "ip", "username", "note")}
        return _render(request, group_name=field(request.GET, "group", aclgroups.MAX_GROUP_NAME), typed=prefill)
    post = request.POST
    group = field(post, "group", aclgroups.MAX_GROUP_NAME)
    typed = {key: field(post, key) for key in ("mode", "ip", "username", "note", "expire", "hidelog")}
    mode = typed["mode"] or "ip"
    try:
        period = parse_duration(typed["expire"] or "0")
    except ValueError as error:
        return _render(request, group_name=group, error=Refused(str(error)), typed=typed)
    try:
        aclgroups.add_item(actor(request), group, mode=mode,
                           value=typed["username"] if mode == "username" else typed["ip"],
                           note=typed["note"], duration=int(period.total_seconds()) if period else None, hidelog=typed["hidelog"] == "Y")
    except Refused as error:
        return _render(request, group_name=group, error=error, typed=typed)
    return HttpResponseRedirect(_page_url(group))


@require_POST
def remove(request):
    group = field(request.POST, "group", aclgroups.MAX_GROUP_NAME)
    try:
        aclgroups.remove_item(actor(request), field(request.POST, "id", 20), field(request.POST, "note"),
                              hidelog=request.POST.get("hidelog") == "Y")
    except Refused as error:
        return _render(request, group_name=group, error=error, typed={"remove_note": field(request.POST, "note")})
    return HttpResponseRedirect(_page_url(group))


@require_POST
def group_add(request):
    name = field(request.POST, "name", 200)
    try:
        group = aclgroups.create_group(actor(request), name)
    except Refused as error:
        return _render(request, error=error, typed={"group_name": name})
    return HttpResponseRedirect(_page_url(group.name))


@require_POST
def group_remove(request):
    name = field(request.POST, "group", aclgroups.MAX_GROUP_NAME)
    try:
        aclgroups.delete_group(actor(request), name)
    except Refused as error:
        return _render(request, group_name=name, error=error)
    return HttpResponseRedirect("/aclgroup")
