"""Start the production server (`seedwiki serve`) on a free port with a fresh, init'ed data folder.

Shared by the served-page tests (tests/seedwiki) and the browser tests (tests/browser); tests/ is on
sys.path through tests/conftest.py.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

REPO = Path(__file__).resolve().parents[1]
SERVER_START_TIMEOUT = 90
DATA_DIRS: dict[str, Path] = {}  # base URL of a running wiki → its data folder


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(data_dir: Path, secret_key: str) -> dict:
    """The caller's environment without its SEEDWIKI_* settings, pointed at data_dir and src/."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SEEDWIKI_") and k != "DJANGO_SETTINGS_MODULE"}
    env.update({"SEEDWIKI_DATA": str(data_dir), "SEEDWIKI_SECRET_KEY": secret_key,
                "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO / "src"), env.get("PYTHONPATH", "")]))})
    return env


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            response.read()
            return response.status == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


@contextmanager
def running_wiki(prefix: str, secret_key: str, ready_path: str, serve_args=(), extra_env=None,
                 prepare=()) -> Iterator[str]:
    """Base URL of a running `seedwiki serve` (init'ed: 대문 and help pages); stopped and removed after.

    ``prepare``: more `seedwiki` commands (argument lists) run after init, e.g. to create an admin.
    Ready once ready_path answers 200; the server log's tail is in the failure message otherwise.
    ``extra_env`` adds settings (e.g. SEEDWIKI_DATABASE_URL); the data folder is in SEEDWIKI_DATA.
    """
    data_dir = Path(tempfile.mkdtemp(prefix=prefix))
    env = {**server_env(data_dir, secret_key), **(extra_env or {})}
    log = None
    process = None
    try:
        init = subprocess.run([sys.executable, "-m", "seedwiki", "init"], env=env, cwd=data_dir,
                              capture_output=True, text=True, timeout=300)
        assert init.returncode == 0, init.stderr[-3000:]
        for command in prepare:
            done = subprocess.run([sys.executable, "-m", "seedwiki", *command], env=env, cwd=data_dir,
                                  capture_output=True, text=True, timeout=120)
            assert done.returncode == 0, done.stderr[-3000:]
        port = free_port()
        log = open(data_dir / "server.log", "w")
        process = subprocess.Popen(
            [sys.executable, "-m", "seedwiki", "serve", "--host", "127.0.0.1", "--port", str(port), *serve_args,
             "--log-level", "warning"], env=env, cwd=data_dir, stdout=log, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while not _answers(base + ready_path):
            if process.poll() is not None:
                raise AssertionError("seedwiki serve exited:\n" + (data_dir / "server.log").read_text()[-3000:])
            if time.monotonic() > deadline:
                raise AssertionError("seedwiki serve did not answer in time:\n"
                                     + (data_dir / "server.log").read_text()[-3000:])
            time.sleep(0.3)
        DATA_DIRS[base] = data_dir
        yield base
    finally:
        if process is not None:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=20)
        if log is not None:
            log.close()
        shutil.rmtree(data_dir, ignore_errors=True)
