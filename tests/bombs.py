"""Hostile files built in memory: spreadsheets and text that cost far more to parse than to upload.

Each builder returns bytes small enough to upload; none needs a file on disk.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
)
_SHEET_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<dimension ref="{dimension}"/><sheetData>'
)
_SHEET_TAIL = "</sheetData></worksheet>"


def _cells_xml(rows: list[list[float]]) -> str:
    out = []
    for i, row in enumerate(rows, start=1):
        cells = "".join(_cell_xml(f"{_col(j)}{i}", v) for j, v in enumerate(row))
        out.append(f'<row r="{i}">{cells}</row>')
    return "".join(out)


def _cell_xml(ref: str, value) -> str:
    if isinstance(value, str):
        return f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>'
    return f'<c r="{ref}"><v>{value}</v></c>'


def _col(j: int) -> str:
    letters, n = "", j + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _package(sheet_xml: bytes | None = None, *, sheet_member=None) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", _CONTENT_TYPES)
        zf.writestr("_rels/.rels", _RELS)
        zf.writestr("xl/workbook.xml", _WORKBOOK)
        zf.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        if sheet_member is not None:
            sheet_member(zf)
        else:
            zf.writestr("xl/worksheets/sheet1.xml", sheet_xml)
    return buf.getvalue()


def plate_rows() -> list[list[float]]:
    """An 8 x 12 matrix of plausible absorbances."""
    return [[round(0.05 + 0.01 * (r * 12 + c), 3) for c in range(12)] for r in range(8)]


def xlsx_with_dimension(dimension: str = "A1:XFD1048576", rows: list[list[float]] | None = None) -> bytes:
    """A tiny valid workbook (a 96-well matrix) whose ``<dimension>`` claims ``dimension``."""
    body = _SHEET_HEAD.format(dimension=dimension) + _cells_xml(rows or plate_rows()) + _SHEET_TAIL
    return _package(body.encode())


def xlsx_with_far_cell(ref: str = "XFD1048576") -> bytes:
    """A tiny workbook with a matrix and one cell at the far corner of the sheet (no dimension lie)."""
    body = (
        _SHEET_HEAD.format(dimension=f"A1:{ref}")
        + _cells_xml(plate_rows())
        + f'<row r="{re.sub(r"[A-Z]+", "", ref)}"><c r="{ref}"><v>1</v></c></row>'
        + _SHEET_TAIL
    )
    return _package(body.encode())


def xlsx_zip_bomb(uncompressed_mb: int = 500) -> bytes:
    """A workbook whose one sheet inflates to about ``uncompressed_mb`` MB of XML (a zip bomb).

    The rows are all the same so deflate squeezes them ~1000:1; the bytes are written through a raw
    deflate stream so building it takes a fraction of a second and little memory.
    """
    row = "".join(f'<c r="{_col(j)}1"><v>0</v></c>' for j in range(40))
    row = f'<row r="1">{row}</row>'.encode()
    head = _SHEET_HEAD.format(dimension="A1:AN1").encode()
    tail = _SHEET_TAIL.encode()
    repeat = (uncompressed_mb * 1_000_000) // len(row)

    def write(zf: zipfile.ZipFile) -> None:
        info = zipfile.ZipInfo("xl/worksheets/sheet1.xml")
        info.compress_type = zipfile.ZIP_DEFLATED
        block = row * 1000
        with zf.open(info, "w", force_zip64=True) as fh:
            fh.write(head)
            for _ in range(repeat // 1000):
                fh.write(block)
            fh.write(tail)

    return _package(sheet_member=write)


def zip_with_lying_size(real_mb: int = 200) -> bytes:
    """A workbook whose sheet's central-directory size says 1 kB but whose deflate stream holds
    ``real_mb`` MB: a reader trusting the declared size is fooled, one counting bytes is not."""
    row = b'<row r="1"><c r="A1"><v>0</v></c></row>' * 1000
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = _SHEET_HEAD.format(dimension="A1:A1").encode()
    parts = [comp.compress(head)]
    for _ in range(real_mb * 1_000_000 // len(row)):
        parts.append(comp.compress(row))
    parts.append(comp.compress(_SHEET_TAIL.encode()))
    parts.append(comp.flush())
    stream = b"".join(parts)
    good = _package(b"<x/>")
    # rebuild with the sheet member's bytes swapped for the big stream but the small size kept
    src = zipfile.ZipFile(io.BytesIO(good))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for info in src.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                zf.writestr(info, src.read(info))
        info = zipfile.ZipInfo("xl/worksheets/sheet1.xml")
        info.compress_type = zipfile.ZIP_STORED  # written raw, then marked deflated below
        zf.writestr(info, stream)
    data = bytearray(buf.getvalue())
    # mark the member deflated with a 1000-byte uncompressed size in both headers
    name = b"xl/worksheets/sheet1.xml"
    local = data.find(b"PK\x03\x04")
    while local != -1:
        n = int.from_bytes(data[local + 26 : local + 28], "little")
        if data[local + 30 : local + 30 + n] == name:
            data[local + 8 : local + 10] = (8).to_bytes(2, "little")
            data[local + 22 : local + 26] = (1000).to_bytes(4, "little")
            break
        local = data.find(b"PK\x03\x04", local + 4)
    central = data.find(b"PK\x01\x02")
    while central != -1:
        n = int.from_bytes(data[central + 28 : central + 30], "little")
        if data[central + 46 : central + 46 + n] == name:
            data[central + 10 : central + 12] = (8).to_bytes(2, "little")
            data[central + 24 : central + 28] = (1000).to_bytes(4, "little")
            break
        central = data.find(b"PK\x01\x02", central + 4)
    return bytes(data)


def long_single_line(mb: int = 18) -> bytes:
    """One line of ``mb`` MB of comma-separated numbers (no newline)."""
    return b"0.1," * (mb * 1_000_000 // 4)


def wide_csv(columns: int = 1_000_000) -> bytes:
    """A CSV whose header row has ``columns`` columns, then a row of values."""
    header = ",".join(str(i + 1) for i in range(columns))
    values = ",".join("0.5" for _ in range(columns))
    return f"{header}\nA,{values}\n".encode()


def many_lines(lines: int = 3_000_000) -> bytes:
    """Millions of short lines: a 'well,value' table far longer than any plate."""
    return b"well,value\n" + b"A1,0.5\n" * lines


def csv_measurement_bomb(columns: int = 1_000_000) -> bytes:
    """A measurement sheet CSV with an animal column and a million more."""
    header = "tag,length,width," + ",".join(f"x{i}" for i in range(columns))
    return (header + "\n" + "M1,10,8," + ",".join("1" for _ in range(columns)) + "\n").encode()
