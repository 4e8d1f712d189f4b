"""Creating and deleting a page that N pages link to: what the save itself costs, and what the
fan-out job costs afterwards, against re-stamping every linker inside the save (the behaviour
before the job; SEEDWIKI_FANOUT_INLINE set past N).

    .venv/bin/python bench/link_fanout_bench.py [--linkers 50000] [--repeat 3] [--database-url URL]

The linkers are written in bulk (document rows and one link row each; nothing renders them). Each
round creates the target through the edit service, then deletes it; times are wall and CPU of this
process (SQLite runs in it; with PostgreSQL the server's CPU is not counted). Nothing is asserted.
"""
from __future__ import annotations

import argparse
import os
import statistics
import tempfile
from pathlib import Path

from bench_env import django_in_process, timed

TARGET = "모두가 링크하는 문서"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--linkers", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    data = Path(tempfile.mkdtemp(prefix="link-fanout-"))
    django_in_process(data, args.database_url)
    from seedwiki.documents.models import Document
    from seedwiki.documents.services import delete_page, edit_page
    from seedwiki.documents.services.derive import insert_links_raw
    from seedwiki.jobs import core

    Document.objects.bulk_create([Document(namespace="문서", title=f"링크하는 문서 {n}")
                                  for n in range(args.linkers)], batch_size=5000)
    insert_links_raw([(pk, TARGET, "link", "", False)
                      for pk in Document.objects.values_list("id", flat=True)])
    results: dict[str, list[tuple[float, float]]] = {}
    for mode, inline in (("job", "200"), ("all in the save", str(args.linkers * 2))):
        os.environ["SEEDWIKI_FANOUT_INLINE"] = inline
        for _ in range(args.repeat):
            results.setdefault(f"{mode}: create (save)", []).append(
                timed(lambda: edit_page(TARGET, "이제 있음", author_name="bench")))
            results.setdefault(f"{mode}: create (job)", []).append(timed(core.drain))
            results.setdefault(f"{mode}: delete (save)", []).append(
                timed(lambda: delete_page(TARGET, author_name="bench")))
            results.setdefault(f"{mode}: delete (job)", []).append(timed(core.drain))
    print(f"{args.linkers} linkers, {'PostgreSQL' if args.database_url else 'SQLite'}, "
          f"median of {args.repeat} (wall ms / CPU ms of this process)")
    for name, values in results.items():
        walls, cpus = zip(*values)
        print(f"  {name:30} {statistics.median(walls):9.1f} {statistics.median(cpus):9.1f}")


if __name__ == "__main__":
    main()
