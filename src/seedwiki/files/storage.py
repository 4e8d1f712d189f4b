"""Uploaded bytes on disk, content-addressed: DATA/uploads/<sha256>."""
from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path

from django.conf import settings

SHA256_RE = re.compile(r"^[0-9a-f]{64}$")
CHUNK = 1024 * 1024


def upload_dir() -> Path:
    configured = getattr(settings, "SEEDWIKI_UPLOAD_DIR", None)
    return Path(configured) if configured else Path(settings.DATA_DIR) / "uploads"


def path_of(sha256: str) -> Path:
    if not SHA256_RE.match(sha256 or ""):
        raise ValueError("not a sha256 hex digest")
    return upload_dir() / sha256


def store(chunks) -> tuple[str, int]:
    """Write the chunks to a temporary file, then move it to its hash name. Returns (sha256, size).

    Identical uploads share one file; the rename is atomic, so a reader never sees half a file.
    """
    directory = upload_dir()
    directory.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    size = 0
    fd, temp_name = tempfile.mkstemp(dir=directory, prefix=".upload-")
    try:
        with os.fdopen(fd, "wb") as out:
            for chunk in chunks:
                digest.update(chunk)
                size += len(chunk)
                out.write(chunk)
        sha = digest.hexdigest()
        os.chmod(temp_name, 0o644)
        os.replace(temp_name, directory / sha)
    except BaseException:
        if os.path.exists(temp_name):
            os.unlink(temp_name)
        raise
    return sha, size
