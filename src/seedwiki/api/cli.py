"""`seedwiki apitoken USER [--revoke]`: print a new API token for an account (replacing its old
one), or revoke it. The account must hold api_access (or developer) to use it."""
from __future__ import annotations

import sys


def add_parser(sub) -> None:
    parser = sub.add_parser("apitoken", help="API 토큰을 발급(또는 --revoke로 폐기)합니다")
    parser.add_argument("username", help="토큰을 받을 계정 이름")
    parser.add_argument("--revoke", action="store_true", help="새로 발급하지 않고 지금 토큰을 폐기합니다")


def cmd_apitoken(args) -> int:
    from django.contrib.auth import get_user_model

    from seedwiki.api.tokens import issue_token, may_use_api, revoke_token

    user = get_user_model().objects.filter(username=args.username).first()
    if user is None:
        print(f"사용자를 찾을 수 없습니다: {args.username}", file=sys.stderr)
        return 1
    if args.revoke:
        print("폐기했습니다." if revoke_token(user) else "발급된 토큰이 없습니다.")
        return 0
    if not may_use_api(user):
        print(f"경고: {args.username}에게 api_access 권한이 없어 토큰을 쓸 수 없습니다 (seedwiki grant).",
              file=sys.stderr)
    print(issue_token(user))
    return 0
