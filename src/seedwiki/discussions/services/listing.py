"""What the discussion pages list: a document's threads, a thread's comments in blocks of 30,
RecentDiscuss, and a user's comments. Lists only show pages the reader may read."""
from __future__ import annotations

from django.core.cache import cache
from django.db.models import Q

from seedwiki.discussions.models import Comment, Thread

BLOCK = 30  # comments per /thread/<slug>/<n> block (BOT, IS, TT)
LAST_SHOWN = 3  # comments shown after #1 for each thread on /discuss (TT)
RECENT_LIMIT = 100

THREAD_LOGTYPES = {
    "normal_thread": ([Thread.Status.NORMAL], "-updated_at"),
    "pause_thread": ([Thread.Status.PAUSE], "-updated_at"),
    "closed_thread": ([Thread.Status.CLOSE], "-updated_at"),
    "old_thread": ([Thread.Status.NORMAL, Thread.Status.PAUSE], "updated_at"),
}


def document_threads(document, *, closed: bool) -> list[Thread]:
    """Open (normal and pause) or closed threads of a document, newest first, each with
    ``.preview``: comment #1 and the last few comments."""
    if document is None:
        return []
    statuses = [Thread.Status.CLOSE] if closed else [Thread.Status.NORMAL, Thread.Status.PAUSE]
    threads = list(Thread.objects.filter(document=document, deleted=False, status__in=statuses)
                   .order_by("-updated_at", "-id")[:RECENT_LIMIT])
    for thread in threads:
        last_from = max(2, thread.comment_count - LAST_SHOWN + 1)
        thread.preview = list(thread.comments.filter(Q(number=1) | Q(number__gte=last_from)).order_by("number"))
        thread.skipped = last_from - 2
    return threads


def comment_block(thread: Thread, start: int, count: int = BLOCK) -> list[Comment]:
    return list(thread.comments.filter(number__gte=start, number__lt=start + count).order_by("number"))


def comments_after(thread: Thread, after: int, limit: int = BLOCK * 4) -> list[Comment]:
    return list(thread.comments.filter(number__gt=after).order_by("number")[:limit])


def recent_threads(logtype: str, readable_namespaces: list[str]) -> list[Thread]:
    statuses, order = THREAD_LOGTYPES[logtype]
    return list(Thread.objects.filter(deleted=False, status__in=statuses,
                                      document__namespace__in=readable_namespaces)
                .select_related("document").order_by(order, "id")[:RECENT_LIMIT])


def user_comments(name: str, readable_namespaces: list[str]):
    """A user's comments (newest first) on threads that still exist and may be read."""
    return (Comment.objects.filter(author_name=name, thread__deleted=False,
                                   thread__document__namespace__in=readable_namespaces)
            .select_related("thread", "thread__document").order_by("-created_at", "-id"))


def _comment_key(comment: Comment) -> str:
    return f"sw:comment:{comment.pk}"


def comments_html(comments, full_title: str) -> dict[int, str]:
    """comment_html of many comments: cached ones from one cache read, the others rendered in one
    job (a block of 30 comments opened after a restart costs one render round trip, not 30)."""
    keys = {_comment_key(comment): comment for comment in comments}
    found = cache.get_many(list(keys))
    missing = [comment for key, comment in keys.items() if key not in found]
    if missing:
        from seedwiki.rendering import render_many

        fresh = dict(zip((_comment_key(c) for c in missing), render_many([c.text for c in missing], full_title)))
        cache.set_many(fresh, 24 * 3600)
        found.update(fresh)
    return {comment.pk: found[key] for key, comment in keys.items()}


def comment_html(comment: Comment, full_title: str) -> str:
    """A normal comment's NamuMark as HTML (the page renderer, same escaping); cached per comment,
    since a comment's text never changes."""
    key = _comment_key(comment)
    html = cache.get(key)
    if html is None:
        from seedwiki.rendering import render_source

        html = render_source(comment.text, full_title)["html"]
        cache.set(key, html, 24 * 3600)
    return html
