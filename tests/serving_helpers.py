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
import urllib.parse
import urllib.request
import uuid
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


def start_server(env: dict, data_dir: Path, ready_path: str, serve_args=(), log_name: str = "server.log"):
    """(process, base URL) of a `seedwiki serve` on a free port, once ready_path answers 200; the
    log's tail is in the failure message otherwise (the process is stopped then)."""
    port = free_port()
    log_path = data_dir / log_name
    with open(log_path, "w") as log:  # the child keeps its own copy of the descriptor
        process = subprocess.Popen(
            [sys.executable, "-m", "seedwiki", "serve", "--host", "127.0.0.1", "--port", str(port), *serve_args,
             "--log-level", "warning"], env=env, cwd=data_dir, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while not _answers(base + ready_path):
        problem = ("seedwiki serve exited" if process.poll() is not None
                   else "seedwiki serve did not answer in time" if time.monotonic() > deadline else None)
        if problem:
            stop_server(process)
            raise AssertionError(problem + ":\n" + log_path.read_text()[-3000:])
        time.sleep(0.3)
    return process, base


def stop_server(process) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=20)


def run_seedwiki(env: dict, data_dir: Path, *command: str, timeout: int = 300) -> None:
    done = subprocess.run([sys.executable, "-m", "seedwiki", *command], env=env, cwd=data_dir,
                          capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, done.stderr[-3000:]


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
    process = None
    try:
        run_seedwiki(env, data_dir, "init")
        for command in prepare:
            run_seedwiki(env, data_dir, *command, timeout=120)
        process, base = start_server(env, data_dir, ready_path, serve_args)
        DATA_DIRS[base] = data_dir
        yield base
    finally:
        if process is not None:
            stop_server(process)
        shutil.rmtree(data_dir, ignore_errors=True)


@contextmanager
def server_database(prefix: str) -> Iterator[dict]:
    """Extra settings for a server: {} (SQLite in its data folder), or, in the `-m storage` run
    (SEEDWIKI_TEST_DATABASE_URL), a fresh PostgreSQL database of its own, dropped after."""
    url = os.environ.get("SEEDWIKI_TEST_DATABASE_URL", "").strip()
    if not url:
        yield {}
        return
    import psycopg

    parts = urllib.parse.urlsplit(url)
    # named after the run's database, so runs sharing a server tell their databases apart
    name = f"{parts.path.strip('/') or 'seedwiki'}_{prefix}_{uuid.uuid4().hex[:10]}"
    admin = psycopg.connect(url, autocommit=True)
    admin.execute(f"CREATE DATABASE {name}")
    try:
        yield {"SEEDWIKI_DATABASE_URL": parts._replace(path="/" + name).geturl()}
    finally:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.close()
