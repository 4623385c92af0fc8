"""Local development: DEBUG on, SQLite by default (see base.py)."""

from __future__ import annotations

import os

os.environ.setdefault("DEBUG", "1")

from .base import *  # noqa: E402,F403
