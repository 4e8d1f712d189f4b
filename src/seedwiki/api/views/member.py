"""POST /member/api_token (from /member/mypage): issue or revoke the account's API token, after
confirming the password."""
from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from seedwiki.api.tokens import issue_token, may_use_api, revoke_token


@require_POST
def api_token(request):
    if not request.user.is_authenticated:
        return HttpResponseRedirect("/member/login?redirect=/member/mypage")
    if not request.user.check_password(request.POST.get("password", "")):
        messages.error(request, _("비밀번호가 올바르지 않습니다."))
        return HttpResponseRedirect("/member/mypage")
    if request.POST.get("action") == "revoke":
        revoke_token(request.user)
        messages.info(request, _("API 토큰을 폐기했습니다."))
        return HttpResponseRedirect("/member/mypage")
    if not may_use_api(request.user):
        messages.error(request, _("api_access 권한이 있는 계정만 API 토큰을 발급받을 수 있습니다."))
        return HttpResponseRedirect("/member/mypage")
    from seedwiki.members.views import mypage_page

    # Shown once, on the page itself (never stored in plain text, never put in a redirect URL).
    return mypage_page(request, new_api_token=issue_token(request.user))
