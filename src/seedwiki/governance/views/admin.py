"""/admin/grant, /admin/login_history and /admin/batch_revert (seed §4, §5.1, §5.2).

Each page is refused (403) to anyone without its permission, before anything is shown.
"""
from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_http_methods

from seedwiki.governance import batch_revert as batch
from seedwiki.governance import grants, logins
from seedwiki.governance.actors import find_user, require
from seedwiki.permissions.durations import parse_duration
from seedwiki.governance.errors import Refused
from seedwiki.governance.views.common import actor, field, handles_refused

PERIODS = [("3600", gettext_noop("1시간")), ("21600", gettext_noop("6시간")), ("86400", gettext_noop("1일")),
           ("259200", gettext_noop("3일")), ("604800", gettext_noop("1주")), ("2592000", gettext_noop("30일"))]


@require_http_methods(["GET", "HEAD", "POST"])
@handles_refused
def grant(request):
    subject = actor(request)
    require(subject, "grant")
    source = request.POST if request.method == "POST" else request.GET
    username = field(source, "username", 150).strip()
    context = {"username": username, "grantable": grants.grantable_by(subject), "target": None, "held": set()}
    status = 200
    if username:
        try:
            target = find_user(username)
            if request.method == "POST":
                result = grants.set_permissions(subject, username, request.POST.getlist("permissions")[:100])
                messages.success(request, _("권한을 저장했습니다.") if result.changed else _("바뀐 권한이 없습니다."))
                return HttpResponseRedirect("/admin/grant?" + urlencode({"username": username}))
            held = grants.held_by(target)
            context.update(target=target, held=held, other_held=sorted(held - set(context["grantable"])))
        except Refused as error:
            context["error"], status = error.message, error.status
    return render(request, "governance/grant.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
@handles_refused
def login_history(request):
    subject = actor(request)
    require(subject, "login_history")
    context, status = {"username": ""}, 200
    if request.method == "POST":
        context["username"] = field(request.POST, "username", 150).strip()
        try:
            context["target"], context["records"] = logins.login_history(subject, context["username"])
        except Refused as error:
            context["error"], status = error.message, error.status
    return render(request, "governance/login_history.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
@handles_refused
def batch_revert(request):
    subject = actor(request)
    require(subject, "batch_revert")
    context = {"periods": PERIODS, "typed": {}}
    status = 200
    if request.method == "POST":
        typed = {key: field(request.POST, key, 255) for key in ("target", "period", "note")}
        context["typed"] = typed
        try:
            period = parse_duration(typed["period"] or "86400")
            seconds = int(period.total_seconds()) if period is not None else 0
            context["result"] = batch.batch_revert(subject, typed["target"], seconds=seconds, note=typed["note"])
        except ValueError as error:
            context["error"], status = str(error), 400
        except Refused as error:
            context["error"], status = error.message, error.status
    return render(request, "governance/batch_revert.html", context, status=status)
