"""The environment a bench gives the `seedwiki` processes it starts: the caller's own without its
SEEDWIKI_* settings, pointed at a fresh data folder and at src/ (no install needed); and the
start/wait/stop of a server process on a free port, its output in <data folder>/server.log."""
from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"


def seedwiki_env(data_dir: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SEEDWIKI_") and k != "DJANGO_SETTINGS_MODULE"}
    env["SEEDWIKI_DATA"] = str(data_dir)
    env["SEEDWIKI_SECRET_KEY"] = "bench-secret-key-not-for-production-0123456789abcdef"
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH", "")]))
    return env


def timed(fn) -> tuple[float, float]:
    """Wall and CPU milliseconds of ``fn()`` in this process."""
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000


def django_in_process(data_dir: Path, database_url: str = "", **settings: str) -> dict:
    """This process set up as a migrated wiki over ``data_dir`` (or ``database_url``), for benches
    that call the services directly; ``settings`` are extra SEEDWIKI_* values. Returns the env."""
    env = seedwiki_env(data_dir)
    if database_url:
        env["SEEDWIKI_DATABASE_URL"] = database_url
    env.update(settings)
    os.environ.update(env)
    os.environ["DJANGO_SETTINGS_MODULE"] = "seedwiki.settings"
    sys.path.insert(0, str(SRC))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    return env


def fresh_database(server_url: str, suffix: str) -> tuple[str, str]:
    """(name, URL) of a new empty database ``<server_url's database>_<suffix>`` on that server
    (dropped first if a killed run left it)."""
    import urllib.parse

    import psycopg

    parts = urllib.parse.urlsplit(server_url)
    name = f"{parts.path.lstrip('/')}_{suffix}"
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    return name, parts._replace(path="/" + name).geturl()


def drop_database(server_url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def initialised_wiki(data_dir: Path, server_url: str, suffix: str) -> tuple[dict, str | None]:
    """`seedwiki init` in an emptied ``data_dir``, with ``server_url`` in a fresh database named
    ``<its database>_<suffix>`` (see fresh_database): (the environment, that database or None)."""
    import shutil

    shutil.rmtree(data_dir, ignore_errors=True)
    data_dir.mkdir()
    env = seedwiki_env(data_dir)
    database = None
    if server_url:
        database, env["SEEDWIKI_DATABASE_URL"] = fresh_database(server_url, suffix)
    try:
        subprocess.run([sys.executable, "-m", "seedwiki", "init"], env=env, cwd=data_dir, check=True,
                       capture_output=True)
    except BaseException:
        if database:
            drop_database(server_url, database)
        raise
    return env, database


def serve_command(port: int, workers: int) -> list[str]:
    """`seedwiki serve` (the production command) on 127.0.0.1:<port>."""
    return [sys.executable, "-m", "seedwiki", "serve", "--host", "127.0.0.1", "--port", str(port),
            "--workers", str(workers), "--log-level", "warning"]


@contextlib.contextmanager
def running_server(command: list[str], env: dict, data_dir: Path):
    """The server process for the ``with`` block; terminated (killed after 20 s) on the way out."""
    log = open(data_dir / "server.log", "w")
    server = subprocess.Popen(command, env=env, cwd=data_dir, stdout=log, stderr=subprocess.STDOUT)
    try:
        yield server
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


def wait_until_up(server: subprocess.Popen, data_dir: Path, probe, timeout: float = 90):
    """``probe()``'s result once it stops raising OSError; SystemExit with the log's tail when the
    server exits or ``timeout`` seconds pass first."""
    deadline = time.monotonic() + timeout
    while True:
        if server.poll() is not None or time.monotonic() > deadline:
            raise SystemExit("server did not start:\n" + (data_dir / "server.log").read_text()[-2000:])
        try:
            return probe()
        except OSError:
            time.sleep(0.3)
