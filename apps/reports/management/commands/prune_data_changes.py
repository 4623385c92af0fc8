"""Keep only the newest change row per key (apps.reports.page_cache): the data versions stay the same, the
table stops growing. Run it daily (cron or a scheduled job); safe beside the running application."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db.models import Max

from apps.reports.models import DataChange


class Command(BaseCommand):
    help = "Hapus catatan perubahan data lama (cache halaman laporan); versi data tidak berubah."

    def handle(self, *args: Any, **options: Any) -> None:
        deleted = 0
        for row in DataChange.objects.values("key").annotate(newest=Max("id")).order_by():
            deleted += DataChange.objects.filter(key=row["key"], id__lt=row["newest"]).delete()[0]
        self.stdout.write(f"{deleted} catatan perubahan lama dihapus; tersisa {DataChange.objects.count()}.")
