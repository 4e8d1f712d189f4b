"""/member/signup, /member/login, /member/logout and /contribution/<name>."""
from __future__ import annotations

import unicodedata

from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_safe

from seedwiki.documents.views.common import handles_refusals
from seedwiki.governance.logins import record_login
from seedwiki.permissions.ratelimit import RateLimited, count_request

from . import throttle
from .forms import LoginForm, SignupForm

PER_PAGE = 50
CONTRIBUTION_KEYS = ("created_at", "id")  # newest first


def _safe_redirect(request, default: str = "/") -> str:
    """The page to return to (?redirect= as the seed names it, or Django's ?next=), if local."""
    target = (request.POST.get("redirect") or request.GET.get("redirect")
              or request.POST.get("next") or request.GET.get("next"))
    if not target or not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                         require_https=request.is_secure()):
        return default
    # Back to the login or sign-up form itself would loop (Django refuses it with an error).
    if target.split("?", 1)[0].rstrip("/") in ("/member/login", "/member/signup", "/member/logout"):
        return default
    return target


@require_http_methods(["GET", "POST"])
def signup(request):
    if request.user.is_authenticated:
        return HttpResponseRedirect(_safe_redirect(request))
    form = SignupForm(request.POST or None)
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and form.is_valid():
        try:
            count_request(request, "signup")
            with transaction.atomic():
                user = form.save()
        except RateLimited as limited:
            form.add_error(None, limited.message)
            status = limited.status
        except IntegrityError:  # the same name was taken by a concurrent sign-up
            form.add_error("username", _("이미 사용 중인 사용자 이름입니다."))
        else:
            auth_login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            record_login(request, user)  # signing up logs in: /admin/login_history lists it too
            return HttpResponseRedirect(_safe_redirect(request))
    return render(request, "accounts/signup.html", {"form": form, "redirect": _safe_redirect(request, "")},
                  status=status)


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_redirect_url(self):
        return _safe_redirect(self.request, "")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["redirect"] = _safe_redirect(self.request, "")
        return context

    def post(self, request, *args, **kwargs):
        username = request.POST.get("username", "")[:150]
        try:
            throttle.before_attempt(request, username)
        except RateLimited as limited:
            # An unbound form: a bound one would check the password while rendering its errors.
            form = self.authentication_form(request, initial={"username": username})
            return limited.apply(self.render_to_response(self.get_context_data(form=form, refusal=limited.message)))
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        throttle.succeeded(self.request, form.get_user().get_username())
        record_login(self.request, form.get_user())  # for /admin/login_history
        return super().form_valid(form)

    def form_invalid(self, form):
        throttle.failed(self.request, self.request.POST.get("username", "")[:150])
        response = super().form_invalid(form)
        response.status_code = 400
        return response


class LogoutView(auth_views.LogoutView):
    # Logging out is a POST (CSRF-protected), which is what the menu sends. A GET (a typed or
    # bookmarked address) gets a page with the button instead of an empty 405.
    http_method_names = ["get", "head", "post", "options"]

    def get(self, request, *args, **kwargs):
        return render(request, "accounts/logout.html", {"redirect": request.GET.get("redirect", "")})

    def get_success_url(self):
        return _safe_redirect(self.request)


# ?type= tabs of the seed's contribution page that concern documents → revision kinds.
CONTRIBUTION_TYPES = {"document": None, "create": "create", "edit": "edit", "delete": "delete",
                      "move": "move", "revert": "revert", "recover": "restore"}
CONTRIBUTION_TYPE_LABELS = {"document": _("전체"), "create": _("새 문서"), "edit": _("편집"),
                            "delete": _("삭제"), "move": _("이동"), "revert": _("되돌림"), "recover": _("복구")}


def _contribution_key(revision) -> tuple:
    return (revision.created_at, revision.id)


def _revision_id(key: tuple) -> str:
    return str(key[1])  # the revision id names the cursor


def _contribution_cursor(raw: str) -> tuple:
    """?from=/?until= name a revision by its id; its place in the list is (created_at, id)."""
    from seedwiki.documents.models import Revision

    if not (raw.isascii() and raw.isdigit() and len(raw) <= 18):
        raise ValueError(raw)
    found = Revision.objects.filter(id=int(raw)).values_list("created_at", "id").first()
    if found is None:
        raise ValueError(raw)
    return found


@require_safe
@handles_refusals
def contribution(request, name: str):
    """Every revision listed under this user name or IP, newest first (?type= narrows the kind).

    Paged by keyset on (created_at, id): ?from=<revision id> / ?until=<revision id>."""
    from seedwiki.documents.models import Revision
    from seedwiki.documents.views.cursors import cursor_links, cursor_params, legacy_page_redirect
    from seedwiki.keyset import keyset_page
    from seedwiki.permissions.listing import readable_namespaces

    if any(unicodedata.category(ch) == "Cc" for ch in name):
        # No author name holds control characters (and PostgreSQL refuses NUL in a query).
        raise Http404(_("기여 내역이 없습니다."))
    kind = request.GET.get("type", "document")
    if kind not in CONTRIBUTION_TYPES:
        kind = "document"
    revisions = (Revision.objects.filter(author_name=name, document__namespace__in=readable_namespaces(request))
                 .select_related("document"))
    if CONTRIBUTION_TYPES[kind]:
        revisions = revisions.filter(kind=CONTRIBUTION_TYPES[kind])
    params = {"type": kind if kind != "document" else ""}
    old_address = legacy_page_redirect(request, revisions, CONTRIBUTION_KEYS, PER_PAGE, _contribution_key,
                                       _revision_id, descending=True, params=params)
    if old_address is not None:
        return old_address
    start, end = cursor_params(request, _contribution_cursor)
    page = keyset_page(revisions, CONTRIBUTION_KEYS, PER_PAGE, _contribution_key, start=start, end=end,
                       descending=True)
    return render(request, "accounts/contribution.html", {
        "name": name, "page": page, "type": kind, "types": list(CONTRIBUTION_TYPE_LABELS.items()),
        "pager": cursor_links(page, _revision_id, params),
    })
