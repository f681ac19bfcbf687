"""Content negotiation: DRF's, with a plain answer for an unknown ``?format=``.

DRF reads ``?format=`` as its renderer switch (``json``; ``api`` for the browsable pages), so a client
that filters plates with ``?format=gen5`` would get a bare 404. It gets a 404 ``unknown_format`` that
says the plate format is ``vendor``."""

from __future__ import annotations

from django.http import Http404
from rest_framework.negotiation import DefaultContentNegotiation


class ContentNegotiation(DefaultContentNegotiation):
    def filter_renderers(self, renderers, format):
        try:
            return super().filter_renderers(renderers, format)
        except Http404:
            from il2portal.api.errors import ApiError

            known = sorted({r.format for r in renderers})
            raise ApiError(
                "unknown_format",
                f"format={str(format)[:50]!r} is not an answer format of the API ({', '.join(known)}); "
                "to choose plates or imports by their file format use vendor=<key> "
                "(keys at /api/v1/plates/formats/).",
                status_code=404,
                detail={"format": str(format)[:50], "formats": known},
            ) from None
