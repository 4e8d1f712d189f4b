"""Puts this folder on sys.path (whatever pytest's import mode), so the tests import their shared
helpers by name: htmlcheck (well-formed and inert HTML) and render_setup (context, clock, title)."""
from __future__ import annotations

import sys
from pathlib import Path

_HERE = str(Path(__file__).resolve().parent)
if _HERE not in sys.path:
    sys.path.insert(0, _HERE)
