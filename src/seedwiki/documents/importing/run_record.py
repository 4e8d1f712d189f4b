"""The durable checkpoint of a dump import: one row per (dump, run).

``position`` counts the dump's array elements whose effect is committed. It is written in the same
transaction as the batch it follows, so after a crash (even SIGKILL) the row and the pages agree: a
rerun of the same command skips exactly ``position`` elements and goes on from there.
"""
from __future__ import annotations

from django.db import models


class ImportRun(models.Model):
    class Phase(models.TextChoices):
        LOADING = "loading", "가져오는 중"
        FINISHING = "finishing", "마무리 중"
        DONE = "done", "끝남"

    # sha256 of the dump's size and its first and last MiB: the same file, wherever it lies.
    dump_identity = models.CharField(max_length=64)
    dump_name = models.CharField(max_length=255)
    position = models.BigIntegerField(default=0)
    phase = models.CharField(max_length=16, choices=Phase.choices, default=Phase.LOADING)
    # Documents with ids up to this one existed before the run: their links to the titles the run
    # creates change colour when it ends (computed once, so a resumed run knows it too).
    last_id_before = models.BigIntegerField(default=0)
    created = models.BigIntegerField(default=0)
    updated = models.BigIntegerField(default=0)
    unchanged = models.BigIntegerField(default=0)
    skipped = models.BigIntegerField(default=0)
    # Secondary indexes dropped for the load, to build again when it ends ("table.index" names).
    dropped_indexes = models.JSONField(default=list, blank=True)
    started_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        app_label = "documents"
        db_table = "documents_importrun"
        indexes = [models.Index(fields=["dump_identity", "phase"], name="importrun_dump_phase")]

    def __str__(self) -> str:
        return f"{self.dump_name} @ {self.position} ({self.phase})"
