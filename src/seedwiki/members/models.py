"""Stars (별찜, seed-behaviour §8): an account's starred documents. A star points at the document
row, so it follows the page when it moves."""
from __future__ import annotations

from django.conf import settings
from django.db import models


class Star(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="stars")
    document = models.ForeignKey("documents.Document", on_delete=models.CASCADE, related_name="stars")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "members_star"
        constraints = [models.UniqueConstraint(fields=["user", "document"], name="star_unique")]
