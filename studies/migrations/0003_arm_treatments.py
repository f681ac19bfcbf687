"""Arms with several treatments, step 1 of 3 (schema): the ``ArmTreatment`` model (with its history)
and ``Dose.treatment``, still nullable until step 2 has filled it. The one-dose-per-animal-arm-day
constraint goes now, because a combination arm has two doses on a day; step 3 adds one dose per
animal, treatment and day."""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("il2portal", "0001_initial"),
        ("studies", "0002_dosing_start_day_bounds"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ArmTreatment",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("order", models.PositiveSmallIntegerField(default=0)),
                ("dose", models.FloatField(blank=True, null=True)),
                ("dose_unit", models.CharField(blank=True, default="mg/kg", max_length=20)),
                ("route", models.CharField(blank=True, default="i.p.", max_length=20)),
                (
                    "schedule",
                    models.CharField(blank=True, help_text="e.g. q3d×5, biw×4, once", max_length=100),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "arm",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="treatments",
                        to="studies.arm",
                    ),
                ),
                (
                    "lab",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="+", to="il2portal.lab"
                    ),
                ),
                (
                    "lot",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="arm_treatments",
                        to="il2portal.lot",
                    ),
                ),
                (
                    "test_article",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="arm_treatments",
                        to="il2portal.testarticle",
                    ),
                ),
            ],
            options={"verbose_name": "treatment", "ordering": ["arm", "order", "id"]},
        ),
        migrations.CreateModel(
            name="HistoricalArmTreatment",
            fields=[
                (
                    "id",
                    models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID"),
                ),
                ("order", models.PositiveSmallIntegerField(default=0)),
                ("dose", models.FloatField(blank=True, null=True)),
                ("dose_unit", models.CharField(blank=True, default="mg/kg", max_length=20)),
                ("route", models.CharField(blank=True, default="i.p.", max_length=20)),
                (
                    "schedule",
                    models.CharField(blank=True, help_text="e.g. q3d×5, biw×4, once", max_length=100),
                ),
                ("created_at", models.DateTimeField(blank=True, editable=False)),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "arm",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="studies.arm",
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "lab",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="il2portal.lab",
                    ),
                ),
                (
                    "lot",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="il2portal.lot",
                    ),
                ),
                (
                    "test_article",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="il2portal.testarticle",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical treatment",
                "verbose_name_plural": "historical treatments",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.AlterModelOptions(
            name="dose",
            options={"ordering": ["date", "animal__tag", "treatment__order", "treatment_id"]},
        ),
        migrations.RemoveConstraint(model_name="dose", name="one_dose_per_animal_day"),
        migrations.AddField(
            model_name="dose",
            name="treatment",
            field=models.ForeignKey(
                help_text="The arm's treatment this dose is of (a combination arm plans each agent apart).",
                null=True,
                on_delete=django.db.models.deletion.RESTRICT,
                related_name="doses",
                to="studies.armtreatment",
            ),
        ),
        migrations.AddField(
            model_name="historicaldose",
            name="treatment",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                help_text="The arm's treatment this dose is of (a combination arm plans each agent apart).",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="studies.armtreatment",
            ),
        ),
    ]
