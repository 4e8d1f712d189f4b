"""Hidden revisions (hide_revision). Revisions themselves are immutable, so hiding is a row of its own."""
from __future__ import annotations

from django.conf import settings
from django.db import models


class HiddenRevision(models.Model):
    revision = models.OneToOneField("documents.Revision", on_delete=models.CASCADE, related_name="hidden_mark")
    hidden_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    hidden_at = models.DateTimeField()

    class Meta:
        db_table = "governance_hiddenrevision"

    def __str__(self) -> str:
        return f"hidden {self.revision_id}"
