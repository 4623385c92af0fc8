"""One word per concept (issue 16): the budget's realisation is "realisasi anggaran" everywhere.

BudgetRealisation becomes RealisasiAnggaran (its table and its history table are renamed, rows kept);
the organisation's reverse accessor and the constraint names follow.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("budgets", "0001_initial"),
        ("organisations", "0001_initial"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="budgetrealisation", name="budget_realisation_unique"),
        migrations.RemoveConstraint(model_name="budgetrealisation", name="budget_realisation_quarter_1_4"),
        migrations.RemoveConstraint(model_name="budgetrealisation", name="budget_realisation_not_negative"),
        migrations.RenameModel(old_name="BudgetRealisation", new_name="RealisasiAnggaran"),
        migrations.RenameModel(old_name="HistoricalBudgetRealisation", new_name="HistoricalRealisasiAnggaran"),
        migrations.AlterField(
            model_name="realisasianggaran",
            name="organisation",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="realisasi_anggaran",
                to="organisations.organisation",
                verbose_name="organisasi",
            ),
        ),
        migrations.AddConstraint(
            model_name="realisasianggaran",
            constraint=models.UniqueConstraint(fields=("organisation", "year", "code", "quarter"), name="realisasi_anggaran_unique"),
        ),
        migrations.AddConstraint(
            model_name="realisasianggaran",
            constraint=models.CheckConstraint(condition=models.Q(("quarter__gte", 1), ("quarter__lte", 4)), name="realisasi_anggaran_quarter_1_4"),
        ),
        migrations.AddConstraint(
            model_name="realisasianggaran",
            constraint=models.CheckConstraint(
                condition=models.Q(("amount__isnull", True), ("amount__gte", 0), _connector="OR"), name="realisasi_anggaran_not_negative"
            ),
        ),
    ]
