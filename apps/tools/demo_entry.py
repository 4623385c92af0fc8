"""Enters a year of a kecamatan's plan, PK and realisations through the app's own forms.

Used by `manage.py build_demo` (apps/tools/demo_seeds.py, which then writes one fixture per seed)
and by tests/test_demo_entry.py, which proves that each of the four seeds can be entered through
the browser forms and gives the seed's recomputed figures.

What is typed, form by form: the Renstra; tujuan, sasaran, program, kegiatan and sub kegiatan;
their indicators with targets per Renstra year; the PK with its items, quarterly targets and
program budgets; realisations per quarter with provenance and analysis; realisations of earlier
years (an indicator's ``history``) at TW IV through the same realisation form; comparison figures.
Never a computed figure: a composite indicator's value, a roll-up or a total is never typed (a roll-up
indicator, the data module's ``rollup``, is entered with the measurement "rata-rata capaian indikator
di bawahnya", Indicator.measurement, and the app computes it).
Evidence needs a file or a link, which the seeds do not hold, so none is entered.
"""

from __future__ import annotations

from decimal import Decimal
from types import ModuleType
from typing import Any, TypeVar
from urllib.parse import urlencode

from django.test import Client
from django.urls import reverse

from apps.agreements.models import PerjanjianKinerja
from apps.budgets.forms import akun_field_name
from apps.organisations.models import Desa, Organisation, StaffComposition, Unit
from apps.planning.models import Indicator, Kegiatan, Program, Renstra, Sasaran, SubKegiatan, Tujuan
from apps.realisations.models import Realisation

NodeT = TypeVar("NodeT", Tujuan, Sasaran, Program, Kegiatan, SubKegiatan)


class EntryError(RuntimeError):
    pass


def _id(value: Any) -> str:
    """A Decimal as an operator types it: Indonesian decimal comma, no grouping."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        text = format(value.normalize(), "f")
        return text.replace(".", ",")
    return str(value)


def _check(response: Any, what: str) -> Any:
    if response.status_code != 302:
        context = getattr(response, "context", None)
        detail = ""
        if context is not None:
            for key in ("form", "formset", "header", "budget_form"):
                form = context.get(key) if hasattr(context, "get") else None
                if form is not None and getattr(form, "errors", None):
                    detail += f" {key}: {form.errors}"
        raise EntryError(f"{what}: HTTP {response.status_code}{detail}")
    return response


def _measurement(ind: dict[str, Any]) -> str:
    """How the indicator is measured: realisations entered per quarter, or (the data module's ``rollup``)
    the mean of the capaian of the indicators under it, computed by the app and never typed."""
    rollup = ind.get("rollup")
    return Indicator.Measurement.CHILDREN_MEAN if rollup and rollup.get("rule") == "mean_capaian" else Indicator.Measurement.ENTERED


class Entry:
    def __init__(self, client: Client, organisation: Organisation, data: ModuleType) -> None:
        self.c, self.org, self.d = client, organisation, data
        self.units = {u.name: u.pk for u in Unit.objects.filter(organisation=organisation)}
        self.indicators: dict[str, Indicator] = {}
        self.rollups: list[tuple[Indicator, dict[str, Any]]] = []

    def post(self, url: str, data: dict[str, Any], what: str) -> Any:
        return _check(self.c.post(url, data), what)

    def run(self) -> Renstra:
        r = self.d.RENSTRA
        self.post(
            reverse("planning:renstra_create", args=[self.org.pk]),
            {k: r[k] for k in ("start_year", "end_year", "version_kind", "version_number", "legal_basis", "source_plan", "visi", "misi")}
            | {"iku_legal_basis": r.get("iku_legal_basis", "")},
            "Renstra",
        )
        renstra: Renstra = Renstra.objects.filter(organisation=self.org).latest("pk")
        self.renstra = renstra
        sasaran_pk: dict[str, int] = {}
        for order, t in enumerate(self.d.TUJUAN, start=1):
            tujuan = self.node("tujuan", {"order": order, "code": t["code"], "text": t["text"]}, Tujuan, {"code": t["code"]}, t)
            for s_order, s in enumerate(t["sasaran"], start=1):
                fields = {"tujuan": tujuan.pk, "order": s_order, "code": s["code"], "text": s["text"]}
                abk = getattr(self.d, "SDM_EFFICIENCY", {}).get(s["code"])  # Tabel 3.12: ABK and ketersediaan per sasaran
                if abk:
                    fields |= {"abk": abk["abk"], "sdm_tersedia": abk["ketersediaan"]}
                sasaran_pk[s["code"]] = self.node("sasaran", fields, Sasaran, {"code": s["code"]}, s).pk
        for p_order, p in enumerate(self.d.PROGRAMS, start=1):
            fields = {"order": p_order, "code": p["code"], "name": p["name"], "sasaran_program": p.get("sasaran_program", ""),
                      "sasaran": [sasaran_pk[c] for c in p.get("serves_sasaran", [])]}  # fmt: skip
            program = self.node("program", fields, Program, {"code": p["code"], "name": p["name"]}, p)
            for k_order, k in enumerate(p.get("kegiatan", []), start=1):
                fields = {"program": program.pk, "order": k_order, "code": k["code"], "name": k["name"]}
                kegiatan = self.node("kegiatan", fields, Kegiatan, {"program": program, "name": k["name"]}, k)
                for sk_order, sk in enumerate(k.get("sub_kegiatan", []), start=1):
                    fields = {"kegiatan": kegiatan.pk, "order": sk_order, "code": sk["code"], "name": sk["name"]}
                    self.node("sub_kegiatan", fields, SubKegiatan, {"kegiatan": kegiatan, "name": sk["name"]}, sk)
        self.strategi(sasaran_pk)
        self.check_rollups()
        self.agreement()
        self.realisations()
        self.history()
        self.pendapatan()
        self.discontinued()
        self.service_scores()
        return renstra

    def strategi(self, sasaran_pk: dict[str, int]) -> None:
        """The strategi and arah kebijakan of the Renstra (``STRATEGI``: per sasaran code, or None for the whole
        Renstra) through the Renstra's strategi form, one arah kebijakan per line."""
        for order, st in enumerate(getattr(self.d, "STRATEGI", None) or [], start=1):
            data = {"sasaran": sasaran_pk[st["sasaran"]] if st["sasaran"] else "", "order": order, "strategi": st["strategi"],
                    "arah_kebijakan": "\n".join(st["kebijakan"])}  # fmt: skip
            self.post(reverse("planning:node_create", args=[self.renstra.pk, "strategi"]), data, f"strategi {order}")

    def service_scores(self) -> None:
        """The IKM per jenis layanan of the year (``IKM_PER_LAYANAN``, seed 002 §4.6) through the indicator's "nilai
        per jenis layanan" page; the unit's IKM (their mean, 93,53) is computed by the report, never typed."""
        scores = getattr(self.d, "IKM_PER_LAYANAN", None)
        if not scores:
            return
        ind = Indicator.objects.get(renstra=self.renstra, code="IKM")
        year = self.agreement_obj.year
        for name, value in scores.items():
            data = {"name": name, "value": _id(value)}
            self.post(reverse("realisations:service_scores", args=[ind.pk, year]), data, f"IKM layanan {name}")

    def discontinued(self) -> None:
        """Indicators no longer measured (``DISCONTINUED_INDICATORS``: seed 002's three sasaran II indicators of 2023,
        Q27): typed into the indicator form under the sasaran that replaced theirs with "dihentikan setelah tahun",
        then each earlier year's target and realisasi into the indicator's riwayat form."""
        for spec in getattr(self.d, "DISCONTINUED_INDICATORS", []):
            sasaran = Sasaran.objects.get(renstra=self.renstra, code=spec["sasaran"])
            self.indicator("sasaran", sasaran.pk, spec)
            ind = self.indicators[spec["name"]]
            values, targets = spec.get("history") or {}, spec.get("history_targets") or {}
            for y in sorted(set(values) | set(targets)):
                data = {"year": y, "target": _id(targets.get(y)), "value": _id(values.get(y))}
                self.post(reverse("realisations:history", args=[ind.pk]), data, f"riwayat {spec['name']} {y}")

    def pendapatan(self) -> None:
        """The jenis pendapatan the kecamatan collects (``PAD``: its rows of level "jenis"), each quarter
        the seed gives a target or a realisasi for, through the pendapatan form."""
        pad = getattr(self.d, "PAD", None)
        if not pad:
            return
        year = self.agreement_obj.year
        for row in (r for r in pad["rows"] if r.get("level") == "jenis"):
            for q in range(1, 5):
                target, realisasi = pad["target"].get(q), pad["realisasi"].get(q)
                if target is None and realisasi is None:
                    continue
                data = {"quarter": q, "code": row["code"], "name": row["name"], "anggaran": _id(pad.get("anggaran")),
                        "target": _id(target), "realisasi": _id(realisasi)}  # fmt: skip
                self.post(reverse("budgets:pendapatan", args=[self.org.pk, year]), data, f"pendapatan {row['name']} TW {q}")

    def node(self, level: str, fields: dict[str, Any], model: type[NodeT], lookup: dict[str, Any], spec: dict[str, Any]) -> NodeT:
        """Post the Renstra node form of ``level`` with ``fields``, find the node by ``lookup`` and enter
        the indicators ``spec`` lists under it."""
        what = level.replace("_", " ")
        self.post(reverse("planning:node_create", args=[self.renstra.pk, level.replace("_", "-")]), fields, what)
        node: NodeT = model.objects.get(renstra=self.renstra, **lookup)
        for ind in spec.get("indicators", []):
            self.indicator(level, node.pk, ind)
        return node

    def indicator(self, level: str, parent: int, ind: dict[str, Any]) -> None:
        data = {
            "name": ind["name"], "code": ind.get("code", ""), "satuan": ind["satuan"], "is_iku": "on" if ind.get("is_iku") else "",
            "direction": ind.get("direction", "higher"), "lower_formula": ind.get("lower_formula", "2t_minus_r"),
            "aggregation": ind.get("aggregation", "latest"), "precision": ind.get("precision", 2), "definition": ind.get("definition", ""),
            "formula_text": ind.get("formula_text", ""), "composite_expression": ind.get("composite_expression", ""),
            "data_source": ind.get("data_source", ""), "responsible_unit": self.units.get(ind.get("responsible", ""), ""),
            "weight": _id(ind.get("weight", Decimal(1))), "baseline_year": ind.get("baseline_year") or "",
            "baseline_value": _id(ind.get("baseline_value")), "end_target": _id(ind.get("end_target")), "end_target_max": "",
            "order": len(self.indicators), "measurement": _measurement(ind),
            "discontinued_after": ind.get("discontinued_after") or "",
        }  # fmt: skip
        for year in self.renstra.years:
            data[f"target_{year}"] = _id(ind.get("targets", {}).get(year))
            data[f"target_max_{year}"] = ""
        url = reverse("planning:indicator_create", args=[self.renstra.pk]) + "?" + urlencode({"level": level, "parent": parent})
        self.post(url, {k: v for k, v in data.items() if v != "" or k.startswith("target")}, f"indikator {ind['name']}")
        self.indicators[ind["name"]] = Indicator.objects.filter(renstra=self.renstra, name=ind["name"]).latest("pk")
        if ind.get("rollup"):
            self.rollups.append((self.indicators[ind["name"]], ind["rollup"]))

    def check_rollups(self) -> None:
        """The measurement "rata-rata capaian indikator di bawahnya" averages every indicator of the level
        below (a program's kegiatan, a kegiatan's sub kegiatan): the children a ``rollup`` names must be
        exactly those, or the app would compute another figure than the data module means."""
        for indicator, rollup in self.rollups:
            if indicator.level == "program":
                below = Indicator.objects.filter(renstra=self.renstra, level="kegiatan", kegiatan__program=indicator.program_id)
            else:
                below = Indicator.objects.filter(renstra=self.renstra, level="sub_kegiatan", sub_kegiatan__kegiatan=indicator.kegiatan_id)
            codes = set(below.values_list("code", flat=True))
            if rollup.get("rule") != "mean_capaian" or codes != set(rollup["children"]):
                raise EntryError(f"roll-up {indicator.name}: anak {sorted(rollup['children'])} bukan indikator di bawahnya {sorted(codes)}")

    def agreement(self) -> None:
        pk_data = self.d.PK
        year = self.renstra.start_year if not hasattr(self.d, "YEAR") else self.d.YEAR
        response = self.post(
            reverse("agreements:list", args=[self.org.pk]), {"year": year, "signing_date": pk_data.get("signing_date", "")}, "PK"
        )
        detail = response["Location"]
        agreement = PerjanjianKinerja.objects.filter(organisation=self.org, year=year).latest("pk")
        murni = getattr(self.d, "PK_MURNI", None)
        if murni is not None:  # the PK murni as signed, then the perubahan through the PK page's "revise"
            items = [{**i, "quarter_mode": "percent"} for i in (*murni["sasaran"], *murni["program"])]
            self.pk_grid(detail, agreement, {**murni, "items": items})
            detail = self.post(detail, {"revise": "1"}, "PK perubahan")["Location"]
            agreement = PerjanjianKinerja.objects.filter(organisation=self.org, year=year).latest("version_number")
        self.pk_grid(detail, agreement, pk_data)
        self.agreement_obj = agreement

    def pk_grid(self, detail: str, agreement: PerjanjianKinerja, pk_data: dict[str, Any]) -> None:
        """Add the PK's missing indicators, then save its grid: items (others deleted), targets and program budgets."""
        wanted = {item["indicator"]: item for item in pk_data["items"]}
        for name in wanted:
            if name not in self.indicators:
                raise EntryError(f"PK names an unknown indicator: {name}")
            if not agreement.items.filter(indicator=self.indicators[name]).exists():
                self.post(detail, {"add_item": "1", "indicator": self.indicators[name].pk}, f"PK add {name}")
        items = list(agreement.items.select_related("indicator").order_by("order", "pk"))
        order = {name: n for n, name in enumerate(wanted)}
        data: dict[str, Any] = {
            "form-TOTAL_FORMS": len(items), "form-INITIAL_FORMS": len(items), "form-MIN_NUM_FORMS": 0, "form-MAX_NUM_FORMS": 1000,
            "signing_date": pk_data.get("signing_date", ""), "signing_place": self.org.place, "notes": pk_data.get("notes", ""),
        }  # fmt: skip
        for n, item in enumerate(items):
            spec = wanted.get(item.indicator.name)
            prefix = f"form-{n}-"
            data[prefix + "id"] = item.pk
            if spec is None:
                data.update({prefix + "DELETE": "on", prefix + "order": item.order, prefix + "quarter_mode": "absolute"})
                continue
            tw = list(spec.get("tw", [None] * 4))
            data.update({
                prefix + "order": order[item.indicator.name], prefix + "annual_target": _id(spec.get("annual_target")),
                prefix + "annual_target_max": "", prefix + "quarter_mode": spec.get("quarter_mode", "absolute"),
                prefix + "tw1": _id(tw[0]), prefix + "tw2": _id(tw[1]), prefix + "tw3": _id(tw[2]), prefix + "tw4": _id(tw[3]),
            })  # fmt: skip
        programs = {p.code: p for p in Program.objects.filter(renstra=self.renstra)}
        for code, amount in pk_data.get("program_budgets", {}).items():
            data[f"budget_{programs[code].pk}"] = _id(amount)
        self.post(detail, data, "PK grid")

    def realisations(self) -> None:
        year = self.agreement_obj.year
        for name, ind in self.indicators.items():
            spec = self._spec(name)
            entered = {q: qd for q, qd in (spec.get(f"realisations_{year}") or {}).items() if qd is not None}
            counts = spec.get("counts") or {}  # the operands of the year's value, typed with its last quarter
            for q, qd in sorted(entered.items()):
                if ind.is_composite:
                    continue
                current = Realisation.objects.filter(indicator=ind, year=year, quarter=q).first()
                last = q == max(entered)
                data = {
                    "value": _id(qd.get("value")), "revision": current.revision if current else 0,
                    "source_document": qd.get("source_document", ""), "source_date": qd.get("source_date", ""),
                    "source_issuer": qd.get("source_issuer", ""), "faktor_pendukung": qd.get("faktor_pendukung", ""),
                    "faktor_penghambat": qd.get("faktor_penghambat", ""), "solusi": qd.get("solusi", ""),
                    "numerator": _id(counts.get("numerator")) if last else "", "denominator": _id(counts.get("denominator")) if last else "",
                    # issue 18: "belum_tersedia" / "tidak_dapat_diukur" instead of a value, with its reason
                    "state": qd.get("state", ""), "state_reason": qd.get("state_reason", ""),
                    "expected_source": qd.get("expected_source", ""), "expected_date": qd.get("expected_date", ""),
                }  # fmt: skip
                self.post(reverse("realisations:edit", args=[ind.pk, year, q]), data, f"realisasi {name} TW {q}")
        for comp in getattr(self.d, "COMPARISONS", []):
            ind = self.indicators[comp["indicator"]]
            self.post(
                reverse("realisations:comparison", args=[ind.pk, comp["year"], 4]),
                {
                    "pembanding-level": comp["level"],
                    "pembanding-value": _id(comp.get("value")),
                    "pembanding-not_available": "on" if comp.get("not_available") else "",
                    "pembanding-source": comp.get("source", ""),
                },
                f"pembanding {comp['indicator']}",
            )  # fmt: skip
        for comp in getattr(self.d, "PEER_COMPARISONS", []):  # other kecamatan of the kabupaten (seed 003 Tabel 3.4)
            ind = self.indicators[comp["indicator"]]
            self.post(
                reverse("realisations:comparison", args=[ind.pk, comp["year"], 4]),
                {
                    "pembanding-level": "pd", "pembanding-peer": comp["peer"], "pembanding-value": _id(comp.get("value")),
                    "pembanding-not_available": "", "pembanding-source": comp.get("source", "")[:300],
                },
                f"pembanding {comp['peer']} {comp['indicator']}",
            )  # fmt: skip

    def history(self) -> None:
        """The riwayat of years before the reported one, typed into each indicator's riwayat form: the
        realisation (``history``: {year: annual value}, stored at TW IV: s/d TW IV is the annual value) and
        the target of a year the Renstra does not hold (``history_targets``: years before its period). A
        composite's realisation is computed, never typed: its riwayat holds the target alone."""
        year = self.agreement_obj.year
        for name, ind in self.indicators.items():
            spec = self._spec(name)
            values = {y: v for y, v in (spec.get("history") or {}).items() if v is not None and not ind.is_composite}
            targets = {y: v for y, v in (spec.get("history_targets") or {}).items() if v is not None}
            for y in sorted(set(values) | set(targets)):
                if y >= year:
                    continue
                data = {"year": y, "target": _id(targets.get(y)), "value": _id(values.get(y))}
                self.post(reverse("realisations:history", args=[ind.pk]), data, f"riwayat {name} {y}")

    def _spec(self, name: str) -> dict[str, Any]:
        def walk(nodes: list[dict[str, Any]]) -> Any:
            for node in nodes:
                for ind in node.get("indicators", []):
                    if ind["name"] == name:
                        return ind
                for key in ("sasaran", "kegiatan", "sub_kegiatan"):
                    found = walk(node.get(key, []))
                    if found:
                        return found
            return None

        return walk(self.d.TUJUAN) or walk(self.d.PROGRAMS) or {}


COMPONENTS = {
    "Perencanaan Kinerja": "perencanaan",
    "Pengukuran Kinerja": "pengukuran",
    "Pelaporan Kinerja": "pelaporan",
    "Evaluasi Akuntabilitas Kinerja Internal": "evaluasi_internal",
}
STATES = {"Sudah ditindaklanjuti sesuai rekomendasi": "selesai"}


def evaluations(data: ModuleType) -> list[dict[str, Any]]:
    """The SAKIP evaluations of a data module: those with the four component values (the nilai is their sum,
    computed: seed 002) and those printed with their nilai only (the form takes the nilai alone: seed 001)."""
    found = [getattr(data, key, None) for key in ("SAKIP_EVALUATION_2023", "SAKIP_EVALUATION")]
    found += list(getattr(data, "SAKIP_EVALUATIONS", None) or [])
    return [e for e in found if e and _enterable(e)]


def _enterable(ev: dict[str, Any]) -> bool:
    """Every component with its nilai, or no component and a nilai."""
    components = ev.get("components")
    if components:
        return all(c.get("nilai") is not None for c in components)
    return ev.get("nilai") is not None


def evaluation_year(ev: dict[str, Any]) -> int:
    """The year the evaluation was done (SakipEvaluation.year, the LKjIP that reports it): as the data module
    states it, else the year of the LHE's date, else the year after the evaluated one (seed 001: the LHE of
    20-08-2022 evaluates 2021 and is reported in the LKjIP 2022, seed notes 001 Q9)."""
    if ev.get("year"):
        return int(ev["year"])
    if ev.get("lhe_date"):
        return int(str(ev["lhe_date"])[:4])
    return int(ev["evaluated_year"]) + 1


def _recommendations(ev: dict[str, Any]) -> tuple[list[str], list[dict[str, str]]]:
    """The recommendations and their tindak lanjut: seed 002 lists texts and a separate matrix; seed 001 pairs
    each recommendation (D.1) with what the kecamatan did (D.2, "telah melaksanakan")."""
    texts, follow_ups = [], list(ev.get("tindak_lanjut", []))
    paired = []
    for r in ev.get("recommendations", []):
        if isinstance(r, str):
            texts.append(r)
        else:
            texts.append(r[0])
            paired.append({"rencana_aksi": r[1], "status": "Sudah ditindaklanjuti sesuai rekomendasi"})
    return texts, follow_ups or paired


def enter_evaluations(*, inspektorat: Client, operator: Client, organisation: Organisation, data: ModuleType) -> int:
    """The Inspektorat types each evaluation (LHE number and date, the four components, their LKE and evaluasi
    lapangan scores, or the nilai alone; the recommendations) into the evaluation form; the operator answers each recommendation with its tindak lanjut."""
    from apps.reports.models import SakipEvaluation

    count = 0
    for ev in evaluations(data):
        year = evaluation_year(ev)
        url = reverse("reports:evaluation", args=[organisation.pk, year])
        if ev.get("components") and all(c.get("lke") is not None for c in ev["components"]):
            # the LHE scores each component by LKE and evaluasi lapangan: the form blends the nilai (seed 002)
            fields = {f"{COMPONENTS[c['name']]}_{k}": _id(c.get(k)) for c in ev["components"]
                      for k in ("lke", "lapangan")}  # fmt: skip
        elif ev.get("components"):
            fields = {COMPONENTS[c["name"]]: _id(c["nilai"]) for c in ev["components"]}
        else:
            fields = {"total": _id(ev["nilai"])}
        number = ev.get("lhe_number") or ev.get("source_document", "")
        texts, follow_ups = _recommendations(ev)
        post = {"lhe_number": number[:200], "lhe_date": ev.get("lhe_date") or ev.get("source_date", ""), **fields,
                "recommendations": "\n".join(texts)}  # fmt: skip
        _check(inspektorat.post(url, post), f"evaluasi SAKIP {year}")
        evaluation = SakipEvaluation.objects.get(organisation=organisation, year=year)
        recommendations = list(evaluation.recommendations.order_by("pk"))
        for rec, tl in zip(recommendations, follow_ups, strict=False):
            follow = {f"r{rec.pk}-{k}": tl.get(k, "") for k in ("rencana_aksi", "hasil", "waktu", "penanggung_jawab")}
            follow[f"r{rec.pk}-state"] = STATES.get(tl.get("status", ""), "proses")
            _check(operator.post(url, {"recommendation": rec.pk, **follow}), f"tindak lanjut {year}")
        count += 1
    return count


PENDIDIKAN = {"S3": "s3", "S2": "s2", "S1": "s1", "D4": "d4", "D3": "d3", "D2": "d2", "D1": "d1", "SMA": "slta", "SMP": "smp", "SD": "sd"}
ESELON = {"II.a": "II/a", "II.b": "II/b", "III.a": "III/a", "III.b": "III/b", "IV.a": "IV/a", "IV.b": "IV/b", "V.a": "V/a"}


def staff_rows(data: ModuleType) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The staff composition's cells as the admin types them: ``STAFF_GOLONGAN`` (golongan, pendidikan group, L, P;
    seed 004) or ``STAFF_COUNTS`` (jenis jabatan x pendidikan, the non-ASN as their golongan group; seed 003), and
    ``STAFF_ESELON`` (the structural officials by eselon; seed 004)."""
    counts: list[dict[str, Any]] = []
    for g, pendidikan, male, female in getattr(data, "STAFF_GOLONGAN", None) or []:
        counts.append({"golongan": g, "pendidikan": pendidikan, "jabatan": "", "male": male, "female": female})
    for c in getattr(data, "STAFF_COUNTS", None) or []:
        non_asn = c["jabatan"] == "non_asn"
        counts.append({"golongan": "non_asn" if non_asn else c["golongan"], "pendidikan": PENDIDIKAN[c["pendidikan"]],
                       "jabatan": "" if non_asn else c["jabatan"], "male": c["male"], "female": c["female"]})  # fmt: skip
    eselon = [{"eselon": ESELON[e], "pendidikan": pendidikan, "male": male, "female": female}
              for e, pendidikan, male, female in getattr(data, "STAFF_ESELON", None) or []]  # fmt: skip
    return counts, eselon


def _inline(prefix: str, rows: list[dict[str, Any]]) -> dict[str, Any]:
    post: dict[str, Any] = {f"{prefix}-TOTAL_FORMS": len(rows), f"{prefix}-INITIAL_FORMS": 0, f"{prefix}-MIN_NUM_FORMS": 0,
                            f"{prefix}-MAX_NUM_FORMS": 1000}  # fmt: skip
    for n, row in enumerate(rows):
        post |= {f"{prefix}-{n}-{k}": v for k, v in row.items()}
    return post


def enter_staff(*, admin: Client, organisation: Organisation, data: ModuleType) -> bool:
    """The staff composition (BAB I Sumber Daya Aparatur) typed by the kabupaten's admin into the admin screen of
    the composition with its counts and its structural officials by eselon; False when the seed has none."""
    counts, eselon = staff_rows(data)
    if not counts:
        return False
    post = {"organisation": organisation.pk, "as_of": getattr(data, "STAFF_AS_OF", f"{data.YEAR}-12-31"),
            "source": getattr(data, "STAFF_SOURCE", ""), **_inline("counts", counts), **_inline("eselon_counts", eselon),
            **_inline("unit_counts", staff_unit_rows(data, organisation)), **_inline("posts", []), "_save": "Simpan"}  # fmt: skip
    response = admin.post(reverse("admin:organisations_staffcomposition_add"), post)
    if response.status_code != 302:
        errors = [response.context_data.get(k) for k in ("errors", "inline_admin_formsets")] if hasattr(response, "context_data") else []
        raise EntryError(f"komposisi pegawai: HTTP {response.status_code} {errors[:1]}")
    return True


def staff_unit_rows(data: ModuleType, organisation: Organisation) -> list[dict[str, Any]]:
    """The staff per unit or desa/kelurahan as the admin types them (``STAFF_PER_UNIT``: unit or desa name, status,
    pendidikan, L, P; seed 002's Tabel 1.1 and 2.2, each person's unit from the jabatan and sex from the NIP)."""
    units = {u.name: u.pk for u in Unit.objects.filter(organisation=organisation)}
    desa = {d.name: d.pk for d in Desa.objects.filter(organisation=organisation)}
    rows = []
    for place, status, pendidikan, male, female in getattr(data, "STAFF_PER_UNIT", None) or []:
        if place not in units and place not in desa:
            raise EntryError(f"pegawai per unit: unit atau desa '{place}' tidak ada")
        rows.append({"unit": units.get(place, ""), "desa": "" if place in units else desa[place], "status": status,
                     "pendidikan": pendidikan, "male": male, "female": female})  # fmt: skip
    return rows


def enter_staff_per_unit(*, admin: Client, organisation: Organisation, data: ModuleType) -> bool:
    """The staff per unit typed by the kabupaten's admin into the admin screen of a composition already recorded
    (Perak's, from demo.json): its counts kept as they are, the unit rows added; False when the seed has none."""
    rows = staff_unit_rows(data, organisation)
    if not rows:
        return False
    comp = StaffComposition.objects.filter(organisation=organisation).order_by("-as_of").first()
    if comp is None:
        raise EntryError("pegawai per unit: komposisi pegawai belum ada")
    counts = [{"id": c.pk, "composition": comp.pk, "golongan": c.golongan, "pendidikan": c.pendidikan, "jabatan": c.jabatan,
               "male": c.male, "female": c.female} for c in comp.counts.order_by("pk")]  # fmt: skip
    eselon = [{"id": c.pk, "composition": comp.pk, "eselon": c.eselon, "pendidikan": c.pendidikan, "male": c.male, "female": c.female}
              for c in comp.eselon_counts.order_by("pk")]  # fmt: skip
    post = {"organisation": organisation.pk, "as_of": comp.as_of.isoformat(), "source": comp.source, **_initial_inline("counts", counts),
            **_initial_inline("eselon_counts", eselon), **_inline("unit_counts", rows), **_inline("posts", []), "_save": "Simpan"}  # fmt: skip
    _admin_saved(admin.post(reverse("admin:organisations_staffcomposition_change", args=[comp.pk]), post), "pegawai per unit")
    return True


def _admin_saved(response: Any, what: str) -> None:
    if response.status_code != 302:
        errors = [response.context_data.get(k) for k in ("errors",)] if hasattr(response, "context_data") else []
        raise EntryError(f"{what}: HTTP {response.status_code} {errors[:1]}")


def enter_profile(*, admin: Client, organisation: Organisation, data: ModuleType) -> bool:
    """The kecamatan's profile of BAB I (``PROFILE``: tugas, fungsi, aspek strategis, layanan; per unit its tugas
    and fungsi) typed by the kabupaten's admin into the admin screens of the organisation and of each unit, one
    item per line; False when the seed has none."""
    profile = getattr(data, "PROFILE", None)
    if not profile:
        return False
    org = Organisation.objects.get(pk=organisation.pk)
    post: dict[str, Any] = {k: getattr(org, k) for k in ("kind", "name", "slug", "code", "address", "postal_code", "phone", "email",
                                                         "website", "signing_place", "legal_basis")}  # fmt: skip
    post |= {"pemda": org.pemda_id, "tugas": profile.get("tugas", ""), "fungsi": "\n".join(profile.get("fungsi", [])),
             "aspek_strategis": "\n".join(profile.get("aspek_strategis", [])), "layanan": "\n".join(profile.get("layanan", [])),
             "_save": "Simpan"}  # fmt: skip
    units = list(Unit.objects.filter(organisation=org).order_by("pk"))
    desa = list(org.desa_set.order_by("pk"))
    post |= _initial_inline("units", [{"id": u.pk, "organisation": org.pk, "order": u.order, "kind": u.kind, "name": u.name,
                                       "parent": u.parent_id or ""} for u in units])  # fmt: skip
    post |= _initial_inline(
        "desa_set", [{"id": d.pk, "organisation": org.pk, "kind": d.kind, "name": d.name, "code": d.code} for d in desa]
    )
    _admin_saved(admin.post(reverse("admin:organisations_organisation_change", args=[org.pk]), post), "profil organisasi")
    by_name = {u.name: u for u in units}
    for name, duties in profile.get("units", {}).items():
        u = by_name[name]
        post = {"organisation": org.pk, "parent": u.parent_id or "", "kind": u.kind, "name": u.name, "order": u.order,
                "duties": "\n".join(duties.get("tugas", [])), "fungsi": "\n".join(duties.get("fungsi", [])), "_save": "Simpan"}  # fmt: skip
        _admin_saved(admin.post(reverse("admin:organisations_unit_change", args=[u.pk]), post), f"tugas dan fungsi {name}")
    return True


def _initial_inline(prefix: str, rows: list[dict[str, Any]]) -> dict[str, Any]:
    post = _inline(prefix, rows)
    post[f"{prefix}-INITIAL_FORMS"] = len(rows)
    return post


def enter(*, client: Client, organisation: Organisation, data: ModuleType) -> Renstra:
    """Enter ``data`` (see fixtures/perak_2024_data.py) as the logged-in operator of ``client``."""
    return Entry(client, organisation, data).run()


def enter_sarpras(*, client: Client, organisation: Organisation, data: ModuleType, year: int) -> int:
    """The operator types the sarana dan prasarana of ``year`` (data module ``SARPRAS_<year>``: uraian, hasil rekon,
    standar kebutuhan) into the sarpras form, one item per line; the efisiensi is computed by the report."""
    items = getattr(data, f"SARPRAS_{year}", None)
    if not items:
        return 0
    text = "\n".join(f"{u}; {h}" + (f"; {s}" if s is not None else "") for u, h, s in items)
    _check(client.post(reverse("reports:sarpras", args=[organisation.pk, year]), {"items": text}), f"sarana dan prasarana {year}")
    return len(items)


def enter_budget_documents(*, admin: Client, operator: Client, organisation: Organisation, data: ModuleType) -> int:
    """The data module's ``DOKUMEN_ANGGARAN``: each budget document as belanja per kode akun (and, for a
    document whose lines are not imported, its numbers of programs, kegiatan and sub kegiatan), typed into
    the dokumen anggaran form by the pemda admin (DPA, DPPA; after their import, whose pagu the form checks)
    or the operator (Renja, realisasi). Amounts at one level only: every total is computed."""
    count = 0
    for doc in getattr(data, "DOKUMEN_ANGGARAN", None) or []:
        client = admin if doc["kind"] in ("murni", "perubahan") else operator
        post = {akun_field_name(code): _id(amount) for code, amount in doc["akun"].items()}
        post |= {k: _id(doc.get(k)) for k in ("program_count", "kegiatan_count", "sub_kegiatan_count")}
        url = reverse("budgets:dokumen_anggaran", args=[organisation.pk, doc["year"], doc["kind"]])
        _check(client.post(url, post), f"dokumen anggaran {doc['kind']} {doc['year']}")
        count += 1
    return count


def enter_rb_evaluation(*, inspektorat: Client, organisation: Organisation, data: ModuleType) -> int:
    """The Inspektorat types the RB evaluation of the data module (``RB_EVALUATION``: the letter, its component
    tree and the index it states) into the RB evaluation form: «komponen; bobot» for a group, «- rincian; bobot;
    nilai» for each child. A group's nilai and the index's predikat are computed by the report; the index is typed
    as the letter states it (seed 002: 74,90, while the components add to 74,89, Q11)."""
    rb = getattr(data, "RB_EVALUATION", None)
    if not rb:
        return 0
    lines = []
    for c in rb["components"]:
        if c.get("children"):
            lines.append(f"{c['name']}; {_id(c['bobot'])}")
            lines.extend(f"- {k['name']}; {_id(k['bobot'])}; {_id(k['nilai'])}" for k in c["children"])
        else:
            lines.append(f"{c['name']}; {_id(c['bobot'])}; {_id(c['nilai'])}")
    post = {"letter_number": rb.get("source_document", "")[:200], "letter_date": rb.get("source_date", ""),
            "components": "\n".join(lines), "indeks": _id(rb.get("index"))}  # fmt: skip
    _check(inspektorat.post(reverse("reports:rb_evaluation", args=[organisation.pk, rb["year"]]), post), f"evaluasi RB {rb['year']}")
    return 1
