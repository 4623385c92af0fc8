from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from apps.core.periods import Quarter, lkjip_due, quarter_of, reporting_quarter


@pytest.mark.parametrize(
    ("persona", "expected", "absent"),
    [
        ("operator", ["Yang harus diisi triwulan ini", "Kecamatan Perak"], ["Kecamatan Ploso", "Menunggu persetujuan"]),
        ("camat", ["Menunggu persetujuan Anda", "Kecamatan Perak"], ["Yang harus diisi"]),
        ("inspektorat", ["Kecamatan di wilayah Anda", "Kecamatan Perak", "Kecamatan Ploso"], ["Kecamatan Kalaena"]),
        ("admin", ["Data induk pemda", "Kelola data induk"], ["Kecamatan Kalaena"]),
        ("no_role", ["belum memiliki peran"], ["Kecamatan Perak"]),
    ],
)
def test_home_page_per_role(client, world, persona, expected, absent):
    client.force_login(getattr(world, persona))
    body = client.get(reverse("home")).content.decode()
    for text in expected:
        assert text in body
    for text in absent:
        assert text not in body


def test_home_query_count_does_not_grow_with_kecamatan(client, world, django_assert_max_num_queries):
    client.force_login(world.inspektorat)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("home"))
    assert response.status_code == 200  # the budget is of the page itself, not of a refusal or a redirect
    body = response.content.decode()
    assert "Kecamatan Perak" in body and "Kecamatan Ploso" in body  # both kecamatan of the pemda were listed


def test_healthz_is_public(client, db):
    assert client.get(reverse("core:healthz")).json() == {"status": "ok"}


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2026, 11, 23), Quarter(2026, 4)),
        (dt.date(2026, 1, 10), Quarter(2025, 4)),  # TW IV 2025 is still due until 15 January
        (dt.date(2026, 1, 16), Quarter(2026, 1)),
        (dt.date(2026, 4, 15), Quarter(2026, 1)),
    ],
)
def test_reporting_quarter(day, expected):
    assert reporting_quarter(day) == expected


def test_quarter_bounds_and_labels():
    q = quarter_of(dt.date(2024, 8, 17))
    assert q == Quarter(2024, 3)
    assert (q.start, q.end, q.due) == (dt.date(2024, 7, 1), dt.date(2024, 9, 30), dt.date(2024, 10, 15))
    assert q.label == "Triwulan III 2024"
    assert lkjip_due(2023) == dt.date(2024, 2, 29)


def test_ui_is_indonesian_even_for_an_english_browser(client, world):
    client.force_login(world.operator)
    body = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "Yang harus diisi triwulan ini" in body
    assert any(day in body for day in ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"])


def test_english_when_the_user_chooses_it(client, world):
    client.force_login(world.operator)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    body = client.get(reverse("home")).content.decode()
    assert 'lang="en"' in body
