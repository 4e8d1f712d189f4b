"""A small tmpfs for tests that need a real full disk (root only: mount(8))."""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pytest


@contextmanager
def small_tmpfs(size: str = "1m"):
    """A freshly mounted tmpfs of ``size``; unmounted after. Skips off CI when mounting is not allowed."""
    path = Path(tempfile.mkdtemp(prefix="seedwiki-tmpfs-"))
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0777", "tmpfs", str(path)],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        shutil.rmtree(path, ignore_errors=True)
        message = f"cannot mount a tmpfs here ({mounted.stderr.strip() or 'not root'})"
        if os.environ.get("CI", "").strip().lower() in ("1", "true", "yes"):
            raise AssertionError(message + " — CI runs as root and must be able to")
        pytest.skip(message)
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], capture_output=True)
        shutil.rmtree(path, ignore_errors=True)


def fill(path: Path, leave_bytes: int = 0) -> None:
    """Write a filler file until the file system has at most ``leave_bytes`` free."""
    free = shutil.disk_usage(path).free - leave_bytes
    with open(path / "filler", "wb") as out:
        try:
            while free > 0:
                chunk = min(free, 1 << 16)
                out.write(b"\0" * chunk)
                out.flush()
                free -= chunk
        except OSError:
            pass
