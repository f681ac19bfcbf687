"""Lists of a lab after years of use: a stored summary per result version (the run list carries it
instead of the whole result), (lab, newest first) indexes for plates, imports and runs, and on PostgreSQL
trigram indexes for the plate search (name, barcode, file name: a case-insensitive "contains")."""

from django.conf import settings
from django.db import migrations, models

from assays.analysis.summary import run_summary

TRIGRAM_INDEXES = (
    ("assays_plate", "plate_name_trgm", "name"),
    ("assays_plate", "plate_barcode_trgm", "barcode"),
    ("assays_storedfile", "storedfile_name_trgm", "original_filename"),
)


def fill_summaries(apps, schema_editor):
    RunResult = apps.get_model("assays", "RunResult")
    batch = []
    for version in RunResult.objects.exclude(result=None).only("pk", "result").iterator(chunk_size=500):
        version.summary = run_summary(version.result)
        batch.append(version)
        if len(batch) == 500:
            RunResult.objects.bulk_update(batch, ["summary"])
            batch = []
    RunResult.objects.bulk_update(batch, ["summary"])


def trigram_indexes(apps, schema_editor):
    # Django's icontains is UPPER(column) LIKE UPPER(%s): the index is on the same expression
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for table, name, column in TRIGRAM_INDEXES:
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (UPPER("{column}") gin_trgm_ops)'
        )


def drop_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for _table, name, _column in TRIGRAM_INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("assays", "0004_read_series_calculated"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="runresult",
            name="summary",
            field=models.JSONField(blank=True, default=dict),
        ),
        migrations.RunPython(fill_summaries, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="assayrun",
            index=models.Index(fields=["lab", "-created_at"], name="run_lab_created"),
        ),
        migrations.AddIndex(
            model_name="plate",
            index=models.Index(fields=["lab", "-created_at", "index_in_file"], name="plate_lab_created"),
        ),
        migrations.AddIndex(
            model_name="plateimport",
            index=models.Index(fields=["lab", "-created_at"], name="import_lab_created"),
        ),
        migrations.RunPython(trigram_indexes, drop_trigram_indexes),
    ]
