"""Plain plate matrices (CSV, TSV, semicolon CSV, XLSX) and long tables."""

from __future__ import annotations

import time

import pytest

from assays.readers import ParseError, detect_format, read_plate_file, well_name

from ._support import expected, matrix_text, xlsx_bytes

SIZES = [(2, 3), (3, 4), (4, 6), (6, 8), (8, 12), (16, 24), (32, 48)]


def _check_plate(result, rows, cols):
    assert result.vendor == "matrix"
    (plate,) = result.plates
    assert (plate.rows, plate.columns) == (rows, cols)
    (read,) = plate.reads
    assert len(read.points) == rows * cols
    for r, c in [(0, 0), (rows - 1, cols - 1), (rows // 2, cols // 3)]:
        assert read.value(well_name(r, c)) == pytest.approx(expected(rows, cols, r, c))
    assert all(p.flag is None for p in read.points)
    return plate


@pytest.mark.parametrize("rows,cols", SIZES, ids=[f"{r * c}" for r, c in SIZES])
@pytest.mark.parametrize("labels", [True, False], ids=["labelled", "bare"])
def test_it_reads_csv_matrices_of_every_plate_size(rows, cols, labels):
    data = matrix_text(rows, cols, labels=labels).encode()
    assert detect_format(data, "plate.csv") == "matrix"
    plate = _check_plate(read_plate_file(data, filename="plate.csv"), rows, cols)
    assert plate.metadata["labelled"] is labels


@pytest.mark.parametrize("rows,cols", [(8, 12), (16, 24), (32, 48)])
@pytest.mark.parametrize("labels", [True, False], ids=["labelled", "bare"])
def test_it_reads_tsv_matrices(rows, cols, labels):
    data = matrix_text(rows, cols, labels=labels, sep="\t").encode()
    plate = _check_plate(read_plate_file(data, filename="plate.tsv"), rows, cols)
    assert plate.metadata["delimiter"] == "tab"


@pytest.mark.parametrize("sep", [";", "\t"], ids=["semicolon", "tab"])
def test_it_reads_decimal_commas(sep):
    data = matrix_text(8, 12, sep=sep, decimal=",").encode()
    assert "0,25" in data.decode()
    _check_plate(read_plate_file(data), 8, 12)


def test_it_reads_a_quoted_decimal_comma_in_a_comma_csv():
    text = matrix_text(2, 3).replace("0.25", '"0,25"')
    plate = read_plate_file(text.encode()).plates[0]
    assert plate.reads[0].value("A1") == pytest.approx(0.25)


@pytest.mark.parametrize("rows,cols", [(2, 3), (4, 6), (8, 12), (16, 24), (32, 48)])
@pytest.mark.parametrize("labels", [True, False], ids=["labelled", "bare"])
def test_it_reads_xlsx_matrices(rows, cols, labels):
    cells = []
    if labels:
        cells.append([None, *range(1, cols + 1)])
    for r in range(rows):
        values = [expected(rows, cols, r, c) for c in range(cols)]
        cells.append([well_name(r, 0)[:-1], *values] if labels else values)
    data = xlsx_bytes(cells)
    assert detect_format(data, "plate.xlsx") == "matrix"
    plate = _check_plate(read_plate_file(data, filename="plate.xlsx"), rows, cols)
    assert plate.metadata["source"] == "xlsx"


def test_it_reads_an_xlsx_matrix_with_text_numbers_and_tokens():
    cells = [["OD450"], [None, 1, 2, 3], ["A", "1,5", 2.5, "OVRFLW"], ["B", "", "Masked", "abc"]]
    result = read_plate_file(xlsx_bytes(cells))
    plate = result.plates[0]
    assert (plate.rows, plate.columns) == (2, 3)
    read = plate.read("OD450")
    assert (read.kind, read.wavelength_nm) == ("absorbance", 450)
    assert read.value("A1") == 1.5 and read.value("A2") == 2.5
    assert [read.point(w).flag for w in ("A3", "B1", "B2", "B3")] == [
        "saturated",
        "missing",
        "masked",
        "invalid",
    ]
    assert any("Cell D4 of sheet" in w and "abc" in w for w in result.warnings)


def test_it_parses_a_1536_well_matrix_quickly():
    data = matrix_text(32, 48).encode()
    start = time.perf_counter()
    result = read_plate_file(data, filename="big.csv")
    elapsed = time.perf_counter() - start
    plate = _check_plate(result, 32, 48)
    assert plate.reads[0].point("AF48").value == pytest.approx(expected(32, 48, 31, 47))
    assert elapsed < 1.0


def test_it_uses_a_title_line_as_the_read_label_and_reads_several_blocks():
    text = matrix_text(8, 12, title="Lum") + "\n" + matrix_text(8, 12, title="OD 450 nm")
    plate = read_plate_file(text.encode()).plates[0]
    assert [(r.label, r.kind, r.wavelength_nm) for r in plate.reads] == [
        ("Lum", "luminescence", None),
        ("OD 450 nm", "absorbance", 450.0),
    ]


def test_it_reads_column_headers_written_01_and_row_labels_with_trailing_commas():
    lines = [",01,02,03,"] + [f"{r},{i}.5,{i + 1}.5,{i + 2}.5," for i, r in enumerate("AB")]
    plate = read_plate_file("\n".join(lines).encode()).plates[0]
    assert (plate.rows, plate.columns) == (2, 3)
    assert plate.reads[0].value("B3") == 3.5


def test_it_flags_tokens_and_never_turns_them_into_zero():
    tokens = ["OVRFLW", "Over", "OVER", "*", "Masked", "Range?", "MISSED", "", "NaN", "-", ">3.5", "<0.1"]
    row_a = ",".join(["A", *tokens])
    row_b = ",".join(["B"] + ["1"] * 12)
    text = "," + ",".join(str(c) for c in range(1, 13)) + "\n" + row_a + "\n" + row_b + "\n"
    read = read_plate_file(text.encode()).plates[0].reads[0]
    flags = [read.point(f"A{c}").flag for c in range(1, 13)]
    assert flags == [
        "saturated", "saturated", "saturated", "masked", "masked", "invalid",
        "missing", "missing", "missing", "missing", "saturated", "invalid",
    ]  # fmt: skip
    assert all(read.point(f"A{c}").value is None for c in range(1, 13))


def test_it_flags_junk_as_invalid_with_a_warning_naming_the_cell():
    text = matrix_text(8, 12).replace("40.25", "abc")
    result = read_plate_file(text.encode())
    point = result.plates[0].reads[0].point("D5")
    assert (point.value, point.flag) == (None, "invalid")
    assert (
        result.warnings
        and "Line 5, column 6 (well D5)" in result.warnings[0]
        and "'abc'" in result.warnings[0]
    )


@pytest.mark.parametrize("labels", [True, False], ids=["labelled", "bare"])
def test_it_refuses_a_matrix_with_a_missing_column_naming_the_line(labels):
    lines = matrix_text(8, 12, labels=labels).splitlines()
    bad = 4 if labels else 3  # row D
    lines[bad] = lines[bad].rsplit(",", 1)[0]
    with pytest.raises(ParseError) as exc:
        read_plate_file(("\n".join(lines) + "\n").encode(), filename="plate.csv")
    assert exc.value.code == "parse_error"
    assert exc.value.line == bad + 1
    assert f"Line {bad + 1}" in exc.value.message and "row D" in exc.value.message


def test_it_refuses_rows_out_of_order():
    text = matrix_text(8, 12).replace("\nC,", "\nX,").replace("\nD,", "\nC,").replace("\nX,", "\nD,")
    with pytest.raises(ParseError) as exc:
        read_plate_file(text.encode())
    assert exc.value.line == 4 and "expected plate row C" in exc.value.message


def test_it_refuses_blocks_of_different_plate_sizes():
    text = matrix_text(8, 12, title="a") + "\n" + matrix_text(16, 24, title="b")
    with pytest.raises(ParseError) as exc:
        read_plate_file(text.encode(), vendor="matrix")
    assert "same plate size" in exc.value.message and exc.value.line == 13


def test_it_reads_a_matrix_in_utf16_and_latin1():
    text = "Mesure à 450 nm\n" + matrix_text(8, 12, sep=";", decimal=",")
    for encoding in ("utf-16", "latin-1", "utf-8-sig", "cp1252"):
        plate = read_plate_file(text.encode(encoding)).plates[0]
        assert plate.reads[0].label == "Mesure à 450 nm"
        assert plate.reads[0].value("H12") == pytest.approx(95.25)


# --------------------------------------------------------------------------------------------------
# long tables
# --------------------------------------------------------------------------------------------------


def test_it_reads_a_long_csv_with_reads():
    text = 'well,value,read\nA01,1.5,OD450\nB2,OVER,OD450\nA1,3,OD620\nH12,"2,5",OD620\n'
    data = text.encode()
    assert detect_format(data, "x.csv") == "long_csv"
    result = read_plate_file(data)
    assert result.vendor == "long_csv"
    plate = result.plates[0]
    assert (plate.rows, plate.columns) == (8, 12)
    od450, od620 = plate.reads
    assert (od450.label, od450.kind, od450.wavelength_nm) == ("OD450", "absorbance", 450.0)
    assert od450.value("A1") == 1.5 and od450.point("B2").flag == "saturated"
    assert od620.value("A1") == 3 and od620.value("H12") == 2.5


def test_it_reads_a_long_table_with_time_and_wavelength():
    rows = ["Well;Wavelength;Time_s;Value"]
    for t in (0, 30, 60):
        for w in ("A1", "P24"):
            rows.append(f"{w};405;{t};{t / 100 + 0.1:.2f}".replace(".", ","))
    plate = read_plate_file("\n".join(rows).encode()).plates[0]
    assert (plate.rows, plate.columns) == (16, 24)
    (read,) = plate.reads
    assert (read.label, read.kind, read.wavelength_nm) == ("405nm", "absorbance", 405.0)
    assert read.timepoints == (0.0, 30.0, 60.0)
    assert read.value("P24", 60.0) == pytest.approx(0.7)


def test_it_reads_a_long_table_from_xlsx():
    data = xlsx_bytes([["Well", "RLU"], ["A1", 100], ["B03", 250.5], ["C4", "Masked"]])
    assert detect_format(data) == "long_csv"
    read = read_plate_file(data).plates[0].reads[0]
    assert read.value("B3") == 250.5 and read.point("C4").flag == "masked"


def test_it_refuses_a_long_csv_line_without_a_value_naming_the_line():
    with pytest.raises(ParseError) as exc:
        read_plate_file(b"well,value\nA1,1\nA2,2\nA3\n")
    assert exc.value.line == 4 and "Line 4" in exc.value.message


def test_it_refuses_a_bad_well_name_in_a_long_csv():
    with pytest.raises(ParseError) as exc:
        read_plate_file(b"well,value\nA1,1\nQ77,2\n")
    assert exc.value.line == 3 and "'Q77'" in exc.value.message


def test_it_refuses_a_duplicate_well_in_a_long_csv():
    with pytest.raises(ParseError) as exc:
        read_plate_file(b"well,value\nA1,1\nA01,2\n")
    assert exc.value.line == 3 and "twice" in exc.value.message


def test_it_flags_junk_in_a_long_csv_with_a_warning_naming_the_line():
    result = read_plate_file(b"well,value\nA1,1\nA2,abc\n")
    assert result.plates[0].reads[0].point("A2").flag == "invalid"
    assert "Line 3, column 2 (well A2)" in result.warnings[0]


def test_it_reads_back_the_portals_own_long_export_with_flags_and_plates():
    header = "plate,barcode,read,kind,wavelength_nm,time_s,well,row,column,value,flag"
    lines = [
        header,
        "P1,BC1,450nm,absorbance,450.0,,A1,A,1,0.5,",
        "P1,BC1,450nm,absorbance,450.0,,A2,A,2,,saturated",
        "P1,BC1,Lum,luminescence,,0.0,B3,B,3,100,",
        "P1,BC1,Lum,luminescence,,30.0,B3,B,3,120,",
        "P2,,450nm,absorbance,450.0,,P24,P,24,1.25,",
    ]
    result = read_plate_file(("\n".join(lines) + "\n").encode(), filename="export.csv")
    assert result.vendor == "long_csv"
    p1, p2 = result.plates
    assert (p1.name, p1.barcode, p1.rows, p1.columns) == ("P1", "BC1", 8, 12)
    assert (p2.name, p2.barcode, p2.rows, p2.columns) == ("P2", None, 16, 24)
    od = p1.read("450nm")
    assert (od.kind, od.wavelength_nm) == ("absorbance", 450.0)
    assert od.value("A1") == 0.5 and (od.point("A2").value, od.point("A2").flag) == (None, "saturated")
    lum = p1.read("Lum")
    assert lum.kind == "luminescence" and lum.timepoints == (0.0, 30.0) and lum.value("B3", 30.0) == 120
    assert p2.read("450nm").value("P24") == 1.25
    assert not result.warnings
