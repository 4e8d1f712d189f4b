"""/acl/<title>: the document's and its namespace's ACL, and the forms that change them."""
from __future__ import annotations

from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from seedwiki.documents.views.common import RequestError, handles_refusals, int_param, target_of
from seedwiki.permissions import acl, names
from seedwiki.permissions.durations import DurationError, parse_duration
from seedwiki.permissions.subject import subject_of
from seedwiki.titles import page_url

OPERATIONS = ("add", "remove", "up", "down")


def _tables(scope, now):
    lists = acl.rule_lists(scope)
    return [{"action": action, "label": names.ACTION_LABELS[action],
             "rules": [{"rule": rule, "expired": rule.expires_at is not None and rule.expires_at <= now}
                       for rule in lists[action]]}
            for action in names.ACTIONS]


@require_http_methods(["GET", "HEAD", "POST"])
@handles_refusals
def acl_page(request, title):
    target = target_of(title)  # viewable by everyone, even when reading is denied (the seed)
    subject = subject_of(request)
    document_scope = acl.Scope.of_title(target.full_title)
    namespace_scope = acl.Scope(namespace=target.namespace)
    form, error, error_html, status = {}, "", None, 200
    if request.method == "POST":
        form = {key: request.POST.get(key, "") for key in
                ("op", "scope", "action", "condition_type", "condition_value", "result", "duration")}
        scope = namespace_scope if form["scope"] == "namespace" else document_scope
        try:
            _apply(request, subject, scope, form)
        except acl.ACLError as refused:
            error, error_html, status = refused.message, refused.html, refused.status
        else:
            return HttpResponseRedirect(page_url(target.full_title, "acl"))
    now = timezone.now()
    return render(request, "permissions/acl.html", {
        "full_title": target.full_title, "document": target.document, "namespace": target.namespace,
        "document_tables": _tables(document_scope, now), "namespace_tables": _tables(namespace_scope, now),
        "document_editable": acl.may_edit(subject, document_scope),
        "namespace_editable": subject.holds("nsacl"),
        "actions": [(a, names.ACTION_LABELS[a]) for a in names.ACTIONS],
        "condition_kinds": names.CONDITION_KINDS,
        "results": [(r, names.RESULT_LABELS[r]) for r in names.RESULTS],
        "form": form, "error": error, "error_html": error_html,
    }, status=status)


def _apply(request, subject, scope, form) -> None:
    op = form["op"]
    if op not in OPERATIONS:
        raise acl.ACLError(_("잘못된 요청입니다."), 400)
    if op == "add":
        try:
            duration = parse_duration(form["duration"])
        except DurationError as bad:
            raise acl.ACLError(str(bad), 400) from None
        condition = f"{form['condition_type']}:{form['condition_value'].strip()}"
        acl.add_rule(subject, scope, form["action"], condition, form["result"], duration=duration)
        return
    try:
        rule_id = int_param(request, "rule", source=request.POST)
    except RequestError as bad:
        raise acl.ACLError(bad.message, 400) from None
    if rule_id is None:
        raise acl.ACLError(_("규칙 번호가 없습니다."), 400)
    if op == "remove":
        acl.remove_rule(subject, scope, rule_id)
    else:
        acl.move_rule(subject, scope, rule_id, -1 if op == "up" else 1)
