"""/member/star, /member/unstar, /member/starred_documents and /member/mypage."""
from __future__ import annotations

from urllib.parse import quote

from django.contrib.auth import logout, update_session_auth_hash
from django.contrib.auth.forms import PasswordChangeForm
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from seedwiki.discussions.views.common import handles_discussion_errors
from seedwiki.members import stars
from seedwiki.members.account import delete_account
from seedwiki.titles import page_url


def _login_first(request):
    return HttpResponseRedirect("/member/login?redirect=" + quote(request.get_full_path(), safe=""))


def _starring(change):
    """/member/star and /member/unstar: accounts only; back to the page afterwards."""

    @require_safe
    @handles_discussion_errors
    def view(request, title):
        if not request.user.is_authenticated:
            return _login_first(request)
        document = change(request.user, title)
        return HttpResponseRedirect(page_url(document.full_title))

    return view


star = _starring(stars.star)
unstar = _starring(stars.unstar)


@require_safe
def starred_documents(request):
    if not request.user.is_authenticated:
        return _login_first(request)
    return render(request, "members/starred.html", {"documents": stars.starred_documents(request.user)[:1000]})


@require_http_methods(["GET", "HEAD", "POST"])
def mypage(request):
    if not request.user.is_authenticated:
        return _login_first(request)
    password_form = PasswordChangeForm(request.user)
    message, status = "", 200
    action = request.POST.get("action") if request.method == "POST" else None
    if action == "password":
        password_form = PasswordChangeForm(request.user, request.POST)
        if password_form.is_valid():
            password_form.save()
            update_session_auth_hash(request, password_form.user)
            message = _("비밀번호를 변경했습니다.")
        else:
            status = 400
    elif action == "delete":
        if request.POST.get("confirm_username") != request.user.get_username() \
                or not request.user.check_password(request.POST.get("password", "")):
            message, status = _("사용자 이름과 비밀번호를 확인하세요."), 400
        else:
            delete_account(request.user)
            logout(request)
            return HttpResponseRedirect("/")
    return mypage_page(request, password_form=password_form, message=message, status=status)


def mypage_page(request, *, password_form=None, message: str = "", status: int = 200, new_api_token=None):
    """/member/mypage as shown after an action (the API app shows a new token here, once)."""
    return render(request, "members/mypage.html", {
        "password_form": password_form or PasswordChangeForm(request.user), "message": message,
        "api_token": _api_token_state(request.user, new_api_token),
    }, status=status)


def _api_token_state(user, new_token) -> dict | None:
    try:
        from seedwiki.api.tokens import token_state
    except ImportError:
        return None
    return token_state(user, new_token)


