"""Where a `seedwiki import` spends its time, phase by phase and statement by statement: the short
form of import_scale_bench.py for one size, with every SQL statement timed and an optional
cProfile (both from import_phase_probe.py, the one instrument of the import benches).

    .venv/bin/python bench/import_phases_bench.py --size 100000 [--database-url postgresql://…/db]
                                                  [--folder DIR] [--profile FILE] [--keep-database]
                                                  [-- extra import args]

is ``import_scale_bench.py --sizes SIZE --statements [--folder DIR --keep-dumps] [--profile FILE]
[--keep-wiki]``: per phase the calls, wall seconds and CPU seconds of the importer, its parse workers
and the PostgreSQL backend, then the statements. The dump is generated once into --folder and kept.
Nothing is asserted.
"""
from __future__ import annotations

import argparse

import import_scale_bench


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=100000)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--folder", default="", help="where the dump is kept (default: a temporary folder)")
    parser.add_argument("--profile", default="", help="write a cProfile of the import here")
    parser.add_argument("--keep-database", action="store_true", help="keep the imported wiki")
    args, extra = parser.parse_known_args()
    scale = argparse.Namespace(database_url=args.database_url, folder=args.folder, keep_dumps=bool(args.folder),
                               keep_wiki=args.keep_database, statements=True, profile=args.profile)
    import_scale_bench.run_size(args.size, scale, [a for a in extra if a != "--"])


if __name__ == "__main__":
    main()
