from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from apps.organisations.models import Appointment, Official, Organisation, Position
from apps.organisations.selectors import holder_at, signatory_at
from apps.organisations.validators import NIP_BAD_DATE, NIP_INVALID, format_nip, validate_nip
from tests.factories import AppointmentFactory, OfficialFactory, OrganisationFactory, PemdaFactory, PositionFactory, UnitFactory


@pytest.mark.parametrize(
    ("nip", "stored"),
    [  # seed 002 L63-L86
        ("197010131992011001", "197010131992011001"),
        ("19680812 200604 1 007", "196808122006041007"),
        ("19670607 20070 1 1 026", "196706072007011026"),
        ("19670128 1989121001", "196701281989121001"),
    ],
)
def test_valid_nips_in_any_spacing(db, nip, stored):
    """Accepted by the model's validation as typed, stored as 18 digits, shown in 8-6-1-3 groups."""
    official = OfficialFactory.build(pemda=PemdaFactory(), nip=nip)
    official.full_clean()
    official.save()
    official.refresh_from_db()
    assert official.nip == stored
    assert official.nip_display == f"{stored[:8]} {stored[8:14]} {stored[14]} {stored[15:]}"


@pytest.mark.parametrize(
    ("nip", "message"),
    [
        ("191025 199802 1 004", NIP_INVALID),  # seed 004: 16 digits on the closing page
        ("19691025 199802 1 00A", NIP_INVALID),
        ("19691325 199802 1 004", NIP_BAD_DATE),
    ],
)
def test_invalid_nips_are_rejected_in_indonesian(nip, message):
    with pytest.raises(ValidationError) as exc:
        validate_nip(nip)
    assert str(message) in exc.value.messages[0]


def test_nip_is_stored_normalised_and_displayed_grouped(db):
    o = OfficialFactory(nip="19680812 200604 1 007")
    o.refresh_from_db()
    assert o.nip == "196808122006041007"
    assert o.nip_display == "19680812 200604 1 007"
    assert format_nip("123") == "123"


def test_full_clean_rejects_a_bad_nip(db):
    o = OfficialFactory.build(nip="123", pemda=OfficialFactory().pemda)
    with pytest.raises(ValidationError) as exc:
        o.full_clean()
    assert "nip" in exc.value.message_dict


def test_plt_signs_as_plt_when_the_definitif_has_left(db):
    position = PositionFactory()
    definitif = AppointmentFactory(position=position, start_date=dt.date(2021, 3, 1), end_date=dt.date(2024, 6, 30))
    plt = AppointmentFactory(position=position, status=Appointment.Status.PLT, start_date=dt.date(2024, 7, 1))
    appointments = list(position.appointments.all())
    assert holder_at(appointments, dt.date(2024, 1, 15)) == definitif
    held = holder_at(appointments, dt.date(2024, 12, 31))
    assert held == plt
    assert held.signature_title == f"Plt. {position.title}"
    assert holder_at(appointments, dt.date(2020, 1, 1)) is None


def test_definitif_takes_precedence_over_a_plh_on_the_same_day(db):
    position = PositionFactory()
    definitif = AppointmentFactory(position=position, start_date=dt.date(2024, 1, 1))
    AppointmentFactory(position=position, status=Appointment.Status.PLH, start_date=dt.date(2024, 5, 1), end_date=dt.date(2024, 5, 3))
    assert holder_at(list(position.appointments.all()), dt.date(2024, 5, 2)) == definitif


def test_signatory_at_resolves_camat_and_kepala_daerah(db):
    org = OrganisationFactory()
    camat = AppointmentFactory(position=PositionFactory(organisation=org), start_date=dt.date(2024, 1, 1))
    bupati_post = Position.objects.create(pemda=org.pemda, kind=Position.Kind.KEPALA_DAERAH, title="Bupati Uji")
    pj = AppointmentFactory(position=bupati_post, status=Appointment.Status.PJ, start_date=dt.date(2023, 9, 25))
    assert signatory_at(organisation=org, kind=Position.Kind.CAMAT, day=dt.date(2024, 12, 31)) == camat
    head = signatory_at(organisation=org, kind=Position.Kind.KEPALA_DAERAH, day=dt.date(2024, 12, 31))
    assert head == pj and head.signature_title == "Pj. Bupati Uji"


def test_overlapping_appointments_of_the_same_status_are_rejected(db):
    position = PositionFactory()
    AppointmentFactory(position=position, start_date=dt.date(2024, 1, 1))
    clash = Appointment(position=position, official=OfficialFactory(pemda=position.pemda), start_date=dt.date(2024, 6, 1))
    with pytest.raises(ValidationError) as exc:
        clash.full_clean()
    assert "Sudah ada pejabat Definitif" in str(exc.value)


def test_appointment_end_before_start_is_rejected(db):
    a = AppointmentFactory.build(position=PositionFactory(), start_date=dt.date(2024, 5, 1), end_date=dt.date(2024, 4, 1))
    a.official = OfficialFactory(pemda=a.position.pemda)
    with pytest.raises(ValidationError) as exc:
        a.full_clean()
    assert "end_date" in exc.value.message_dict


def test_official_of_another_pemda_cannot_hold_the_post(db):
    position = PositionFactory()
    a = Appointment(position=position, official=OfficialFactory(), start_date=dt.date(2024, 1, 1))
    with pytest.raises(ValidationError) as exc:
        a.full_clean()
    assert "official" in exc.value.message_dict


def test_unit_parent_must_be_in_the_same_organisation(db):
    parent = UnitFactory()
    child = UnitFactory.build(organisation=OrganisationFactory(), parent=parent)
    with pytest.raises(ValidationError):
        child.full_clean()


def test_scoping_querysets(world):
    assert set(Organisation.objects.for_user(world.operator)) == {world.own}
    assert set(Organisation.objects.for_user(world.inspektorat)) == {world.own, world.other}
    assert set(Organisation.objects.for_user(world.foreign_admin)) == {world.foreign}
    assert set(Organisation.objects.administered_by(world.admin)) == {world.own, world.other}
    assert not Organisation.objects.administered_by(world.operator).exists()
    assert not Organisation.objects.for_user(world.no_role).exists()
    # pemda-level posts are visible pemda-wide, a kecamatan's posts only with the kecamatan
    bupati = Position.objects.create(pemda=world.pemda, kind=Position.Kind.KEPALA_DAERAH, title="Bupati")
    camat_other = PositionFactory(organisation=world.other)
    visible = set(Position.objects.for_user(world.operator))
    assert bupati in visible and camat_other not in visible
    assert Official.objects.for_user(world.foreign_inspektorat).filter(pemda=world.pemda).count() == 0
