"""Tecan kinetic CSV exports: SparkControl (one line per well under ``Cycle Nr.`` / ``Time [s]`` / ``Temp.``)
and i-control (one line per cycle). Built after the layout of a real SparkControl kinetic export
(ucl-cssb/flopr ``examples/plate_reader/tecan_spark/200228_example_data.csv``: settings blocks per read,
a ``Mode,Kinetic`` block, then one table per read titled with the read's name); the numbers are ours."""

from __future__ import annotations

import pytest

from assays.readers import ParseError, detect_format, read_plate_file

SPARK = """Application: SparkControl,,,,V2.3
Device: Spark,,,,Serial number: x
,,,,
Plate,,,,[GRE96ft] - Greiner 96 Flat Transparent
,,,,
Mode,Kinetic,,,
Kinetic duration,,,,23:59:59,hh:mm:ss
Interval time,,,,00:20:00,hh:mm:ss
,,,,
Mode,Absorbance,,,
Name,OD600,,,
Measurement wavelength,,,,600,nm
Number of flashes,,,,10,
,,,,
Mode,Fluorescence Top Reading,,,
Name,GFP,,,
Excitation wavelength,,,,485,nm
Excitation bandwidth,,,,20,nm
Emission wavelength,,,,535,nm
Emission bandwidth,,,,20,nm
Gain,,,,135,Manual
,,,,
Start Time,,,,27/02/2020 17:28
,,,,
OD600,,,,
Cycle Nr.,1,2,3
Time [s],0,1199.825,2399.782
Temp. [°C],35.6,37,37.1
A1,,,
C1,0.1074,0.1144,0.1218
C2,0.1083,0.1151,OVER
,,,,
GFP,,,,
Cycle Nr.,1,2,3
Time [s],30,1229.8,2429.7
Temp. [°C],35.6,37,37.1
C1,100,200,300
,,,,
End Time,,,,28/02/2020 17:28
"""

ICONTROL = """Application: Tecan i-control,,,,
Device: infinite 200Pro,Serial number: 1234,,,
Plate,Greiner 96 Flat Transparent [GRE96ft.pdfx],,,
Mode,Absorbance,,,
Measurement wavelength,600,nm,,
Name,OD600,,,
,,,,
OD600:600,,,,
Cycle Nr.,Time [s],Temp. [°C],A1,A2
1,0,30,0.1,0.11
2,600,30.1,0.2,0.21
3,1200,30,0.3,0.31
,,,,
"""


def test_a_sparkcontrol_kinetic_csv_gives_one_kinetic_read_per_measurement():
    data = SPARK.encode()
    assert detect_format(data, "spark.csv") == "tecan_spark_csv"
    plate = read_plate_file(data, filename="spark.csv").plates[0]
    assert (plate.rows, plate.columns) == (8, 12)  # "[GRE96ft] - Greiner 96 Flat Transparent"
    od, gfp = plate.reads
    assert (od.label, od.kind, od.wavelength_nm, od.mode) == ("OD600", "absorbance", 600, "kinetic")
    assert od.timepoints == (0, 1199.825, 2399.782) and od.wells == ("C1", "C2")
    assert od.value("C1", 1199.825) == 0.1144 and od.point("C2", 2399.782).flag == "saturated"
    assert od.metadata["temperatures_c"] == [35.6, 37, 37.1]
    assert (gfp.kind, gfp.wavelength_nm, gfp.metadata["excitation_nm"], gfp.metadata["gain"]) == (
        "fluorescence", 535, 485, 135,
    )  # fmt: skip
    assert gfp.metadata["bandwidth_nm"] == 20 and gfp.timepoints == (30, 1229.8, 2429.7)


def test_an_icontrol_kinetic_csv_with_cycles_as_rows_is_read():
    result = read_plate_file(ICONTROL.encode(), filename="icontrol.csv")
    (read,) = result.plates[0].reads
    assert (read.label, read.wavelength_nm, read.mode, read.timepoints) == (
        "OD600",
        600,
        "kinetic",
        (0, 600, 1200),
    )
    assert read.value("A2", 1200) == 0.31 and result.plates[0].software.startswith("i-control")


def test_a_kinetic_well_line_longer_than_its_cycles_is_refused_naming_the_line():
    bad = SPARK.replace("C1,100,200,300", "C1,100,200,300,400")
    with pytest.raises(ParseError) as err:
        read_plate_file(bad.encode(), filename="spark.csv")
    assert "Line 37" in err.value.message and "more values than the table has cycles" in err.value.message


def test_an_icontrol_csv_with_a_bom_and_wells_as_rows_is_read():
    text = (
        '\ufeffApplication: Tecan i-control,,,,"Tecan i-control , 1.11.1.0",,\n'
        "Device: infinite 200Pro,,,,Serial number: 1409002252,,\n"
        "Plate,,,,Greiner 96 Flat Bottom Transparent Polystyrene Cat. No.: 655101/655161/655192 [GRE96ft.pdfx],,\n"
        ",,,,,,\n"
        "Label1,,,,,,\n"
        "Cycle Nr.,1,2,3,,,\n"
        "Time [s],0,3600,7200,,,\n"
        "Temp. [°C],37,37.1,37,,,\n"
        "A1,0.09,0.12,0.2,,,\n"
        "H12,0.08,0.08,0.081,,,\n"
        ",,,,,,\n"
    )
    result = read_plate_file(text.encode("utf-8"), filename="icontrol.csv")
    plate = result.plates[0]
    (read,) = plate.reads
    assert (plate.rows, plate.columns) == (8, 12)
    assert (read.label, read.mode, read.timepoints, read.value("H12", 7200)) == (
        "Label1",
        "kinetic",
        (0, 3600, 7200),
        0.081,
    )
    assert read.kind == "other"  # no Mode block says what Label1 measures
    assert any("'Label1'" in w and "not known" in w for w in result.warnings)
