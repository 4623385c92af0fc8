"""Notifications (issue 15, finding 6): reading the list changes nothing; marking read is a POST with
CSRF, for the user's own notifications only."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from apps.accounts.models import Notification

URL = "accounts:notifications"


@pytest.fixture
def notes(world):
    mine = [
        Notification.objects.create(user=world.camat, text="Laporan A menunggu persetujuan Anda.", url="/laporan/1/2024/annual/"),
        Notification.objects.create(user=world.camat, text="Laporan B menunggu persetujuan Anda.", url=""),
    ]
    theirs = Notification.objects.create(user=world.operator, text="Laporan A dikembalikan.", url="/laporan/1/2024/annual/")
    return mine, theirs


def _unread(user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def test_opening_the_list_changes_nothing(client, world, notes):
    client.force_login(world.camat)
    page = client.get(reverse(URL)).content.decode()
    assert "Laporan A menunggu persetujuan Anda." in page and "Laporan A dikembalikan." not in page
    assert "Tandai semua sudah dibaca" in page
    assert _unread(world.camat) == 2
    assert "data-unread" in client.get(reverse("home")).content.decode()


def test_mark_all_read_marks_only_the_users_own(client, world, notes):
    client.force_login(world.camat)
    response = client.post(reverse(URL), {"all": "1"})
    assert response.status_code == 302 and response["Location"] == reverse(URL)
    assert _unread(world.camat) == 0
    assert _unread(world.operator) == 1
    assert "data-unread" not in client.get(reverse("home")).content.decode()


def test_marking_read_needs_the_csrf_token(world, notes):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.camat)
    assert client.post(reverse(URL), {"all": "1"}).status_code == 403
    assert client.post(reverse(URL), {"open": notes[0][0].pk}).status_code == 403
    assert _unread(world.camat) == 2
    page = client.get(reverse(URL)).content.decode()
    assert page.count('name="csrfmiddlewaretoken"') >= 3  # mark-all and one form per notification


def test_opening_one_notification_marks_it_read_and_follows_its_link(client, world, notes):
    (first, second), _theirs = notes
    client.force_login(world.camat)
    response = client.post(reverse(URL), {"open": first.pk})
    assert response.status_code == 302 and response["Location"] == first.url
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.read_at is not None and second.read_at is None
    response = client.post(reverse(URL), {"open": second.pk})  # no link: back to the list
    assert response["Location"] == reverse(URL)


def test_a_forged_id_of_another_users_notification_is_404_and_changes_nothing(client, world, notes):
    _mine, theirs = notes
    client.force_login(world.camat)
    assert client.post(reverse(URL), {"open": theirs.pk}).status_code == 404
    assert client.post(reverse(URL), {"open": "bukan-angka"}).status_code == 404
    assert client.post(reverse(URL), {"open": 10**9}).status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None
    assert _unread(world.camat) == 2


def test_a_notification_never_redirects_off_the_site(client, world):
    n = Notification.objects.create(user=world.camat, text="Tautan aneh", url="https://contoh.invalid/masuk")
    client.force_login(world.camat)
    response = client.post(reverse(URL), {"open": n.pk})
    assert response.status_code == 302 and response["Location"] == reverse(URL)


def test_a_post_without_an_action_changes_nothing(client, world, notes):
    client.force_login(world.camat)
    assert client.post(reverse(URL), {}).status_code == 400
    assert _unread(world.camat) == 2


def test_anonymous_cannot_mark_read(client, world, notes):
    response = client.post(reverse(URL), {"all": "1"})
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
    assert _unread(world.camat) == 2
