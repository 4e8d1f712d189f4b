"""Documents and their immutable history.

Revisions are never changed once written; everything else (the document's latest pointer, its
link rows, the search row, cached HTML) is derived from them and can be rebuilt (`seedwiki rebuild`).
"""
from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import models

from seedwiki.documents import compression
from seedwiki.titles import join_title


class Blob(models.Model):
    """A revision's text, zstd-compressed, stored once per distinct content (sha256 of the UTF-8)."""

    hash = models.CharField(max_length=64, primary_key=True)
    data = models.BinaryField()
    size = models.PositiveIntegerField()

    class Meta:
        db_table = "documents_blob"

    @staticmethod
    def hash_of(raw: bytes) -> str:
        return hashlib.sha256(raw).hexdigest()

    @staticmethod
    def compress(raw: bytes, fast: bool = False) -> bytes:
        """Compressed and checked to decompress back to ``raw`` (compression.compress_verified)."""
        return compression.compress_verified(raw, fast=fast)

    @property
    def text(self) -> str:
        """The text; compression.DamagedBlobError when the stored bytes are damaged."""
        return compression.decompress_text(bytes(self.data))


class Document(models.Model):
    namespace = models.CharField(max_length=64)
    title = models.CharField(max_length=255)
    latest = models.ForeignKey(
        "Revision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_redirect = models.BooleanField(default=False)
    redirect_target = models.CharField(max_length=300, blank=True, default="")
    length = models.PositiveIntegerField(default=0)
    deleted = models.BooleanField(default=False)
    updated_at = models.DateTimeField(null=True, blank=True, db_index=True)
    # Bumped when something this page's HTML depends on changes (a linked page appears or
    # disappears, an included template is edited): it is part of the render cache key.
    render_stamp = models.PositiveIntegerField(default=0)

    class Meta:
        db_table = "documents_document"
        constraints = [
            models.UniqueConstraint(fields=["namespace", "title"], name="document_unique_title"),
        ]
        indexes = [
            # Shortest/Longest/Old pages: the live non-redirect pages of a namespace in the index's order,
            # paged by keyset (special/list_pages.py). Partial: SQLite cannot seek on "NOT deleted".
            models.Index(fields=["namespace", "length", "title"], name="document_ns_length",
                         condition=models.Q(deleted=False, is_redirect=False)),
            models.Index(fields=["namespace", "updated_at", "id"], name="document_ns_updated",
                         condition=models.Q(deleted=False, is_redirect=False)),
            # Large categories: their members without a sort key, found walking the pages by title.
            models.Index(fields=["title", "id"], name="document_title_order", condition=models.Q(deleted=False)),
            # Random pages: an index seek to the first page of the namespace at or after a random id
            # (the live, non-redirect test is then a few rows: SQLite cannot seek on "NOT is_redirect").
            models.Index(fields=["namespace", "id"], name="document_random"),
        ]

    def __str__(self) -> str:
        return self.full_title

    @property
    def full_title(self) -> str:
        return join_title(self.namespace, self.title)

    @property
    def exists(self) -> bool:
        return self.latest_id is not None and not self.deleted


class Revision(models.Model):
    class Kind(models.TextChoices):
        CREATE = "create", "새 문서"
        EDIT = "edit", "편집"
        MOVE = "move", "이동"
        DELETE = "delete", "삭제"
        REVERT = "revert", "되돌림"
        RESTORE = "restore", "복구"
        ACL = "acl", "ACL 변경"  # an ACL change: same text, the rule in extra["acl"]

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    blob = models.ForeignKey(Blob, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.EDIT)
    created_at = models.DateTimeField(db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="revisions"
    )
    ip = models.GenericIPAddressField(null=True, blank=True)
    author_name = models.CharField(max_length=150)  # indexed with created_at, id (revision_author_recent)
    summary = models.CharField(max_length=255, blank=True, default="")
    size = models.PositiveIntegerField(default=0)
    size_delta = models.IntegerField(default=0)
    extra = models.JSONField(default=dict, blank=True)
    # Set by `seedwiki check --repair` on a revision whose blob cannot be read: history marks it and
    # the page serves the latest readable revision instead.
    damaged = models.BooleanField(default=False)

    class Meta:
        db_table = "documents_revision"
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="revision_unique_number"),
        ]
        indexes = [
            models.Index(fields=["created_at", "id"], name="revision_recent"),
            # Contributions: one author's revisions newest first, paged by keyset.
            models.Index(fields=["author_name", "created_at", "id"], name="revision_author_recent"),
        ]
        ordering = ["-number"]

    def __str__(self) -> str:
        return f"{self.document_id} r{self.number}"

    @property
    def text(self) -> str:
        return self.blob.text


class PageLink(models.Model):
    """One outgoing reference of a page's latest revision (rewritten on every save)."""

    class Kind(models.TextChoices):
        LINK = "link", "링크"
        INCLUDE = "include", "포함"
        FILE = "file", "파일"
        REDIRECT = "redirect", "넘겨주기"
        CATEGORY = "category", "분류"

    source = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="outgoing_links")
    target = models.CharField(max_length=300)
    kind = models.CharField(max_length=16, choices=Kind.choices)
    sort_key = models.CharField(max_length=255, blank=True, default="")
    blur = models.BooleanField(default=False)

    class Meta:
        db_table = "documents_pagelink"
        # With the source: backlinks and category members are read from the index alone.
        indexes = [
            models.Index(fields=["target", "kind", "source"], name="pagelink_target_kind_source"),
            # Large categories: the few members that give a sort key of their own ([[분류:X|키]]).
            models.Index(fields=["target", "kind", "sort_key"], name="pagelink_sort_keyed",
                         condition=~models.Q(sort_key="")),
        ]

    def __str__(self) -> str:
        return f"{self.source_id} -{self.kind}-> {self.target}"


class LinkCount(models.Model):
    """How many pages of a namespace refer to a title, kept by database triggers on PageLink and on a
    page's namespace (documents/link_count_triggers.py), so every writer (save, import, rebuild,
    move) keeps it without knowing of it.

    kind "ref": pages with any link, include, file or redirect row to the target (each page once);
    kind "category": the category's members."""

    target = models.CharField(max_length=300)
    kind = models.CharField(max_length=16)
    namespace = models.CharField(max_length=64)
    n = models.IntegerField(default=0)

    class Meta:
        db_table = "documents_linkcount"
        constraints = [
            models.UniqueConstraint(fields=["target", "kind", "namespace"], name="linkcount_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.target} {self.kind} {self.namespace}: {self.n}"


from seedwiki.documents.importing.run_record import ImportRun  # noqa: E402,F401  (registers the model)
