"""The environment a bench gives the `seedwiki` processes it starts: the caller's own without its
SEEDWIKI_* settings, pointed at a fresh data folder and at src/ (no install needed)."""
from __future__ import annotations

import os
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"


def seedwiki_env(data_dir: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SEEDWIKI_") and k != "DJANGO_SETTINGS_MODULE"}
    env["SEEDWIKI_DATA"] = str(data_dir)
    env["SEEDWIKI_SECRET_KEY"] = "bench-secret-key-not-for-production-0123456789abcdef"
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH", "")]))
    return env
