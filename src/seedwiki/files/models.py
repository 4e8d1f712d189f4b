"""One row per uploaded version of a 파일: page; the bytes live on disk under their sha256."""
from django.conf import settings
from django.db import models


class Upload(models.Model):
    document = models.ForeignKey("documents.Document", on_delete=models.CASCADE, related_name="uploads")
    sha256 = models.CharField(max_length=64, db_index=True)
    mime = models.CharField(max_length=32)
    size = models.PositiveBigIntegerField()
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    license = models.CharField(max_length=64, blank=True, default="")
    summary = models.TextField(blank=True, default="")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="uploads")
    ip = models.GenericIPAddressField(null=True, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        db_table = "files_upload"
        indexes = [models.Index(fields=["document", "-created_at"], name="upload_doc_recent")]

    def __str__(self) -> str:
        return f"{self.document_id} {self.sha256[:12]}"

    @property
    def url(self) -> str:
        return f"/file/{self.sha256}"
