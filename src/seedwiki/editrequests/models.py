"""Edit requests (편집 요청, seed-behaviour §7.1): a full proposed text against a base revision,
open until accepted (a revision credited to the requester) or closed with a reason."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class EditRequest(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "open"
        ACCEPTED = "accepted", "accepted"
        CLOSED = "closed", "closed"

    slug = models.CharField(max_length=100, unique=True)
    document = models.ForeignKey("documents.Document", on_delete=models.CASCADE, related_name="edit_requests")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+")
    ip = models.GenericIPAddressField(null=True, blank=True)
    author_name = models.CharField(max_length=150)
    base_rev = models.PositiveIntegerField()
    content = models.TextField()
    log = models.CharField(max_length=255, blank=True, default="")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    diff_length = models.IntegerField(default=0)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    updated_by = models.CharField(max_length=150, blank=True, default="")
    accepted_rev = models.PositiveIntegerField(null=True, blank=True)
    accepted_by = models.CharField(max_length=150, blank=True, default="")
    close_reason = models.CharField(max_length=255, blank=True, default="")

    class Meta:
        db_table = "editrequests_request"
        constraints = [
            # One open request per (requester, document): the seed's already_edit_request_exists.
            models.UniqueConstraint(fields=["document", "author_name"], condition=Q(status="open"),
                                    name="editrequest_one_open"),
        ]
        indexes = [
            models.Index(fields=["status", "updated_at"], name="editrequest_recent"),
            models.Index(fields=["author_name", "created_at"], name="editrequest_author"),
        ]

    def __str__(self) -> str:
        return self.slug
