"""/revert/<title>?rev=N, /move/<title>, /delete/<title>: a confirmation form, then a POST."""
from __future__ import annotations

from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from seedwiki.documents.services import EditError, delete_page, move_page, revert_page
from seedwiki.documents.views.common import (RequestError, authorize, handles_refusals, identity, int_param,
                                              readable_revision, target_of)
from seedwiki.titles import TitleError, canonical, page_url


def _existing(request, title, action: str):
    target = target_of(title)
    authorize(request, action, target)
    if not target.exists:
        raise RequestError(_("해당 문서를 찾을 수 없습니다."), 404, target.full_title)
    return target


def _base(target, **extra):
    return {"full_title": target.full_title, "document": target.document, **extra}


@require_http_methods(["GET", "HEAD", "POST"])
@handles_refusals
def revert(request, title):
    target = target_of(title)
    authorize(request, "edit", target)  # reverting is editing (the seed checks the edit ACL)
    source = request.POST if request.method == "POST" else request.GET
    number = int_param(request, "rev", source=source)
    if number is None:
        raise RequestError(_("되돌릴 판(rev)을 지정하세요."), 400, target.full_title)
    revision = readable_revision(request, target, number)  # a hidden text is not republished
    context = _base(target, revision=revision)
    if request.method == "POST":
        try:
            revert_page(target.full_title, number, summary=request.POST.get("summary", ""), **identity(request))
        except EditError as error:
            return render(request, "documents/revert.html", {**context, "error": str(error)}, status=error.status)
        return redirect(page_url(target.full_title, "history"))
    return render(request, "documents/revert.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@handles_refusals
def move(request, title):
    target = _existing(request, title, "move")
    context = _base(target, new_title="", leave_redirect=False, swap=False, summary="")
    if request.method == "POST":
        new_title = request.POST.get("new_title", "")
        form = {"new_title": new_title, "summary": request.POST.get("summary", ""),
                "leave_redirect": bool(request.POST.get("leave_redirect")), "swap": bool(request.POST.get("swap"))}
        try:
            destination = canonical(new_title)
            authorize(request, "move", destination)  # a move needs the move ACL of both titles
            move_page(target.full_title, destination, leave_redirect=form["leave_redirect"], swap=form["swap"],
                      summary=form["summary"], **identity(request))
        except TitleError as error:
            return render(request, "documents/move.html", {**context, **form, "error": str(error)}, status=400)
        except EditError as error:
            return render(request, "documents/move.html", {**context, **form, "error": str(error)},
                          status=error.status)
        except RequestError as denied:
            return render(request, "documents/move.html",
                          {**context, **form, "error": denied.message, "error_html": denied.html},
                          status=denied.status)
        return redirect(page_url(destination))
    return render(request, "documents/move.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@handles_refusals
def delete(request, title):
    target = _existing(request, title, "delete")
    context = _base(target)
    if request.method == "POST":
        if not request.POST.get("agree"):
            return render(request, "documents/delete.html",
                          {**context, "error": _("문서 삭제에 동의하는지 확인란에 표시하세요."),
                           "summary": request.POST.get("summary", "")}, status=400)
        try:
            delete_page(target.full_title, summary=request.POST.get("summary", ""), **identity(request))
        except EditError as error:
            return render(request, "documents/delete.html", {**context, "error": str(error)}, status=error.status)
        return redirect(page_url(target.full_title))
    return render(request, "documents/delete.html", context)
