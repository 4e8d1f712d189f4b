"""Dump import throughput: `seedwiki import` on the corpus dumps and on a generated 10,000-document dump.

    .venv/bin/python bench/import_bench.py [--documents 10000] [--jobs N] [--keep DIR]

Each import runs the real command (`python -m seedwiki import DUMP --quiet`) on a fresh wiki
(SQLite, temporary data folder, migrated first), so the figures include parsing, link tables,
search rows and the final red/blue-link fan-out. Printed per dump: documents, wall seconds of
the whole command (with Python/Django start-up), documents/s, and the command's own figure
(import loop only). Afterwards the wiki is checked: document, revision and link-row counts.

Dumps: ../shared/corpus/dumps/*.json next to the repository, read at run time (never copied); and a
generated dump of our own random text — namu.wiki-shaped pages (headings, links among the pages,
footnotes, tables, categories, templates included with parameters, some redirects), 0.5–20 KB each.
Target on the 2-core development machine: ≥ 300 documents/s. Nothing is asserted.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_env import seedwiki_env

ROOT = Path(__file__).resolve().parents[1]
CORPUS_DUMPS = ROOT.parent / "shared" / "corpus" / "dumps"
SYLLABLES = "가나다라마바사아자차카타파하강남동서울산천해바람구름하늘별빛소리노래시간역사문화사람도시"

COUNT_ROWS = """
from seedwiki.cli import _setup_django
_setup_django()
from seedwiki.documents.models import Document, PageLink, Revision
print(Document.objects.count(), Revision.objects.count(), PageLink.objects.count(),
      Document.objects.filter(is_redirect=True).count())
"""


def words(rng: random.Random, count: int) -> str:
    return " ".join("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 4))) for _ in range(count))


def generated_dump(path: Path, documents: int, seed: int = 11) -> int:
    """Write a dump of ``documents`` pages of our own text; returns its size in bytes."""
    rng = random.Random(seed)
    titles = [f"생성 문서 {n} {words(rng, 1)}" for n in range(documents)]
    templates = [f"생성 틀 {n}" for n in range(20)]
    entries = []
    for n, title in enumerate(titles):
        if n % 25 == 0 and n:  # some redirects
            entries.append({"namespace": "0", "title": title, "text": f"#redirect {rng.choice(titles)}\n",
                            "contributors": ["bench"]})
            continue
        target = rng.choice([500, 1500, 3000, 3000, 6000, 20000])
        parts = [f"[include(틀:{rng.choice(templates)}, 이름={words(rng, 1)}, 설명={words(rng, 3)})]", "[목차]"]
        section, size = 0, 0
        while size < target:
            section += 1
            parts.append(f"== {words(rng, 2)} {section} ==")
            links = " ".join(f"[[{rng.choice(titles)}]]" for _ in range(rng.randint(1, 6)))
            parts.append(f"'''{words(rng, 1)}'''는 {words(rng, 30)} {links}.[* {words(rng, 6)}] "
                         f"[[https://example.org/{n}/{section}|{words(rng, 1)}]]")
            if section % 3 == 0:
                parts.append("|| 항목 || 값 ||\n" + "\n".join(f"|| {words(rng, 1)} || {rng.randint(1, 99)} ||"
                                                            for _ in range(3)))
            size += sum(len(part.encode("utf-8")) for part in parts[-3:])
        parts.append("[각주]")
        parts.append(f"[[분류:생성 분류 {n % 50}]]")
        entries.append({"namespace": "0", "title": title, "text": "\n".join(parts) + "\n",
                        "contributors": [f"기여자{rng.randint(1, 300)}", "bench"]})
    for name in templates:
        entries.append({"namespace": "1", "title": name, "text": "'''@이름@''': @설명@ [[분류:생성 틀]]\n",
                        "contributors": ["bench"]})
    for n in range(50):
        entries.append({"namespace": "2", "title": f"생성 분류 {n}", "text": "생성된 분류.\n", "contributors": ["bench"]})
    entries.append({"namespace": "5", "title": "토론 같은 것", "text": "건너뛸 이름공간", "contributors": []})
    rng.shuffle(entries)
    path.write_text(json.dumps(entries, ensure_ascii=False), encoding="utf-8")
    return path.stat().st_size


def _children_cpu() -> float:
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def import_one(label: str, dump: Path, jobs: int | None) -> None:
    data_dir = Path(tempfile.mkdtemp(prefix="seedwiki-import-bench-"))
    env = seedwiki_env(data_dir)
    try:
        migrate = ("from seedwiki.cli import _setup_django\n_setup_django()\n"
                   "from django.core.management import call_command\ncall_command('migrate', verbosity=0)\n")
        subprocess.run([sys.executable, "-c", migrate], env=env, cwd=data_dir, check=True, timeout=600)
        command = [sys.executable, "-m", "seedwiki", "import", str(dump), "--quiet"]
        if jobs is not None:
            command += ["--jobs", str(jobs)]
        started, cpu_before = time.perf_counter(), _children_cpu()
        done = subprocess.run(command, env=env, cwd=data_dir, capture_output=True, text=True, timeout=3600)
        wall, cpu = time.perf_counter() - started, _children_cpu() - cpu_before
        output = (done.stdout + done.stderr).strip()
        if done.returncode != 0:
            print(f"{label}: import failed (exit {done.returncode}):\n{output[-2000:]}")
            return
        created = int(re.search(r"새 문서 (\d+)", output).group(1))
        own = re.search(r"— ([\d.]+)초, (\d+)문서/초", output)
        counts = subprocess.run([sys.executable, "-c", COUNT_ROWS], env=env, cwd=data_dir, capture_output=True,
                                text=True, check=True, timeout=600).stdout.split()
        documents, revisions, links, redirects = (int(x) for x in counts)
        print(f"{label}: {created} documents ({dump.stat().st_size / 1024:.0f} KB) in {wall:.1f} s wall "
              f"→ {created / wall:.0f} documents/s; import loop alone "
              f"{own.group(1) if own else '?'} s → {own.group(2) if own else '?'} documents/s (target ≥ 300)")
        print(f"   CPU (command and its analysis workers): {cpu:.1f} s → {cpu / max(created, 1) * 1000:.1f} ms "
              f"per document; load average {os.getloadavg()[0]:.1f}")
        print(f"   wiki afterwards: {documents} documents, {revisions} revisions, {links} link rows, "
              f"{redirects} redirects")
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--jobs", type=int, default=None, help="passed to `seedwiki import --jobs`")
    args = parser.parse_args(argv)

    print(f"== dump import (`seedwiki import`, SQLite WAL; load average {os.getloadavg()[0]:.1f} "
          f"on {os.cpu_count()} CPUs) ==")
    dumps = sorted(CORPUS_DUMPS.glob("*.json")) if CORPUS_DUMPS.is_dir() else []
    if not dumps:
        print(f"(no corpus dumps at {CORPUS_DUMPS})")
    for dump in dumps:
        import_one(f"corpus {dump.name}", dump, args.jobs)
    with tempfile.TemporaryDirectory(prefix="seedwiki-dump-") as folder:
        dump = Path(folder) / "generated.json"
        started = time.perf_counter()
        size = generated_dump(dump, args.documents)
        print(f"generated dump: {args.documents} pages + templates and categories, {size / 1024 / 1024:.1f} MB "
              f"({time.perf_counter() - started:.1f} s to write)")
        import_one(f"generated {args.documents}", dump, args.jobs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
