"""Site-wide error pages (Korean first), including Django's CSRF failure."""
from django.shortcuts import render
from django.utils.translation import gettext as _


def csrf_failure(request, reason=""):
    return render(request, "403_csrf.html", {"reason": reason}, status=403)


def bad_request(request, exception=None):
    return render(request, "documents/error.html", {"message": _("잘못된 요청입니다.")}, status=400)


def permission_denied(request, exception=None):
    return render(request, "documents/error.html", {"message": _("권한이 부족합니다.")}, status=403)


def page_not_found(request, exception=None):
    return render(request, "documents/error.html", {"message": _("페이지를 찾을 수 없습니다.")}, status=404)


def server_error(request):
    return render(request, "500.html", status=500)
