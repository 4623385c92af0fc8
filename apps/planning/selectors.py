"""Reads of the Renstra, in a fixed number of queries."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from apps.calculations import bridge

from .models import Indicator, IndicatorTarget, Program, Renstra


@dataclass
class RenstraTree:
    renstra: Renstra
    tujuan: list[Any] = field(default_factory=list)
    programs: list[Any] = field(default_factory=list)
    indicators_by_parent: dict[tuple[str, int], list[Indicator]] = field(default_factory=dict)
    strategi: list[Any] = field(default_factory=list)


def renstra_list(*, organisation: Any, user: Any) -> QuerySet[Renstra]:
    return Renstra.objects.for_user(user).filter(organisation=organisation)


def renstra_tree(*, renstra: Renstra) -> RenstraTree:
    """Tujuan > sasaran and program > kegiatan > sub kegiatan, each with its indicators and targets, and the strategi
    and arah kebijakan (8 queries)."""
    indicators = list(
        Indicator.objects.filter(renstra=renstra)
        .select_related("responsible_unit")
        .prefetch_related(Prefetch("targets", queryset=IndicatorTarget.objects.order_by("year")))
        .order_by("order", "pk")
    )
    by_parent: dict[tuple[str, int], list[Indicator]] = {}
    for ind in indicators:
        by_parent.setdefault((ind.level, getattr(ind, f"{ind.level}_id")), []).append(ind)
    tujuan = list(renstra.tujuan_set.prefetch_related("sasaran_set").order_by("order", "code"))
    programs = list(
        Program.objects.filter(renstra=renstra).prefetch_related("sasaran", "kegiatan_set__sub_kegiatan_set").order_by("order", "code")
    )
    tree = RenstraTree(renstra=renstra, tujuan=tujuan, programs=programs, indicators_by_parent=by_parent)
    tree.strategi = list(renstra.strategi_set.select_related("sasaran").order_by("order", "pk"))
    for t in tujuan:
        t.indicator_list = by_parent.get(("tujuan", t.pk), [])
        for s in t.sasaran_set.all():
            s.indicator_list = by_parent.get(("sasaran", s.pk), [])
    for p in programs:
        p.indicator_list = by_parent.get(("program", p.pk), [])
        for k in p.kegiatan_set.all():
            k.indicator_list = by_parent.get(("kegiatan", k.pk), [])
            for sk in k.sub_kegiatan_set.all():
                sk.indicator_list = by_parent.get(("sub_kegiatan", sk.pk), [])
    return tree


def with_components(shown: list[Indicator], *, renstra_ids: Iterable[int], iku: bool = False) -> list[Indicator]:
    """``shown``, the components their composite formulas name (by code, in the same Renstra) and the
    IKU of those Renstra when ``iku``, in
    one query whether or not there is a composite (constant query counts, tests/test_query_budgets.py)."""
    if not shown:
        return []
    codes = set().union(*(bridge.formula_codes(ind) for ind in shown))
    wanted = Q(pk__in=[ind.pk for ind in shown]) | Q(code__in=codes)
    if iku:
        wanted |= Q(is_iku=True)
    loaded = {ind.pk: ind for ind in Indicator.objects.filter(wanted, renstra__in=list(renstra_ids)).order_by("order", "pk")}
    # A composite's components are in its own Renstra (a same code in another one is not one of them).
    needed = {(ind.renstra_id, code) for ind in shown for code in bridge.formula_codes(ind)}
    shown_pks = {ind.pk for ind in shown}
    # With ``iku`` the IKU of the Renstra too: one the PK does not list is still reported against its Renstra target.
    extra = [ind for ind in loaded.values() if ind.pk not in shown_pks and ((ind.renstra_id, ind.code) in needed or (iku and ind.is_iku))]
    return [*(loaded.get(ind.pk, ind) for ind in shown), *extra]
