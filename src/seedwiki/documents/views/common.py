"""Helpers the document views share: the title from the URL, the author, refusals as pages."""
from __future__ import annotations

from dataclasses import dataclass

from django.shortcuts import render
from django.utils.translation import gettext as _

from seedwiki.documents.models import Document, Revision
from seedwiki.documents.services.errors import EditError, RevisionNotFoundError
from seedwiki.titles import TitleError, join_title, parse_title


@dataclass
class Target:
    """The page a request is about (it may not exist)."""

    namespace: str
    title: str
    document: Document | None

    @property
    def full_title(self) -> str:
        return join_title(self.namespace, self.title)

    @property
    def exists(self) -> bool:
        return self.document is not None and self.document.exists


class RequestError(Exception):
    """A refusal to be rendered as a page with a message and an HTTP status."""

    def __init__(self, message: str, status: int = 400, title: str | None = None, html=None):
        super().__init__(message)
        self.message, self.status, self.title, self.html = message, status, title, html


def authorize(request, action: str, target):
    """Refuse with the ACL's 403 page unless ``can()`` allows ``action`` on ``target`` (a Target, a
    Document or a full title); returns the decision. The one place views ask permission."""
    from seedwiki.permissions.decide import can
    from seedwiki.permissions.subject import subject_of

    decision = can(subject_of(request), action, target)
    if not decision.allowed:
        raise RequestError(decision.message, 403, decision.title, html=decision.html)
    return decision


def target_of(raw_title: str) -> Target:
    try:
        namespace, title = parse_title(raw_title)
    except TitleError as error:
        raise RequestError(str(error), 400) from error
    document = (Document.objects.select_related("latest", "latest__blob")
                .filter(namespace=namespace, title=title).first())
    return Target(namespace, title, document)


def int_param(request, name: str, default=None, source=None):
    value = (source if source is not None else request.GET).get(name)
    if value in (None, ""):
        return default
    try:
        # ASCII digits only (int() also takes "１" or " 1"); ten digits is beyond any real count.
        number = int(value) if value.isascii() and value.isdigit() and len(value) <= 10 else -1
    except ValueError:
        raise RequestError(_("'%(name)s' 값이 올바르지 않습니다.") % {"name": name}, 400) from None
    if number < 0 or number > 2**31 - 1:
        raise RequestError(_("'%(name)s' 값이 올바르지 않습니다.") % {"name": name}, 400)
    return number


def revision_of(target: Target, number: int | None) -> Revision:
    """Revision ``number`` of the page (None: the latest), or a 404 refusal."""
    if target.document is None or target.document.latest is None:
        raise RequestError(_("해당 문서를 찾을 수 없습니다."), 404, target.full_title)
    if number is None:
        return target.document.latest
    revision = target.document.revisions.select_related("blob").filter(number=number).first()
    if revision is None:
        raise RequestError(str(RevisionNotFoundError(target.full_title, number)), 404, target.full_title)
    return revision


def readable_revision(request, target: Target, number: int | None) -> Revision:
    """revision_of(), refused (403) when it is a hidden revision the reader may not see (hide_revision)."""
    revision = revision_of(target, number)
    if number is None:  # the latest revision is never hidden
        return revision
    try:
        from seedwiki.governance.hiding import hidden_message
    except ImportError:
        return revision
    from seedwiki.permissions.subject import subject_of

    message = hidden_message(subject_of(request), revision)
    if message:
        raise RequestError(message, 403, target.full_title)
    return revision


def identity(request) -> dict:
    """Keyword arguments naming the author for the services."""
    try:
        from seedwiki.accounts.identity import request_identity
    except ImportError:
        user = request.user if request.user.is_authenticated else None
        return {"user": user, "ip": request.META.get("REMOTE_ADDR") or None}
    user, ip = request_identity(request)
    return {"user": user, "ip": ip}


def refusal(request, error, title: str | None = None):
    """The error page for a RequestError or a service's EditError."""
    status = getattr(error, "status", 400)
    message = getattr(error, "message", None) or str(error)
    return render(request, "documents/error.html",
                  {"message": message, "message_html": getattr(error, "html", None),
                   "full_title": title or getattr(error, "title", None)}, status=status)


def handles_refusals(view):
    """Turn RequestError / EditError raised by ``view`` into an error page."""
    from functools import wraps

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except (RequestError, EditError) as error:
            return refusal(request, error)

    return wrapper
