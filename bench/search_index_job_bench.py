"""Saving a large page with its search row written inside the save, against the row left to the
`search_index` job (SEEDWIKI_SEARCH_INLINE_KB): the save's time, and the job's.

    .venv/bin/python bench/search_index_job_bench.py [--kb 256,1024] [--repeat 5] [--database-url URL]

Each round saves the page with new text (a changed word in every paragraph, so the whole text is
re-indexed). Wall and CPU time of this process, medians; rendering runs in this process
(SEEDWIKI_RENDER_WORKERS=0). With PostgreSQL the server's own CPU is not counted. Nothing is asserted.
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
from pathlib import Path

from bench_env import django_in_process, timed

SYLLABLES = "가나다라마바사아자차카타파하강남동서울산천해바람구름하늘별빛소리노래시간역사문화사람도시"


def page_text(kb: int, round_no: int) -> str:
    rng = random.Random(kb)
    paragraphs, size, n = [], 0, 0
    while size < kb * 1024:
        words = " ".join("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 4))) for _ in range(60))
        paragraph = f"== 문단 {n} ==\n'''{words[:12]}''' {words} [[링크 {n % 50}]] 판{round_no}표시{n}\n"
        paragraphs.append(paragraph)
        size += len(paragraph.encode())
        n += 1
    return "".join(paragraphs)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--kb", default="256,1024")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    django_in_process(Path(tempfile.mkdtemp(prefix="search-index-job-")), args.database_url,
                      SEEDWIKI_RENDER_WORKERS="0")
    from seedwiki.documents.services import edit_page
    from seedwiki.jobs import core

    print(f"{'PostgreSQL' if args.database_url else 'SQLite'}, median of {args.repeat} (wall ms / CPU ms of this process)")
    round_no = 0
    for kb in (int(value) for value in args.kb.split(",")):
        for mode, limit in (("row in the save", str(kb * 4)), ("row by the job", "64")):
            os.environ["SEEDWIKI_SEARCH_INLINE_KB"] = limit
            saves, jobs = [], []
            title = f"긴 문서 {kb} {mode}"
            edit_page(title, page_text(kb, round_no), author_name="bench")
            core.drain()
            for _ in range(args.repeat):
                round_no += 1
                text = page_text(kb, round_no)
                saves.append(timed(lambda: edit_page(title, text, author_name="bench")))
                jobs.append(timed(core.drain))
            for name, values in (("save", saves), ("job", jobs)):
                walls, cpus = zip(*values)
                print(f"  {kb:5} KB  {mode:16} {name:4} {statistics.median(walls):9.1f} {statistics.median(cpus):9.1f}")


if __name__ == "__main__":
    main()
