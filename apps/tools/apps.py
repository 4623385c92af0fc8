from __future__ import annotations

from django.apps import AppConfig


class ToolsConfig(AppConfig):
    """The roof: tools that touch every app (demo entry, backup/restore, the synthetic kabupaten,
    load_demo). No domain app imports this one (the import contract in .importlinter)."""

    name = "apps.tools"
    label = "tools"
    verbose_name = "Alat"
