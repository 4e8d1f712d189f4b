"""Puts tests/ on sys.path (whatever pytest's import mode), so helpers shared by more than one test
folder (serving_helpers.py) import by name."""
from __future__ import annotations

import sys
from pathlib import Path

_HERE = str(Path(__file__).resolve().parent)
if _HERE not in sys.path:
    sys.path.insert(0, _HERE)
