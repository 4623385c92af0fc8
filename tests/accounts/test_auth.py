from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from apps.accounts.models import ROLE_NEEDS_ORGANISATION, Membership, Role
from tests.factories import PASSWORD, UserFactory


def test_login_then_home_shows_the_role(client, world):
    response = client.post(reverse("accounts:login"), {"username": "operator", "password": PASSWORD}, follow=True)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Yang harus diisi triwulan ini" in body
    assert "Perak" in body


def test_wrong_password_shows_an_indonesian_message(client, world):
    response = client.post(reverse("accounts:login"), {"username": "operator", "password": "salah"})
    assert response.status_code == 200
    assert "Nama pengguna atau kata sandi salah" in response.content.decode()


def test_login_is_throttled_after_five_failures(client, world):
    url = reverse("accounts:login")
    for _ in range(5):
        client.post(url, {"username": "operator", "password": "salah"}, REMOTE_ADDR="10.0.0.9")
    response = client.post(url, {"username": "operator", "password": PASSWORD}, REMOTE_ADDR="10.0.0.9")
    assert response.status_code == 429
    assert "Terlalu banyak percobaan masuk" in response.content.decode()
    assert "Coba lagi dalam 30 menit" in response.content.decode()
    # the right password from the same address is refused while locked
    assert "_auth_user_id" not in client.session


def test_logout_requires_post_and_logs_out(client, world):
    client.force_login(world.operator)
    assert client.get(reverse("accounts:logout")).status_code == 405
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 302


def test_password_change(client, world):
    client.force_login(world.operator)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": "kata-sandi-baru-99", "new_password2": "kata-sandi-baru-99"},
    )
    assert response.status_code == 302
    world.operator.refresh_from_db()
    assert world.operator.check_password("kata-sandi-baru-99")


def test_password_change_rejects_a_wrong_old_password(client, world):
    client.force_login(world.operator)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": "salah", "new_password1": "kata-sandi-baru-99", "new_password2": "kata-sandi-baru-99"},
    )
    assert response.status_code == 200
    world.operator.refresh_from_db()
    assert world.operator.check_password(PASSWORD)


def test_operator_membership_needs_an_organisation(world):
    m = Membership(user=UserFactory(), role=Role.OPERATOR, pemda=world.pemda)
    with pytest.raises(ValidationError) as exc:
        m.full_clean()
    assert str(ROLE_NEEDS_ORGANISATION) in exc.value.message_dict["organisation"]
    with pytest.raises(IntegrityError), transaction.atomic():
        m.save()


def test_membership_organisation_must_belong_to_its_pemda(world):
    m = Membership(user=UserFactory(), role=Role.CAMAT, pemda=world.other_pemda, organisation=world.own)
    with pytest.raises(ValidationError):
        m.full_clean()


def test_inspektorat_membership_is_pemda_wide(world):
    m = Membership(user=UserFactory(), role=Role.INSPEKTORAT, pemda=world.pemda, organisation=world.own)
    with pytest.raises(ValidationError):
        m.full_clean()


def test_has_role(world):
    assert world.operator.has_role(Role.OPERATOR, world.own)
    assert not world.operator.has_role(Role.OPERATOR, world.other)
    assert world.inspektorat.has_role(Role.INSPEKTORAT, world.other)
    assert not world.inspektorat.has_role(Role.INSPEKTORAT, world.foreign)
    assert not world.camat.has_role(Role.OPERATOR)


# --- Login throttling behind a reverse proxy (issue 15, finding 5) -----------------------------------
#
# Every request below comes from nginx (REMOTE_ADDR = PROXY) which appends the address it saw to
# X-Forwarded-For ($proxy_add_x_forwarded_for); a client may send its own X-Forwarded-For first.

PROXY = "10.0.0.2"
CAMAT_HOME = "198.51.100.7"  # where the camat logs in from
ATTACKER = "203.0.113.66"


def _through_proxy(client, username, password, address, forged=""):
    chain = f"{forged}, {address}" if forged else address
    return client.post(
        reverse("accounts:login"), {"username": username, "password": password}, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=chain
    )


@pytest.fixture
def behind_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    return settings


@pytest.mark.parametrize(
    ("count", "remote", "forwarded", "expected"),
    [
        (0, "10.0.0.2", "1.2.3.4", "10.0.0.2"),  # no proxy trusted: the header is ignored
        (1, "10.0.0.2", "198.51.100.7", "198.51.100.7"),
        (1, "10.0.0.2", "1.2.3.4, 198.51.100.7", "198.51.100.7"),  # forged left-most address ignored
        (1, "10.0.0.2", "1.2.3.4,198.51.100.7", "198.51.100.7"),
        (2, "10.0.0.3", "1.2.3.4, 198.51.100.7, 10.0.0.2", "198.51.100.7"),  # CDN/load balancer + nginx
        (1, "10.0.0.2", "", "10.0.0.2"),  # not through the proxy (no header): the connecting address
        (2, "10.0.0.3", "10.0.0.2", "10.0.0.2"),  # shorter chain than configured: the left-most, written by a proxy
        (1, "10.0.0.2", "1.2.3.4, bukan-alamat", "10.0.0.2"),  # garbage where the proxy writes: the connecting address
        (1, "10.0.0.2", "2001:db8::1", "2001:db8::1"),
    ],
)
def test_client_address_is_counted_from_the_right(rf, settings, count, remote, forwarded, expected):
    from apps.accounts.throttling import client_ip

    settings.TRUSTED_PROXY_COUNT = count
    request = rf.post("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


def test_ip_wide_limit_is_higher_than_the_pair_limit(settings):
    assert settings.LOGIN_IP_FAILURE_LIMIT > settings.AXES_FAILURE_LIMIT
    assert settings.LOGIN_USERNAME_FAILURE_LIMIT > settings.AXES_FAILURE_LIMIT


def test_a_user_behind_the_same_proxy_as_an_attacker_can_still_log_in(client, world, behind_proxy):
    from django.test import Client

    attacker = Client()
    for _ in range(6):
        _through_proxy(attacker, "camat", "salah", ATTACKER)
    assert _through_proxy(attacker, "camat", PASSWORD, ATTACKER).status_code == 429
    response = _through_proxy(client, "camat", PASSWORD, CAMAT_HOME)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(world.camat.pk)


def test_forging_x_forwarded_for_neither_escapes_the_limit_nor_locks_out_the_named_address(client, world, behind_proxy):
    from django.test import Client

    attacker = Client()
    for n in range(5):  # a new forged address every time, and the camat's own address
        _through_proxy(attacker, "camat", "salah", ATTACKER, forged=f"192.0.2.{n}, {CAMAT_HOME}")
    response = _through_proxy(attacker, "camat", PASSWORD, ATTACKER, forged="192.0.2.99")
    assert response.status_code == 429
    assert "_auth_user_id" not in attacker.session
    assert _through_proxy(client, "camat", PASSWORD, CAMAT_HOME).status_code == 302


def test_password_spraying_from_one_address_is_throttled(client, world, behind_proxy):
    from tests.factories import UserFactory

    limit = behind_proxy.LOGIN_IP_FAILURE_LIMIT
    victim = UserFactory(username="korban")
    for n in range(limit):  # one password, a different username each time
        _through_proxy(client, f"pengguna-{n}", "Jombang2024!", ATTACKER)
    response = _through_proxy(client, victim.username, PASSWORD, ATTACKER)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_whole_kantor_on_one_address_is_not_locked_by_its_own_typos(world, behind_proxy):
    from django.test import Client

    kantor = "198.51.100.50"
    users = [world.operator, world.camat, world.other_operator, world.inspektorat]
    for user in users:  # 12 failures from one address, more than the pair limit, fewer than the address limit
        for _ in range(3):
            _through_proxy(Client(), user.username, "salah", kantor)
    for user in users:
        c = Client()
        assert _through_proxy(c, user.username, PASSWORD, kantor).status_code == 302
        assert c.session["_auth_user_id"] == str(user.pk)


def test_spraying_from_a_shared_kantor_address_does_not_lock_out_its_known_users(world, behind_proxy):
    from django.test import Client

    kantor = "198.51.100.50"
    assert _through_proxy(Client(), "camat", PASSWORD, kantor).status_code == 302  # the camat worked here before
    sprayer = Client()
    for n in range(behind_proxy.LOGIN_IP_FAILURE_LIMIT):
        _through_proxy(sprayer, f"pengguna-{n}", "Jombang2024!", kantor)
    assert _through_proxy(Client(), "operator", PASSWORD, kantor).status_code == 429  # never logged in from here
    assert _through_proxy(Client(), "camat", PASSWORD, kantor).status_code == 302


def test_one_username_attacked_from_many_addresses_is_locked(client, world, behind_proxy):
    from django.test import Client

    limit = behind_proxy.LOGIN_USERNAME_FAILURE_LIMIT
    for n in range(limit):  # one failure from each of many addresses: no pair reaches its limit
        _through_proxy(Client(), "camat", "salah", f"203.0.113.{n + 1}")
    response = _through_proxy(client, "camat", PASSWORD, "192.0.2.200")  # right password, from a new address
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_username_lock_does_not_keep_the_real_user_out_from_a_known_address(client, world, behind_proxy):
    from django.test import Client

    first = Client()
    assert _through_proxy(first, "camat", PASSWORD, CAMAT_HOME).status_code == 302
    first.post(reverse("accounts:logout"), REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=CAMAT_HOME)
    for n in range(3 * behind_proxy.LOGIN_USERNAME_FAILURE_LIMIT):  # the attack goes on
        _through_proxy(Client(), "camat", "salah", f"203.0.113.{n + 1}")
    assert _through_proxy(Client(), "camat", PASSWORD, "192.0.2.200").status_code == 429  # new address: locked
    response = _through_proxy(client, "camat", PASSWORD, CAMAT_HOME)  # known address: the real camat gets in
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(world.camat.pk)


def test_the_username_lock_ends_with_the_cool_off(client, world, behind_proxy):
    import datetime as dt

    from axes.models import AccessAttempt
    from django.db.models import F
    from django.test import Client

    for n in range(behind_proxy.LOGIN_USERNAME_FAILURE_LIMIT):
        _through_proxy(Client(), "camat", "salah", f"203.0.113.{n + 1}")
    assert _through_proxy(Client(), "camat", PASSWORD, "192.0.2.200").status_code == 429
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - dt.timedelta(minutes=31))
    assert _through_proxy(client, "camat", PASSWORD, "192.0.2.200").status_code == 302


def test_a_successful_login_does_not_reset_an_attackers_count(client, world, behind_proxy):
    from django.test import Client

    attacker = Client()
    for _ in range(4):
        _through_proxy(attacker, "camat", "salah", ATTACKER)
    assert _through_proxy(client, "camat", PASSWORD, CAMAT_HOME).status_code == 302
    assert _through_proxy(attacker, "camat", "salah", ATTACKER).status_code == 429  # the fifth failure of the pair


def test_a_kantor_wide_limit_at_or_below_the_pair_limit_fails_the_system_check(settings):
    from apps.accounts.throttling import check_login_limits

    assert check_login_limits() == []
    settings.LOGIN_IP_FAILURE_LIMIT = settings.AXES_FAILURE_LIMIT
    assert [e.id for e in check_login_limits()] == ["accounts.E001"]


def test_an_address_known_too_long_ago_no_longer_spares_the_username(client, world, behind_proxy):
    import datetime as dt

    from axes.models import AccessLog
    from django.test import Client
    from django.utils import timezone

    assert _through_proxy(Client(), "camat", PASSWORD, CAMAT_HOME).status_code == 302
    days = behind_proxy.LOGIN_KNOWN_ADDRESS_DAYS + 1
    AccessLog.objects.update(attempt_time=timezone.now() - dt.timedelta(days=days))
    for n in range(behind_proxy.LOGIN_USERNAME_FAILURE_LIMIT):
        _through_proxy(Client(), "camat", "salah", f"203.0.113.{n + 1}")
    assert _through_proxy(client, "camat", PASSWORD, CAMAT_HOME).status_code == 429
