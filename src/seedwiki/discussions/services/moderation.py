"""Operators' actions on a thread (manage_thread, delete_thread): each status, topic or document
change appends a system comment with the next number, in the seed's wording (§6.3)."""
from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from seedwiki.discussions.models import Comment, Thread
from seedwiki.discussions.services.errors import DiscussionError, require, require_permission
from seedwiki.discussions.services.posting import (
    MAX_TOPIC, append_comment, canonical_title, document_for, lock_thread, notify_page_owner, page_title, required,
)


def thread_by_slug(slug: str) -> Thread:
    thread = Thread.objects.select_related("document").filter(slug=slug, deleted=False).first()
    if thread is None:
        raise DiscussionError(_("토론을 찾을 수 없습니다."), 404, "thread_not_found")
    return thread


def _managed(subject, slug: str) -> Thread:
    require_permission(subject, "manage_thread")
    return thread_by_slug(slug)


def set_status(subject, slug: str, status: str) -> Comment:
    if status not in Thread.Status.values:
        raise DiscussionError(_("상태 값이 올바르지 않습니다."), 400, "validation")
    thread = _managed(subject, slug)
    if thread.status == status:
        raise DiscussionError(_("이미 그 상태입니다."), 409, "thread_status_unchanged")
    return append_comment(thread.pk, subject, status, kind=Comment.Kind.STATUS, changes={"status": status})


def set_topic(subject, slug: str, topic: str) -> Comment:
    topic = required(topic, "topic")[:MAX_TOPIC]
    thread = _managed(subject, slug)
    if thread.topic == topic:
        raise DiscussionError(_("현재 주제와 동일합니다."), 409, "thread_topic_unchanged")
    return append_comment(thread.pk, subject, f"{thread.topic}\n{topic}", kind=Comment.Kind.TOPIC,
                          changes={"topic": topic})


def move_thread(subject, slug: str, target_title: str) -> Comment:
    """Move to another document; the mover needs create_thread there (IS)."""
    thread = _managed(subject, slug)
    target_title = canonical_title(required(target_title, "document"))
    old_title = page_title(thread)
    if target_title == old_title:
        raise DiscussionError(_("현재 문서와 동일합니다."), 409, "thread_document_unchanged")
    require(subject, "create_thread", target_title)
    document = document_for(target_title)
    comment = append_comment(thread.pk, subject, f"{old_title}\n{target_title}", kind=Comment.Kind.DOCUMENT,
                             changes={"document_id": document.pk})
    notify_page_owner(document, comment.thread)
    return comment


def set_hidden(subject, slug: str, number: int, hidden: bool) -> Comment:
    thread = _managed(subject, slug)
    with transaction.atomic():
        comment = Comment.objects.select_for_update().filter(thread=thread, number=number).first()
        if comment is None:
            raise DiscussionError(_("댓글을 찾을 수 없습니다."), 404, "comment_not_found")
        comment.hidden = hidden
        comment.hidden_by = (subject.username or subject.ip or "") if hidden else ""
        comment.save(update_fields=["hidden", "hidden_by"])
    return comment


def delete_thread(subject, slug: str) -> Thread:
    """Hidden everywhere; the row stays (as TT keeps it) for operators' records."""
    require_permission(subject, "delete_thread")
    thread = thread_by_slug(slug)
    with transaction.atomic():
        thread = lock_thread(thread.pk)
        thread.deleted = True
        thread.save(update_fields=["deleted"])
    return thread
