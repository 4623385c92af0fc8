from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

DEMO_PASSWORD = "demo12345"
DEMO_USERS = [
    ("operator.perak", "Operator Kecamatan Perak (Kab. Jombang)"),
    ("camat.perak", "Camat Perak"),
    ("operator.ploso", "Operator Kecamatan Ploso (Kab. Jombang)"),
    ("camat.ploso", "Camat Ploso (Plt sejak Juli 2024)"),
    ("inspektorat.jombang", "Inspektorat Kabupaten Jombang"),
    ("admin.jombang", "Admin Kabupaten Jombang (data induk, /admin/)"),
    ("operator.kalaena", "Operator Kecamatan Kalaena (Kab. Luwu Timur)"),
    ("camat.kalaena", "Camat Kalaena"),
    ("inspektorat.lutim", "Inspektorat Kabupaten Luwu Timur"),
    ("admin.lutim", "Admin Kabupaten Luwu Timur (data induk, /admin/)"),
    ("operator.aluh-aluh", "Operator Kecamatan Aluh Aluh (Kab. Banjar)"),
    ("camat.aluh-aluh", "Camat Aluh Aluh"),
    ("inspektorat.banjar", "Inspektorat Kabupaten Banjar"),
    ("admin.banjar", "Admin Kabupaten Banjar (data induk, /admin/)"),
    ("operator.klakah", "Operator Kecamatan Klakah (Kab. Lumajang)"),
    ("camat.klakah", "Camat Klakah"),
    ("inspektorat.lumajang", "Inspektorat Kabupaten Lumajang"),
    ("admin.lumajang", "Admin Kabupaten Lumajang (data induk, /admin/)"),
    ("superadmin", "Superuser"),
]


class Command(BaseCommand):
    help = """Prints where to log in and the demo accounts (changes nothing)."""

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--url", default="http://127.0.0.1:8000/")

    def handle(self, *args: Any, url: str, **options: Any) -> None:
        self.stdout.write(f"Masuk di {url}akun/masuk/ dengan salah satu akun demo (kata sandi: {DEMO_PASSWORD}):")
        for username, who in DEMO_USERS:
            self.stdout.write(f"  {username:<22} {who}")
