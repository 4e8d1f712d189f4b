"""The render pool itself (seedwiki/render_pool.py): hard time and memory limits, replacement of
killed workers, host questions, and no orphaned worker processes."""
from __future__ import annotations

import datetime as dt
import math
import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from seedwiki.render_pool import RenderPool, RenderUnavailable
from seedwiki.rendering import render_job

WAIT = 30.0  # seconds: a guard against hangs, not a measurement


def wait_until(condition, timeout=WAIT):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not reached in time")
        time.sleep(0.05)


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie (killed but not yet reaped by its parent) is dead too.
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(")")[-1].split()[0] != "Z"
    except FileNotFoundError:
        return False


@pytest.fixture(scope="module")
def shared_pool():
    started = RenderPool(size=2, timeout=1.0, memory_mb=512)
    started.start()
    yield started
    started.shutdown()


@pytest.fixture
def pool(shared_pool):
    """The module's pool with both workers up (a test before may have had one replaced)."""
    wait_until(lambda: len(shared_pool.pids()) == 2)
    return shared_pool


def test_a_job_runs_in_another_process(pool):
    assert pool.run(os.getpid) != os.getpid()
    assert pool.run(math.sqrt, 16.0) == 4.0


def test_a_job_past_the_time_limit_is_killed_and_its_worker_replaced(pool):
    before = set(pool.pids())
    started = time.monotonic()
    with pytest.raises(RenderUnavailable) as raised:
        pool.run(time.sleep, 30)
    assert raised.value.reason == "timeout"
    assert "시간이 너무 오래" in str(raised.value)
    assert time.monotonic() - started < 10  # the 30-second job did not run to its end
    wait_until(lambda: len(pool.pids()) == 2)
    assert len(before - set(pool.pids())) == 1  # exactly the stuck worker was replaced
    assert pool.run(math.sqrt, 9.0) == 3.0


def test_a_job_past_the_memory_limit_fails_and_the_pool_goes_on(pool):
    with pytest.raises(RenderUnavailable) as raised:
        pool.run(bytearray, 2 * 1024 ** 3)  # 2 GB against a 512 MB address space
    assert raised.value.reason == "memory"
    assert "메모리" in str(raised.value)
    assert pool.run(math.sqrt, 4.0) == 2.0


def test_a_job_that_raises_is_an_error_and_the_worker_is_kept(pool):
    before = set(pool.pids())
    with pytest.raises(RenderUnavailable) as raised:
        pool.run(int, "not a number")
    assert raised.value.reason == "error"
    assert set(pool.pids()) == before


def test_a_worker_that_dies_is_replaced(pool):
    victim = pool.pids()[0]
    os.kill(victim, signal.SIGKILL)
    wait_until(lambda: not alive(victim))
    for _ in range(3):  # whichever worker is taken, the jobs succeed or report the death once
        try:
            assert pool.run(math.sqrt, 1.0) == 1.0
        except RenderUnavailable as error:
            assert error.reason == "crashed"
    wait_until(lambda: victim not in pool.pids() and len(pool.pids()) == 2)


def test_when_every_worker_is_busy_the_caller_is_told_so():
    single = RenderPool(size=1, timeout=0.5, memory_mb=512)
    try:
        single.start()
        wait_until(lambda: len(single.pids()) == 1)
        import threading

        holder = threading.Thread(target=lambda: pytest.raises(RenderUnavailable, single.run, time.sleep, 5))
        holder.start()
        time.sleep(0.1)
        with pytest.raises(RenderUnavailable) as raised:
            single.run(math.sqrt, 1.0)
        assert raised.value.reason == "busy"
        holder.join(WAIT)
    finally:
        single.shutdown()


class FakeHost:
    def __init__(self):
        self.questions = []

    def exists_many(self, titles):
        self.questions.append(("exists_many", tuple(titles)))
        return {title: title != "없는 문서" for title in titles}

    def page_exists(self, title):
        self.questions.append(("page_exists", title))
        return False

    def page_source(self, title):
        self.questions.append(("page_source", title))
        return "포함된 글 [[포함 속 링크]]" if title == "틀:상자" else None


def test_the_worker_renders_with_the_hosts_answers(pool):
    host = FakeHost()
    data = pool.run(render_job, "[[있는 문서]] [[없는 문서]]\n[include(틀:상자)]", "시험",
                    dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc), host=host)
    # the HTML comes back as UTF-8 bytes (half a str's size for Korean), decoded by the host
    data["html"] = data.pop("html_utf8").decode()
    assert '<a class="wiki-link-internal" href="/w/%EC%9E%88%EB%8A%94%20%EB%AC%B8%EC%84%9C"' in data["html"]
    assert "포함된 글" in data["html"]
    assert host.questions[0] == ("exists_many", ("있는 문서", "없는 문서", "틀:상자"))
    assert ("page_source", "틀:상자") in host.questions
    assert ("page_exists", "포함 속 링크") in host.questions  # a link inside the included page
    assert 'not-exist" href="/w/%EC%97%86' in data["html"]


def test_shutdown_leaves_no_worker_behind():
    pool = RenderPool(size=2, timeout=1.0, memory_mb=512)
    pool.start()
    wait_until(lambda: len(pool.pids()) == 2)
    pids = pool.pids()
    pool.shutdown()
    assert not any(alive(pid) for pid in pids)


def test_workers_die_with_a_parent_that_is_killed(tmp_path):
    """SIGKILL leaves no atexit handler to run: the workers must notice by themselves."""
    script = textwrap.dedent("""
        import os, sys, time
        import django
        django.setup()
        from seedwiki.render_pool import RenderPool
        pool = RenderPool(size=2, timeout=5.0, memory_mb=512)
        pool.start()
        deadline = time.monotonic() + 60
        while len(pool.pids()) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        print(" ".join(map(str, pool.pids())), flush=True)
        time.sleep(120)
    """)
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, env=os.environ)
    try:
        pids = [int(pid) for pid in parent.stdout.readline().split()]
        assert len(pids) == 2 and all(alive(pid) for pid in pids)
        parent.kill()
        parent.wait(WAIT)
        wait_until(lambda: not any(alive(pid) for pid in pids), timeout=10)
    finally:
        if parent.poll() is None:
            parent.kill()
            parent.wait(WAIT)
