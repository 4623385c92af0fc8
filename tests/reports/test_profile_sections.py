"""Issue 19, BAB I and II from entered data: tugas and fungsi of the kecamatan and its units, the organisation
chart (Gambar 1.1), aspek strategis, kegiatan dan layanan produk, sistematika penyajian, the strategi and arah
kebijakan of the Renstra with the legal basis of its IKU, and the pohon kinerja; in HTML, PDF, XLSX and JSON."""

from __future__ import annotations

import io
import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from apps.organisations.models import Unit
from apps.planning.models import StrategiKebijakan
from apps.planning.services import renstra_revise
from apps.reports import diagrams
from apps.reports.builder.profile_tables import lines
from apps.reports.renderers import document_dict, render_html, render_pdf, render_xlsx
from apps.reports.services import report_document
from tests.factories import AppointmentFactory, OfficialFactory, PositionFactory

NASTY = "Seksi <Trantib> & $x$ {50%}"


@pytest.fixture
def profiled(ready, world):
    """``ready`` with a profile typed in: the kecamatan's tugas, fungsi, aspek strategis and layanan, units with
    their tugas and fungsi (one with a name that must be escaped everywhere), a head, a strategi and the IKU's basis."""
    org = world.own
    org.tugas = "Melaksanakan sebagian urusan pemerintahan yang dilimpahkan oleh Bupati."
    org.fungsi = "a. Penyelenggaraan urusan pemerintahan umum;\nb. Pengoordinasian pemberdayaan masyarakat"
    org.aspek_strategis = "Kecamatan adalah simpul pelayanan publik terdekat dengan masyarakat."
    org.layanan = "KTP\nKartu Keluarga\nSKCK"
    org.save()
    camat = Unit.objects.create(organisation=org, kind="pimpinan", name="Camat", order=1)
    sekretariat = Unit.objects.create(
        organisation=org, kind="sekretariat", name="Sekretariat Kecamatan", parent=camat, order=2,
        duties="Melaksanakan sebagian tugas Camat.", fungsi="Pengelolaan administrasi umum\nPengelolaan kepegawaian",
    )  # fmt: skip
    Unit.objects.create(
        organisation=org, kind="subbag", name="Sub Bagian Umum", parent=sekretariat, order=3, duties="Menyusun program kerja"
    )
    Unit.objects.create(organisation=org, kind="seksi", name=NASTY, parent=camat, order=4, fungsi="1) Menjaga ketertiban")
    position = PositionFactory(organisation=org, kind="sekcam", unit=sekretariat, title="Sekretaris Kecamatan Perak")
    AppointmentFactory(position=position, official=OfficialFactory(pemda=world.pemda, name="ABDUL WAKHID, SE"))
    plan = ready.plan
    StrategiKebijakan.objects.create(
        renstra=plan.renstra, sasaran=plan.sasaran, order=1, strategi="Meningkatkan kualitas perencanaan",
        arah_kebijakan="Penjenjangan kinerja\nEvaluasi internal",
    )  # fmt: skip
    plan.renstra.iku_legal_basis = "Keputusan Camat Perak Nomor 12 Tahun 2024 tentang Penetapan IKU"
    plan.renstra.save()
    return ready


def _find(sections, anchor):
    for s in sections:
        if s["anchor"] == anchor:
            return s
        found = _find(s["sections"], anchor)
        if found:
            return found
    return None


def _blocks(section, kind):
    return [b for b in section["blocks"] if b["type"] == kind]


def test_bab_1_and_2_have_every_new_part_with_data_in_the_json(profiled):
    doc = report_document(report=profiled.report)
    data = document_dict(doc)
    bab1 = _find(data["sections"], "bab-1")
    assert [s["number"] for s in bab1["sections"]] == ["A.", "B.", "C.", "D.", "E.", "F."]  # lettered in order
    struktur = _find(data["sections"], "struktur-organisasi")
    figure = _blocks(struktur, "figure")[0]
    assert (figure["key"], figure["number"]) == ("struktur-organisasi", "Gambar 1.1")
    assert ["Penyelenggaraan urusan pemerintahan umum", "Pengoordinasian pemberdayaan masyarakat"] in [
        b["items"] for b in _blocks(struktur, "list")
    ]
    duties = next(t for t in _blocks(struktur, "table") if t["key"] == "tugas-fungsi-unit")
    texts = [c.get("text", "") for row in duties["rows"] for c in row]
    assert "Tugas: Melaksanakan sebagian tugas Camat." in texts
    assert "b. Pengelolaan kepegawaian" in texts
    assert "Fungsi: Menjaga ketertiban" in texts and NASTY in texts
    aspek = _find(data["sections"], "aspek-strategis")
    assert "simpul pelayanan publik" in aspek["blocks"][0]["text"]
    assert ["Meningkatkan kualitas perencanaan"] in [b["items"] for b in _blocks(aspek, "list")]
    layanan = _blocks(_find(data["sections"], "layanan"), "table")[0]
    assert [row[1]["text"] for row in layanan["rows"]] == ["KTP", "Kartu Keluarga", "SKCK"]
    sistematika = _find(data["sections"], "sistematika")
    items = _blocks(sistematika, "list")[0]["items"]
    assert [i.split(":")[0] for i in items] == ["Ikhtisar Eksekutif", "BAB I Pendahuluan", "BAB II Perencanaan Kinerja",
                                                "BAB III Akuntabilitas Kinerja", "BAB IV Penutup", "Lampiran"]  # fmt: skip
    assert "sistematika penyajian" in items[1]
    renstra = _find(data["sections"], "renstra")
    assert any("Keputusan Camat Perak Nomor 12 Tahun 2024" in b["text"] for b in _blocks(renstra, "paragraph"))
    strategi = next(t for t in _blocks(renstra, "table") if t["key"] == "strategi-kebijakan")
    assert [[c.get("text", c.get("value")) for c in row[1:]] for row in strategi["rows"]] == [
        ["Meningkatnya akuntabilitas dan kinerja kecamatan", "Meningkatkan kualitas perencanaan", "1) Penjenjangan kinerja"],
        ["", "", "2) Evaluasi internal"],
    ]
    lampiran = _find(data["sections"], "lampiran")
    keys = [b["key"] for b in _blocks(lampiran, "figure")]
    assert keys[0] == "pohon-kinerja" and "cascading-1" in keys


def test_the_charts_are_valid_svg_with_every_text_escaped_and_no_ids(profiled):
    doc = report_document(report=profiled.report)
    figures = {f.key: f for f in doc.figures}
    chart = figures["struktur-organisasi"].svg
    root = ET.fromstring(chart)  # well-formed XML: every text escaped
    texts = " ".join(t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}tspan"))  # wrapped lines, rejoined
    assert "Seksi <Trantib> & $x$ {50%}" in texts and "ABDUL WAKHID, SE" in texts and "Sekretariat Kecamatan" in texts
    assert ' id="' not in chart
    tree = ET.fromstring(figures["pohon-kinerja"].svg)
    texts = " ".join(t.text or "" for t in tree.iter("{http://www.w3.org/2000/svg}tspan"))
    assert "Meningkatnya akuntabilitas dan kinerja kecamatan" in texts and "IK: Nilai evaluasi AKIP (target 2024: 73,00 nilai)" in texts
    assert "viewBox" in chart and ' id="' not in figures["pohon-kinerja"].svg


def test_long_names_wrap_inside_their_box():
    svg = diagrams.cascade([diagrams.Node("Program " + "sangat panjang " * 20, ["IK: " + "indikator " * 30])], label="x", columns=["P"])
    for t in ET.fromstring(svg).iter("{http://www.w3.org/2000/svg}tspan"):
        assert len(t.text or "") <= diagrams.Style(diagrams.CASCADE_WIDTH, diagrams.CASCADE_FONT).chars(False)


def test_the_new_parts_are_in_the_html_and_the_xlsx(profiled):
    doc = report_document(report=profiled.report)
    html = render_html(doc)[2].decode()
    assert 'id="gambar-struktur-organisasi"' in html and "Sistematika Penyajian" in html and "Aspek Strategis" in html
    assert "Seksi &lt;Trantib&gt; &amp; $x$ {50%}" in html
    wb = load_workbook(io.BytesIO(render_xlsx(doc)[2]))
    captions = {wb[name]["A1"].value for name in wb.sheetnames[1:]}
    for title in ("Tugas dan Fungsi Unit Kerja", "Kegiatan dan Layanan Produk", "Strategi dan Arah Kebijakan"):
        assert any(title in c for c in captions), title
    index = [row for row in wb["Daftar tabel"].iter_rows(values_only=True)]
    assert ("Gambar 1.1", "Struktur Organisasi Kecamatan Perak", "-") in index


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_the_new_parts_are_in_the_pdf(profiled, tmp_path):
    doc = report_document(report=profiled.report)
    path = tmp_path / "r.pdf"
    path.write_bytes(render_pdf(doc)[2])
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    for expected in ("Gambar 1.1 Struktur Organisasi Kecamatan Perak", "Tugas dan Fungsi Unit Kerja", "Sistematika Penyajian",
                     "Strategi dan Arah Kebijakan", "Gambar L.1 Pohon Kinerja", "ABDUL WAKHID, SE", "Seksi <Trantib> & $x$ {50%}"):  # fmt: skip
        assert expected in text, expected


def test_lines_drop_blank_lines_and_typed_markers():
    assert lines("a. Satu;\n\n  2) Dua; dan\n- Tiga\n(d) Empat,\nLima.") == ["Satu", "Dua", "Tiga", "Empat", "Lima."]


# --- the strategi entry screen ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "expected"), [("operator", 302), ("camat", 403), ("inspektorat", 403), ("admin", 403), ("other_operator", 404)]
)
def test_who_may_enter_a_strategi(client, plan, world, persona, expected):
    client.force_login(getattr(world, persona))
    url = reverse("planning:node_create", kwargs={"renstra_pk": plan.renstra.pk, "kind": "strategi"})
    response = client.post(url, {"sasaran": plan.sasaran.pk, "order": 1, "strategi": "Strategi", "arah_kebijakan": "Kebijakan"})
    assert response.status_code == expected
    assert StrategiKebijakan.objects.exists() == (expected == 302)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"strategi": "Strategi", "arah_kebijakan": " \n "}, "Isi sedikitnya satu arah kebijakan"),
        ({"strategi": "   ", "arah_kebijakan": "Kebijakan"}, "Strategi wajib diisi"),
    ],
)
def test_a_strategi_without_text_is_refused_in_indonesian_and_nothing_changes(client, plan, world, data, message):
    client.force_login(world.operator)
    url = reverse("planning:node_create", kwargs={"renstra_pk": plan.renstra.pk, "kind": "strategi"})
    response = client.post(url, {"sasaran": "", "order": 1, **data})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not StrategiKebijakan.objects.exists()


def test_a_strategi_of_another_renstra_sasaran_is_refused(client, plan, world):
    other = renstra_revise(renstra=plan.renstra)
    client.force_login(world.operator)
    url = reverse("planning:node_create", kwargs={"renstra_pk": plan.renstra.pk, "kind": "strategi"})
    foreign = other.sasaran_set.get()
    response = client.post(url, {"sasaran": foreign.pk, "order": 1, "strategi": "S", "arah_kebijakan": "K"})
    assert response.status_code == 200
    assert not StrategiKebijakan.objects.exists()


def test_the_renstra_page_lists_the_strategi_and_the_iku_basis(client, profiled, world):
    client.force_login(world.camat)
    html = client.get(reverse("planning:renstra_detail", args=[profiled.plan.renstra.pk])).content.decode()
    assert "Meningkatkan kualitas perencanaan" in html and "Evaluasi internal" in html
    assert "Keputusan Camat Perak Nomor 12 Tahun 2024" in html


def test_a_renstra_perubahan_copies_the_strategi_to_its_own_sasaran(profiled):
    new = renstra_revise(renstra=profiled.plan.renstra)
    copy = StrategiKebijakan.objects.get(renstra=new)
    assert copy.sasaran.renstra_id == new.pk and copy.kebijakan_list == ["Penjenjangan kinerja", "Evaluasi internal"]


def test_a_strategi_is_frozen_with_the_renstra(client, profiled, world):
    from apps.reports import workflow

    report = profiled.report
    workflow.report_submit(report=report, user=world.operator)
    client.force_login(world.operator)
    st = StrategiKebijakan.objects.get()
    url = reverse("planning:node_update", kwargs={"kind": "strategi", "pk": st.pk})
    response = client.post(url, {"sasaran": "", "order": 1, "strategi": "Diubah", "arah_kebijakan": "K"}, follow=True)
    assert "dikunci" in response.content.decode()
    st.refresh_from_db()
    assert st.strategi == "Meningkatkan kualitas perencanaan"


@pytest.mark.parametrize(
    ("persona", "expected"), [("operator", 302), ("camat", 403), ("inspektorat", 403), ("admin", 403), ("other_operator", 404)]
)
def test_who_may_change_a_strategi(client, plan, world, persona, expected):
    st = StrategiKebijakan.objects.create(renstra=plan.renstra, order=1, strategi="Lama", arah_kebijakan="K")
    client.force_login(getattr(world, persona))
    url = reverse("planning:node_update", kwargs={"kind": "strategi", "pk": st.pk})
    response = client.post(url, {"sasaran": "", "order": 1, "strategi": "Baru", "arah_kebijakan": "K"})
    assert response.status_code == expected
    st.refresh_from_db()
    assert st.strategi == ("Baru" if expected == 302 else "Lama")
