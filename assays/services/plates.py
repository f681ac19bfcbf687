"""Plate import services: keyword-only, typed, one transaction each.

Plate import: the original bytes are kept (content-addressed by SHA-256) whatever happens; a file
that cannot be read becomes a failed import that can be retried with another format; a file that
can be read becomes plates, reads and wells written in bulk (no query per well).
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction

from assays import readers, series
from assays.models import Plate, PlateImport, Read, StoredFile, Well
from il2portal.models import Lab


class ImportRefused(Exception):
    """The file cannot become a plate. ``code`` follows API.md; the import is kept when ``plate_import`` is set."""

    def __init__(
        self, code: str, message: str, *, plate_import: PlateImport | None = None, detail: dict | None = None
    ):
        super().__init__(message)
        self.code = code
        self.message = message
        self.plate_import = plate_import
        self.detail = detail or {}


@dataclass
class ImportOutcome:
    plate_import: PlateImport
    plates: list[Plate] = field(default_factory=list)
    duplicate: bool = False


def _store_file(*, lab: Lab, data: bytes, filename: str, content_type: str, user) -> StoredFile:
    sha = hashlib.sha256(data).hexdigest()
    existing = StoredFile.objects.filter(lab=lab, sha256=sha).first()
    if existing is not None:
        return existing
    stored = StoredFile(
        lab=lab,
        sha256=sha,
        size=len(data),
        original_filename=filename[:255],
        content_type=content_type[:100],
        uploaded_by=user,
    )
    stored.file.save(sha, ContentFile(data), save=False)
    try:
        with transaction.atomic():
            stored.save()
    except IntegrityError:  # the same bytes arrived concurrently: keep the first copy only
        stored.file.delete(save=False)
        return StoredFile.objects.get(lab=lab, sha256=sha)
    return stored


def upload_limits() -> readers.Limits:
    """What reading one uploaded file may cost (settings UPLOAD_*; see assays.readers.limits)."""
    return readers.Limits(
        time_limit_s=float(settings.UPLOAD_PARSE_TIME_LIMIT_S),
        memory_limit_bytes=int(settings.UPLOAD_PARSE_MEMORY_MB) * 1024 * 1024,
        max_uncompressed_bytes=int(settings.UPLOAD_MAX_UNCOMPRESSED_MB) * 1024 * 1024,
    )


def upload_read(upload, *, max_bytes: int | None = None) -> bytes:
    """The bytes of an uploaded file, refusing one over the limit before reading it."""
    limit = max_bytes or settings.MAX_UPLOAD_BYTES
    size = getattr(upload, "size", None)
    if size is not None and size > limit:
        raise ImportRefused(
            "file_too_large",
            f"{upload.name} is {size / 1e6:.1f} MB; the limit is {limit / 1e6:.1f} MB.",
            detail={"size": size, "limit": limit},
        )
    chunks, total = [], 0
    for chunk in upload.chunks():
        total += len(chunk)
        if total > limit:
            raise ImportRefused("file_too_large", f"{upload.name} is larger than {limit / 1e6:.1f} MB.")
        chunks.append(chunk)
    return b"".join(chunks)


def plate_import(
    *,
    lab: Lab,
    data: bytes,
    filename: str,
    user,
    vendor: str | None = None,
    name: str = "",
    barcode: str = "",
    content_type: str = "",
    layout=None,
) -> ImportOutcome:
    """Import one uploaded file. Returns the existing plates (``duplicate``) for bytes already in the lab.

    Raises :class:`ImportRefused` for a file that cannot be read; its failed import is kept. An empty
    file, or a layout of another lab, is refused before anything is stored.
    """
    if layout is not None and layout.lab_id != lab.pk:
        raise ImportRefused(
            "validation_error",
            "layout: this layout belongs to another lab than the plate.",
            detail={"layout": ["belongs to another lab"]},
        )
    if not data.strip():
        raise ImportRefused("empty_file", f"{filename} is empty.")
    if vendor and vendor not in readers.FORMAT_KEYS:
        raise ImportRefused(
            "invalid_vendor",
            f"Unknown vendor format {vendor!r}; see GET /api/v1/plates/formats/.",
            detail={"vendor": vendor, "supported": list(readers.FORMAT_KEYS)},
        )
    sha = hashlib.sha256(data).hexdigest()
    existing = list(Plate.objects.filter(lab=lab, stored_file__sha256=sha).select_related("plate_import"))
    if existing:
        return ImportOutcome(plate_import=existing[0].plate_import, plates=existing, duplicate=True)
    stored = _store_file(lab=lab, data=data, filename=filename, content_type=content_type, user=user)
    return _import_once(
        stored=stored,
        read=lambda: plate_import_from_stored(
            lab=lab,
            stored=stored,
            user=user,
            vendor=vendor,
            name=name,
            barcode=barcode,
            data=data,
            layout=layout,
        ),
    )


def _import_once(*, stored: StoredFile, read) -> ImportOutcome:
    """Run ``read`` for a stored file unless another request already made its plates.

    The stored file's row (unique per lab and SHA-256) is locked for the import, so of several
    concurrent uploads of the same bytes one imports and the others wait, then answer as duplicates
    with its plates. A refused file's failed import is committed before the refusal is raised.
    """
    with transaction.atomic():
        StoredFile.objects.select_for_update().filter(pk=stored.pk).first()
        existing = list(Plate.objects.filter(stored_file=stored).select_related("plate_import"))
        if existing:
            return ImportOutcome(plate_import=existing[0].plate_import, plates=existing, duplicate=True)
        try:
            return read()
        except ImportRefused as exc:
            refused = exc
    raise refused


def plate_import_retry(*, failed: PlateImport, user, vendor: str | None) -> ImportOutcome:
    """Read a kept upload again, typically with another format forced."""
    if failed.stored_file is None:
        raise ImportRefused(
            "not_retryable", "This upload was refused before it was stored (too large); upload it again."
        )
    if vendor and vendor not in readers.FORMAT_KEYS:
        raise ImportRefused("invalid_vendor", f"Unknown vendor format {vendor!r}.", detail={"vendor": vendor})

    def read() -> ImportOutcome:
        with failed.stored_file.file.open("rb") as fh:
            data = fh.read()
        return plate_import_from_stored(
            lab=failed.lab, stored=failed.stored_file, user=user, vendor=vendor, data=data
        )

    return _import_once(stored=failed.stored_file, read=read)


def plate_import_refused_upload(
    *, lab: Lab, filename: str, size: int, user, code: str, message: str
) -> PlateImport:
    """Record an upload refused before its bytes were read (too large), so it is listed with the reason."""
    return PlateImport.objects.create(
        lab=lab,
        original_filename=filename[:255],
        size=size,
        status=PlateImport.Status.FAILED,
        error_code=code,
        error_message=message,
        created_by=user,
    )


def plate_import_from_stored(
    *,
    lab: Lab,
    stored: StoredFile,
    user,
    data: bytes,
    vendor: str | None = None,
    name: str = "",
    barcode: str = "",
    layout=None,
) -> ImportOutcome:
    started = time.perf_counter()
    # what the import record says of the upload, whether it succeeds or not
    upload = {
        "lab": lab,
        "stored_file": stored,
        "original_filename": stored.original_filename,
        "size": stored.size,
        "vendor_requested": vendor or "",
        "created_by": user,
    }

    def refuse(code: str, message: str, detail: dict | None = None, detected: str = "") -> ImportRefused:
        """Keep the attempt as a failed import (the bytes stay stored) and describe it for the caller."""
        failed = PlateImport.objects.create(
            **upload,
            status=PlateImport.Status.FAILED,
            vendor=detected,
            error_code=code,
            error_message=f"{stored.original_filename}: {message}",
            error_detail=detail or {},
            parse_ms=(time.perf_counter() - started) * 1000,
        )
        return ImportRefused(code, failed.error_message, plate_import=failed, detail=failed.error_detail)

    limits = upload_limits()
    readers.preload()
    try:
        result = readers.run_bounded(
            lambda: readers.read_plate_file(
                data, filename=stored.original_filename, vendor=vendor or None, limits=limits
            ),
            limits,
        )
    except readers.ReaderError as exc:
        detail = {k: v for k, v in exc.as_dict().items() if k not in ("code", "message")}
        raise refuse(exc.code, exc.message, detail) from None
    parse_ms = (time.perf_counter() - started) * 1000
    if not result.plates or not any(read.points for plate in result.plates for read in plate.reads):
        raise refuse("parse_error", "no plate values were found in the file.", detected=result.vendor)
    with transaction.atomic():
        record = PlateImport.objects.create(
            **upload,
            status=PlateImport.Status.SUCCEEDED,
            vendor=result.vendor,
            warnings=list(result.warnings),
            parse_ms=parse_ms,
        )
        plates = plates_store(
            lab=lab,
            plate_import=record,
            stored=stored,
            result=result,
            user=user,
            name=name,
            barcode=barcode,
            layout=layout,
        )
    return ImportOutcome(plate_import=record, plates=plates)


def plates_store(
    *,
    lab: Lab,
    plate_import: PlateImport,
    stored: StoredFile,
    result: readers.ParseResult,
    user,
    name: str = "",
    barcode: str = "",
    layout=None,
) -> list[Plate]:
    """Write parsed plates: one query for plates, one for reads and one bulk insert for wells per plate."""
    base_name = name or stored.original_filename.rsplit(".", 1)[0]
    many = len(result.plates) > 1
    plates = []
    for index, parsed in enumerate(result.plates):
        plate_name = (
            parsed.name if many and parsed.name else (f"{base_name} #{index + 1}" if many else base_name)
        )
        if name and many:
            plate_name = f"{name} #{index + 1}"
        plates.append(
            Plate(
                lab=lab,
                plate_import=plate_import,
                stored_file=stored,
                index_in_file=index,
                name=plate_name[:200],
                barcode=(barcode or parsed.barcode or "")[:100],
                vendor=result.vendor,
                instrument=(parsed.instrument or "")[:200],
                software=(parsed.software or "")[:200],
                rows=parsed.rows,
                columns=parsed.columns,
                metadata=_json_safe(parsed.metadata),
                uploaded_by=user,
                layout=layout,
            )
        )
    plates = Plate.objects.bulk_create(plates)
    read_rows = []
    for plate, parsed in zip(plates, result.plates, strict=True):
        for r_index, read in enumerate(parsed.reads):
            fields = series.pack(read) if read.mode != "endpoint" else {"mode": "endpoint"}
            read_rows.append(
                Read(
                    plate=plate,
                    index=r_index,
                    label=read.label[:200],
                    kind=read.kind,
                    wavelength_nm=read.wavelength_nm,
                    calculated=read.calculated,
                    metadata=_json_safe(read.metadata),
                    **fields,
                )
            )
    read_rows = Read.objects.bulk_create(read_rows)
    well_rows = []
    reads_iter = iter(read_rows)
    for plate, parsed in zip(plates, result.plates, strict=True):
        for read in parsed.reads:
            read_row = next(reads_iter)
            if read.mode != "endpoint":
                continue  # kept as one array on the Read (assays.series)
            for point in read.points:
                row, column = readers.parse_well(point.well)
                well_rows.append(
                    Well(
                        plate=plate,
                        read=read_row,
                        well=point.well,
                        row=row,
                        column=column,
                        time_s=point.time_s,
                        value=point.value,
                        flag=point.flag,
                    )
                )
    Well.objects.bulk_create(well_rows, batch_size=5000)
    return plates


def _json_safe(value):
    if isinstance(value, dict):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_safe(v) for v in value]
    if isinstance(value, float) and value != value:
        return None
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)
