"""Arms with several treatments, step 3 of 3: the arm's own treatment fields go (they live in
``ArmTreatment`` rows now, their past values in the first treatment's history), every dose belongs to
a treatment, and there is one dose per animal, treatment and day."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("studies", "0004_arm_treatments_data")]

    operations = [
        *[
            migrations.RemoveField(model_name=model, name=name)
            for model in ("arm", "historicalarm")
            for name in ("treatment", "lot", "dose", "dose_unit", "route", "schedule")
        ],
        *[
            migrations.AlterField(
                model_name=model,
                name="regimen",
                field=models.CharField(
                    blank=True,
                    help_text="The regimen in the protocol's words (free text, not used to plan doses).",
                    max_length=300,
                ),
            )
            for model in ("arm", "historicalarm")
        ],
        migrations.AlterField(
            model_name="dose",
            name="treatment",
            field=models.ForeignKey(
                help_text="The arm's treatment this dose is of (a combination arm plans each agent apart).",
                on_delete=django.db.models.deletion.RESTRICT,
                related_name="doses",
                to="studies.armtreatment",
            ),
        ),
        migrations.AddConstraint(
            model_name="dose",
            constraint=models.UniqueConstraint(
                fields=("animal", "treatment", "date"), name="one_dose_per_animal_treatment_day"
            ),
        ),
    ]
