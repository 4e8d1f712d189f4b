"""What the discussion views share: refusals as a page or as JSON, and comments ready to show."""
from __future__ import annotations

from dataclasses import dataclass
from functools import wraps

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from seedwiki.discussions.models import Comment
from seedwiki.discussions.services.errors import DiscussionError
from seedwiki.discussions.services.listing import comments_html


def wants_json(request) -> bool:
    return ("application/json" in request.headers.get("Accept", "")
            or request.headers.get("X-Requested-With") == "XMLHttpRequest")


def refused(request, error: DiscussionError, title: str | None = None):
    if wants_json(request):
        response = JsonResponse({"status": error.message, "code": error.code}, status=error.status)
    else:
        response = render(request, "documents/error.html", {"message": error.message, "message_html": error.html,
                                                            "full_title": title}, status=error.status)
    return with_retry_after(response, error)


def with_retry_after(response, error: DiscussionError):
    if getattr(error, "retry_after", None):
        response["Retry-After"] = str(error.retry_after)
    return response


def throttle(request, action: str) -> None:
    """Count one write (thread, comment, edit_request) of this client against the rate limits of
    permissions/ratelimit.py; past them, a 429 refusal."""
    from seedwiki.permissions.ratelimit import RateLimited, count_request

    try:
        count_request(request, action)
    except RateLimited as limited:
        error = DiscussionError(limited.message, limited.status, "rate_limited")
        error.retry_after = limited.retry_after
        raise error from None


def handles_discussion_errors(view):
    from seedwiki.documents.views.common import RequestError

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except DiscussionError as error:
            return refused(request, error)
        except RequestError as error:
            return refused(request, DiscussionError(error.message, error.status, html=error.html), error.title)

    return wrapper


@dataclass
class ShownComment:
    number: int
    kind: str
    author_name: str
    is_account: bool
    admin: bool
    created_at: object
    html: str
    hidden: bool
    hidden_by: str
    hidden_html: str = ""  # the hidden text, for holders of the hide permission


def system_text(comment: Comment) -> str:
    """The seed's wording of a status, topic or document change."""
    if comment.kind == Comment.Kind.STATUS:
        return _("스레드 상태를 %(status)s로 변경") % {"status": comment.text}
    old, _sep, new = comment.text.partition("\n")
    if comment.kind == Comment.Kind.TOPIC:
        return _("스레드 주제를 %(old)s에서 %(new)s로 변경") % {"old": old, "new": new}
    return _("스레드를 %(old)s에서 %(new)s로 이동") % {"old": old, "new": new}


def shown(comments, full_title: str, *, reveal: bool) -> list[ShownComment]:
    rows = []
    comments = list(comments)
    rendered = comments_html([c for c in comments if c.kind == Comment.Kind.NORMAL], full_title)
    for comment in comments:
        if comment.kind == Comment.Kind.NORMAL:
            html = rendered[comment.pk]
        else:
            html = mark_safe("<p>" + escape(system_text(comment)) + "</p>")
        hidden_html = ""
        if comment.hidden:
            hidden_html = html if reveal else ""
            html = mark_safe("<p>" + escape(_("[%(name)s에 의해 숨겨진 글입니다.]") % {"name": comment.hidden_by}) + "</p>")
        rows.append(ShownComment(comment.number, comment.kind, comment.author_name, comment.user_id is not None,
                                 comment.admin, comment.created_at, mark_safe(html), comment.hidden,
                                 comment.hidden_by, mark_safe(hidden_html)))
    return rows
