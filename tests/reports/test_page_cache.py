"""Issue 21: the report page's document part is cached by its organisation's data version. A second view of an
unchanged report computes nothing; any change to what it shows (a realisation, a narrative, a pemda's convention,
the organisation's master data, a deletion) is seen at once; every report input is recorded."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.reports import page_cache, services
from apps.reports.models import DataChange

from .test_freeze_inputs import MODELS as INPUTS


def _page(client, report) -> str:
    return client.get(reverse("reports:view", args=[report.organisation_id, report.year, report.period])).content.decode()


def test_a_second_view_computes_nothing_and_a_change_is_seen_at_once(client, world, ready, monkeypatch):
    client.force_login(world.operator)
    computed: list[int] = []
    real = services.report_document

    def counting(**kwargs):
        computed.append(1)
        return real(**kwargs)

    monkeypatch.setattr(services, "report_document", counting)
    first = _page(client, ready.report)
    assert "84,24" in first and len(computed) == 1
    with CaptureQueriesContext(connection) as hit:
        second = _page(client, ready.report)
    assert len(computed) == 1 and second.count("84,24") == first.count("84,24")
    queries = [q["sql"] for q in hit if "SAVEPOINT" not in q["sql"]]  # ATOMIC_REQUESTS' savepoints are not reads
    assert len(queries) <= 10, "\n".join(q[:150] for q in queries)  # session, user, memberships, report, version, ...

    ready.akip_tw4.value = Decimal("80.10")
    ready.akip_tw4.save()
    third = _page(client, ready.report)
    assert len(computed) == 2 and "80,10" in third and "84,24" not in third

    ready.evidence[-1].delete()  # a deletion too
    _page(client, ready.report)
    assert len(computed) == 3


def test_a_pemda_level_change_and_another_kecamatans_change(client, world, ready):
    before = page_cache.data_version(world.own)
    world.other.name = "Ploso Baru"
    world.other.save()  # another kecamatan: our version does not move
    assert page_cache.data_version(world.own) == before
    world.pemda.name = "Jombang Raya"
    world.pemda.save()  # the pemda: every kecamatan of it moves
    assert page_cache.data_version(world.own) > before


def test_the_editable_page_and_the_read_only_page_are_kept_apart(client, world, ready):
    client.force_login(world.operator)
    operator_page = _page(client, ready.report)
    client.force_login(world.inspektorat)
    inspektorat_page = _page(client, ready.report)
    assert ("Ubah" in operator_page) or ("narasi" in operator_page)
    assert operator_page != inspektorat_page


@pytest.mark.parametrize("label", sorted(INPUTS))
def test_every_report_input_is_recorded(label):
    """Each model the report reads (tests/reports/test_freeze_inputs.py keeps the list) records its changes."""
    app, name = label.split(".")
    labels = {f"{m._meta.app_label}.{m.__name__}" for m in page_cache.input_models()}
    if "_" in name:  # an m2m table (Program_sasaran): recorded through m2m_changed on its model
        model_name, field = name.split("_")
        model = apps.get_model(app, model_name)
        assert any(f.name == field for f in model._meta.local_many_to_many) and f"{app}.{model.__name__}" in labels
        return
    assert label in labels


@pytest.mark.django_db
def test_each_change_is_one_row_and_bulk_loads_record_everything(world):
    before = DataChange.objects.count()
    world.own.name = "Perak Baru"
    world.own.save()
    assert DataChange.objects.count() == before + 1 and DataChange.objects.latest("id").key == f"org:{world.own.pk}"
    page_cache.record_all()
    assert DataChange.objects.latest("id").key == "global"


def test_pruning_keeps_every_version(world, ready):
    import io

    from django.core.management import call_command

    versions = {org.pk: page_cache.data_version(org) for org in (world.own, world.other, world.foreign)}
    assert DataChange.objects.filter(key=f"org:{world.own.pk}").count() > 1
    call_command("prune_data_changes", stdout=io.StringIO())
    assert {org.pk: page_cache.data_version(org) for org in (world.own, world.other, world.foreign)} == versions
    assert DataChange.objects.filter(key=f"org:{world.own.pk}").count() == 1
