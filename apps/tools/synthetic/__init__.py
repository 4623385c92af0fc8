"""A synthetic kabupaten for benchmarks, load tests and query budgets (issue 9), written by
``manage.py generate_kabupaten`` (docs/performance.md).

Everything is written with ``bulk_create``, level by level for all kecamatan at once, inside one
transaction; every figure is a ``Decimal`` built from integers drawn from ``random.Random`` seeded
with the seed (string seeds are hashed with SHA-512 by the standard library, so the same seed gives
the same rows on every machine and Python run). A pemda code that already exists is refused.

Note: ``bulk_create`` writes no django-simple-history rows; the synthetic data has no history.

The modules, in the order of the steps: ``people`` (pemda, kecamatan, units, desa, officials, staff,
users), ``plan`` (the Renstra tree), ``indicators``, ``agreements`` (the PK), ``realisations``,
``budget`` (DPA and realisasi anggaran), all run by ``build``; ``context`` holds the shared run and
``names`` the words.
"""

from apps.tools.synthetic.budget import budgets_models
from apps.tools.synthetic.build import PEMDA_EXISTS, generate_kabupaten
from apps.tools.synthetic.context import Shape, Summary

__all__ = ["PEMDA_EXISTS", "Shape", "Summary", "budgets_models", "generate_kabupaten"]
