"""Threads (토론) and their numbered comments (seed-behaviour §6.1).

A thread points at a document row, not a title, so it follows the page when it moves. Comment
numbers are handed out from ``Thread.comment_count`` while the thread row is locked, so they run
1, 2, 3… with no gap or duplicate however many people post at once.
"""
from __future__ import annotations

from django.conf import settings
from django.db import models


class Thread(models.Model):
    class Status(models.TextChoices):
        NORMAL = "normal", "normal"
        PAUSE = "pause", "pause"
        CLOSE = "close", "close"

    slug = models.CharField(max_length=100, unique=True)
    document = models.ForeignKey("documents.Document", on_delete=models.CASCADE, related_name="threads")
    topic = models.CharField(max_length=255)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.NORMAL)
    deleted = models.BooleanField(default=False)
    comment_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    updated_by = models.CharField(max_length=150, blank=True, default="")

    class Meta:
        db_table = "discussions_thread"
        indexes = [
            models.Index(fields=["document", "deleted", "status", "updated_at"], name="thread_document_state"),
            models.Index(fields=["deleted", "status", "updated_at"], name="thread_recent"),
        ]

    def __str__(self) -> str:
        return self.slug

    @property
    def is_open(self) -> bool:
        return self.status != self.Status.CLOSE


class Comment(models.Model):
    class Kind(models.TextChoices):
        NORMAL = "normal", "normal"
        STATUS = "status", "status"
        TOPIC = "topic", "topic"
        DOCUMENT = "document", "document"

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="comments")
    number = models.PositiveIntegerField()
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.NORMAL)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+")
    ip = models.GenericIPAddressField(null=True, blank=True)
    author_name = models.CharField(max_length=150)
    admin = models.BooleanField(default=False)  # the author held `admin` when writing (shown in bold)
    text = models.TextField()
    created_at = models.DateTimeField()
    hidden = models.BooleanField(default=False)
    hidden_by = models.CharField(max_length=150, blank=True, default="")

    class Meta:
        db_table = "discussions_comment"
        constraints = [models.UniqueConstraint(fields=["thread", "number"], name="comment_unique_number")]
        indexes = [models.Index(fields=["author_name", "created_at"], name="comment_author")]
        ordering = ["number"]

    def __str__(self) -> str:
        return f"{self.thread_id}#{self.number}"


class DiscussNotice(models.Model):
    """"Your user page has a discussion": raised when a thread opens on 사용자:<name>, cleared when
    the owner opens that thread (the seed's ``user_document_discuss`` flag)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        db_table = "discussions_notice"
        constraints = [models.UniqueConstraint(fields=["user", "thread"], name="notice_unique_thread")]
