"""The grown deployment in a test: several `seedwiki serve` web nodes (and, later, workers) against one
database and one shared cache, and a reader/writer that talks to any of them.

Node data folders: on SQLite every node shares one folder (the database file lives there: two
processes on one WAL file); on PostgreSQL each node has its own folder, as separate machines would,
and only the upload folder is shared (SEEDWIKI_UPLOAD_DIR), as docs/deployment.md asks.
"""
from __future__ import annotations

import http.cookiejar
import os
import re
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
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import pytest
from serving_helpers import run_seedwiki, server_database, server_env, start_server, stop_server

REDIS_URL = os.environ.get("SEEDWIKI_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
BASE_REV = re.compile(r'name="base_rev" value="(\d+)"')


def redis_answers() -> bool:
    parts = urllib.parse.urlsplit(REDIS_URL)
    try:
        with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 6379), timeout=2):
            return True
    except OSError:
        return False


def require_redis() -> None:
    """Skip without Redis; with CI=true fail instead (CI provides Redis, as for test_redis_cache)."""
    if redis_answers():
        return
    message = f"Redis not reachable at {REDIS_URL} (SEEDWIKI_TEST_REDIS_URL)"
    if os.environ.get("CI", "").strip().lower() in ("1", "true", "yes"):
        pytest.fail(message + " — CI=true: the multi-node tests must run")
    pytest.skip(message)


@dataclass
class Deployment:
    nodes: list[str]  # base URLs of the web nodes
    data_dirs: list[Path]
    env: dict  # node A's settings (for `seedwiki` commands run beside the nodes)
    processes: list = field(default_factory=list)


@contextmanager
def running_nodes(prefix: str, secret_key: str, *, count: int = 2, shared_cache: bool = True, serve_args=(),
                  extra_env=None, prepare=(), background=(), database: dict | None = None) -> Iterator[Deployment]:
    """``count`` web nodes on one fresh database (and one Redis key prefix when ``shared_cache``),
    init'ed once; each answers /License before this yields.

    ``database``: settings of a database made by the caller (serving_helpers.server_database).
    ``background``: `seedwiki` commands (argument lists) started beside the nodes with the same
    settings and stopped after — the job workers of the grown deployment (`["worker"]`).
    """
    root = Path(tempfile.mkdtemp(prefix=prefix))
    with ExitStack() as stack:
        if database is None:
            database = stack.enter_context(server_database(prefix.strip("-").replace("-", "_")))
        settings = {**database, **(extra_env or {})}
        if shared_cache:
            settings.update({"SEEDWIKI_REDIS_URL": REDIS_URL,
                             "SEEDWIKI_CACHE_KEY_PREFIX": f"{prefix}{uuid.uuid4().hex[:8]}"})
        uploads = root / "uploads"
        if database:  # PostgreSQL: a folder per node, the uploads shared
            settings["SEEDWIKI_UPLOAD_DIR"] = str(uploads)
            data_dirs = [root / f"node-{index}" for index in range(count)]
        else:  # SQLite: the database file is in the one shared folder
            data_dirs = [root / "shared"] * count
        envs = []
        for data_dir in data_dirs:
            data_dir.mkdir(exist_ok=True)
            envs.append({**server_env(data_dir, secret_key), **settings})
        deployment = Deployment([], data_dirs, envs[0])
        stack.callback(shutil.rmtree, root, True)
        stack.callback(_stop_all, deployment.processes)
        run_seedwiki(envs[0], data_dirs[0], "init")
        for command in prepare:
            run_seedwiki(envs[0], data_dirs[0], *command, timeout=120)
        for command in background:
            with open(data_dirs[0] / f"{command[0]}.log", "w") as log:
                deployment.processes.append(subprocess.Popen([sys.executable, "-m", "seedwiki", *command],
                                                             env=envs[0], cwd=data_dirs[0], stdout=log,
                                                             stderr=subprocess.STDOUT))
        # One after the other: each `serve` migrates and collects static files before it listens.
        for index, (env, data_dir) in enumerate(zip(envs, data_dirs)):
            process, base = start_server(env, data_dir, "/License", serve_args, log_name=f"server-{index}.log")
            deployment.processes.append(process)
            deployment.nodes.append(base)
        yield deployment


def _stop_all(processes) -> None:
    for process in processes:
        stop_server(process)


def logs(deployment: Deployment) -> str:
    return "\n".join(path.read_text(errors="replace") for folder in dict.fromkeys(deployment.data_dirs)
                     for path in sorted(folder.glob("*.log")))


def quoted(title: str) -> str:
    return urllib.parse.quote(title, safe="/:()!,'*")


class Person:
    """One browser: a cookie jar shared by every node (cookies ignore the port, as behind one proxy)."""

    def __init__(self):
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def send(self, url: str, body: bytes | None = None, headers: dict | None = None) -> tuple[int, bytes]:
        request = urllib.request.Request(url, data=body, headers={"Accept-Language": "ko", **(headers or {})})
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    def request(self, base: str, path: str, data: dict | None = None) -> tuple[int, str]:
        status, body = self.send(base + path, urllib.parse.urlencode(data).encode() if data is not None else None)
        return status, body.decode("utf-8", "replace")

    def get(self, base: str, path: str) -> tuple[int, str]:
        return self.request(base, path)

    def post_form(self, base: str, form_path: str, data: dict, post_path: str | None = None) -> tuple[int, str]:
        """Open the form (for its CSRF token), then post ``data`` to it (or to ``post_path``)."""
        status, form = self.get(base, form_path)
        assert status == 200, (form_path, status, form[:500])
        token = CSRF.search(form)
        assert token, (form_path, form[:500])
        return self.request(base, post_path or form_path, {"csrfmiddlewaretoken": token.group(1), **data})

    def edit(self, base: str, title: str, text: str, summary: str = "") -> tuple[int, str]:
        status, form = self.get(base, "/edit/" + quoted(title))
        token, rev = CSRF.search(form), BASE_REV.search(form)
        if status != 200 or token is None or rev is None:
            return status, form
        return self.request(base, "/edit/" + quoted(title), {"csrfmiddlewaretoken": token.group(1),
                                                             "base_rev": rev.group(1), "text": text,
                                                             "summary": summary})

    def upload(self, base: str, title: str, data: bytes, **fields: str) -> tuple[int, str]:
        """/Upload with a multipart body (the file and the form's other fields)."""
        status, form = self.get(base, "/Upload")
        token = CSRF.search(form)
        assert status == 200 and token, form[:500]
        boundary = uuid.uuid4().hex
        parts = [(name, value.encode()) for name, value in
                 {"csrfmiddlewaretoken": token.group(1), "title": title, **fields}.items()]
        body = b"".join(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
                        + value + b"\r\n" for name, value in parts)
        body += (f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="upload"\r\n'
                 f"Content-Type: application/octet-stream\r\n\r\n").encode() + data + f"\r\n--{boundary}--\r\n".encode()
        status, answer = self.send(base + "/Upload", body,
                                   {"Content-Type": f"multipart/form-data; boundary={boundary}"})
        return status, answer.decode("utf-8", "replace")

    def log_in(self, base: str, username: str, password: str) -> None:
        status, page = self.post_form(base, "/member/login", {"username": username, "password": password})
        assert status == 200 and "로그아웃" in page, page[:500]

    def sign_up(self, base: str, username: str, password: str) -> None:
        status, page = self.post_form(base, "/member/signup", {"username": username, "password1": password,
                                                               "password2": password})
        assert status == 200 and "로그아웃" in page, page[:500]


def eventually(check, timeout: float = 30.0, every: float = 0.2):
    """Poll ``check`` until it returns a true value (returned) or ``timeout`` seconds pass (the last
    value is returned): for what follows an edit through a job rather than inside the request."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value or time.monotonic() >= deadline:
            return value
        time.sleep(every)
