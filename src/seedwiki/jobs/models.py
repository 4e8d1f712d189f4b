"""The durable job record: what to run, its state and lease, and how it went."""
from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone


class Job(models.Model):
    class State(models.TextChoices):
        PENDING = "pending"
        RUNNING = "running"
        DONE = "done"
        FAILED = "failed"

    kind = models.CharField(max_length=64)
    # Two pending jobs with the same key are one job (de-duplication); empty: never merged.
    key = models.CharField(max_length=255, blank=True, default="")
    args = models.JSONField(default=dict)
    state = models.CharField(max_length=16, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    max_attempts = models.PositiveIntegerField(default=5)
    run_after = models.DateTimeField(default=timezone.now)
    # Who runs it and until when: a runner that died lets the lease run out, and another takes it.
    lease_token = models.CharField(max_length=32, blank=True, default="")
    lease_expires = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True, default="")
    progress = models.JSONField(default=dict)
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["state", "run_after"], name="job_state_due"),
                   models.Index(fields=["state", "finished_at"], name="job_state_finished")]
        constraints = [models.UniqueConstraint(
            fields=["key"], condition=Q(state="pending", attempts=0) & ~Q(key=""), name="job_pending_key")]

    def __str__(self) -> str:
        return f"job {self.pk} {self.kind} {self.state}"

    @property
    def duration(self):
        """Running time of a finished job (from its last start)."""
        if self.started_at and self.finished_at:
            return self.finished_at - self.started_at
        return None

    @property
    def latency(self):
        """From the edit that asked for it to its end: how long readers could see stale pages."""
        if self.finished_at:
            return self.finished_at - self.created_at
        return None
