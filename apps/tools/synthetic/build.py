"""The whole synthetic kabupaten, step by step in one transaction (the order of the steps is the order
of the draws: changing it changes the rows a seed gives)."""

from __future__ import annotations

from django.core.management.base import CommandError
from django.db import transaction

from apps.organisations.models import Pemda
from apps.performance.models import PredikatScale
from apps.performance.services import scale_adopt
from apps.tools.synthetic.agreements import agreements
from apps.tools.synthetic.budget import budgets
from apps.tools.synthetic.context import Run, Shape, Summary
from apps.tools.synthetic.indicators import indicators
from apps.tools.synthetic.people import kabupaten, people, users
from apps.tools.synthetic.plan import plans, tree
from apps.tools.synthetic.realisations import realisations

PEMDA_EXISTS = "Pemda dengan kode «%(code)s» sudah ada; generate_kabupaten tidak menimpa data. Pakai --pemda-code lain."
# The predikat scales of the catalogue every synthetic pemda adopts.
SCALES = ("permendagri-86-2017", "akip-permenpanrb-88-2021")


@transaction.atomic
def generate_kabupaten(
    *,
    kecamatan: int = 30,
    year: int = 2024,
    seed: int = 1,
    pemda_code: str = "synth",
    shape: Shape | None = None,
    password: str = "demo12345",
) -> Summary:
    """A synthetic kabupaten ``pemda_code`` with ``kecamatan`` kecamatan, each with a Renstra, a PK for ``year``,
    four quarters of realisations and its users; refuses a pemda code that exists."""
    shape = shape or Shape()
    shape.validate()
    if kecamatan < 1:
        raise CommandError("Paling sedikit 1 kecamatan.")
    if Pemda.objects.filter(code=pemda_code).exists():
        raise CommandError(PEMDA_EXISTS % {"code": pemda_code})
    return _build(Run(kecamatan=kecamatan, year=year, seed=seed, pemda_code=pemda_code, shape=shape, password=password))


def _build(run: Run) -> Summary:
    pemda, orgs = kabupaten(run)
    people(run, pemda, orgs)
    kecamatan_plans = plans(run, orgs)
    tree(run, kecamatan_plans)
    indicators(run, kecamatan_plans)
    agreements(run, kecamatan_plans)
    accounts = users(run, pemda, orgs)
    realisations(run, kecamatan_plans)
    has_budgets = budgets(run, kecamatan_plans)
    _scales(run, pemda)
    return Summary(
        pemda=pemda,
        organisations=orgs,
        counts=run.counts,
        budgets_app=has_budgets,
        usernames={role: [u.username for u in us] for role, us in accounts.items()},
    )


def _scales(run: Run, pemda: Pemda) -> None:
    for key in SCALES:
        template = PredikatScale.objects.filter(pemda__isnull=True, catalogue_key=key).first()
        if template is not None:
            scale_adopt(pemda=pemda, template=template)
            run.counts["performance.PredikatScale"] = run.counts.get("performance.PredikatScale", 0) + 1
