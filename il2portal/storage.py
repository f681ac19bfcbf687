"""Static file storage for collected files (production and `make run`)."""

from __future__ import annotations

from whitenoise.storage import CompressedManifestStaticFilesStorage


class CollectedStaticFilesStorage(CompressedManifestStaticFilesStorage):
    """Hashed names and gzip/brotli copies, as whitenoise's storage, also when DEBUG is on: Django's
    manifest storage names the unhashed file under DEBUG, which whitenoise can only cache for
    seconds; with the hashed name it is cached for a year as immutable (`make run` runs with DEBUG)."""

    def url(self, name, force=False):
        return super().url(name, force=True)
