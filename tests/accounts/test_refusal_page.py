"""A refused page is the app's own page saying who may do what (issue 20: an admin opening the realisasi
import got a bare, unstyled "403 Forbidden")."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_an_admin_opening_the_realisasi_import_is_told_why(client, world):
    client.force_login(world.admin)
    response = client.get(reverse("budgets:realisasi_import", args=[world.own.pk, 2024]))
    assert response.status_code == 403
    page = response.content.decode()
    assert "Akses ditolak" in page and "tidak berhak mengubahnya" in page
    assert "Operator kecamatan mengisi" in page and 'href="/"' in page and "bootstrap.min.css" in page


def test_a_role_page_names_the_roles_that_may_use_it(client, world):
    client.force_login(world.operator)
    response = client.get(reverse("budgets:dpa_import", args=[world.own.pk, 2024]))
    assert response.status_code == 403
    assert "Halaman ini hanya untuk admin kabupaten." in response.content.decode()
