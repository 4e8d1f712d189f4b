"""Opening a thread and posting comments (seed-behaviour §6.3)."""
from __future__ import annotations

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from seedwiki.discussions.models import Comment, DiscussNotice, Thread
from seedwiki.discussions.services.errors import DiscussionError, author_of, require
from seedwiki.discussions.slugs import new_slug
from seedwiki.documents.models import Document
from seedwiki.titles import USER, join_title, parse_title

MAX_TOPIC = 255
MAX_TEXT = getattr(settings, "SEEDWIKI_MAX_COMMENT_CHARS", 65_536)


def required(value: str, label: str) -> str:
    value = (value or "").strip()
    if not value:
        raise DiscussionError(_("%(field)s의 값은 필수입니다.") % {"field": label}, 400, "validation")
    return value


def _bounded_text(text: str) -> str:
    text = required(text, "text").replace("\r\n", "\n")
    if len(text) > MAX_TEXT:
        raise DiscussionError(_("본문이 너무 깁니다. (최대 %(n)d자)") % {"n": MAX_TEXT}, 400, "validation")
    return text


def document_for(full_title: str) -> Document:
    """The document row of a title, created empty if the page does not exist (threads may open on
    missing pages; the row lets the thread follow a later move)."""
    namespace, title = parse_title(full_title)
    try:
        with transaction.atomic():
            document, _created = Document.objects.get_or_create(namespace=namespace, title=title)
    except IntegrityError:  # a concurrent writer created it
        document = Document.objects.get(namespace=namespace, title=title)
    return document


def canonical_title(raw: str) -> str:
    from seedwiki.titles import TitleError, canonical

    try:
        return canonical(raw)
    except TitleError as error:
        raise DiscussionError(str(error), 400, "invalid_title") from error


def create_thread(subject, full_title: str, topic: str, text: str) -> Thread:
    """Open a thread on ``full_title`` with ``text`` as comment #1."""
    full_title = canonical_title(full_title)
    topic = required(topic, "topic")
    if len(topic) > MAX_TOPIC:
        raise DiscussionError(_("주제가 너무 깁니다. (최대 %(n)d자)") % {"n": MAX_TOPIC}, 400, "validation")
    text = _bounded_text(text)
    require(subject, "create_thread", full_title)
    document = document_for(full_title)
    now = timezone.now()
    for _attempt in range(5):
        try:
            with transaction.atomic():
                thread = Thread.objects.create(slug=new_slug(), document=document, topic=topic, created_at=now,
                                               updated_at=now)
                break
        except IntegrityError:  # the random slug was taken: draw again
            continue
    else:
        raise DiscussionError(_("토론을 만들 수 없습니다. 다시 시도하세요."), 503)
    comment = append_comment(thread.pk, subject, text, kind=Comment.Kind.NORMAL)
    notify_page_owner(document, comment.thread)
    return comment.thread


def post_comment(subject, slug: str, text: str) -> Comment:
    """A reader's comment: the thread must be `normal` (checked before any permission, as the seed
    does, so operators cannot post in a paused thread either), and the reader needs
    write_thread_comment on the thread's current document."""
    text = _bounded_text(text)
    thread = Thread.objects.select_related("document").filter(slug=slug, deleted=False).first()
    if thread is None:
        raise DiscussionError(_("토론을 찾을 수 없습니다."), 404, "thread_not_found")
    if thread.status != Thread.Status.NORMAL:
        raise DiscussionError(_("토론이 열려 있지 않습니다."), 403, "thread_invalid_status")
    require(subject, "write_thread_comment", thread.document)
    return append_comment(thread.pk, subject, text, kind=Comment.Kind.NORMAL, require_normal=True)


def lock_thread(thread_id: int) -> Thread:
    """The thread row, locked until the transaction ends: PostgreSQL SELECT … FOR UPDATE; on SQLite
    the transaction began with BEGIN IMMEDIATE (settings), which already serialises writers."""
    assert transaction.get_connection().in_atomic_block, "lock_thread needs transaction.atomic"
    query = Thread.objects.filter(pk=thread_id)
    if connection.features.has_select_for_update:
        query = query.select_for_update()
    return query.get()


def append_comment(thread_id: int, subject, text: str, *, kind: str, require_normal: bool = False,
                   changes: dict | None = None) -> Comment:
    """Write the next-numbered comment of a thread. ``changes`` (status, topic, document_id) are
    applied to the thread in the same locked transaction as the system comment that records them."""
    author = author_of(subject)
    with transaction.atomic():
        thread = lock_thread(thread_id)
        if require_normal and thread.status != Thread.Status.NORMAL:
            raise DiscussionError(_("토론이 열려 있지 않습니다."), 403, "thread_invalid_status")
        now = timezone.now()
        thread.comment_count += 1
        thread.updated_at, thread.updated_by = now, author["author_name"]
        for field, value in (changes or {}).items():
            setattr(thread, field, value)
        thread.save()
        comment = Comment.objects.create(thread=thread, number=thread.comment_count, kind=kind, text=text,
                                         created_at=now, admin=subject.holds("admin"), **author)
    comment.thread = thread
    return comment


def notify_page_owner(document: Document, thread: Thread) -> None:
    """A thread on 사용자:<name> (or a subpage) raises <name>'s notice."""
    if document.namespace != USER:
        return
    from django.contrib.auth import get_user_model

    owner = get_user_model().objects.filter(username=document.title.split("/", 1)[0]).first()
    if owner is not None:
        DiscussNotice.objects.get_or_create(user=owner, thread=thread, defaults={"created_at": timezone.now()})


def page_title(thread: Thread) -> str:
    return join_title(thread.document.namespace, thread.document.title)
