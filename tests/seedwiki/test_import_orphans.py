"""`seedwiki import` killed with SIGKILL leaves no orphaned parser processes behind."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from serving_helpers import server_env

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc (Linux)")


def _children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            # pid (comm) state ppid …: comm may hold spaces, so split after the last ')'.
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_import_workers_exit_when_the_importer_is_killed():
    data_dir = Path(tempfile.mkdtemp(prefix="seedwiki-orphans-"))
    env = server_env(data_dir, "orphan-test-key-0123456789abcdefghijklmnop")
    dump = data_dir / "dump.json"
    pages = [{"namespace": "0", "title": f"문서 {i}", "contributors": ["a"],
              "text": f"== 문단 {i} ==\n" + "[[링크]] '''굵게''' 문장입니다.\n" * 200} for i in range(2000)]
    dump.write_text(json.dumps(pages, ensure_ascii=False), encoding="utf-8")
    assert subprocess.run([sys.executable, "-m", "seedwiki", "init"], env=env, cwd=data_dir,
                          capture_output=True, timeout=300).returncode == 0
    importer = subprocess.Popen([sys.executable, "-m", "seedwiki", "import", str(dump), "--jobs", "2",
                                 "--batch", "100", "--quiet"], env=env, cwd=data_dir,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: set[int] = set()
    try:
        deadline = time.monotonic() + 120
        while len(workers) < 2 and time.monotonic() < deadline and importer.poll() is None:
            workers = _children(importer.pid)
            time.sleep(0.1)
        assert len(workers) >= 2, "the importer never started its worker processes"
        os.kill(importer.pid, signal.SIGKILL)
        importer.wait(30)
        deadline = time.monotonic() + 15
        while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not [pid for pid in workers if _alive(pid)], "worker processes outlived the importer"
    finally:
        if importer.poll() is None:
            importer.kill()
        for pid in workers | _children(importer.pid):  # never leave a process behind, even on failure
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
        shutil.rmtree(data_dir, ignore_errors=True)
