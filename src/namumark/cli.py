"""``namumark render [FILE|-] --format html|text|json`` (also ``seedwiki render``)."""
from __future__ import annotations

import argparse
import json
import sys

from . import metadata, parse, render_html, render_text
from .context import MemoryContext
from .nodes import to_dict


def _build_parser(prog: str = "namumark") -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog=prog, description="NamuMark 렌더러 / NamuMark renderer")
    sub = p.add_subparsers(dest="command")
    r = sub.add_parser("render", help="문서를 HTML·텍스트·JSON으로 변환 / render a document")
    r.add_argument("file", nargs="?", default="-", help="원본 파일 (기본: 표준 입력) / source file")
    r.add_argument("--format", choices=("html", "text", "json"), default="html",
                   help="출력 형식 (기본: html) / output format")
    r.add_argument("--title", default=None, help="문서 제목 (상대 링크용) / page title")
    r.add_argument("--assume-exists", action="store_true",
                   help="모든 문서가 있다고 가정 (빨간 링크 없음) / no red links")
    return p


def main(argv: list[str] | None = None, prog: str = "namumark") -> int:
    """``prog`` names the command in usage and errors (``seedwiki`` when called as ``seedwiki render``)."""
    args = _build_parser(prog).parse_args(argv)
    if args.command != "render":
        _build_parser(prog).print_help()
        return 2
    try:
        if args.file == "-":
            source = sys.stdin.read()
        else:
            with open(args.file, encoding="utf-8") as fh:
                source = fh.read()
    except OSError as e:
        print(f"{prog}: 파일을 읽을 수 없습니다 / cannot read {args.file}: {e}", file=sys.stderr)
        return 1
    except UnicodeDecodeError:
        print(f"{prog}: UTF-8이 아닙니다 / not UTF-8: {args.file}", file=sys.stderr)
        return 1
    ctx = MemoryContext(assume_exists=args.assume_exists)
    doc = parse(source)
    if args.format == "html":
        sys.stdout.write(render_html(doc, ctx, title=args.title).html)
    elif args.format == "text":
        sys.stdout.write(render_text(doc, ctx, title=args.title) + "\n")
    else:
        meta = metadata(doc, title=args.title)
        data = {
            "tree": to_dict(doc),
            "metadata": {
                "links": meta.links,
                "includes": [{"title": i.title, "args": i.args} for i in meta.includes],
                "files": meta.files,
                "categories": [c.__dict__ for c in meta.categories],
                "headings": [h.__dict__ for h in meta.headings],
                "redirect": meta.redirect.__dict__ if meta.redirect else None,
            },
        }
        json.dump(data, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
